// CrmSyncSandboxGuard: after a sandbox copy of a linked org, marks the link as a copy (no callout leaves the org but
// linking it again), ends the jobs copied while active, unschedules the scheduled checks, audits the copy and
// tells the CRM Sync admins. The preview runs it for ?scenario=sandbox-copy, as Salesforce runs the post-copy class.
import {
    CrmSyncAuditLog,
    CrmSyncException as ErrorCodes,
    CrmSyncHealthMonitor,
    CrmSyncJobStep,
    CrmSyncReconciliation
} from './generated/apex-constants';
import { notifyAdmins } from './notifier';
import { unscheduleJob } from './schedules';
import type { SimulatedOrg } from './org';
import { isThisOrg } from './views';

/** runApexClass(context): `sandboxName` is SandboxContext.sandboxName(). */
export function runSandboxPostCopy(org: SimulatedOrg, sandboxName: string): void {
    const record = org.data.connection;
    const sourceOrgId = record.Linked_Org_Id__c;
    if (sourceOrgId === null || isThisOrg(org, sourceOrgId)) {
        return;
    }
    const now = new Date(org.now()).toISOString();
    org.data.connection = { ...record, Copied_At__c: now };
    let endedJobs = 0;
    for (const job of org.data.jobs.filter((candidate) => candidate.Active_Slot__c !== null)) {
        org.data.updateJob({
            Id: job.Id,
            Status__c: CrmSyncJobStep.FAILED,
            Active_Slot__c: null,
            Finished_At__c: now,
            Error_Code__c: ErrorCodes.SANDBOX_COPY,
            Error_Message__c: org.label('CRM_Sync_Job_Stopped_By_Copy')
        });
        endedJobs++;
    }
    const unscheduled: string[] = [];
    for (const [slot, jobName] of [
        ['reconciliation', CrmSyncReconciliation.JOB_NAME],
        ['healthCheck', CrmSyncHealthMonitor.JOB_NAME]
    ] as const) {
        if (org.data[slot] !== null) {
            unscheduleJob(org, slot);
            unscheduled.push(jobName);
        }
    }
    unscheduled.sort();
    org.recordAudit({
        action: CrmSyncAuditLog.SANDBOX_COPY,
        outcome: CrmSyncAuditLog.SUCCEEDED,
        correlationId: null,
        targetUserIds: [],
        purgeImportedData: false,
        errorCode: null,
        details: `Copied from ${sourceOrgId} as sandbox ${sandboxName}; jobs ended: ${endedJobs}; unscheduled: ${unscheduled.length === 0 ? 'none' : unscheduled.join(', ')}`
    });
    notifyAdmins(
        org,
        org.format('CRM_Sync_Notify_Copy_Title', sandboxName),
        org.format('CRM_Sync_Notify_Copy_Body', sourceOrgId)
    );
    org.commit();
}
