// CrmSyncAuditLog: every admin action is recorded with its outcome, failures included, after its callouts. The
// preview keeps the entries with the org's data (the last 200 survive a reload); nothing shows them.
import { isCorrelationId } from './client';
import type { CrmSyncException } from './errors';
import { wrapFailure } from './errors';
import { CRM_Sync_Audit__c, CrmSyncAuditLog } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

// The restricted picklists the entries are stored in: a constant they lack is a type error.
export type AuditAction = (typeof CRM_Sync_Audit__c.Action__c)[number];
export type AuditOutcome = (typeof CRM_Sync_Audit__c.Outcome__c)[number];

export interface AuditStart {
    action: AuditAction;
    correlationId: string | null;
    purgeImportedData?: boolean;
    targetUserIds?: string[];
    details?: string | null;
}

/** Records the action's outcome; `details` and the target users come from the start of the entry. */
export function recordOutcome(
    org: SimulatedOrg,
    audit: AuditStart,
    outcome: AuditOutcome = CrmSyncAuditLog.SUCCEEDED,
    errorCode: string | null = null
): void {
    org.recordAudit({
        action: audit.action,
        outcome,
        targetUserIds: audit.targetUserIds ?? [],
        purgeImportedData: audit.purgeImportedData === true,
        errorCode,
        correlationId: audit.correlationId,
        details: audit.details ?? null
    });
}

/**
 * Entry.failedWith: a failed action is audited with the error the admin saw; an unexpected failure's original type
 * and message join the details, and the error's correlation id is kept only when it is a UUID.
 */
export function recordFailure(org: SimulatedOrg, audit: AuditStart, error: CrmSyncException): void {
    const cause = error.cause instanceof Error ? `\n${error.cause.name}: ${error.cause.message}` : '';
    org.recordAudit({
        action: audit.action,
        outcome: CrmSyncAuditLog.FAILED,
        targetUserIds: audit.targetUserIds ?? [],
        purgeImportedData: audit.purgeImportedData === true,
        errorCode: error.code,
        correlationId: isCorrelationId(error.correlationId) ? error.correlationId : audit.correlationId,
        details: error.message + cause
    });
}

/**
 * The services' audit rule: once the backend was called, exactly one entry records the action whatever fails after.
 * Runs `step`; on any failure records it (as CrmSyncException.wrap turns it) and throws what the admin sees.
 */
export async function audited<T>(org: SimulatedOrg, audit: AuditStart, step: () => Promise<T>): Promise<T> {
    try {
        return await step();
    } catch (failure) {
        const error = wrapFailure(failure, audit.correlationId, org.label('CRM_Sync_Error_Unexpected'));
        recordFailure(org, audit, error);
        throw error;
    }
}
