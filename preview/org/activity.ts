// CrmSyncActivityLog and CrmSyncActivityViews: "Recent activity", the newest entries of the audit trail, filtered by
// action and outcome (exact picklist values only, else INVALID_INPUT naming the value), VIEW_SIZE for the panel and
// hasMore when older ones match; the CSV export in chunks of EXPORT_CHUNK, each after the last entry of the chunk
// before (base64 JSON {"at": epoch ms, "id"}), a position naming anything but an audit entry refused.
import type { ActivityEntry, ActivityExportChunk, ActivityPage, ActivityQuery } from 'crm-sync/apex-types';
import { AUDIT_KEY_PREFIX } from './data';
import type { AuditEntry } from './data';
import { CrmSyncException } from './errors';
import { CRM_Sync_Audit__c, CrmSyncActivityLog } from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { toId18 } from '../seed/salesforce-id';

const ACTIONS: readonly string[] = CRM_Sync_Audit__c.Action__c;
const OUTCOMES: readonly string[] = CRM_Sync_Audit__c.Outcome__c;

/** The panel's size and the export's chunk; the preview's tests lower them as the Apex tests do. */
export const activitySizes = { viewSize: CrmSyncActivityLog.VIEW_SIZE, exportChunk: CrmSyncActivityLog.EXPORT_CHUNK };

interface Position {
    at: string;
    id: string;
}

export class ActivityLog {
    private readonly org: SimulatedOrg;

    constructor(org: SimulatedOrg) {
        this.org = org;
    }

    getRecent(query: ActivityQuery | null): ActivityPage {
        const checked = this.normalise(query);
        const { viewSize } = activitySizes;
        return this.toPage(this.org.data.getAuditEntries(checked.action, checked.outcome, null, null, viewSize + 1));
    }

    /** getNewest: the panel's first paint, every action and outcome. */
    getNewest(): ActivityPage {
        return this.toPage(this.org.data.getAuditEntries(null, null, null, null, activitySizes.viewSize + 1));
    }

    getExportChunk(query: ActivityQuery | null, after: string | null): ActivityExportChunk {
        const checked = this.normalise(query);
        const position = this.decode(after);
        const { exportChunk } = activitySizes;
        const records = this.org.data.getAuditEntries(
            checked.action,
            checked.outcome,
            position?.at ?? null,
            position?.id ?? null,
            exportChunk + 1
        );
        return {
            rows: records.slice(0, exportChunk).map((record) => this.toView(record)),
            nextAfter: records.length > exportChunk ? encode(records[exportChunk - 1]) : undefined
        };
    }

    private toPage(records: AuditEntry[]): ActivityPage {
        const { viewSize } = activitySizes;
        return {
            entries: records.slice(0, viewSize).map((record) => this.toView(record)),
            hasMore: records.length > viewSize,
            actions: [...ACTIONS],
            outcomes: [...OUTCOMES]
        };
    }

    private normalise(query: ActivityQuery | null): { action: string | null; outcome: string | null } {
        return {
            action: this.allowed(query?.action, ACTIONS),
            outcome: this.allowed(query?.outcome, OUTCOMES)
        };
    }

    private allowed(value: string | undefined, allowedValues: readonly string[]): string | null {
        if (value === undefined || value === null || value.trim() === '') {
            return null;
        }
        if (!allowedValues.includes(value)) {
            throw new CrmSyncException(
                'INVALID_INPUT',
                this.org.format('CRM_Sync_Error_Invalid_Activity_Filter', value)
            );
        }
        return value;
    }

    private decode(after: string | null): Position | null {
        if (after === null || after === undefined || after.trim() === '') {
            return null;
        }
        try {
            const fields = JSON.parse(atob(after)) as { at?: unknown; id?: unknown };
            const id = typeof fields.id === 'string' ? toId18(fields.id) : null;
            if (Number.isInteger(fields.at) && id?.startsWith(AUDIT_KEY_PREFIX)) {
                return { at: new Date(fields.at as number).toISOString(), id };
            }
        } catch {
            // Falls through: a position the browser altered is an input error, not a server failure.
        }
        throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Invalid_Activity_Position'));
    }

    /** CrmSyncActivityViews.toView. */
    private toView(record: AuditEntry): ActivityEntry {
        return {
            id: record.id,
            name: record.name,
            occurredAt: record.occurredAt,
            action: record.action,
            outcome: record.outcome,
            actorName: this.org.data.usersById.get(record.actorId)?.Name,
            targetCount: record.targetUserIds.length,
            errorCode: record.errorCode ?? undefined,
            correlationId: record.correlationId ?? undefined
        };
    }
}

function encode(record: AuditEntry): string {
    return btoa(JSON.stringify({ at: Date.parse(record.occurredAt), id: record.id }));
}
