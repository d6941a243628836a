// What the backend's operator sets from the command line (`npm run backend -- tenant …` and `maintenance …`): a
// tenant's seat pools and which emails its CRM can match, and scheduled maintenance of the whole service. Bad input
// is refused with a message that names it, and nothing is changed.
import { LICENSE_TYPE, isEmail } from '../preview/backend/http';
import type { SeedPool } from '../preview/seed/world';
import type { Queryable } from './db';
import { requireOrgId } from './keys';
import { ensureTenant } from './tenant-store';

export interface TenantSettings {
    /** Replaces the seat pools; the first one is the default pool. */
    pools?: SeedPool[];
    /** Only these emails have a CRM account; the others are answered not_matched. */
    crmAccounts?: string[];
    /** Every email has a CRM account (the default of a new tenant). */
    matchAll?: boolean;
    /** The next link first needs an admin's consent on the authorization page (served at PUBLIC_URL). */
    requireAuthorization?: boolean;
}

/** `CORE:100,ADVANCED:20` → pools, the first the default; throws on a malformed entry. */
export function parsePools(text: string): SeedPool[] {
    const pools = text.split(',').map((entry, index) => {
        const [licenseType, total, ...rest] = entry.trim().split(':');
        if (!LICENSE_TYPE.test(licenseType ?? '') || !/^\d{1,6}$/.test(total ?? '') || rest.length > 0) {
            throw new Error(`"${entry}" is not TYPE:SEATS (for example CORE:100; TYPE in capitals).`);
        }
        const label = licenseType.charAt(0) + licenseType.slice(1).toLowerCase().replace(/_/g, ' ');
        return { licenseType, label, total: Number(total), isDefault: index === 0 };
    });
    const types = pools.map((pool) => pool.licenseType);
    const repeated = types.find((type, index) => types.indexOf(type) !== index);
    if (repeated) {
        throw new Error(`${repeated} is listed twice.`);
    }
    return pools;
}

/** `a@x.com,B@y.com` → lower-case emails; throws on one that is not an email. */
export function parseEmails(text: string): string[] {
    const emails = text
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry.length > 0);
    const wrong = emails.find((email) => !isEmail(email));
    if (wrong !== undefined) {
        throw new Error(`"${wrong}" is not an email address.`);
    }
    return [...new Set(emails)];
}

/** Applies the settings to the org's tenant (created when missing), in the caller's transaction. */
export async function configureTenant(tx: Queryable, orgId: string, settings: TenantSettings): Promise<void> {
    requireOrgId(orgId);
    await ensureTenant(tx, orgId);
    if (settings.pools) {
        const assigned = await tx.query<{ license_type: string; seats: number }>(
            'SELECT license_type, count(*)::int AS seats FROM user_states ' +
                'WHERE org_id = $1 AND license_type IS NOT NULL GROUP BY license_type',
            [orgId]
        );
        for (const { license_type: licenseType, seats } of assigned) {
            const pool = settings.pools.find((candidate) => candidate.licenseType === licenseType);
            if (!pool || pool.total < seats) {
                throw new Error(
                    `${seats} ${licenseType} seat(s) are assigned: keep ${licenseType} with at least ${seats}.`
                );
            }
        }
        await tx.query('DELETE FROM license_pools WHERE org_id = $1', [orgId]);
        for (const [position, pool] of settings.pools.entries()) {
            await tx.query(
                'INSERT INTO license_pools (org_id, license_type, label, total, is_default, position) ' +
                    'VALUES ($1, $2, $3, $4, $5, $6)',
                [orgId, pool.licenseType, pool.label, pool.total, pool.isDefault, position]
            );
        }
    }
    if (settings.crmAccounts) {
        await tx.query('DELETE FROM crm_accounts WHERE org_id = $1', [orgId]);
        for (const email of settings.crmAccounts) {
            await tx.query('INSERT INTO crm_accounts (org_id, email) VALUES ($1, $2)', [orgId, email]);
        }
        await tx.query('UPDATE tenants SET match_all = false WHERE org_id = $1', [orgId]);
    }
    if (settings.matchAll) {
        await tx.query('UPDATE tenants SET match_all = true WHERE org_id = $1', [orgId]);
    }
    if (settings.requireAuthorization) {
        await tx.query('UPDATE tenants SET authorized = false WHERE org_id = $1', [orgId]);
    }
    // A server process that kept this tenant loads it again.
    await tx.query('UPDATE tenants SET revision = revision + 1 WHERE org_id = $1', [orgId]);
}

/** Starts maintenance for `minutes` from `now`, or ends it (0). */
export async function setMaintenance(db: Queryable, minutes: number, now: number): Promise<Date | null> {
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) {
        throw new Error(`"${minutes}" is not a number of minutes from 0 to 1440.`);
    }
    const until = minutes === 0 ? null : new Date(now + minutes * 60_000);
    await db.query('UPDATE service_state SET maintenance_until = $1', [until?.toISOString() ?? null]);
    return until;
}

/** The seconds of maintenance left at `now`, or 0. */
export async function maintenanceSecondsLeft(db: Queryable, now: number): Promise<number> {
    const [row] = await db.query<{ maintenance_until: Date | string | null }>(
        'SELECT maintenance_until FROM service_state'
    );
    const until = row?.maintenance_until ? new Date(row.maintenance_until).getTime() : 0;
    return until > now ? Math.ceil((until - now) / 1000) : 0;
}
