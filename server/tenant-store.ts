// One org's tenant between the database and the simulated backend's TenantData. A request's transaction locks the
// tenant row, reads its rows into a world (people and states) and a snapshot (link, settings, counts) the simulated
// backend starts from, and afterwards writes back the tenant row and only the users the request changed, moving the
// tenant's revision on. The world is the baseline and the snapshot's changedStates the changes since, as in the
// preview; so a process may keep both and go on from them while the revision in the database is the one it wrote.
import type { SeedPerson, SeedPool, SeedSyncState, SeedWorld } from '../preview/seed/world';
import type { Queryable } from './db';

/** The seat pools of a new tenant; `npm run backend -- tenant --pools` sets others. */
export const DEFAULT_POOLS: SeedPool[] = [
    { licenseType: 'CORE', label: 'Core', total: 100, isDefault: true },
    { licenseType: 'ADVANCED', label: 'Advanced', total: 20, isDefault: false }
];

/** TenantData's stored form (preview/backend/tenant.ts), as the server builds and reads it. */
export interface TenantSnapshot {
    connection: unknown;
    authorized: boolean;
    authorizations: Record<string, number>;
    autofill: { leads: boolean; accounts: boolean; version: number };
    imported: Record<string, number>;
    statesBaseline: 'seed' | 'empty';
    changedStates: Record<string, StateTuple | null>;
    errorsSeenAt: Record<string, string>;
    learnedEmails: Record<string, string>;
}
type StateTuple = [boolean, string | null, string, string | null, string | null, number, number | null];

interface TenantRow {
    match_all: boolean;
    authorized: boolean;
    connection: { linkedAt?: string | null; lastSyncAt?: string | null };
    authorizations: Record<string, number>;
    autofill_leads: boolean;
    autofill_accounts: boolean;
    autofill_version: number;
    imported: Record<string, number>;
}

interface UserRow {
    user_id: string;
    email: string | null;
    sync_enabled: boolean;
    license_type: string | null;
    status: SeedSyncState['status'];
    last_synced_at: Date | string | null;
    last_error: string | null;
    version: number;
    pending_since: Date | string | null;
    error_seen_at: Date | string | null;
}

export interface LoadedTenant {
    world: SeedWorld;
    snapshot: TenantSnapshot;
}

const UNLINKED = { linkedOrgId: null, linkedBy: null, linkedAt: null, lastSyncAt: null };

function iso(value: Date | string | null): string | null {
    return value === null ? null : new Date(value).toISOString();
}

/** Creates the tenant of an org with its seat pools, unless it exists. */
export async function ensureTenant(db: Queryable, orgId: string, pools: SeedPool[] = DEFAULT_POOLS): Promise<void> {
    const inserted = await db.query(
        'INSERT INTO tenants (org_id, connection) VALUES ($1, $2) ON CONFLICT (org_id) DO NOTHING RETURNING org_id',
        [orgId, JSON.stringify(UNLINKED)]
    );
    if (inserted.length === 0) {
        return;
    }
    for (const [position, pool] of pools.entries()) {
        await db.query(
            'INSERT INTO license_pools (org_id, license_type, label, total, is_default, position) ' +
                'VALUES ($1, $2, $3, $4, $5, $6)',
            [orgId, pool.licenseType, pool.label, pool.total, pool.isDefault, position]
        );
    }
}

/**
 * Locks the org's tenant row for the transaction and answers its revision (as text: bigint); creates the tenant
 * first when a key names an org that has none yet.
 */
export async function lockTenant(tx: Queryable, orgId: string): Promise<string> {
    const lock = () =>
        tx.query<{ revision: string }>('SELECT revision::text AS revision FROM tenants WHERE org_id = $1 FOR UPDATE', [
            orgId
        ]);
    let [row] = await lock();
    if (!row) {
        await ensureTenant(tx, orgId);
        [row] = await lock();
    }
    return row.revision;
}

/** Reads the org's tenant, whose row lockTenant locked for the transaction first. */
export async function loadTenant(tx: Queryable, orgId: string): Promise<LoadedTenant> {
    const [tenant] = await tx.query<TenantRow>('SELECT * FROM tenants WHERE org_id = $1', [orgId]);
    const pools = await tx.query<{ license_type: string; label: string; total: number; is_default: boolean }>(
        'SELECT license_type, label, total, is_default FROM license_pools WHERE org_id = $1 ORDER BY position',
        [orgId]
    );
    const users = await tx.query<UserRow>('SELECT * FROM user_states WHERE org_id = $1 ORDER BY user_id', [orgId]);
    const accounts = tenant.match_all
        ? { has: () => true }
        : new Set(
              (await tx.query<{ email: string }>('SELECT email FROM crm_accounts WHERE org_id = $1', [orgId])).map(
                  (row) => row.email
              )
          );
    const people: SeedPerson[] = users.map((user, index) => ({
        index,
        id: user.user_id,
        name: user.user_id,
        username: user.email ?? user.user_id,
        email: user.email ?? '',
        profileName: '',
        isActive: true,
        userType: 'Standard',
        hasBackendAccount: user.email !== null && accounts.has(user.email.toLowerCase())
    }));
    const world: SeedWorld = {
        people,
        states: users.map((user) => ({
            syncEnabled: user.sync_enabled,
            licenseType: user.license_type,
            status: user.status,
            lastSyncedAt: iso(user.last_synced_at),
            lastError: user.last_error,
            version: user.version
        })),
        pools: pools.map((pool) => ({
            licenseType: pool.license_type,
            label: pool.label,
            total: pool.total,
            isDefault: pool.is_default
        })),
        imported: tenant.imported,
        linkedAt: tenant.connection.linkedAt ?? new Date(0).toISOString(),
        lastSyncAt: tenant.connection.lastSyncAt ?? null,
        accounts
    };
    // A sync the backend started is stored with its start, so TenantData finishes it on time.
    const changedStates: Record<string, StateTuple> = {};
    const errorsSeenAt: Record<string, string> = {};
    for (const user of users) {
        if (user.pending_since !== null) {
            changedStates[user.user_id] = [
                user.sync_enabled,
                user.license_type,
                user.status,
                iso(user.last_synced_at),
                user.last_error,
                user.version,
                new Date(user.pending_since).getTime()
            ];
        }
        if (user.error_seen_at !== null) {
            errorsSeenAt[user.user_id] = iso(user.error_seen_at) as string;
        }
    }
    return {
        world,
        snapshot: {
            connection: tenant.connection,
            authorized: tenant.authorized,
            authorizations: tenant.authorizations,
            autofill: {
                leads: tenant.autofill_leads,
                accounts: tenant.autofill_accounts,
                version: tenant.autofill_version
            },
            imported: tenant.imported,
            statesBaseline: 'seed',
            changedStates,
            errorsSeenAt,
            learnedEmails: {}
        }
    };
}

/**
 * Writes what a request changed: the tenant row, and each user whose state, error time or email differs from what
 * was loaded (a purge deletes them all first). Answers the tenant's new revision.
 */
export async function saveTenant(
    tx: Queryable,
    orgId: string,
    before: TenantSnapshot,
    after: TenantSnapshot
): Promise<string> {
    const [{ revision }] = await tx.query<{ revision: string }>(
        'UPDATE tenants SET authorized = $2, connection = $3, authorizations = $4, autofill_leads = $5, ' +
            'autofill_accounts = $6, autofill_version = $7, imported = $8, revision = revision + 1 ' +
            'WHERE org_id = $1 RETURNING revision::text AS revision',
        [
            orgId,
            after.authorized,
            JSON.stringify(after.connection),
            JSON.stringify(after.authorizations),
            after.autofill.leads,
            after.autofill.accounts,
            after.autofill.version,
            JSON.stringify(after.imported)
        ]
    );
    if (after.statesBaseline === 'empty') {
        await tx.query('DELETE FROM user_states WHERE org_id = $1', [orgId]);
    }
    const touched = new Set([
        ...Object.keys(after.changedStates).filter(
            (id) => JSON.stringify(after.changedStates[id]) !== JSON.stringify(before.changedStates[id])
        ),
        ...Object.keys(after.errorsSeenAt).filter((id) => after.errorsSeenAt[id] !== before.errorsSeenAt[id]),
        ...Object.keys(before.errorsSeenAt).filter((id) => !(id in after.errorsSeenAt)),
        ...Object.keys(after.learnedEmails).filter((id) => after.learnedEmails[id] !== before.learnedEmails[id])
    ]);
    for (const id of touched) {
        const state = after.changedStates[id];
        if (state === null) {
            await tx.query('DELETE FROM user_states WHERE org_id = $1 AND user_id = $2', [orgId, id]);
        } else if (state !== undefined) {
            const [syncEnabled, licenseType, status, lastSyncedAt, lastError, version, pendingSince] = state;
            await tx.query(
                'INSERT INTO user_states (org_id, user_id, email, sync_enabled, license_type, status, last_synced_at, ' +
                    'last_error, version, pending_since, error_seen_at) ' +
                    'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ' +
                    'ON CONFLICT (org_id, user_id) DO UPDATE SET email = COALESCE(EXCLUDED.email, user_states.email), ' +
                    'sync_enabled = EXCLUDED.sync_enabled, license_type = EXCLUDED.license_type, ' +
                    'status = EXCLUDED.status, last_synced_at = EXCLUDED.last_synced_at, ' +
                    'last_error = EXCLUDED.last_error, version = EXCLUDED.version, ' +
                    'pending_since = EXCLUDED.pending_since, error_seen_at = EXCLUDED.error_seen_at',
                [
                    orgId,
                    id,
                    after.learnedEmails[id] ?? null,
                    syncEnabled,
                    licenseType,
                    status,
                    lastSyncedAt,
                    lastError,
                    version,
                    pendingSince === null ? null : new Date(pendingSince).toISOString(),
                    after.errorsSeenAt[id] ?? null
                ]
            );
        } else {
            await tx.query(
                'UPDATE user_states SET error_seen_at = $3, email = COALESCE($4, email) ' +
                    'WHERE org_id = $1 AND user_id = $2',
                [orgId, id, after.errorsSeenAt[id] ?? null, after.learnedEmails[id] ?? null]
            );
        }
    }
    return revision;
}
