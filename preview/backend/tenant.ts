// The simulated backend's data for one tenant: the link to an org, authorization, seat pools, autofill settings,
// imported data counts and the sync state per Salesforce user. It starts from the seed and keeps only its changes
// in storage, so a reload shows the same data and "Reset preview data" brings the seed back.
import type { KeyValueStorage } from '../persist';
import { readJson, writeJson } from '../persist';
import type { BackendStatus, SeedSyncState, SeedWorld } from '../seed/world';
import { OTHER_ORG_ID, PREVIEW_ORG_ID } from '../seed/salesforce-id';
import { StateTable } from './state-table';
import type { Tenant } from '../params';

/** The contract's UserSyncState. */
export interface UserSyncState {
    salesforceUserId: string;
    syncEnabled: boolean;
    licenseType: string | null;
    status: BackendStatus;
    lastSyncedAt: string | null;
    lastError: string | null;
    version: number;
}

interface StoredState extends SeedSyncState {
    /** When the backend set `pending` itself; the simulated sync finishes SYNC_DURATION_MS later. */
    pendingSince?: number;
}

export interface LinkedBy {
    userId: string;
    name: string;
}

export interface ConnectionRecord {
    linkedOrgId: string | null;
    linkedBy: LinkedBy | null;
    linkedAt: string | null;
    lastSyncAt: string | null;
    /** Set while an admin paused sync (pauseSync); unlinking ends the pause too. */
    pause?: PauseRecord | null;
}

export interface PauseRecord {
    reason: string;
    pausedBy: LinkedBy;
    pausedAt: string;
}

export interface AutofillRecord {
    leads: boolean;
    accounts: boolean;
    version: number;
}

/** What is stored: everything small as it is, the user states only where they differ from the seed. */
interface Snapshot {
    connection: ConnectionRecord;
    authorized: boolean;
    authorizations: Record<string, number>;
    autofill: AutofillRecord;
    imported: Record<string, number>;
    /** `empty` after a purge deleted every user mapping; the seed's states are then gone. */
    statesBaseline: 'seed' | 'empty';
    /** id → [syncEnabled, licenseType, status, lastSyncedAt, lastError, version, pendingSince], or null when gone. */
    changedStates: Record<string, StateTuple | null>;
    /** User id → when a retry last saw the user's sync error fail again. */
    errorsSeenAt?: Record<string, string>;
    /** User id → the email a change sent, where the world does not know it already (the server's new users). */
    learnedEmails?: Record<string, string>;
}
type StateTuple = [boolean, string | null, BackendStatus, string | null, string | null, number, number | null];

export const SYNC_DURATION_MS = 10000;
/** Data categories a purge deletes; settings and the audit history are kept. */
export const PURGED_CATEGORIES = ['accounts', 'leads', 'contacts', 'activities', 'user_mappings'];
export const KEPT_CATEGORIES = ['settings', 'audit_history'];

function initialConnection(world: SeedWorld, tenant: Tenant): ConnectionRecord {
    if (tenant === 'linked' || tenant === 'mismatch') {
        return {
            linkedOrgId: tenant === 'linked' ? PREVIEW_ORG_ID : OTHER_ORG_ID,
            linkedBy: { userId: world.people[0].id, name: world.people[0].name },
            linkedAt: world.linkedAt,
            lastSyncAt: world.lastSyncAt
        };
    }
    return { linkedOrgId: null, linkedBy: null, linkedAt: null, lastSyncAt: world.lastSyncAt };
}

export class TenantData {
    connection!: ConnectionRecord;
    authorized = true;
    /** Pending authorization requests: token → expiry (ms). */
    authorizations: Record<string, number> = {};
    autofill!: AutofillRecord;
    imported!: Record<string, number>;
    /** User id → when a retry last saw the user's sync error fail again (sync-errors.ts). */
    errorsSeenAt: Record<string, string> = {};
    /** The CRM's accounts by email (lower case); a user is matched when their email has one. */
    readonly accounts: { has(email: string): boolean };
    /** User id → the email a change sent, where the world does not know it already. */
    learnedEmails: Record<string, string> = {};

    private states = new StateTable<StoredState>(null);
    private statesBaseline: 'seed' | 'empty' = 'seed';
    private changedIds = new Set<string>();
    private peopleById?: Map<string, SeedWorld['people'][number]>;
    private readonly world: SeedWorld;
    private readonly tenant: Tenant;
    private readonly storage: KeyValueStorage;
    private readonly storageKey: string;

    constructor(world: SeedWorld, tenant: Tenant, storage: KeyValueStorage, storageKey: string) {
        this.world = world;
        this.tenant = tenant;
        this.storage = storage;
        this.storageKey = storageKey;
        this.accounts =
            world.accounts ??
            new Set(world.people.filter((p) => p.hasBackendAccount).map((p) => p.email.toLowerCase()));
        this.load();
    }

    /** Seed plus the stored changes; called again when another tab changed the data. */
    load(): void {
        const saved = readJson<Snapshot>(this.storage, this.storageKey);
        this.connection = saved?.connection ?? initialConnection(this.world, this.tenant);
        this.authorized = saved?.authorized ?? this.tenant !== 'fresh';
        this.authorizations = saved?.authorizations ?? {};
        this.autofill = saved?.autofill ?? { leads: true, accounts: false, version: 3 };
        this.imported = saved?.imported ?? { ...this.world.imported };
        this.statesBaseline = saved?.statesBaseline ?? 'seed';
        this.errorsSeenAt = saved?.errorsSeenAt ?? {};
        this.learnedEmails = saved?.learnedEmails ?? {};
        this.states = new StateTable<StoredState>(this.statesBaseline === 'seed' ? this.world : null);
        this.changedIds = new Set();
        for (const [id, tuple] of Object.entries(saved?.changedStates ?? {})) {
            this.changedIds.add(id);
            if (tuple === null) {
                this.states.delete(id);
            } else {
                const [syncEnabled, licenseType, status, lastSyncedAt, lastError, version, pendingSince] = tuple;
                const state: StoredState = { syncEnabled, licenseType, status, lastSyncedAt, lastError, version };
                if (pendingSince !== null) {
                    state.pendingSince = pendingSince;
                }
                this.states.set(id, state);
            }
        }
    }

    save(): void {
        const changedStates: Record<string, StateTuple | null> = {};
        for (const id of this.changedIds) {
            const s = this.states.get(id);
            changedStates[id] = s
                ? [
                      s.syncEnabled,
                      s.licenseType,
                      s.status,
                      s.lastSyncedAt,
                      s.lastError,
                      s.version,
                      s.pendingSince ?? null
                  ]
                : null;
        }
        const snapshot: Snapshot = {
            connection: this.connection,
            authorized: this.authorized,
            authorizations: this.authorizations,
            autofill: this.autofill,
            imported: this.imported,
            statesBaseline: this.statesBaseline,
            changedStates,
            errorsSeenAt: this.errorsSeenAt,
            learnedEmails: this.learnedEmails
        };
        writeJson(this.storage, this.storageKey, snapshot);
    }

    /** The user's state as the contract shows it; a sync the backend started finishes after SYNC_DURATION_MS. */
    stateOf(id: string, now: number): UserSyncState | undefined {
        let state = this.states.get(id);
        if (!state) {
            return undefined;
        }
        if (
            state.status === 'pending' &&
            state.pendingSince !== undefined &&
            now - state.pendingSince >= SYNC_DURATION_MS
        ) {
            const { pendingSince, ...rest } = state;
            state = {
                ...rest,
                status: 'synced',
                lastSyncedAt: new Date(pendingSince + SYNC_DURATION_MS).toISOString()
            };
            this.states.set(id, state);
            this.changedIds.add(id);
        }
        const { syncEnabled, licenseType, status, lastSyncedAt, lastError, version } = state;
        return { salesforceUserId: id, syncEnabled, licenseType, status, lastSyncedAt, lastError, version };
    }

    putState(id: string, state: UserSyncState, pendingSince?: number): void {
        const { syncEnabled, licenseType, status, lastSyncedAt, lastError, version } = state;
        this.states.set(id, { syncEnabled, licenseType, status, lastSyncedAt, lastError, version, pendingSince });
        this.changedIds.add(id);
    }

    /** The ids of the users the backend holds a state for. */
    stateIds(): string[] {
        return [...this.states.keys()];
    }

    /** The user's email: the backend knows it from the changes it received. */
    emailOf(id: string): string | undefined {
        this.peopleById ??= new Map(this.world.people.map((person) => [person.id, person]));
        return this.learnedEmails[id] ?? this.peopleById.get(id)?.email;
    }

    /** Keeps the email a change sent for a user, unless it is the one already known. */
    rememberEmail(id: string, email: string): void {
        if (this.emailOf(id) !== email) {
            this.learnedEmails[id] = email;
        }
    }

    /** Seats taken per license type. */
    assignedSeats(): Map<string, number> {
        const assigned = new Map<string, number>();
        for (const state of this.states.values()) {
            if (state.licenseType) {
                assigned.set(state.licenseType, (assigned.get(state.licenseType) ?? 0) + 1);
            }
        }
        return assigned;
    }

    get pools(): SeedWorld['pools'] {
        return this.world.pools;
    }

    /**
     * Deletes the imported data and every user mapping; returns the counts that were deleted. The CRM's own user
     * accounts stay, so after the next link users are matched by email again.
     */
    purgeImportedData(): Record<string, number> {
        const deleted = { ...this.imported, user_mappings: this.states.size };
        for (const category of PURGED_CATEGORIES) {
            this.imported[category] = 0;
        }
        this.states = new StateTable<StoredState>(null);
        this.errorsSeenAt = {};
        this.changedIds.clear();
        this.statesBaseline = 'empty';
        return deleted;
    }

    /** The current count per category; user mappings are the states the backend holds. */
    categoryCounts(): Record<string, number> {
        return { ...this.imported, user_mappings: this.states.size };
    }
}
