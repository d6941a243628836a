// CrmSyncUserTriggerHandler, CrmSyncSeatRelease and CrmSyncReconciliation: seats come back when people leave. A
// User update that deactivates users queues their release (the trigger only queues); the release, run as whoever
// queued it and only for a CRM Sync admin, disables sync and removes the license of those who still hold either,
// and audits it as automatic with its cause. The scheduled reconciliation finds the inactive and frozen holders the
// trigger could not release. Rules as in Apex; the simulated CronTrigger lives in OrgData.reconciliation.
import type { ScheduleView } from 'crm-sync/apex-types';
import { recordFailure } from './audit';
import { requireLinkedOrg } from './connection';
import { describeSchedule, scheduleJob, unscheduleJob } from './schedules';
import type { OrgUser, SyncRecord } from './data';
import { CrmSyncException, wrapFailure } from './errors';
import {
    CrmSyncAuditLog,
    CrmSyncClient as ClientConstants,
    CrmSyncJobStep,
    CrmSyncReconciliation,
    CrmSyncSeatRelease,
    CrmSyncUserService
} from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { RuleService } from './rules';
import { UserService } from './users';
import { CrmSyncClient } from './client';
import { randomUuid } from '../backend/http';

/** CrmSyncUserTriggerHandler.afterUpdate: queues the release of the users this update deactivated. */
export function afterUserUpdate(org: SimulatedOrg, users: OrgUser[], before: Map<string, { IsActive: boolean }>): void {
    const deactivated = users
        .filter((user) => before.get(user.Id)?.IsActive === true && !user.IsActive)
        .map((user) => user.Id);
    if (deactivated.length > 0) {
        enqueueRelease(org, deactivated, CrmSyncSeatRelease.DEACTIVATED);
    }
}

function enqueueRelease(org: SimulatedOrg, userIds: string[], cause: string): void {
    org.enqueue(
        'CrmSyncSeatRelease',
        async () => {
            try {
                await executeRelease(org, userIds, cause);
            } finally {
                org.commit();
            }
        },
        0
    );
}

/** CrmSyncSeatRelease.execute. */
async function executeRelease(org: SimulatedOrg, userIds: string[], cause: string): Promise<void> {
    if (!org.canManage()) {
        return;
    }
    try {
        requireLinkedOrg(org);
    } catch (notLinked) {
        if (notLinked instanceof CrmSyncException) {
            return;
        }
        throw notLinked;
    }
    const count = Math.min(CrmSyncJobStep.USERS_PER_STEP, userIds.length);
    await release(org, userIds.slice(0, count), cause);
    if (userIds.length > count) {
        enqueueRelease(org, userIds.slice(count), cause);
    }
}

async function release(org: SimulatedOrg, candidates: string[], cause: string): Promise<void> {
    const states = org.data.getSyncStates(candidates);
    const holders = new Map<string, OrgUser>();
    for (const [userId, state] of states) {
        const user = org.data.usersById.get(userId);
        // A user reactivated since the trigger queued this keeps everything.
        if (user && (state.Sync_Enabled__c || state.License_Type__c !== null)) {
            if (cause === CrmSyncSeatRelease.RECONCILIATION || !user.IsActive) {
                holders.set(userId, user);
            }
        }
    }
    if (holders.size === 0) {
        return;
    }
    const client = new CrmSyncClient(org);
    const service = new UserService(org)
        .withClient(client)
        .withReason(CrmSyncUserService.SYNC_REASON_SEAT_RELEASE, null);
    const released = new Map<string, SyncRecord>();
    let succeeded = 0;
    let failed = 0;
    let stop: CrmSyncException | null = null;
    const ids = [...holders.keys()];
    // Once the backend may have changed something, the one audit entry records it, whatever fails after.
    try {
        for (let first = 0; first < ids.length && !stop; first += ClientConstants.MAX_USERS_PER_CALL) {
            const batch = new Map(
                ids
                    .slice(first, first + ClientConstants.MAX_USERS_PER_CALL)
                    .map((id) => [id, holders.get(id) as OrgUser])
            );
            try {
                const sent = await service.sendJobBatch(
                    batch,
                    states,
                    { syncEnabled: false, changeLicense: true, licenseType: null },
                    randomUuid()
                );
                sent.states.forEach((state, userId) => released.set(userId, state));
                succeeded += sent.summary.succeeded ?? 0;
                failed += sent.summary.failed ?? 0;
            } catch (failure) {
                if (!(failure instanceof CrmSyncException)) {
                    throw failure;
                }
                stop = failure;
            }
        }
        org.data.saveSyncStates(released);
    } catch (failure) {
        stop = wrapFailure(failure, client.correlationId, org.label('CRM_Sync_Error_Unexpected'));
    }

    const causeText = org.label(
        cause === CrmSyncSeatRelease.DEACTIVATED
            ? 'CRM_Sync_Audit_Cause_Deactivated'
            : 'CRM_Sync_Audit_Cause_Reconciliation'
    );
    const summary = org.format('CRM_Sync_Audit_Release_Details', succeeded, holders.size, causeText);
    const outcome = stop
        ? CrmSyncAuditLog.FAILED
        : failed === 0
          ? CrmSyncAuditLog.SUCCEEDED
          : succeeded === 0
            ? CrmSyncAuditLog.FAILED
            : CrmSyncAuditLog.PARTIALLY_SUCCEEDED;
    org.recordAudit({
        action: CrmSyncAuditLog.RELEASE_SEATS,
        outcome,
        targetUserIds: ids,
        purgeImportedData: false,
        errorCode: stop?.code ?? null,
        correlationId: client.correlationId,
        details: stop ? `${summary}\n${stop.message}` : summary
    });
}

/** CrmSyncDataAccess.getSeatHoldersWhoLeft: inactive or frozen users who still hold sync or a license. */
function seatHoldersWhoLeft(org: SimulatedOrg, maxCount: number): string[] {
    const leavers: string[] = [];
    for (const user of org.data.users) {
        const state = org.data.syncStateOf(user.Id);
        const holds = state && (state.Sync_Enabled__c || state.License_Type__c !== null);
        if (holds && (!user.IsActive || org.data.frozenIds.has(user.Id)) && leavers.length < maxCount) {
            leavers.push(user.Id);
        }
    }
    return leavers;
}

/** CrmSyncReconciliation.execute: what the schedule runs. */
export function runReconciliation(org: SimulatedOrg): void {
    if (!org.canManage()) {
        // The admin who scheduled it lost the permission set: say so where admins look, every run.
        const error = new CrmSyncException('NOT_PERMITTED', org.label('CRM_Sync_Error_Reconciliation_Not_Permitted'));
        recordFailure(org, { action: CrmSyncAuditLog.RELEASE_SEATS, correlationId: null, targetUserIds: [] }, error);
        return;
    }
    const leavers = seatHoldersWhoLeft(org, CrmSyncReconciliation.MAX_USERS);
    if (leavers.length > 0) {
        enqueueRelease(org, leavers, CrmSyncSeatRelease.RECONCILIATION);
    }
    try {
        new RuleService(org).applyActiveRules();
    } catch (failure) {
        const error = wrapFailure(failure, null, org.label('CRM_Sync_Error_Unexpected'));
        recordFailure(org, { action: CrmSyncAuditLog.APPLY_RULE, correlationId: null, targetUserIds: [] }, error);
    }
}

/** CrmSyncReconciliation.describe. */
export function describeReconciliation(org: SimulatedOrg): ScheduleView {
    return describeSchedule(org, 'reconciliation');
}

/** CrmSyncReconciliation.schedule: every 1, 2, 3, 4, 6, 8, 12 or 24 hours from midnight, as the running admin. */
export function scheduleReconciliation(org: SimulatedOrg, everyHours: number | null): ScheduleView {
    return scheduleJob(org, 'reconciliation', everyHours);
}

/** CrmSyncReconciliation.unschedule. */
export function unscheduleReconciliation(org: SimulatedOrg): ScheduleView {
    return unscheduleJob(org, 'reconciliation');
}
