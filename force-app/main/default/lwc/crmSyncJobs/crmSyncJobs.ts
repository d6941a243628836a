// Changes for many users as plain functions, shared by the license table, the dry-run dialog (c/crmSyncJobDialog) and
// the job progress (c/crmSyncJobProgress): the JobRequest for "all matching users", and the words for an operation, a
// job's status and the toasts of a change applied at once or of a job that ended.
import type { JobRequest, JobView, LicensePool, UserChangeSummary, UserQuery } from 'crm-sync/apex-types';
import type { UserFilters } from 'c/crmSyncUserFilters';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel, withReference } from 'c/crmSyncFormat';
import type { RowChange } from 'c/crmSyncUserRow';

/** The operations of CrmSyncJobViews.JobRequest (CrmSyncAuditLog's action names). */
export const ENABLE_USER_SYNC = 'Enable_User_Sync';
export const DISABLE_USER_SYNC = 'Disable_User_Sync';
export const ASSIGN_LICENSE = 'Assign_License';
export const REMOVE_LICENSE = 'Remove_License';
/** Applying an assignment rule (CrmSyncRuleService). */
export const APPLY_RULE = 'Apply_Rule';
/** "Retry all" of a cause with more sync errors than one call takes (CrmSyncSyncErrorService). */
export const RETRY_SYNC_ERRORS = 'Retry_Sync_Errors';

/** JobStart.mode: changed at once (at most one backend call of users), or queued as a background job. */
export const APPLIED = 'APPLIED';
export const QUEUED = 'QUEUED';

/** SkipCount.reason values. */
export const SKIP_ALREADY = 'already';
export const SKIP_INACTIVE = 'inactive';
/** A rule leaves users switched off by hand alone. */
export const SKIP_MANUAL = 'manual';

/** What a toast shows (ShowToastEvent's init). */
export interface ToastInit {
    title: string;
    message?: string;
    variant: 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'sticky';
}

/** The JobRequest operation of a change (the same a row's menu sends), and its license type (assigning only). */
export function operationOf(change: RowChange): Pick<JobRequest, 'operation' | 'licenseType'> {
    if (change.kind === 'sync') {
        return { operation: change.enabled ? ENABLE_USER_SYNC : DISABLE_USER_SYNC };
    }
    return change.licenseType === null
        ? { operation: REMOVE_LICENSE }
        : { operation: ASSIGN_LICENSE, licenseType: change.licenseType };
}

/** The seat pools as the options of a license choice, each named by its pool (its type's code when unnamed). */
export function licenseOptions(pools: LicensePool[] | undefined): { label: string; value: string }[] {
    return (pools ?? []).map((pool) => ({
        label: pool.label ?? pool.licenseType ?? '',
        value: pool.licenseType ?? ''
    }));
}

/** The license a choice starts with: the default pool's, or the first pool's. */
export function defaultLicenseType(pools: LicensePool[] | undefined): string | undefined {
    return pools?.find((pool) => pool.isDefault)?.licenseType ?? pools?.[0]?.licenseType;
}

/** The table's search and filters as the query of a job; sort and paging do not matter to which users match. */
export function jobQueryOf(filters: UserFilters): UserQuery {
    const { searchTerm, ...rest } = filters;
    return { ...rest, ...(searchTerm ? { searchTerm } : {}) };
}

/** The request for every user the table's filters match. */
export function jobRequestFor(change: RowChange, filters: UserFilters): JobRequest {
    return { ...operationOf(change), query: jobQueryOf(filters) };
}

/**
 * The words for an operation, as the buttons and menus that start it say: "Enable CRM sync", "Assign license: Core",
 * "Apply assignment rule: Sales reps". `licenseLabel` names the assigned license; its type's code when the pools do
 * not name it. `ruleName` names the rule applied.
 */
export function operationLabel(operation: string | undefined, licenseLabel?: string, ruleName?: string): string {
    switch (operation) {
        case APPLY_RULE:
            return formatLabel(LABELS.applyRule, ruleName ?? LABELS.notAvailable);
        case ENABLE_USER_SYNC:
            return LABELS.enableSync;
        case DISABLE_USER_SYNC:
            return LABELS.disableSync;
        case ASSIGN_LICENSE:
            return formatLabel(LABELS.assignLicense, licenseLabel ?? LABELS.notAvailable);
        case REMOVE_LICENSE:
            return LABELS.removeLicense;
        default:
            return operation ?? LABELS.notAvailable;
    }
}

const STATUS_LABELS: Record<string, string> = {
    Queued: LABELS.jobStatusQueued,
    Running: LABELS.jobStatusRunning,
    Completed: LABELS.jobStatusCompleted,
    Completed_With_Failures: LABELS.jobStatusCompletedWithFailures,
    Cancelled: LABELS.jobStatusCancelled,
    Failed: LABELS.jobStatusFailed
};

/** The label of a CRM_Sync_Job__c status; an unknown status shows its value rather than nothing. */
export function jobStatusLabel(status: string | undefined): string {
    return (status && STATUS_LABELS[status]) || status || LABELS.notAvailable;
}

/** "1 user" or "{n} users", in the user's digit grouping. */
export function userCountLabel(count: number): string {
    return count === 1 ? LABELS.userCountOne : formatLabel(LABELS.userCount, formatCount(count));
}

/**
 * The toast after a change applied at once: how many users changed and how many did not, with the distinct reasons
 * of those that did not (the rows are read again, so the table cannot show them), and the reference for support.
 */
export function appliedToast(summary: UserChangeSummary | undefined): ToastInit {
    const results = summary?.results ?? [];
    const failed = results.filter((result) => result.succeeded !== true);
    const succeeded = results.length - failed.length;
    if (failed.length === 0) {
        return { title: formatLabel(LABELS.jobApplied, userCountLabel(succeeded)), variant: 'success' };
    }
    const reasons = failed
        .map((result) => result.message)
        .filter((message): message is string => Boolean(message))
        .filter((message, index, all) => all.indexOf(message) === index);
    const message = withReference(reasons.join(' '), summary?.correlationId);
    return {
        title: formatLabel(LABELS.jobAppliedPartly, formatCount(succeeded), formatCount(failed.length)),
        ...(message ? { message } : {}),
        variant: 'warning',
        // Sticky, so the admin has time to read the reasons and copy the reference.
        mode: 'sticky'
    };
}

/** A job counts users, or, retrying sync errors, errors: the words of its ends differ. */
const USER_TOASTS = {
    completed: LABELS.jobToastCompleted,
    completedWithFailures: LABELS.jobToastCompletedWithFailures,
    cancelled: LABELS.jobToastCancelled,
    failed: LABELS.jobToastFailed
};
const SYNC_ERROR_TOASTS: typeof USER_TOASTS = {
    completed: LABELS.jobToastRetryCompleted,
    completedWithFailures: LABELS.jobToastRetryCompletedWithFailures,
    cancelled: LABELS.jobToastRetryCancelled,
    failed: LABELS.jobToastRetryFailed
};

/** Whether a job retries sync errors, so its counts are of errors, not users. */
export function countsSyncErrors(job: JobView | undefined): boolean {
    return job?.operation === RETRY_SYNC_ERRORS;
}

/** The toast when a job the panel watched has ended: success, warning when users were left out, error when it failed. */
export function finishToast(job: JobView): ToastInit {
    const name = job.name ?? '';
    const processed = formatCount(job.processed ?? 0);
    const total = formatCount(job.total ?? 0);
    const toasts = countsSyncErrors(job) ? SYNC_ERROR_TOASTS : USER_TOASTS;
    switch (job.status) {
        case 'Completed':
            return {
                title: formatLabel(toasts.completed, name, formatCount(job.succeeded ?? 0)),
                variant: 'success'
            };
        case 'Completed_With_Failures':
            return {
                title: formatLabel(
                    toasts.completedWithFailures,
                    name,
                    formatCount(job.succeeded ?? 0),
                    formatCount(job.failed ?? 0)
                ),
                variant: 'warning'
            };
        case 'Cancelled':
            return { title: formatLabel(toasts.cancelled, name, processed, total), variant: 'warning' };
        default: {
            const message = withReference(job.errorMessage, job.correlationId);
            return {
                title: formatLabel(toasts.failed, name, processed, total),
                ...(message ? { message } : {}),
                variant: 'error',
                mode: 'sticky'
            };
        }
    }
}
