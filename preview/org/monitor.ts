// CrmSyncHealthMonitor: the scheduled health check. Each run checks the setup as "Check setup" does and records the
// result on the connection record; a change (good to a warning or failing, or back) is audited and sent to the CRM
// Sync admins as the CRM Sync alert. The preview does not fire schedules: "Check now" runs what a scheduled run does.
import type { HealthView, SetupCheck, SetupReport } from 'crm-sync/apex-types';
import { CrmSyncAuditLog, CrmSyncHealthMonitor, CrmSyncSetupDoctor as Doctor } from './generated/apex-constants';
import { SetupDoctor } from './doctor';
import { abbreviate, notifyAdmins } from './notifier';
import type { SimulatedOrg } from './org';
import { describeSchedule, scheduleJob, unscheduleJob } from './schedules';

/** check(): the doctor's callouts first, then the record, the audit entry and the alert. */
export async function checkHealth(org: SimulatedOrg): Promise<HealthView> {
    const report = org.canManage() ? await new SetupDoctor(org).run() : notPermitted(org);
    recordHealth(org, report);
    return describeHealth(org);
}

/** record(report): stores the result; alerts and audits a change, but not a first result that is good. */
export function recordHealth(org: SimulatedOrg, report: SetupReport): void {
    const connection = org.data.connection;
    const previous = connection.Health_Status__c ?? null;
    const finding = firstFinding(report);
    const changed = report.status !== previous;
    org.data.connection = {
        ...connection,
        Health_Status__c: report.status ?? null,
        Health_Code__c: finding?.code ?? null,
        Health_Message__c: finding?.message ? abbreviate(finding.message, 255) : null,
        Health_Checked_At__c: report.checkedAt ?? null,
        Health_Since__c: changed ? (report.checkedAt ?? null) : (connection.Health_Since__c ?? null)
    };
    if (changed && !(previous === null && report.status === Doctor.PASS)) {
        announce(org, report.status ?? Doctor.FAIL, finding, report.correlationId ?? null);
    }
}

function announce(org: SimulatedOrg, status: string, finding: SetupCheck | undefined, correlationId: string | null) {
    const failing = status === Doctor.FAIL;
    org.recordAudit({
        action: CrmSyncAuditLog.HEALTH_CHANGE,
        outcome: failing ? CrmSyncAuditLog.FAILED : CrmSyncAuditLog.SUCCEEDED,
        errorCode: failing ? (finding?.code ?? null) : null,
        correlationId,
        targetUserIds: [],
        purgeImportedData: false,
        details: status + (finding ? ` ${finding.code}: ${finding.message}` : '')
    });
    if (!finding) {
        notifyAdmins(
            org,
            org.label('CRM_Sync_Notify_Health_Pass_Title'),
            org.label('CRM_Sync_Notify_Health_Pass_Body')
        );
        return;
    }
    const title = failing ? 'CRM_Sync_Notify_Health_Fail_Title' : 'CRM_Sync_Notify_Health_Warn_Title';
    notifyAdmins(org, org.format(title, finding.title), finding.message + (finding.fix ? ` ${finding.fix}` : ''));
}

/** The first failing check, else the first warning. */
function firstFinding(report: SetupReport): SetupCheck | undefined {
    const checks = report.checks ?? [];
    return checks.find((check) => check.status === Doctor.FAIL) ?? checks.find((check) => check.status === Doctor.WARN);
}

function notPermitted(org: SimulatedOrg): SetupReport {
    return {
        status: Doctor.FAIL,
        checkedAt: new Date(org.now()).toISOString(),
        checks: [
            {
                check: Doctor.JOB_USERS,
                code: CrmSyncHealthMonitor.NOT_PERMITTED,
                status: Doctor.FAIL,
                title: org.label('CRM_Sync_Doctor_Title_Job_Users'),
                message: org.label('CRM_Sync_Health_Not_Permitted')
            }
        ]
    };
}

/** describe(): the last result and the schedule. */
export function describeHealth(org: SimulatedOrg): HealthView {
    const connection = org.data.connection;
    return {
        status: connection.Health_Status__c ?? undefined,
        code: connection.Health_Code__c ?? undefined,
        message: connection.Health_Message__c ?? undefined,
        checkedAt: connection.Health_Checked_At__c ?? undefined,
        since: connection.Health_Since__c ?? undefined,
        schedule: describeSchedule(org, 'healthCheck')
    };
}

/** schedule(everyHours) and unschedule(), as scheduleHealthCheck calls them: null stops the check. */
export function scheduleHealth(org: SimulatedOrg, everyHours: number | null): HealthView {
    if (everyHours === null) {
        unscheduleJob(org, 'healthCheck');
    } else {
        scheduleJob(org, 'healthCheck', everyHours);
    }
    return describeHealth(org);
}
