// CrmSyncAuditLog: every admin action is recorded with its outcome, failures included, after its callouts. The
// preview keeps the entries with the org's data (the last 200 survive a reload); nothing shows them.
import { CrmSyncException } from './errors';
import type { SimulatedOrg } from './org';

export interface AuditStart {
    action: string;
    correlationId: string;
    purgeImportedData?: boolean;
    targetUserIds?: string[];
    details?: string | null;
}

/** Records the action's outcome; `details` and the target users come from the start of the entry. */
export function recordOutcome(
    org: SimulatedOrg,
    audit: AuditStart,
    outcome: 'Succeeded' | 'Partially_Succeeded' | 'Failed' = 'Succeeded',
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

/** Entry.failedWith: a failed action is audited with the error the admin saw. */
export function recordFailure(org: SimulatedOrg, audit: AuditStart, failure: unknown): void {
    if (failure instanceof CrmSyncException) {
        org.recordAudit({
            action: audit.action,
            outcome: 'Failed',
            targetUserIds: audit.targetUserIds ?? [],
            purgeImportedData: audit.purgeImportedData === true,
            errorCode: failure.code,
            correlationId: failure.correlationId ?? audit.correlationId,
            details: failure.message
        });
    }
}
