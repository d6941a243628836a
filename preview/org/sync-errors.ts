// CrmSyncSyncErrorService: the open sync errors a page at a time, grouped by cause with the fix for each in the
// admin's language, and retrying up to 200 of them. Every input is checked before anything is sent; both need a link
// of this org; a retry calls out first, then reads and stores the touched users' states, then is audited.
import type {
    CauseGroup,
    SyncErrorPage,
    SyncErrorQuery,
    SyncErrorRetry,
    SyncErrorView,
    UserState
} from 'crm-sync/apex-types';
import { recordFailure, recordOutcome } from './audit';
import type { AuditStart } from './audit';
import { CrmSyncClient, requireSyncErrorCount } from './client';
import type { ApiSyncError, ApiSyncErrorQuery, ApiSyncErrorRetryItem } from './client';
import { requireLinkedOrg } from './connection';
import { CrmSyncException, wrapFailure } from './errors';
import {
    CrmSyncAuditLog,
    CrmSyncClient as ClientConstants,
    CrmSyncSyncErrorService as Constants
} from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { UserService, toUserId } from './users';
import { apexDatetime } from './views';

/** causeLabel and causeFix: the label names of a cause; one the contract does not name reads as OTHER_CAUSE. */
function causeLabels(cause: string): [string, string] {
    const known = Constants.CAUSE_LABELS.has(cause) ? cause : Constants.OTHER_CAUSE;
    return [Constants.CAUSE_LABELS.get(known) as string, Constants.CAUSE_FIXES.get(known) as string];
}

/** recordsLabel's label name; a record type the contract adds later reads as the user's own record. */
function recordsLabelName(recordType: string): string {
    return Constants.RECORDS_LABELS.get(Constants.RECORDS_LABELS.has(recordType) ? recordType : 'user') as string;
}

export class SyncErrorService {
    private readonly org: SimulatedOrg;
    private readonly client: CrmSyncClient;

    constructor(org: SimulatedOrg) {
        this.org = org;
        this.client = new CrmSyncClient(org);
    }

    async getPage(query: SyncErrorQuery | null | undefined): Promise<SyncErrorPage> {
        const request = this.toRequest(query);
        requireLinkedOrg(this.org);
        const page = await this.client.listSyncErrors(request);
        const view: SyncErrorPage = {
            errors: page.errors.map((error) => this.toView(error)),
            groups: this.toGroups(page.summary.causes),
            total: page.summary.total,
            nextCursor: page.nextCursor ?? undefined
        };
        if (request.salesforceUserId) {
            view.userName = this.nameOf(request.salesforceUserId);
        }
        return view;
    }

    async retry(errorIds: (string | null)[] | null | undefined): Promise<SyncErrorRetry> {
        const ids = requireErrorIds(this.org, errorIds);
        requireLinkedOrg(this.org);
        const audit: AuditStart = {
            action: CrmSyncAuditLog.RETRY_SYNC_ERRORS,
            correlationId: this.client.correlationId
        };
        let items;
        try {
            items = await this.client.retrySyncErrors(ids);
        } catch (failure) {
            const error = wrapFailure(failure, audit.correlationId, this.org.label('CRM_Sync_Error_Unexpected'));
            recordFailure(this.org, audit, error);
            throw error;
        }
        return this.finish(audit, ids.length, items);
    }

    /** retryCause: "Retry all" — the newest errors of the cause, as many as one call takes; the rest remain. */
    async retryCause(cause: string | null | undefined): Promise<SyncErrorRetry> {
        if (!cause || !(Constants.CAUSES as readonly string[]).includes(cause)) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Sync_Error_Request'));
        }
        return this.retryMatching({ cause });
    }

    /** getUserErrors: the user's newest USER_ERRORS_SHOWN open errors, for the User record action. */
    async getUserErrors(userId: string | null | undefined): Promise<SyncErrorPage> {
        return this.getPage({ userId: requireUserId(this.org, userId), pageSize: Constants.USER_ERRORS_SHOWN });
    }

    /** retryUser: "Retry" in the User record action — the user's open errors. */
    async retryUser(userId: string | null | undefined): Promise<SyncErrorRetry> {
        return this.retryMatching({ salesforceUserId: requireUserId(this.org, userId) });
    }

    /** retryMatching: lists the newest errors the request matches, as many as one retry takes, and retries them. */
    private async retryMatching(request: ApiSyncErrorQuery): Promise<SyncErrorRetry> {
        requireLinkedOrg(this.org);
        const audit: AuditStart = {
            action: CrmSyncAuditLog.RETRY_SYNC_ERRORS,
            correlationId: this.client.correlationId
        };
        let ids: string[];
        let open: number;
        let items;
        try {
            const page = await this.client.listSyncErrors({
                ...request,
                pageSize: ClientConstants.MAX_SYNC_ERRORS_PER_CALL
            });
            ids = page.errors.map((error) => error.id);
            open = page.summary.total;
            if (ids.length === 0) {
                return { resolved: 0, failed: 0, unknown: 0, remaining: 0, stillFailing: [], states: [] };
            }
            items = await this.client.retrySyncErrors(ids);
        } catch (failure) {
            const error = wrapFailure(failure, audit.correlationId, this.org.label('CRM_Sync_Error_Unexpected'));
            recordFailure(this.org, audit, error);
            throw error;
        }
        const result = await this.finish(audit, ids.length, items);
        return { ...result, remaining: Math.max(0, open - ids.length) };
    }

    /** Counts the outcomes, reads and stores the touched users' states, then audits the retry. */
    private async finish(audit: AuditStart, retried: number, items: ApiSyncErrorRetryItem[]): Promise<SyncErrorRetry> {
        const result = {
            resolved: 0,
            failed: 0,
            unknown: 0,
            remaining: 0,
            stillFailing: [] as SyncErrorView[],
            states: [] as UserState[]
        };
        const touched = new Set<string>();
        for (const item of items) {
            const userId = toUserId(item.salesforceUserId);
            if (userId) {
                touched.add(userId);
            }
        }
        for (const item of items) {
            if (item.outcome === 'resolved') {
                result.resolved++;
            } else if (item.outcome === 'failed') {
                result.failed++;
                result.stillFailing.push(this.toView(item.error as ApiSyncError));
            } else {
                result.unknown++;
            }
        }
        result.states = await this.readStates([...touched]);
        audit.targetUserIds = [...touched];
        audit.details = this.org.format(
            'CRM_Sync_Audit_Retry_Details',
            retried,
            result.resolved,
            result.failed,
            result.unknown
        );
        recordOutcome(
            this.org,
            audit,
            result.failed === 0
                ? CrmSyncAuditLog.SUCCEEDED
                : result.failed === retried
                  ? CrmSyncAuditLog.FAILED
                  : CrmSyncAuditLog.PARTIALLY_SUCCEEDED
        );
        return result;
    }

    private toRequest(query: SyncErrorQuery | null | undefined): ApiSyncErrorQuery {
        const request: ApiSyncErrorQuery = { pageSize: Constants.DEFAULT_PAGE_SIZE };
        if (!query) {
            return request;
        }
        let valid = true;
        if (query.userId != null && query.userId.trim() !== '') {
            request.salesforceUserId = toUserId(query.userId);
            valid = request.salesforceUserId !== null;
        }
        if (query.cause != null && query.cause.trim() !== '') {
            valid &&= (Constants.CAUSES as readonly string[]).includes(query.cause);
            request.cause = query.cause;
        }
        if (query.cursor != null && query.cursor.trim() !== '') {
            valid &&= Constants.CURSOR.regExp.test(query.cursor);
            request.cursor = query.cursor;
        }
        if (query.pageSize != null) {
            valid &&= query.pageSize >= 1 && query.pageSize <= ClientConstants.MAX_SYNC_ERRORS_PER_CALL;
            request.pageSize = query.pageSize;
        }
        if (!valid) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Sync_Error_Request'));
        }
        return request;
    }

    /** Most errors first; groups of the same size in the order of CAUSES, unknown causes last. */
    private toGroups(counts: { cause: string; count: number; userCount: number }[]): CauseGroup[] {
        const rank = (cause: string) => {
            const index = (Constants.CAUSES as readonly string[]).indexOf(cause);
            return index < 0 ? Constants.CAUSES.length : index;
        };
        return [...counts]
            .sort((a, b) => (a.count !== b.count ? b.count - a.count : rank(a.cause) - rank(b.cause)))
            .map((count) => {
                const [label, fix] = causeLabels(count.cause);
                return {
                    cause: count.cause,
                    label: this.org.label(label),
                    fix: this.org.label(fix),
                    count: count.count,
                    userCount: count.userCount
                };
            });
    }

    private toView(error: ApiSyncError): SyncErrorView {
        const [label, fix] = causeLabels(error.cause);
        const userId = toUserId(error.salesforceUserId) as string;
        return {
            id: error.id,
            userId,
            userName: this.nameOf(userId),
            cause: error.cause,
            causeLabel: this.org.label(label),
            fix: this.org.label(fix),
            message: error.message,
            recordType: error.recordType,
            recordsLabel: this.org.format(recordsLabelName(error.recordType), error.recordCount),
            firstSeenAt: apexDatetime(error.firstSeenAt),
            lastSeenAt: apexDatetime(error.lastSeenAt)
        };
    }

    private nameOf(userId: string): string {
        return this.org.data.usersById.get(userId)?.Name ?? userId;
    }

    /** The touched users' states; a failed read leaves them out rather than failing a retry that happened. */
    private async readStates(userIds: string[]): Promise<UserState[]> {
        if (userIds.length === 0) {
            return [];
        }
        try {
            return await new UserService(this.org).refreshStates(userIds);
        } catch (failure) {
            if (failure instanceof CrmSyncException) {
                return [];
            }
            throw failure;
        }
    }
}

/** The ids in their first order without repeats; a malformed one, none or too many refuse the request. */
function requireErrorIds(org: SimulatedOrg, errorIds: (string | null)[] | null | undefined): string[] {
    const ids = [...new Set(errorIds ?? [])];
    requireSyncErrorCount(org, ids.length);
    if (ids.some((id) => id === null || !Constants.ERROR_ID.regExp.test(id))) {
        throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Sync_Error_Request'));
    }
    return ids as string[];
}

/** requireUserId: a user id from the page; anything else refuses the request before anything is sent. */
function requireUserId(org: SimulatedOrg, userId: string | null | undefined): string {
    const id = toUserId(userId);
    if (!id) {
        throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Sync_Error_Request'));
    }
    return id;
}
