// Small shared helpers that turn values into the words the admin reads: label templates with {0} placeholders,
// counts in the running user's locale, and the display labels of backend codes (sync status, backend health,
// data categories).
import LOCALE from '@salesforce/i18n/locale';
import { LABELS } from 'c/crmSyncLabels';
import type { SyncErrorRetry } from 'crm-sync/apex-types';

/** Fills `{0}`, `{1}`, … in a label with the given values; a placeholder without a value is left as it is. */
export function formatLabel(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? placeholder : String(value);
    });
}

/** A message followed by the reference support asks for ("Reference: …"), when there is one. */
export function withReference(message: string | undefined, correlationId: string | null | undefined): string {
    const reference = correlationId ? formatLabel(LABELS.reference, correlationId) : '';
    return [message, reference].filter(Boolean).join(' ');
}

function countFormat(): Intl.NumberFormat {
    try {
        return new Intl.NumberFormat(LOCALE);
    } catch {
        // A locale tag Intl does not accept must not break the page; the browser's own grouping is the next best.
        return new Intl.NumberFormat();
    }
}

const COUNT_FORMAT = countFormat();

/** A count of users or seats with the running user's digit grouping: 4564 → "4,564" (en-US), "4.564" (de-DE). */
export function formatCount(count: number): string {
    return COUNT_FORMAT.format(count);
}

const STATUS_LABELS: Record<string, string> = {
    Synced: LABELS.statusSynced,
    Pending: LABELS.statusPending,
    Not_Matched: LABELS.statusNotMatched,
    Error: LABELS.statusError
};

/** The label of a CRM_Sync_User__c status value (Synced, Pending, Not_Matched, Error); a dash when unknown. */
export function statusLabel(status: string | undefined): string {
    return (status && STATUS_LABELS[status]) || LABELS.notAvailable;
}

const HEALTH_LABELS: Record<string, string> = {
    healthy: LABELS.healthHealthy,
    degraded: LABELS.healthDegraded,
    failing: LABELS.healthFailing
};

/** The label of the backend's health (healthy, degraded, failing); anything else reads as unknown. */
export function healthLabel(health: string | undefined): string {
    return (health && HEALTH_LABELS[health]) || LABELS.healthUnknown;
}

const CATEGORY_LABELS: Record<string, string> = {
    accounts: LABELS.categoryAccounts,
    leads: LABELS.categoryLeads,
    contacts: LABELS.categoryContacts,
    activities: LABELS.categoryActivities,
    user_mappings: LABELS.categoryUserMappings,
    settings: LABELS.categorySettings,
    audit_history: LABELS.categoryAuditHistory
};

/** The label of a data category of the dry run; an unknown category shows its code rather than nothing. */
export function categoryLabel(category: string | undefined): string {
    return (category && CATEGORY_LABELS[category]) || category || LABELS.notAvailable;
}

/** CrmSyncSchedule.INTERVAL_HOURS: intervals that divide a day evenly, so scheduled runs keep the same hours daily. */
export const INTERVAL_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];

/** 1 → "Every hour", 6 → "Every 6 hours". */
export function intervalLabel(hours: number): string {
    return hours === 1 ? LABELS.seatReleaseEveryHour : formatLabel(LABELS.seatReleaseEveryHours, hours);
}

/**
 * What a retry of sync errors did, in words. A retry of a whole set (a cause, a user's errors) also says what is
 * left of it, or that nothing was left to retry.
 */
export function retryOutcome(result: SyncErrorRetry, wholeSet: boolean): string {
    const resolved = result.resolved ?? 0;
    const failed = result.failed ?? 0;
    const unknown = result.unknown ?? 0;
    if (wholeSet && resolved + failed + unknown === 0) {
        return LABELS.syncErrorsNothingLeft;
    }
    const text = formatLabel(LABELS.syncErrorsOutcome, resolved, failed, unknown);
    return result.remaining ? `${text} ${formatLabel(LABELS.syncErrorsRemaining, result.remaining)}` : text;
}

const ACTION_LABELS: Record<string, string> = {
    Link_Org: LABELS.activityActionLinkOrg,
    Unlink_Org: LABELS.activityActionUnlinkOrg,
    Enable_User_Sync: LABELS.activityActionEnableUserSync,
    Disable_User_Sync: LABELS.activityActionDisableUserSync,
    Assign_License: LABELS.activityActionAssignLicense,
    Remove_License: LABELS.activityActionRemoveLicense,
    Change_Autofill: LABELS.activityActionChangeAutofill,
    Test_Connection: LABELS.activityActionTestConnection,
    Release_Seats: LABELS.activityActionReleaseSeats,
    Apply_Rule: LABELS.activityActionApplyRule,
    Save_Rule: LABELS.activityActionSaveRule,
    Sandbox_Copy: LABELS.activityActionSandboxCopy,
    Pause_Sync: LABELS.activityActionPauseSync,
    Resume_Sync: LABELS.activityActionResumeSync,
    Retry_Sync_Errors: LABELS.activityActionRetrySyncErrors,
    Health_Change: LABELS.activityActionHealthChange
};

/** The label of a CRM_Sync_Audit__c action; a value added to the picklist later shows as itself. */
export function actionLabel(action: string | undefined): string {
    return (action && ACTION_LABELS[action]) || action || LABELS.notAvailable;
}

const OUTCOME_LABELS: Record<string, string> = {
    Succeeded: LABELS.activityOutcomeSucceeded,
    Partially_Succeeded: LABELS.activityOutcomePartiallySucceeded,
    Failed: LABELS.activityOutcomeFailed,
    Authorization_Required: LABELS.activityOutcomeAuthorizationRequired,
    Cancelled: LABELS.activityOutcomeCancelled
};

/** The label of a CRM_Sync_Audit__c outcome; a value added to the picklist later shows as itself. */
export function outcomeLabel(outcome: string | undefined): string {
    return (outcome && OUTCOME_LABELS[outcome]) || outcome || LABELS.notAvailable;
}
