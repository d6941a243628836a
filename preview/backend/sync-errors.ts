// The simulated backend's open sync errors. A real backend records each failed sync; this one derives them from the
// user states, so they always agree with the status the panel shows: a user whose status is `error` has one open
// error, classified by its `lastError`, and a `not_matched` user has a `not_matched` error. The error's id names its
// user (one open error per user). A retry resolves an error by syncing the user again: a `not_matched` user stays
// unmatched while no CRM account has their email; every other cause is taken as fixed by the admin and resolves.
import { SEED_EPOCH } from '../seed/world';
import type { TenantData, UserSyncState } from './tenant';

export const SYNC_ERROR_CAUSES = [
    'not_matched',
    'crm_user_locked',
    'crm_permission_missing',
    'duplicate_record',
    'record_rejected',
    'crm_unavailable',
    'other'
] as const;
export type SyncErrorCause = (typeof SYNC_ERROR_CAUSES)[number];

export interface SyncError {
    id: string;
    salesforceUserId: string;
    cause: SyncErrorCause;
    message: string;
    recordType: 'user' | 'lead' | 'account' | 'contact' | 'activity';
    recordCount: number;
    firstSeenAt: string;
    lastSeenAt: string;
}

export interface SyncErrorFilter {
    salesforceUserId?: string;
    cause?: SyncErrorCause;
    since?: number;
    until?: number;
}

export type RetryOutcome =
    | { errorId: string; outcome: 'resolved'; salesforceUserId: string; error: null }
    | { errorId: string; outcome: 'failed'; salesforceUserId: string; error: SyncError }
    | { errorId: string; outcome: 'unknown'; salesforceUserId: null; error: null };

const ID_PREFIX = 'se-';
const HOUR_MS = 60 * 60 * 1000;

/** How the seed's `lastError` texts read as causes, and which records they stop. */
const CLASSIFIED: { pattern: RegExp; cause: SyncErrorCause; recordType: SyncError['recordType']; count: number }[] = [
    { pattern: /mailbox is full/, cause: 'record_rejected', recordType: 'contact', count: 1 },
    { pattern: /user is locked/, cause: 'crm_user_locked', recordType: 'activity', count: 12 },
    { pattern: /permission missing/i, cause: 'crm_permission_missing', recordType: 'activity', count: 4 },
    { pattern: /duplicate/, cause: 'duplicate_record', recordType: 'contact', count: 3 }
];

export function errorIdOf(userId: string): string {
    return `${ID_PREFIX}${userId}`;
}

/** A stable spread of hours from the user id, so the seeded errors are not all seen at once. */
function hoursOf(userId: string, modulo: number): number {
    let hash = 0;
    for (const char of userId) {
        hash = (hash * 31 + char.charCodeAt(0)) % 1000003;
    }
    return hash % modulo;
}

/** The user's open error, if their state has one. */
export function errorOf(tenant: TenantData, userId: string, state: UserSyncState | undefined): SyncError | undefined {
    if (!state || (state.status !== 'error' && state.status !== 'not_matched')) {
        return undefined;
    }
    // The error began when the sync last succeeded (or, never synced, some hours before the seed's present).
    const lastSynced = state.lastSyncedAt ? Date.parse(state.lastSyncedAt) : NaN;
    const first = Number.isNaN(lastSynced) ? SEED_EPOCH - hoursOf(userId, 72) * HOUR_MS : lastSynced;
    const seen = tenant.errorsSeenAt[userId];
    const last = seen ? Date.parse(seen) : Math.max(first, SEED_EPOCH - hoursOf(userId, 6) * HOUR_MS);
    const base = { id: errorIdOf(userId), salesforceUserId: userId, firstSeenAt: iso(first), lastSeenAt: iso(last) };
    if (state.status === 'not_matched') {
        const email = tenant.emailOf(userId) ?? 'unknown';
        return {
            ...base,
            cause: 'not_matched',
            message: `No CRM account has the e-mail ${email}.`,
            recordType: 'user',
            recordCount: 1
        };
    }
    const message = state.lastError ?? 'The sync failed.';
    const known = CLASSIFIED.find((entry) => entry.pattern.test(message));
    return {
        ...base,
        cause: known?.cause ?? 'other',
        message,
        recordType: known?.recordType ?? 'user',
        recordCount: known?.count ?? 1
    };
}

function iso(ms: number): string {
    return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Every open error that passes the filter, newest first (firstSeenAt descending, then id). */
export function findErrors(tenant: TenantData, filter: SyncErrorFilter, now: number): SyncError[] {
    const ids = filter.salesforceUserId ? [filter.salesforceUserId] : tenant.stateIds();
    const errors: SyncError[] = [];
    for (const id of ids) {
        const error = errorOf(tenant, id, tenant.stateOf(id, now));
        if (
            error &&
            (!filter.cause || error.cause === filter.cause) &&
            (filter.since === undefined || Date.parse(error.lastSeenAt) >= filter.since) &&
            (filter.until === undefined || Date.parse(error.lastSeenAt) < filter.until)
        ) {
            errors.push(error);
        }
    }
    return errors.sort((a, b) =>
        a.firstSeenAt === b.firstSeenAt ? (a.id < b.id ? -1 : 1) : a.firstSeenAt < b.firstSeenAt ? 1 : -1
    );
}

/** The cursor after an error: its sort key, so it stays valid when errors before it are resolved. */
export function cursorAfter(error: SyncError): string {
    return btoa(`${error.firstSeenAt}~${error.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The errors after the cursor's position; undefined for a cursor this backend did not issue. */
export function afterCursor(errors: SyncError[], cursor: string): SyncError[] | undefined {
    let key: string;
    try {
        key = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
        return undefined;
    }
    const [firstSeenAt, id] = key.split('~');
    if (!firstSeenAt || !id?.startsWith(ID_PREFIX)) {
        return undefined;
    }
    return errors.filter(
        (error) => error.firstSeenAt < firstSeenAt || (error.firstSeenAt === firstSeenAt && error.id > id)
    );
}

/** Counts by cause, most first, and the total. */
export function summarize(errors: SyncError[]) {
    const byCause = new Map<SyncErrorCause, { count: number; users: Set<string> }>();
    for (const error of errors) {
        const entry = byCause.get(error.cause) ?? { count: 0, users: new Set<string>() };
        entry.count++;
        entry.users.add(error.salesforceUserId);
        byCause.set(error.cause, entry);
    }
    return {
        total: errors.length,
        causes: [...byCause].map(([cause, entry]) => ({ cause, count: entry.count, userCount: entry.users.size }))
    };
}

/** Retries one error: syncs its user again. */
export function retryError(tenant: TenantData, errorId: string, now: number): RetryOutcome {
    const userId = errorId.startsWith(ID_PREFIX) ? errorId.slice(ID_PREFIX.length) : '';
    const state = tenant.stateOf(userId, now);
    const error = errorOf(tenant, userId, state);
    if (!state || !error) {
        return { errorId, outcome: 'unknown', salesforceUserId: null, error: null };
    }
    const email = tenant.emailOf(userId)?.toLowerCase();
    if (error.cause === 'not_matched' && !(email && tenant.accounts.has(email))) {
        tenant.errorsSeenAt[userId] = iso(now);
        return {
            errorId,
            outcome: 'failed',
            salesforceUserId: userId,
            error: errorOf(tenant, userId, state) as SyncError
        };
    }
    delete tenant.errorsSeenAt[userId];
    tenant.putState(userId, {
        ...state,
        status: 'synced',
        lastError: null,
        lastSyncedAt: iso(now),
        version: state.version + 1
    });
    return { errorId, outcome: 'resolved', salesforceUserId: userId, error: null };
}
