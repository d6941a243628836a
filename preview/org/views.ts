// CrmSyncViews.toView: the backend's answers and the org's records as the DTOs the controllers return. The types
// are the generated declarations of those DTOs (types/generated/apex.d.ts), so a changed Apex view breaks the
// preview's type check.
import type { ConnectionView, DataCount, UserState } from 'crm-sync/apex-types';
import type { ApiConnection, ApiDataCount, ApiUserSyncState } from './client';
import type { OrgUser, SyncRecord } from './data';
import { CrmSyncUserService } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

/** An Apex Datetime as the browser receives it (JSON.serialize writes milliseconds). */
export function apexDatetime(value: string | null | undefined): string | undefined {
    if (!value) {
        return undefined;
    }
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** CrmSyncConnectionService.isThisOrg: 15-character ids differ only in case, so compare exactly. */
export function isThisOrg(org: SimulatedOrg, orgId: string | null | undefined): boolean {
    return orgId != null && orgId.slice(0, 15) === org.orgId.slice(0, 15);
}

export function connectionView(org: SimulatedOrg, connection: ApiConnection): ConnectionView {
    const connected = connection.connected === true;
    return {
        connected,
        linkedOrgId: connection.linkedOrgId ?? undefined,
        linkedByUserId: connection.linkedBy?.userId ?? undefined,
        linkedByName: connection.linkedBy?.name ?? undefined,
        linkedAt: apexDatetime(connection.linkedAt),
        lastSyncAt: apexDatetime(connection.lastSyncAt),
        health: connection.health ?? 'unknown',
        healthDetail: connection.healthDetail ?? undefined,
        orgMismatch: connected && !isThisOrg(org, connection.linkedOrgId),
        ...pauseView(connection)
    };
}

/** Whether an admin paused sync, and then why, who and when; a pause without its details is no pause. */
function pauseView(
    connection: ApiConnection
): Pick<ConnectionView, 'paused' | 'pausedReason' | 'pausedByName' | 'pausedAt'> {
    const pause = connection.paused === true ? connection.pause : null;
    if (!pause) {
        return { paused: false };
    }
    return {
        paused: true,
        pausedReason: pause.reason,
        pausedByName: pause.pausedBy?.name,
        pausedAt: apexDatetime(pause.pausedAt)
    };
}

export function countViews(counts: ApiDataCount[] | null | undefined): DataCount[] {
    return (counts ?? []).map((source) => ({ category: source.category, count: source.count ?? 0 }));
}

export function userStateView(user: OrgUser, record: SyncRecord | undefined): UserState {
    return {
        userId: user.Id,
        name: user.Name,
        username: user.Username,
        email: user.Email,
        profileName: user.ProfileName,
        isActive: user.IsActive === true,
        syncEnabled: record?.Sync_Enabled__c === true,
        licenseType: record?.License_Type__c ?? undefined,
        licenseLabel: record?.License_Label__c ?? undefined,
        status: record?.Status__c ?? undefined,
        lastSyncedAt: apexDatetime(record?.Last_Synced__c),
        lastError: record?.Last_Error__c ?? undefined
    };
}

/** Apex String.abbreviate: at most `max` characters, ending in "..." when cut. */
export function abbreviate(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** CrmSyncUserService.toRecord: the backend's state as the CRM_Sync_User__c the org stores, with the pool's name. */
export function toRecord(state: ApiUserSyncState, licenseLabel: string | null): SyncRecord {
    return {
        Sync_Enabled__c: state.syncEnabled === true,
        License_Type__c: state.licenseType ?? null,
        License_Label__c: licenseLabel,
        Status__c: CrmSyncUserService.STATUS_VALUES.get(state.status ?? '') ?? null,
        Last_Synced__c: apexDatetime(state.lastSyncedAt) ?? null,
        Last_Error__c: state.lastError ? abbreviate(state.lastError, 255) : null,
        Backend_Version__c: state.version ?? null
    };
}

/** A user the backend does not know: no license, sync off. */
export const UNKNOWN_TO_BACKEND: SyncRecord = {
    Sync_Enabled__c: false,
    License_Type__c: null,
    License_Label__c: null,
    Status__c: null,
    Last_Synced__c: null,
    Last_Error__c: null,
    Backend_Version__c: null
};
