// One user's change, shared by updateUser (PATCH, one user) and updateUsers (batch, one result per item): the
// version check, matching the CRM account by email, seats, and the new state. The rules follow the contract's
// UserChange and UserSyncState: a user with sync enabled always holds a license; enabling sync without one takes a
// seat of the default pool; `licenseType: null` releases the seat (and so also stops sync).
import type { TenantData, UserSyncState } from './tenant';

export interface UserChangeInput {
    email: string;
    syncEnabled?: boolean;
    /** Present (possibly null) only when the license is to change. */
    licenseType?: string | null;
}

export type ChangeOutcome =
    | { kind: 'updated' | 'unchanged'; state: UserSyncState }
    | { kind: 'conflict'; state?: UserSyncState; currentVersion?: number }
    | { kind: 'not_found' }
    | { kind: 'seats_exhausted'; state?: UserSyncState; licenseType: string }
    | { kind: 'not_matched'; state?: UserSyncState }
    | { kind: 'invalid'; state?: UserSyncState; detail: string };

export interface ChangeContext {
    tenant: TenantData;
    now: number;
    /** Seats still free per license type (the `seats-exhausted` scenario makes them all 0). */
    available: (licenseType: string) => number;
    /** The `conflict` scenario: another admin changes the user just before this change arrives. */
    takeConflict: () => boolean;
}

/**
 * Applies one change. `expected` is the version the caller saw (If-Match `"7"` or `expectedVersion`), or `'*'` /
 * undefined for "whatever the current version is".
 */
export function applyUserChange(
    context: ChangeContext,
    userId: string,
    change: UserChangeInput,
    expected: number | '*'
): ChangeOutcome {
    const { tenant, now } = context;
    let current = tenant.stateOf(userId, now);
    if (expected !== '*') {
        if (!current) {
            return { kind: 'not_found' };
        }
        if (context.takeConflict()) {
            // Someone else saved this user a moment ago: same settings, a newer version.
            current = { ...current, version: current.version + 1 };
            tenant.putState(userId, current);
        }
        if (current.version !== expected) {
            return { kind: 'conflict', state: current, currentVersion: current.version };
        }
    }
    const pool = (type: string) => tenant.pools.find((candidate) => candidate.licenseType === type);
    if (typeof change.licenseType === 'string' && !pool(change.licenseType)) {
        return {
            kind: 'invalid',
            state: current,
            detail: `${change.licenseType} is not a license type of this tenant.`
        };
    }

    const removesLicense = change.licenseType === null;
    if (removesLicense && change.syncEnabled === true) {
        return { kind: 'invalid', state: current, detail: 'A user with sync enabled needs a license.' };
    }
    let licenseType = change.licenseType !== undefined ? change.licenseType : (current?.licenseType ?? null);
    // Releasing the seat stops the sync; enabling sync without a license takes a seat of the default pool.
    const syncEnabled = removesLicense ? false : (change.syncEnabled ?? current?.syncEnabled ?? false);
    if (syncEnabled && !licenseType) {
        licenseType = tenant.pools.find((candidate) => candidate.isDefault)?.licenseType ?? null;
    }
    if (syncEnabled && !licenseType) {
        // No default pool to take a seat from.
        return { kind: 'seats_exhausted', state: current, licenseType: 'DEFAULT' };
    }
    const matched = tenant.accounts.has(change.email.toLowerCase());
    const needsAccount =
        (syncEnabled && !current?.syncEnabled) || (licenseType !== null && licenseType !== current?.licenseType);
    if (needsAccount && !matched) {
        return { kind: 'not_matched', state: current };
    }
    if (licenseType !== null && licenseType !== current?.licenseType && context.available(licenseType) <= 0) {
        return { kind: 'seats_exhausted', state: current, licenseType };
    }
    if (current && current.syncEnabled === syncEnabled && current.licenseType === licenseType) {
        return { kind: 'unchanged', state: current };
    }

    const startsSync = syncEnabled && !current?.syncEnabled;
    const next: UserSyncState = {
        salesforceUserId: userId,
        syncEnabled,
        licenseType,
        status: startsSync ? 'pending' : (current?.status ?? (matched ? 'synced' : 'not_matched')),
        lastSyncedAt: current?.lastSyncedAt ?? null,
        lastError: startsSync ? null : (current?.lastError ?? null),
        version: (current?.version ?? 0) + 1
    };
    if (next.status === 'error' && !next.lastError) {
        next.status = 'synced';
    }
    tenant.putState(userId, next, startsSync ? now : undefined);
    tenant.rememberEmail(userId, change.email);
    return { kind: 'updated', state: next };
}
