// CrmSyncSyncErrorService: the open sync errors a page at a time, grouped by cause with the fix for each in the
// admin's language, and retrying them: up to 200 at once, all of a cause with more as a background job (one round of
// it per job step). Every input is checked before anything is sent; both need a link of this org; a retry calls out
// first, then reads and stores the touched users' states, then is audited.
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
import type { JobRecord } from './data';
import { CrmSyncException, wrapFailure } from './errors';
import {
    CrmSyncAuditLog,
    CrmSyncClient as ClientConstants,
    CrmSyncSyncErrorService as Constants
} from './generated/apex-constants';
import { JobService, causeOf } from './jobs';
import type { SimulatedOrg } from './org';
import { UserService, toUserId } from './users';
import { apexDatetime } from './views';

/** causeLabel and causeFix: the label names of a cause; one the contract does not name reads as OTHER_CAUSE. */
function causeLabels(cause: string): [string, string] {
    const known = Constants.CAUSE_LABELS.has(cause) ? cause : Constants.OTHER_CAUSE;
    return [Constants.CAUSE_LABELS.get(known) as string, Constants.CAUSE_FIXES.get(known) as string];
}

/** CrmSyncSyncErrorService.causeLabel: a cause's name in the admin's language. */
export function causeLabel(org: SimulatedOrg, cause: string): string {
    return org.label(causeLabels(cause)[0]);
}

/** CrmSyncSyncErrorService.causeFix: what the admin does about a cause before retrying. */
export function causeFix(org: SimulatedOrg, cause: string): string {
    return org.label(causeLabels(cause)[1]);
}

/** CrmSyncSyncErrorService.JobRound: what one round of a Retry_Sync_Errors job did. */
export interface JobRound {
    retried: number;
    /** Resolved, or no longer open: either way the error is gone. */
    gone: number;
    failedAgain: ApiSyncError[];
    /** No error of the cause last seen before the job started is open any more: the job is done. */
    nothingLeft: boolean;
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

    /** retryCause: "Retry all" — at once when one call takes every open error of the cause, else as a job. */
    async retryCause(cause: string | null | undefined): Promise<SyncErrorRetry> {
        if (!cause || !(Constants.CAUSES as readonly string[]).includes(cause)) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Sync_Error_Request'));
        }
        return this.retryMatching({ cause }, true);
    }

    /**
     * retryJobRound: one round of a Retry_Sync_Errors job — the next errors of its cause last seen before the job
     * started, never more than it has left, retried; then the touched users' states are read and stored.
     */
    async retryJobRound(job: JobRecord): Promise<JobRound> {
        const jobClient = new CrmSyncClient(this.org, job.Correlation_Id__c ?? undefined);
        const page = await jobClient.listSyncErrors({
            cause: causeOf(job) ?? undefined,
            until: job.Started_At__c ?? undefined,
            pageSize: Math.min(ClientConstants.MAX_SYNC_ERRORS_PER_CALL, job.Total__c - job.Processed__c)
        });
        const ids = page.errors.map((error) => error.id);
        const round: JobRound = { retried: 0, gone: 0, failedAgain: [], nothingLeft: ids.length === 0 };
        if (round.nothingLeft) {
            return round;
        }
        const touched = new Set<string>();
        for (const item of await jobClient.retrySyncErrors(ids)) {
            if (item.outcome === 'failed') {
                round.failedAgain.push(item.error as ApiSyncError);
            } else {
                round.gone++;
            }
            const userId = toUserId(item.salesforceUserId);
            if (userId) {
                touched.add(userId);
            }
        }
        round.retried = ids.length;
        await this.readStates([...touched], jobClient);
        return round;
    }

    /** getUserErrors: the user's newest USER_ERRORS_SHOWN open errors, for the User record action. */
    async getUserErrors(userId: string | null | undefined): Promise<SyncErrorPage> {
        return this.getPage({ userId: requireUserId(this.org, userId), pageSize: Constants.USER_ERRORS_SHOWN });
    }

    /** retryUser: "Retry" in the User record action — the user's open errors. */
    async retryUser(userId: string | null | undefined): Promise<SyncErrorRetry> {
        return this.retryMatching({ salesforceUserId: requireUserId(this.org, userId) }, false);
    }

    /**
     * retryMatching: lists the newest errors the request matches, as many as one retry takes, and retries them; with
     * asJob, more open errors than that start a job instead, after the one callout.
     */
    private async retryMatching(request: ApiSyncErrorQuery, asJob: boolean): Promise<SyncErrorRetry> {
        requireLinkedOrg(this.org);
        const audit: AuditStart = {
            action: CrmSyncAuditLog.RETRY_SYNC_ERRORS,
            correlationId: this.client.correlationId
        };
        const auditFailure = (failure: unknown) => {
            const error = wrapFailure(failure, audit.correlationId, this.org.label('CRM_Sync_Error_Unexpected'));
            recordFailure(this.org, audit, error);
            return error;
        };
        let page;
        try {
            page = await this.client.listSyncErrors({ ...request, pageSize: ClientConstants.MAX_SYNC_ERRORS_PER_CALL });
        } catch (failure) {
            throw auditFailure(failure);
        }
        const ids = page.errors.map((error) => error.id);
        const open = page.summary.total;
        const nothing = { resolved: 0, failed: 0, unknown: 0, remaining: 0, stillFailing: [], states: [] };
        if (asJob && open > ids.length) {
            return { ...nothing, job: new JobService(this.org).startSyncErrorRetry(request.cause as string, open) };
        }
        if (ids.length === 0) {
            return nothing;
        }
        let items;
        try {
            items = await this.client.retrySyncErrors(ids);
        } catch (failure) {
            throw auditFailure(failure);
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
        result.states = await this.readStates([...touched], this.client);
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
    private async readStates(userIds: string[], client: CrmSyncClient): Promise<UserState[]> {
        if (userIds.length === 0) {
            return [];
        }
        try {
            return await new UserService(this.org).withClient(client).refreshStates(userIds);
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
