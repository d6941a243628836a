// CrmSyncConnectionService: status, test, dry run, link and unlink, and the org-id guard. Callouts come first in
// every method; the connection record and the audit entry are written afterwards, and once the backend was called
// exactly one audit entry records the action whatever fails after.
import type { ConnectionImpact, ConnectionTest, ConnectionView, LinkResult, UnlinkResult } from 'crm-sync/apex-types';
import { CrmSyncClient } from './client';
import type { LinkAnswer } from './client';
import { CrmSyncException } from './errors';
import { CrmSyncAuditLog, CrmSyncConnectionService } from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { audited, recordOutcome } from './audit';
import { requireTrustedAuthorizationPage } from './authorization-page';
import { connectionView, countViews, isThisOrg } from './views';

function runningAdmin(org: SimulatedOrg): { userId: string; name: string } {
    return { userId: org.runningUser.Id, name: org.runningUser.Name };
}

/** requirePurgeChoice: no default — the admin must say whether imported data is deleted. */
function requirePurgeChoice(org: SimulatedOrg, purgeImportedData: boolean | null | undefined): boolean {
    if (typeof purgeImportedData !== 'boolean') {
        throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Purge_Choice_Required'));
    }
    return purgeImportedData;
}

/** CrmSyncClient.isCopy: this org is a sandbox copy the guard marked, not linked again since. */
export function isCopy(org: SimulatedOrg): boolean {
    return Boolean(org.data.connection.Copied_At__c);
}

/**
 * requireLinkedOrg: refuses sync changes unless this org was linked from here — a sandbox copy the guard marked, not
 * linked at all, or linked as another org (a sandbox refreshed from production carries production's record).
 */
export function requireLinkedOrg(org: SimulatedOrg): void {
    if (isCopy(org)) {
        throw new CrmSyncException('SANDBOX_COPY', org.label('CRM_Sync_Error_Sandbox_Copy'));
    }
    const linkedOrgId = org.data.connection.Linked_Org_Id__c;
    if (!linkedOrgId) {
        throw new CrmSyncException('NOT_LINKED', org.label('CRM_Sync_Error_Not_Linked'));
    }
    if (!isThisOrg(org, linkedOrgId)) {
        throw new CrmSyncException('ORG_MISMATCH', org.label('CRM_Sync_Error_Org_Mismatch'));
    }
}

export class ConnectionService {
    private readonly org: SimulatedOrg;
    private readonly client: CrmSyncClient;

    constructor(org: SimulatedOrg) {
        this.org = org;
        this.client = new CrmSyncClient(org);
    }

    async getConnection(): Promise<ConnectionView> {
        const record = this.org.data.connection;
        if (record.Copied_At__c) {
            // A sandbox copy calls nothing: its connection is what the copied record says.
            return {
                connected: false,
                linkedOrgId: record.Linked_Org_Id__c ?? undefined,
                health: 'unknown',
                orgMismatch: true,
                paused: false,
                copiedAt: record.Copied_At__c
            };
        }
        return connectionView(this.org, await this.client.getConnection());
    }

    async testConnection(): Promise<ConnectionTest> {
        const started = this.org.now();
        const health = await this.client.getHealth();
        return {
            status: health.status,
            backendVersion: health.backendVersion,
            roundTripMs: this.org.now() - started,
            correlationId: this.client.correlationId
        };
    }

    async previewChange(operation: string | null, purgeImportedData: boolean | null): Promise<ConnectionImpact> {
        // Exact words only: the contract allows just these two.
        if (operation !== CrmSyncConnectionService.LINK && operation !== CrmSyncConnectionService.UNLINK) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Invalid_Operation'));
        }
        const purge = requirePurgeChoice(this.org, purgeImportedData);
        const summary = await this.client.previewConnectionChange(operation, purge);
        return { willDelete: countViews(summary.willDelete), willKeep: countViews(summary.willKeep) };
    }

    async link(purgeImportedData: boolean | null): Promise<LinkResult> {
        const purge = requirePurgeChoice(this.org, purgeImportedData);
        const { org, client } = this;
        const audit = {
            action: CrmSyncAuditLog.LINK_ORG,
            correlationId: client.correlationId,
            purgeImportedData: purge
        };
        const result = await audited(org, audit, async () => {
            const answer: LinkAnswer = await client.linkOrg({
                purgeImportedData: purge,
                instanceUrl: org.domainUrl,
                linkedBy: runningAdmin(org)
            });
            if (answer.authorizationUrl !== undefined) {
                const authorizationUrl = requireTrustedAuthorizationPage(
                    org,
                    answer.authorizationUrl,
                    client.correlationId
                );
                return { outcome: CrmSyncConnectionService.AUTHORIZATION_REQUIRED, authorizationUrl };
            }
            org.data.connection = {
                Linked_Org_Id__c: org.orgId,
                Linked_By_Id__c: org.runningUser.Id,
                Linked_At__c: new Date(org.now()).toISOString(),
                Copied_At__c: null
            };
            if (purge) {
                // Linking with purge deletes the backend's user mappings too; the Apex resets the stored states in a
                // batch.
                org.data.deleteAllSyncStates();
            }
            return {
                outcome: CrmSyncConnectionService.LINKED,
                connection: connectionView(org, answer.connection ?? {})
            };
        });
        const authorizing = result.outcome === CrmSyncConnectionService.AUTHORIZATION_REQUIRED;
        recordOutcome(org, audit, authorizing ? CrmSyncAuditLog.AUTHORIZATION_REQUIRED : CrmSyncAuditLog.SUCCEEDED);
        return result;
    }

    /** pause: a reason is required; user changes made while paused are stored and take effect on resume. */
    async pause(reason: string | null): Promise<ConnectionView> {
        const { org, client } = this;
        const trimmed = (reason ?? '').trim();
        if (trimmed === '' || trimmed.length > CrmSyncConnectionService.MAX_PAUSE_REASON) {
            throw new CrmSyncException(
                'INVALID_INPUT',
                org.format('CRM_Sync_Pause_Reason_Invalid', CrmSyncConnectionService.MAX_PAUSE_REASON)
            );
        }
        requireLinkedOrg(org);
        const audit = { action: CrmSyncAuditLog.PAUSE_SYNC, correlationId: client.correlationId, details: trimmed };
        const connection = await audited(org, audit, () =>
            client.pauseSync({ reason: trimmed, pausedBy: runningAdmin(org) })
        );
        recordOutcome(org, audit);
        return connectionView(org, connection);
    }

    async resume(): Promise<ConnectionView> {
        const { org, client } = this;
        requireLinkedOrg(org);
        const audit = { action: CrmSyncAuditLog.RESUME_SYNC, correlationId: client.correlationId };
        const connection = await audited(org, audit, () => client.resumeSync({ resumedBy: runningAdmin(org) }));
        recordOutcome(org, audit);
        return connectionView(org, connection);
    }

    async unlink(purgeImportedData: boolean | null): Promise<UnlinkResult> {
        const purge = requirePurgeChoice(this.org, purgeImportedData);
        const { org, client } = this;
        const linkedOrgId = org.data.connection.Linked_Org_Id__c;
        if (linkedOrgId && !isThisOrg(org, linkedOrgId)) {
            throw new CrmSyncException('ORG_MISMATCH', org.label('CRM_Sync_Error_Org_Mismatch'));
        }
        const audit = {
            action: CrmSyncAuditLog.UNLINK_ORG,
            correlationId: client.correlationId,
            purgeImportedData: purge
        };
        const result = await audited(org, audit, async () => {
            const answer = await client.unlinkOrg(purge);
            org.data.connection = { Linked_Org_Id__c: null, Linked_By_Id__c: null, Linked_At__c: null };
            if (purge) {
                // The backend deleted its user mappings, so the stored states and versions are stale. The Apex starts
                // CrmSyncResetUserStatesBatch for this; the preview deletes them at once.
                org.data.deleteAllSyncStates();
            }
            return {
                connection: connectionView(org, answer.connection),
                purged: countViews(answer.purged?.willDelete)
            };
        });
        recordOutcome(org, audit);
        return result;
    }
}
