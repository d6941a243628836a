// CrmSyncUserInput and CrmSyncUserService: validate what the browser sends about users, read the seat pools,
// refresh users' states from the backend, enable or disable sync and assign or remove licenses. Rules as in Apex:
// input first; changes need this org to be the linked one; one user is changed with PATCH and If-Match, many with
// one batch call; a change that succeeded for a user then reads the seat pools, whose failure leaves the change
// succeeded; stored states and the audit entry are written only after the backend answered.
import type { ErrorView, LicensePool, UserChangeResult, UserChangeSummary, UserState } from 'crm-sync/apex-types';
import { toId18 } from '../seed/salesforce-id';
import { audited, recordOutcome } from './audit';
import type { AuditAction } from './audit';
import { CrmSyncClient, isLicenseType } from './client';
import type { ApiBatchItemResult, ApiUserSyncState, UserChange } from './client';
import { requireLinkedOrg } from './connection';
import type { OrgUser, SyncRecord } from './data';
import { CrmSyncException, wrapFailure } from './errors';
import { CrmSyncAuditLog, CrmSyncClient as ClientConstants, CrmSyncUserService } from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { forProblemCode } from './response-error';
import { abbreviate, toRecord, UNKNOWN_TO_BACKEND, userStateView } from './views';

function invalid(org: SimulatedOrg, label: string, value: unknown): CrmSyncException {
    return new CrmSyncException('INVALID_INPUT', org.format(label, value == null ? '' : String(value)));
}

/** CrmSyncUserInput.toUserId: an 18-character User id from untrusted text; null for anything else. */
export function toUserId(value: unknown): string | null {
    if (typeof value !== 'string' || value.trim() === '') {
        return null;
    }
    const id = toId18(value.trim());
    return id && id.startsWith('005') ? id : null;
}

/**
 * CrmSyncUserInput.requireUsers: 1 to CrmSyncClient.MAX_USERS_PER_CALL ids, each a user the admin can see, a
 * standard (internal) user, and active when the users are to be changed. Keeps the order given and drops repeats.
 */
export function requireUsers(
    org: SimulatedOrg,
    userIds: (string | null)[] | null,
    mustBeActive: boolean
): Map<string, OrgUser> {
    if (!userIds || userIds.length === 0) {
        throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_No_Users'));
    }
    const ordered = new Set<string>();
    for (const value of userIds) {
        const userId = toUserId(value);
        if (!userId) {
            throw invalid(org, 'CRM_Sync_Error_Not_A_User', value);
        }
        ordered.add(userId);
    }
    if (ordered.size > ClientConstants.MAX_USERS_PER_CALL) {
        throw invalid(org, 'CRM_Sync_Error_Too_Many_Users', ClientConstants.MAX_USERS_PER_CALL);
    }
    const users = new Map<string, OrgUser>();
    for (const userId of ordered) {
        const user = org.data.usersById.get(userId);
        if (!user) {
            throw invalid(org, 'CRM_Sync_Error_Not_A_User', userId);
        }
        if (user.UserType !== 'Standard') {
            throw invalid(org, 'CRM_Sync_Error_Not_Standard_User', user.Name);
        }
        if (mustBeActive && !user.IsActive) {
            throw invalid(org, 'CRM_Sync_Error_User_Inactive', user.Name);
        }
        users.set(userId, user);
    }
    return users;
}

export interface ChangeTemplate {
    syncEnabled?: boolean;
    changeLicense: boolean;
    licenseType?: string | null;
}

export class UserService {
    private readonly org: SimulatedOrg;
    private client: CrmSyncClient;
    /** The pools' names read in this transaction, by license type: stored with the states written after them. */
    private readonly poolLabels = new Map<string, string>();
    private reason: string = CrmSyncUserService.SYNC_REASON_MANUAL;
    private ruleName: string | null = null;

    constructor(org: SimulatedOrg) {
        this.org = org;
        this.client = new CrmSyncClient(org);
    }

    async getLicensePools(): Promise<LicensePool[]> {
        const views = (await this.client.listLicensePools()).map((pool) => ({
            licenseType: pool.licenseType,
            label: pool.label?.trim() ? pool.label : pool.licenseType,
            total: pool.total,
            assigned: pool.assigned,
            available: pool.available,
            isDefault: pool.isDefault === true
        }));
        for (const { licenseType, label } of views) {
            if (licenseType && label) {
                this.poolLabels.set(licenseType, label);
            }
        }
        return views;
    }

    /**
     * The pool's name to store with a state: as read in this transaction; otherwise, for the same license, the one
     * stored before; otherwise none, and the table shows the code while the pools cannot be read.
     */
    private licenseLabel(licenseType: string | null | undefined, stored: SyncRecord | undefined): string | null {
        if (!licenseType) {
            return null;
        }
        const read = this.poolLabels.get(licenseType);
        if (read !== undefined) {
            return abbreviate(read, 255);
        }
        return stored?.License_Type__c === licenseType ? (stored.License_Label__c ?? null) : null;
    }

    /** Reads the users' state from the backend and stores it; a user the backend does not know has sync off. */
    async refreshStates(userIds: (string | null)[] | null): Promise<UserState[]> {
        const users = requireUsers(this.org, userIds, false);
        const states = await this.client.lookupUsers([...users.keys()]);
        const stored = this.org.data.getSyncStates(users.keys());
        const fresh = new Map<string, SyncRecord>();
        for (const state of states) {
            const userId = toUserId(state.salesforceUserId);
            if (userId && users.has(userId)) {
                fresh.set(userId, this.record(state, stored.get(userId)));
            }
        }
        for (const userId of stored.keys()) {
            if (!fresh.has(userId)) {
                fresh.set(userId, { ...UNKNOWN_TO_BACKEND });
            }
        }
        this.org.data.saveSyncStates(fresh);
        return [...users.values()].map((user) => userStateView(user, fresh.get(user.Id)));
    }

    /**
     * CrmSyncUserService.getOneUserState: the User record action's read, with the license pool's name. The pools are
     * read first, so the state is stored with the pool's name.
     */
    async getOneUserState(userId: string | null): Promise<UserState> {
        await this.getLicensePools();
        const [state] = await this.refreshStates([userId]);
        return { ...state, licenseLabel: state.licenseType ? this.poolLabels.get(state.licenseType) : undefined };
    }

    /** "Edit" → "Enable CRM sync"; enabling needs active users, disabling works for inactive ones too. */
    async setSyncEnabled(userIds: (string | null)[] | null, enabled: boolean | null): Promise<UserChangeSummary> {
        if (typeof enabled !== 'boolean') {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Sync_Choice_Required'));
        }
        const action = enabled ? CrmSyncAuditLog.ENABLE_USER_SYNC : CrmSyncAuditLog.DISABLE_USER_SYNC;
        return this.apply(userIds, action, { syncEnabled: enabled, changeLicense: false }, enabled);
    }

    /** Assigns a license of the given type; null removes the license (also from inactive users). */
    async setLicense(userIds: (string | null)[] | null, licenseType: string | null): Promise<UserChangeSummary> {
        if (licenseType != null && !isLicenseType(licenseType)) {
            throw invalid(this.org, 'CRM_Sync_Error_Invalid_License_Type', licenseType);
        }
        const assigning = licenseType != null;
        const action = assigning ? CrmSyncAuditLog.ASSIGN_LICENSE : CrmSyncAuditLog.REMOVE_LICENSE;
        return this.apply(userIds, action, { changeLicense: true, licenseType }, assigning);
    }

    private async apply(
        userIds: (string | null)[] | null,
        action: AuditAction,
        template: ChangeTemplate,
        activeUsersOnly: boolean
    ): Promise<UserChangeSummary> {
        const { org, client } = this;
        const users = requireUsers(org, userIds, activeUsersOnly);
        requireLinkedOrg(org);
        const stored = org.data.getSyncStates(users.keys());
        const changes: UserChange[] = [...users.values()].map((user) => ({
            ...template,
            salesforceUserId: user.Id,
            email: user.Email,
            expectedVersion: stored.get(user.Id)?.Backend_Version__c ?? null
        }));
        const audit = { action, correlationId: client.correlationId, targetUserIds: [...users.keys()] };
        // Once the backend may have changed something, exactly one audit entry records it, whatever fails after.
        const summary = await audited(org, audit, async () => {
            const items: ApiBatchItemResult[] =
                changes.length === 1
                    ? [
                          {
                              salesforceUserId: changes[0].salesforceUserId,
                              outcome: 'updated',
                              state: await client.updateUser(changes[0])
                          }
                      ]
                    : await client.updateUsers(changes);
            let licensePools: LicensePool[] | undefined;
            let licensePoolsError: ErrorView | undefined;
            if (this.anySucceeded(users, items)) {
                try {
                    licensePools = await this.getLicensePools();
                } catch (failure) {
                    // The change is done and stays done: the panel keeps its seats and shows why they are not fresh.
                    const error = wrapFailure(failure, client.correlationId, org.label('CRM_Sync_Error_Unexpected'));
                    licensePoolsError = { ...error.toView(), correlationId: error.correlationId ?? undefined };
                }
            }
            const changeSummary = {
                ...this.summarize(users, items, template.licenseType ?? null, stored),
                licensePools,
                licensePoolsError
            };
            const confirmed = new Map<string, SyncRecord>();
            for (const item of items) {
                const userId = toUserId(item.salesforceUserId);
                if (item.state && userId && users.has(userId)) {
                    confirmed.set(userId, this.changedRecord(item, stored.get(userId)));
                }
            }
            org.data.saveSyncStates(confirmed);
            return changeSummary;
        });
        const succeeded = summary.succeeded ?? 0;
        const failed = summary.failed ?? 0;
        const outcome =
            failed === 0
                ? CrmSyncAuditLog.SUCCEEDED
                : succeeded === 0
                  ? CrmSyncAuditLog.FAILED
                  : CrmSyncAuditLog.PARTIALLY_SUCCEEDED;
        const errorCode = succeeded === 0 && failed > 0 ? (summary.results?.[0]?.errorCode ?? null) : null;
        recordOutcome(
            org,
            {
                ...audit,
                details:
                    org.format('CRM_Sync_Audit_Change_Details', succeeded, failed) +
                    (this.ruleName !== null ? `\n${org.format('CRM_Sync_Audit_Rule_Job', this.ruleName)}` : '')
            },
            outcome,
            errorCode
        );
        return summary;
    }

    /** CrmSyncUserService.toRecord: the state to store; why sync is on or off stays as stored. */
    private record(state: ApiUserSyncState, stored: SyncRecord | undefined): SyncRecord {
        return {
            ...toRecord(state, this.licenseLabel(state.licenseType, stored)),
            Sync_Reason__c: stored?.Sync_Reason__c ?? null,
            Rule_Name__c: stored?.Rule_Name__c ?? null
        };
    }

    /** changedRecord: the state a change succeeded with, recording this service's reason and rule. */
    private changedRecord(item: ApiBatchItemResult, stored: SyncRecord | undefined): SyncRecord {
        const record = this.record(item.state as ApiUserSyncState, stored);
        return CrmSyncUserService.SUCCESSFUL_OUTCOMES.has(item.outcome ?? '')
            ? { ...record, Sync_Reason__c: this.reason, Rule_Name__c: this.ruleName }
            : record;
    }

    /** withReason: changes made by an assignment rule, or by the release of a user who left. */
    withReason(reason: string, ruleName: string | null): this {
        this.reason = reason;
        this.ruleName = ruleName;
        return this;
    }

    /** applyRule: CRM sync with the rule's license for up to 200 users at once, recorded as the rule's. */
    async applyRule(userIds: string[], licenseType: string | null, ruleName: string): Promise<UserChangeSummary> {
        if (licenseType != null && !isLicenseType(licenseType)) {
            throw invalid(this.org, 'CRM_Sync_Error_Invalid_License_Type', licenseType);
        }
        this.withReason(CrmSyncUserService.SYNC_REASON_RULE, ruleName);
        return this.apply(
            userIds,
            CrmSyncAuditLog.APPLY_RULE,
            { syncEnabled: true, changeLicense: true, licenseType },
            true
        );
    }

    /** withClient: a background job's client, so every step's requests share the job's correlation id. */
    withClient(jobClient: CrmSyncClient): this {
        this.client = jobClient;
        return this;
    }

    /**
     * sendJobBatch: one batch of a background job, with the batch's own Idempotency-Key. Only the callout: the job
     * step stores the states after all of its batches were sent; a refused user's current state is stored too.
     */
    async sendJobBatch(
        users: Map<string, OrgUser>,
        stored: Map<string, SyncRecord>,
        template: ChangeTemplate,
        idempotencyKey: string
    ): Promise<{ summary: UserChangeSummary; states: Map<string, SyncRecord> }> {
        const changes: UserChange[] = [...users.values()].map((user) => ({
            ...template,
            salesforceUserId: user.Id,
            email: user.Email,
            expectedVersion: stored.get(user.Id)?.Backend_Version__c ?? null
        }));
        const items = await this.client.updateUsers(changes, idempotencyKey);
        const summary = this.summarize(users, items, template.licenseType ?? null, stored);
        const states = new Map<string, SyncRecord>();
        for (const item of items) {
            const userId = toUserId(item.salesforceUserId);
            if (item.state && userId) {
                states.set(userId, this.changedRecord(item, stored.get(userId)));
            }
        }
        return { summary, states };
    }

    /**
     * Whether the backend answered "updated" or "unchanged" for at least one user; first checks that the answer is
     * only about users that were sent, so nothing more is read for an answer that cannot be trusted.
     */
    private anySucceeded(users: Map<string, OrgUser>, items: ApiBatchItemResult[]): boolean {
        let succeeded = false;
        for (const item of items) {
            this.sentUser(users, item);
            succeeded = succeeded || CrmSyncUserService.SUCCESSFUL_OUTCOMES.has(item.outcome ?? '');
        }
        return succeeded;
    }

    /** The user an answer's item is about; an item about a user that was not sent makes the answer malformed. */
    private sentUser(users: Map<string, OrgUser>, item: ApiBatchItemResult): OrgUser {
        const userId = toUserId(item.salesforceUserId);
        const user = userId ? users.get(userId) : undefined;
        if (!user) {
            // The backend answered for a user we did not send: the answer cannot be trusted.
            throw new CrmSyncException(
                'MALFORMED_RESPONSE',
                this.org.label('CRM_Sync_Error_Malformed_Response'),
                false,
                this.client.correlationId
            );
        }
        return user;
    }

    /** One result per user; a SEATS_EXHAUSTED item names the pool being assigned, or the default pool. */
    private summarize(
        users: Map<string, OrgUser>,
        items: ApiBatchItemResult[],
        requestedLicenseType: string | null,
        stored: Map<string, SyncRecord>
    ): UserChangeSummary {
        const { org, client } = this;
        const summary: UserChangeSummary = { succeeded: 0, failed: 0, correlationId: client.correlationId };
        const results: UserChangeResult[] = [];
        for (const item of items) {
            const user = this.sentUser(users, item);
            const succeeded = CrmSyncUserService.SUCCESSFUL_OUTCOMES.has(item.outcome ?? '');
            const result: UserChangeResult = {
                userId: user.Id,
                name: user.Name,
                succeeded,
                state: userStateView(user, item.state ? this.record(item.state, stored.get(user.Id)) : undefined)
            };
            if (succeeded) {
                summary.succeeded = (summary.succeeded ?? 0) + 1;
            } else {
                const failure = forProblemCode(
                    org,
                    item.error?.code ?? CrmSyncUserService.OUTCOME_PROBLEMS.get(item.outcome ?? ''),
                    requestedLicenseType,
                    client.correlationId
                );
                result.errorCode = failure.code;
                result.message = failure.message;
                result.reason = item.error?.detail ? abbreviate(item.error.detail, 255) : undefined;
                summary.failed = (summary.failed ?? 0) + 1;
            }
            results.push(result);
        }
        summary.results = results;
        return summary;
    }
}
