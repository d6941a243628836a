// CrmSyncJobService, CrmSyncJobStep and CrmSyncJobRecovery: changes for every user of a selection. The dry run
// counts who changes and who is skipped and why; up to CrmSyncClient.MAX_USERS_PER_CALL changing users are changed
// at once, more run as a job of queued steps, each sending up to CALLS_PER_STEP batches with idempotency keys
// derived from the job, storing what it sent only after its callouts, and queueing the next step, waiting after a
// 429 or a failing backend. A CSV import that assigns licenses runs one part per license type, one job after the
// other, and its staged rows are deleted after its last job (CrmSyncImportCleanup). "Retry all" of a cause with more
// than 200 open sync errors runs as a job too, one round of SyncErrorService.retryJobRound per step. Rules as in Apex;
// the simulated org's queue (queue.ts) stands in for System.enqueueJob.
import type {
    FailureGroup,
    JobPreview,
    JobRequest,
    JobStart,
    JobView,
    SeatNeed,
    UserChangeSummary
} from 'crm-sync/apex-types';
import type { AuditAction, AuditOutcome } from './audit';
import { CrmSyncClient, isLicenseType } from './client';
import { requireLinkedOrg } from './connection';
import type { JobRecord, OrgUser, RuleRecord, SyncRecord } from './data';
import { deleteImportRows, isImportKey } from './imports';
import { cursorOfUsers, normaliseQuery, openUserSelection } from './directory';
import type { Query, SelectionCursor, UserRefinement } from './directory';
import { CrmSyncException } from './errors';
import {
    CrmSyncAuditLog,
    CrmSyncClient as ClientConstants,
    CrmSyncImportCleanup,
    CrmSyncJobService,
    CrmSyncJobStep,
    CrmSyncUserService
} from './generated/apex-constants';
import type { SimulatedOrg } from './org';
import { criterionIdsOf, RuleService } from './rules';
import { SyncErrorService, causeFix, causeLabel } from './sync-errors';
import { UserService } from './users';
import type { ChangeTemplate } from './users';
import type { LicensePool } from 'crm-sync/apex-types';
import { abbreviate } from './views';
import { randomUuid } from '../backend/http';

const OPERATIONS: readonly string[] = [
    CrmSyncAuditLog.ENABLE_USER_SYNC,
    CrmSyncAuditLog.DISABLE_USER_SYNC,
    CrmSyncAuditLog.ASSIGN_LICENSE,
    CrmSyncAuditLog.REMOVE_LICENSE
];

type UserPart = 'MATCHING' | 'INACTIVE' | 'CHANGING' | 'NEEDS_SEAT' | 'SWITCHED_OFF';

/** CrmSyncJobService.requireOperation: the four operations of a change for many users. */
export function requireOperation(org: SimulatedOrg, operation: string | null | undefined): string {
    if (!OPERATIONS.includes(operation ?? '')) {
        throw new CrmSyncException(
            'INVALID_INPUT',
            org.format('CRM_Sync_Error_Invalid_Job_Operation', operation ?? '')
        );
    }
    return operation as string;
}

/** CrmSyncJobService.Selection: a validated request. */
export class Selection {
    readonly operation: string;
    readonly licenseType: string | null;
    readonly query: Query;
    readonly retryJobId: string | null;
    readonly importKey: string | null;
    readonly rule: RuleRecord | null;
    /** With rule: what its criterion selects by, read once for all of the selection's queries. */
    readonly criterionIds: ReadonlySet<string>;

    constructor(
        operation: string,
        licenseType: string | null,
        query: Query,
        retryJobId: string | null,
        importKey: string | null = null,
        rule: RuleRecord | null = null,
        criterionIds: ReadonlySet<string> = new Set()
    ) {
        this.operation = operation;
        this.licenseType = licenseType;
        this.query = query;
        this.retryJobId = retryJobId;
        this.importKey = importKey;
        this.rule = rule;
        this.criterionIds = criterionIds;
    }

    /** The same selection for one license type: a part of an import that assigns licenses. */
    withLicenseType(type: string | null): Selection {
        const { operation, query, retryJobId, importKey, rule, criterionIds } = this;
        return new Selection(operation, type, query, retryJobId, importKey, rule, criterionIds);
    }

    /** Enabling, assigning and applying a rule need active users; disabling and removing do not. */
    needsActiveUsers(): boolean {
        return (
            this.operation !== CrmSyncAuditLog.DISABLE_USER_SYNC && this.operation !== CrmSyncAuditLog.REMOVE_LICENSE
        );
    }

    private stateFragment(): string {
        if (this.operation === CrmSyncAuditLog.ASSIGN_LICENSE) {
            return CrmSyncJobService.HOLDS_LICENSE_TYPE;
        }
        if (this.operation === CrmSyncAuditLog.APPLY_RULE) {
            return CrmSyncJobService.SYNC_ON_AND_LICENSED;
        }
        return this.operation === CrmSyncAuditLog.REMOVE_LICENSE
            ? CrmSyncJobService.LICENSED
            : CrmSyncJobService.SYNC_ON;
    }

    private alreadyWhenFragmentHolds(): boolean {
        return this.needsActiveUsers();
    }

    template(): ChangeTemplate {
        if (
            this.operation === CrmSyncAuditLog.ENABLE_USER_SYNC ||
            this.operation === CrmSyncAuditLog.DISABLE_USER_SYNC
        ) {
            return { syncEnabled: this.operation === CrmSyncAuditLog.ENABLE_USER_SYNC, changeLicense: false };
        }
        // Applying a rule: CRM sync with the rule's license, in one change.
        return {
            changeLicense: true,
            licenseType: this.licenseType,
            ...(this.operation === CrmSyncAuditLog.APPLY_RULE ? { syncEnabled: true } : {})
        };
    }

    refinement(part: UserPart): UserRefinement {
        const refinement: UserRefinement = {
            stateMustHold: [],
            stateMustNotHold: [],
            active: null,
            licenseType: this.licenseType,
            failedInJob: this.retryJobId,
            importKey: this.importKey,
            importLicenseType: this.importKey !== null ? this.licenseType : null,
            criterion: null,
            criterionIds: new Set()
        };
        if (this.rule) {
            refinement.criterion = this.rule.Criterion__c;
            refinement.criterionIds = new Set(this.criterionIds);
        }
        if (part === 'MATCHING') {
            return refinement;
        }
        if (part === 'SWITCHED_OFF') {
            return { ...refinement, active: true, stateMustHold: [CrmSyncJobService.SWITCHED_OFF_BY_HAND] };
        }
        if (part === 'INACTIVE') {
            return { ...refinement, active: false };
        }
        refinement.active = this.needsActiveUsers() ? true : null;
        // The changing users are those not already in the requested state.
        (this.alreadyWhenFragmentHolds() ? refinement.stateMustNotHold : refinement.stateMustHold).push(
            this.stateFragment()
        );
        if (part === 'NEEDS_SEAT' && this.operation === CrmSyncAuditLog.ENABLE_USER_SYNC) {
            // Enabling takes a seat of the default pool only from users without a license.
            refinement.stateMustNotHold.push(CrmSyncJobService.LICENSED);
        }
        if (this.operation === CrmSyncAuditLog.APPLY_RULE) {
            refinement.stateMustNotHold.push(CrmSyncJobService.SWITCHED_OFF_BY_HAND);
            if (part === 'NEEDS_SEAT') {
                // A rule takes a seat of its pool from users who do not hold its license yet.
                refinement.stateMustNotHold.push(CrmSyncJobService.HOLDS_LICENSE_TYPE);
            }
        }
        return refinement;
    }
}

const divideRoundingUp = (dividend: number, divisor: number): number => Math.floor((dividend + divisor - 1) / divisor);

export class JobService {
    private readonly org: SimulatedOrg;
    private readPools?: LicensePool[];

    constructor(org: SimulatedOrg) {
        this.org = org;
    }

    async preview(request: JobRequest | null): Promise<JobPreview> {
        const selection = this.toSelection(request);
        const preview = { matching: 0, changing: 0, callouts: 0, transactions: 0, seats: [] as SeatNeed[] };
        let inactive = 0;
        let switchedOff = 0;
        let changingParts = 0;
        for (const part of await this.partsOf(selection)) {
            const changing = this.count(part, 'CHANGING');
            preview.matching += this.count(part, 'MATCHING');
            inactive += part.needsActiveUsers() ? this.count(part, 'INACTIVE') : 0;
            switchedOff += part.rule ? this.count(part, 'SWITCHED_OFF') : 0;
            preview.changing += changing;
            preview.seats.push(...(await this.seatNeeds(part, changing)));
            preview.callouts += divideRoundingUp(changing, ClientConstants.MAX_USERS_PER_CALL);
            preview.transactions += divideRoundingUp(changing, CrmSyncJobStep.USERS_PER_STEP);
            changingParts += changing > 0 ? 1 : 0;
        }
        const runsAsJob = preview.changing > ClientConstants.MAX_USERS_PER_CALL || changingParts > 1;
        return {
            matching: preview.matching,
            changing: preview.changing,
            skipped: [
                {
                    reason: CrmSyncJobService.SKIP_ALREADY,
                    count: preview.matching - inactive - switchedOff - preview.changing
                },
                { reason: CrmSyncJobService.SKIP_INACTIVE, count: inactive },
                ...(selection.rule ? [{ reason: CrmSyncJobService.SKIP_MANUAL, count: switchedOff }] : [])
            ],
            seats: preview.seats,
            seatsSufficient: preview.seats.every((need) => need.sufficient),
            runsAsJob,
            callouts: preview.callouts,
            transactions: runsAsJob ? preview.transactions : 0
        };
    }

    async start(request: JobRequest | null): Promise<JobStart> {
        const { org } = this;
        const selection = this.toSelection(request);
        requireLinkedOrg(org);
        this.requireNoActiveJob();
        const parts: { part: Selection; cursor: SelectionCursor; total: number }[] = [];
        for (const part of await this.partsOf(selection)) {
            const cursor = openUserSelection(org, part.query, part.refinement('CHANGING'));
            if (cursor.getNumRecords() > 0) {
                parts.push({ part, cursor, total: cursor.getNumRecords() });
            }
        }
        const total = parts.reduce((sum, entry) => sum + entry.total, 0);
        if (total === 0) {
            throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Nothing_To_Change'));
        }
        if (parts.length === 1 && total <= ClientConstants.MAX_USERS_PER_CALL) {
            const summary = await this.applyAtOnce(parts[0].part, parts[0].cursor);
            if (selection.importKey !== null) {
                enqueueImportCleanup(org, selection.importKey);
            }
            return { mode: CrmSyncJobService.APPLIED, summary };
        }
        for (const entry of parts) {
            await this.requireSeats(entry.part, entry.total);
        }
        const job = org.data.insertJob(
            newJob(
                org,
                parts[0].part,
                parts[0].total,
                parts.slice(1).map((entry) => entry.part.licenseType ?? '')
            )
        );
        if (!job) {
            // Another admin started a job since requireNoActiveJob looked.
            this.requireNoActiveJob();
            throw new CrmSyncException('JOB_RUNNING', org.label('CRM_Sync_Error_Job_Start_Conflict'));
        }
        org.data.jobCursors.set(job.Id, [...parts[0].cursor.userIds]);
        // CrmSyncJobStep.startChain: the simulated queue has no chain depth to set.
        enqueueStep(org, job.Id, parts[0].cursor, 0);
        return { mode: CrmSyncJobService.QUEUED, job: this.view(job) };
    }

    /** startSyncErrorRetry: "Retry all" of a cause with more open errors than one call takes, as a job. */
    startSyncErrorRetry(cause: string, total: number): JobView {
        const { org } = this;
        this.requireNoActiveJob();
        const selection = new Selection(CrmSyncAuditLog.RETRY_SYNC_ERRORS, null, everyone(org), null);
        const job = org.data.insertJob({
            ...newJob(org, selection, total, []),
            Selection__c: JSON.stringify({ cause })
        });
        if (!job) {
            this.requireNoActiveJob();
            throw new CrmSyncException('JOB_RUNNING', org.label('CRM_Sync_Error_Job_Start_Conflict'));
        }
        // No users to read: an empty cursor, kept so a reload of the page resumes the job.
        org.data.jobCursors.set(job.Id, []);
        enqueueStep(org, job.Id, cursorOfUsers(org.data, []), 0);
        return this.view(job);
    }

    getCurrentJob(): JobView | null {
        const { data } = this.org;
        let job = data.getActiveJob();
        if (!job) {
            job = data.getLatestJob();
            const shownSince = this.org.now() - CrmSyncJobService.SUMMARY_HOURS * 3600 * 1000;
            if (!job?.Finished_At__c || Date.parse(job.Finished_At__c) < shownSince) {
                return null;
            }
        }
        return this.view(job);
    }

    cancel(jobId: string | null): JobView {
        const job = this.requireJob(jobId);
        if (job.Active_Slot__c !== null && !job.Cancel_Requested__c) {
            this.org.data.updateJob({ Id: job.Id, Cancel_Requested__c: true });
            job.Cancel_Requested__c = true;
        }
        return this.view(job);
    }

    async retryFailed(jobId: string | null): Promise<JobStart> {
        const job = this.requireJob(jobId);
        if (job.Active_Slot__c !== null || !job.Failed__c) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Nothing_To_Retry'));
        }
        if (job.Operation__c === CrmSyncAuditLog.RETRY_SYNC_ERRORS) {
            // They failed again after a retry: retrying once more without the fix would fail the same way.
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Retry_Job_Failed_Again'));
        }
        return this.start({
            operation: job.Operation__c,
            licenseType: job.License_Type__c ?? undefined,
            retryJobId: job.Id
        });
    }

    view(job: JobRecord): JobView {
        const { org } = this;
        const groups: FailureGroup[] = [...failureCounts(job)].map(([code, count]) => ({
            code,
            count,
            // Every failure of a cause carries the same advice, written when the step met it.
            message: org.data.getFailures(job.Id, code, 1)[0]?.Message__c ?? undefined,
            users: org.data.getFailures(job.Id, code, CrmSyncJobService.USERS_PER_CAUSE).map((failure) => ({
                userId: failure.User__c,
                name: org.data.usersById.get(failure.User__c)?.Name,
                reason: failure.Backend_Reason__c ?? undefined
            }))
        }));
        // Most frequent cause first; stable for equal counts.
        groups.sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
        const cause = causeOf(job);
        return {
            id: job.Id,
            name: job.Name,
            operation: job.Operation__c,
            licenseType: job.License_Type__c ?? undefined,
            ruleName: job.Rule_Name__c ?? undefined,
            causeLabel: cause ? causeLabel(org, cause) : undefined,
            status: job.Status__c,
            active: job.Active_Slot__c !== null,
            cancelRequested: job.Cancel_Requested__c,
            total: job.Total__c,
            processed: job.Processed__c,
            succeeded: job.Succeeded__c,
            failed: job.Failed__c,
            startedByName: org.data.usersById.get(job.CreatedById)?.Name,
            startedAt: job.Started_At__c ?? undefined,
            finishedAt: job.Finished_At__c ?? undefined,
            nextAttemptAt: job.Next_Attempt_At__c ?? undefined,
            errorCode: job.Error_Code__c ?? undefined,
            errorMessage: job.Error_Message__c ?? undefined,
            correlationId: job.Correlation_Id__c ?? undefined,
            failures: groups
        };
    }

    private toSelection(request: JobRequest | null): Selection {
        const { org } = this;
        if (request?.operation === CrmSyncAuditLog.APPLY_RULE) {
            return ruleSelection(org, new RuleService(org).requireRule(request.ruleId));
        }
        // requireOperation refuses a missing request, whose operation is missing too.
        const operation = requireOperation(org, request?.operation);
        const { importKey, licenseType, retryJobId, query } = request ?? {};
        if (importKey?.trim()) {
            if (!isImportKey(importKey)) {
                throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Invalid_Import'));
            }
            // Each staged row carries its license type; whether the staged users are still active is the
            // operation's own rule.
            return new Selection(operation, null, everyone(org), null, importKey);
        }
        let assigned: string | null = null;
        if (operation === CrmSyncAuditLog.ASSIGN_LICENSE) {
            if (!licenseType?.trim()) {
                throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_License_Type_Required'));
            }
            if (!isLicenseType(licenseType)) {
                throw new CrmSyncException(
                    'INVALID_INPUT',
                    org.format('CRM_Sync_Error_Invalid_License_Type', licenseType)
                );
            }
            assigned = licenseType;
        }
        if (retryJobId?.trim()) {
            const retryJob = this.requireJob(retryJobId);
            // The failed users may have been deactivated since; the operation's own rule decides about them.
            return new Selection(operation, assigned, everyone(org), retryJob.Id);
        }
        return new Selection(operation, assigned, normaliseQuery(org, query ?? null), null);
    }

    private requireJob(jobId: string | null | undefined): JobRecord {
        const job = jobId ? this.org.data.getJob(jobId) : null;
        if (!job) {
            throw new CrmSyncException('INVALID_INPUT', this.org.label('CRM_Sync_Error_Job_Not_Found'));
        }
        return job;
    }

    private requireNoActiveJob(): void {
        const { org } = this;
        const running = org.data.getActiveJob();
        if (running) {
            throw new CrmSyncException(
                'JOB_RUNNING',
                org.format(
                    'CRM_Sync_Error_Job_Running',
                    running.Name,
                    org.data.usersById.get(running.CreatedById)?.Name,
                    running.Processed__c,
                    running.Total__c
                )
            );
        }
    }

    private applyAtOnce(selection: Selection, cursor: SelectionCursor): Promise<UserChangeSummary> {
        const userIds = [...cursor.userIds];
        const service = new UserService(this.org);
        if (selection.operation === CrmSyncAuditLog.ENABLE_USER_SYNC) {
            return service.setSyncEnabled(userIds, true);
        }
        if (selection.operation === CrmSyncAuditLog.DISABLE_USER_SYNC) {
            return service.setSyncEnabled(userIds, false);
        }
        if (selection.operation === CrmSyncAuditLog.APPLY_RULE && selection.rule) {
            return service.applyRule(userIds, selection.licenseType, selection.rule.Name);
        }
        return service.setLicense(userIds, selection.licenseType);
    }

    private async requireSeats(part: Selection, changing: number): Promise<void> {
        for (const need of await this.seatNeeds(part, changing)) {
            if (!need.sufficient) {
                throw new CrmSyncException(
                    'SEATS_EXHAUSTED',
                    this.org.format('CRM_Sync_Error_Job_Seats', need.label, need.needed, need.available)
                );
            }
        }
    }

    /** The seat pools, read from the backend at most once per transaction, and only when a change takes seats. */
    private async pools(): Promise<LicensePool[]> {
        this.readPools ??= await new UserService(this.org).getLicensePools();
        return this.readPools;
    }

    /** For an import that assigns licenses, one part per license type its rows hold, in the order of the pools. */
    private async partsOf(selection: Selection): Promise<Selection[]> {
        if (selection.importKey === null || selection.operation !== CrmSyncAuditLog.ASSIGN_LICENSE) {
            return [selection];
        }
        return (await this.pools())
            .map((pool) => selection.withLicenseType(pool.licenseType ?? null))
            .filter((part) => this.count(part, 'MATCHING') > 0);
    }

    /** The seats the changing users take; none for disabling or removing, without reading the pools. */
    private async seatNeeds(selection: Selection, changing: number): Promise<SeatNeed[]> {
        let needed = 0;
        if (selection.operation === CrmSyncAuditLog.ENABLE_USER_SYNC) {
            needed = this.count(selection, 'NEEDS_SEAT');
        } else if (selection.operation === CrmSyncAuditLog.ASSIGN_LICENSE) {
            needed = changing;
        } else if (selection.operation === CrmSyncAuditLog.APPLY_RULE) {
            needed = this.count(selection, 'NEEDS_SEAT');
        }
        if (needed === 0) {
            return [];
        }
        const enabling = selection.operation === CrmSyncAuditLog.ENABLE_USER_SYNC;
        return (await this.pools())
            .filter((pool) => (enabling ? pool.isDefault === true : pool.licenseType === selection.licenseType))
            .map((pool) => ({
                licenseType: pool.licenseType,
                label: pool.label,
                needed,
                available: pool.available,
                sufficient: pool.available != null && pool.available >= needed
            }));
    }

    private count(selection: Selection, part: UserPart): number {
        return openUserSelection(this.org, selection.query, selection.refinement(part)).getNumRecords();
    }
}

/** ruleSelection: applying a rule, its license for the users its criterion selects, among all standard users. */
function ruleSelection(org: SimulatedOrg, rule: RuleRecord): Selection {
    const criterionIds = criterionIdsOf(org, rule);
    return new Selection(
        CrmSyncAuditLog.APPLY_RULE,
        rule.License_Type__c,
        everyone(org),
        null,
        null,
        rule,
        criterionIds
    );
}

/** Every standard user, active or not: a retry, an import or a rule names its users itself. */
function everyone(org: SimulatedOrg): Query {
    return normaliseQuery(org, { includeInactive: true });
}

/** CrmSyncJobService.newJob: a queued job for one part, with the license types of the parts to follow. */
function newJob(org: SimulatedOrg, part: Selection, total: number, pending: string[]): Omit<JobRecord, 'Id' | 'Name'> {
    return {
        CreatedById: org.runningUser.Id,
        Operation__c: part.operation,
        License_Type__c: part.licenseType,
        Selection__c: part.retryJobId === null && part.importKey === null ? JSON.stringify(part.query) : null,
        Source_Job__c: part.retryJobId,
        Import_Key__c: part.importKey,
        Rule_Name__c: part.rule?.Name ?? null,
        Pending_Parts__c: pending.length === 0 ? null : pending.join(','),
        Status__c: CrmSyncJobService.QUEUED_STATUS,
        Total__c: total,
        Processed__c: 0,
        Succeeded__c: 0,
        Failed__c: 0,
        Attempts__c: 0,
        Cancel_Requested__c: false,
        Started_At__c: new Date(org.now()).toISOString(),
        Finished_At__c: null,
        Next_Attempt_At__c: null,
        Error_Code__c: null,
        Error_Message__c: null,
        Correlation_Id__c: randomUuid(),
        Batch_Seed__c: randomUuid(),
        Failure_Counts__c: null,
        Active_Slot__c: CrmSyncJobService.ACTIVE_SLOT
    };
}

/**
 * CrmSyncJobService.continueParts: a completed job with parts pending goes on with the next part that has changes (an
 * import's next license type, or the scheduled check's next rule that still exists); an import's rows are deleted
 * once it ends for good.
 */
export function continueParts(org: SimulatedOrg, ended: JobRecord, status: string): void {
    const pending = ended.Pending_Parts__c ? ended.Pending_Parts__c.split(',') : [];
    const completed = status === CrmSyncJobStep.COMPLETED || status === CrmSyncJobStep.COMPLETED_WITH_FAILURES;
    while (completed && pending.length > 0) {
        const part = nextPart(org, ended, pending.shift() ?? '');
        const cursor = part ? openUserSelection(org, part.query, part.refinement('CHANGING')) : null;
        const total = cursor?.getNumRecords() ?? 0;
        const next = part && cursor && total > 0 ? org.data.insertJob(newJob(org, part, total, pending)) : null;
        if (next && cursor) {
            org.data.jobCursors.set(next.Id, [...cursor.userIds]);
            enqueueStep(org, next.Id, cursor, 0);
            return;
        }
    }
    if (ended.Import_Key__c !== null) {
        enqueueImportCleanup(org, ended.Import_Key__c);
    }
}

/** CrmSyncJobService.nextPart: an import's license type, or a rule that still exists. */
function nextPart(org: SimulatedOrg, ended: JobRecord, entry: string): Selection | null {
    if (ended.Operation__c === CrmSyncAuditLog.APPLY_RULE) {
        const rule = org.data.getRule(entry);
        return rule ? ruleSelection(org, rule) : null;
    }
    return new Selection(ended.Operation__c, null, everyone(org), null, ended.Import_Key__c).withLicenseType(entry);
}

/** CrmSyncJobService.startRuleParts: the scheduled check's rule jobs, the first started, the others pending. */
export function startRuleParts(org: SimulatedOrg, ruleIds: string[]): JobRecord | null {
    const parts: { ruleId: string; part: Selection; cursor: SelectionCursor }[] = [];
    for (const ruleId of ruleIds) {
        const part = ruleSelection(org, new RuleService(org).requireRule(ruleId));
        const cursor = openUserSelection(org, part.query, part.refinement('CHANGING'));
        if (cursor.getNumRecords() > 0) {
            parts.push({ ruleId, part, cursor });
        }
    }
    if (parts.length === 0) {
        return null;
    }
    const [first, ...rest] = parts;
    const job = org.data.insertJob(
        newJob(
            org,
            first.part,
            first.cursor.getNumRecords(),
            rest.map((entry) => entry.ruleId)
        )
    );
    if (job) {
        org.data.jobCursors.set(job.Id, [...first.cursor.userIds]);
        enqueueStep(org, job.Id, first.cursor, 0);
    }
    return job;
}

/** CrmSyncQueue.enqueue of a CrmSyncImportCleanup: deletes up to ROWS_PER_RUN rows a run, until none are left. */
export function enqueueImportCleanup(org: SimulatedOrg, importKey: string | null): void {
    const rowsPerRun = CrmSyncImportCleanup.ROWS_PER_RUN;
    org.enqueue(
        'CrmSyncImportCleanup',
        async () => {
            if (deleteImportRows(org, importKey, rowsPerRun) === rowsPerRun) {
                enqueueImportCleanup(org, importKey);
            }
            org.commit();
        },
        0
    );
}

/** CrmSyncJobService.causeOf: the cause a Retry_Sync_Errors job retries, from its Selection__c. */
export function causeOf(job: JobRecord): string | null {
    if (job.Operation__c !== CrmSyncAuditLog.RETRY_SYNC_ERRORS || !job.Selection__c) {
        return null;
    }
    return (JSON.parse(job.Selection__c) as { cause?: string }).cause ?? null;
}

/** CrmSyncJobStep.failureCounts: the job's failed users per code, from Failure_Counts__c. */
export function failureCounts(job: JobRecord): Map<string, number> {
    return new Map(
        Object.entries(job.Failure_Counts__c ? (JSON.parse(job.Failure_Counts__c) as Record<string, number>) : {})
    );
}

/** CrmSyncJobStep.batchKey: a version 8 UUID from SHA-256 of the job's seed and the batch's position. */
export async function batchKey(seed: string, batchIndex: number): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${seed}:${batchIndex}`));
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** CrmSyncQueue.enqueue of a CrmSyncJobStep. */
function enqueueStep(org: SimulatedOrg, jobId: string, cursor: SelectionCursor, delayMinutes: number): void {
    org.enqueue('CrmSyncJobStep', () => executeStep(org, jobId, cursor), delayMinutes);
}

/**
 * The queued transaction: CrmSyncJobStep.execute with CrmSyncJobRecovery attached as its finalizer. A step fails
 * uncaught only before its DML (it writes after its callouts), so the records are as the platform's rollback leaves
 * them.
 */
async function executeStep(org: SimulatedOrg, jobId: string, cursor: SelectionCursor): Promise<void> {
    try {
        const job = org.data.getJob(jobId);
        if (job && job.Active_Slot__c !== null) {
            await new JobStep(org, cursor).run(job);
        }
    } catch (interruption) {
        recover(org, jobId, cursor, interruption);
    } finally {
        org.commit();
    }
}

/** What a step did, stored after its callouts. */
interface Progress {
    processed: number;
    succeeded: number;
    failed: number;
    failureCounts: Map<string, number>;
    states: Map<string, SyncRecord>;
    failures: { User__c: string; Error_Code__c: string; Message__c: string | null; Backend_Reason__c: string | null }[];
    /** A retry of sync errors found none left: the job is done with what it processed. */
    nothingLeft: boolean;
}

class JobStep {
    private readonly org: SimulatedOrg;
    private readonly cursor: SelectionCursor;

    constructor(org: SimulatedOrg, cursor: SelectionCursor) {
        this.org = org;
        this.cursor = cursor;
    }

    async run(job: JobRecord): Promise<void> {
        const { org } = this;
        const progress: Progress = {
            processed: 0,
            succeeded: 0,
            failed: 0,
            failureCounts: failureCounts(job),
            states: new Map(),
            failures: [],
            nothingLeft: false
        };
        let stop = this.checkCanGoOn();
        if (!stop && !job.Cancel_Requested__c) {
            stop =
                job.Operation__c === CrmSyncAuditLog.RETRY_SYNC_ERRORS
                    ? await this.retryNextErrors(job, progress)
                    : await this.sendNextUsers(job, progress);
        }
        org.data.saveSyncStates(progress.states);
        org.data.insertFailures(progress.failures.map((failure) => ({ ...failure, Job__c: job.Id })));

        const changes: Partial<JobRecord> & { Id: string } = {
            Id: job.Id,
            Status__c: CrmSyncJobStep.RUNNING,
            Processed__c: job.Processed__c + progress.processed,
            Succeeded__c: job.Succeeded__c + progress.succeeded,
            Failed__c: job.Failed__c + progress.failed,
            Failure_Counts__c:
                progress.failureCounts.size === 0 ? null : JSON.stringify(Object.fromEntries(progress.failureCounts)),
            Attempts__c: progress.processed > 0 ? 0 : job.Attempts__c,
            Next_Attempt_At__c: null,
            ...(progress.nothingLeft ? { Total__c: job.Processed__c + progress.processed } : {})
        };
        const total = changes.Total__c ?? job.Total__c;
        if (job.Cancel_Requested__c) {
            finish(org, job, changes, CrmSyncJobStep.CANCELLED, null);
        } else if (stop?.retryable && (changes.Attempts__c ?? 0) + 1 < CrmSyncJobStep.MAX_ATTEMPTS) {
            this.waitAndRetry(changes, stop);
        } else if (stop) {
            finish(org, job, changes, CrmSyncJobStep.FAILED, stop);
        } else if ((changes.Processed__c ?? 0) < total) {
            org.data.updateJob(changes);
            enqueueStep(org, job.Id, this.cursor, 0);
        } else {
            const status =
                (changes.Failed__c ?? 0) > 0 ? CrmSyncJobStep.COMPLETED_WITH_FAILURES : CrmSyncJobStep.COMPLETED;
            finish(org, job, changes, status, null);
        }
    }

    private checkCanGoOn(): CrmSyncException | null {
        const { org } = this;
        if (!org.canManage()) {
            return new CrmSyncException('NOT_PERMITTED', org.label('CRM_Sync_Error_Not_Permitted'));
        }
        try {
            requireLinkedOrg(org);
        } catch (notLinked) {
            if (notLinked instanceof CrmSyncException) {
                return notLinked;
            }
            throw notLinked;
        }
        return null;
    }

    private async sendNextUsers(job: JobRecord, progress: Progress): Promise<CrmSyncException | null> {
        const { org } = this;
        const position = job.Processed__c;
        const count = Math.min(CrmSyncJobStep.USERS_PER_STEP, job.Total__c - position);
        if (count <= 0) {
            return null;
        }
        const users = this.cursor.fetch(position, count);
        // One read of the stored versions for all of the step's batches.
        const stored = org.data.getSyncStates(users.map((user) => user.Id));
        const selection = new Selection(job.Operation__c, job.License_Type__c, normaliseQuery(org, null), null);
        const template = selection.template();
        const service = new UserService(org).withClient(new CrmSyncClient(org, job.Correlation_Id__c ?? undefined));
        if (job.Operation__c === CrmSyncAuditLog.APPLY_RULE) {
            service.withReason(CrmSyncUserService.SYNC_REASON_RULE, job.Rule_Name__c);
        }
        const perCall = ClientConstants.MAX_USERS_PER_CALL;

        for (let first = 0; first < users.length; first += perCall) {
            const last = Math.min(first + perCall, users.length);
            const batch = new Map<string, OrgUser>();
            const deactivated: OrgUser[] = [];
            for (const user of users.slice(first, last)) {
                // Deactivated since the job started: enabling or assigning needs an active user.
                if (selection.needsActiveUsers() && !user.IsActive) {
                    deactivated.push(user);
                } else {
                    batch.set(user.Id, user);
                }
            }
            try {
                if (batch.size > 0) {
                    const key = await batchKey(job.Batch_Seed__c ?? '', Math.floor((position + first) / perCall));
                    const sent = await service.sendJobBatch(batch, stored, template, key);
                    for (const [userId, state] of sent.states) {
                        progress.states.set(userId, state);
                    }
                    for (const result of sent.summary.results ?? []) {
                        if (result.succeeded) {
                            progress.succeeded++;
                        } else {
                            fail(progress, result.userId ?? '', result.errorCode ?? '', result.message, result.reason);
                        }
                    }
                }
            } catch (failure) {
                if (failure instanceof CrmSyncException) {
                    // Nothing of this batch is recorded: the next step sends it again, with the same key.
                    return failure;
                }
                throw failure;
            }
            for (const user of deactivated) {
                fail(progress, user.Id, 'INVALID_INPUT', org.label('CRM_Sync_Error_Job_User_Deactivated'), null);
            }
            progress.processed += last - first;
        }
        return null;
    }

    /** One round of a Retry_Sync_Errors job; a failure is returned, and nothing of the round is recorded. */
    private async retryNextErrors(job: JobRecord, progress: Progress): Promise<CrmSyncException | null> {
        const { org } = this;
        let round;
        try {
            round = await new SyncErrorService(org).retryJobRound(job);
        } catch (failure) {
            if (failure instanceof CrmSyncException) {
                return failure;
            }
            throw failure;
        }
        progress.nothingLeft = round.nothingLeft;
        progress.processed += round.retried;
        progress.succeeded += round.gone;
        for (const error of round.failedAgain) {
            fail(progress, error.salesforceUserId, error.cause, causeFix(org, error.cause), error.message);
        }
        return null;
    }

    /** Waits as the backend asked (429) or backs off (1, 2, 4, 8 minutes); the next step sends the batch again. */
    private waitAndRetry(changes: Partial<JobRecord> & { Id: string }, stop: CrmSyncException): void {
        const attempts = (changes.Attempts__c ?? 0) + 1;
        const asked =
            stop.code === 'RATE_LIMITED' && stop.retryAfterSeconds !== null
                ? Math.floor((stop.retryAfterSeconds + 59) / 60)
                : 2 ** (attempts - 1);
        const delayMinutes = Math.max(1, Math.min(CrmSyncJobStep.MAX_DELAY_MINUTES, asked));
        this.org.data.updateJob({
            ...changes,
            Attempts__c: attempts,
            Next_Attempt_At__c: new Date(this.org.now() + delayMinutes * 60000).toISOString()
        });
        enqueueStep(this.org, changes.Id, this.cursor, delayMinutes);
    }
}

function fail(progress: Progress, userId: string, code: string, message?: string, reason?: string | null): void {
    progress.failed++;
    progress.failureCounts.set(code, (progress.failureCounts.get(code) ?? 0) + 1);
    progress.failures.push({
        User__c: userId,
        Error_Code__c: code,
        Message__c: message ? abbreviate(message, 255) : null,
        Backend_Reason__c: reason ? abbreviate(reason, 255) : null
    });
}

/** CrmSyncJobStep.finish: final status, the reason when it failed, no longer active, and one audit entry. */
function finish(
    org: SimulatedOrg,
    job: JobRecord,
    changes: Partial<JobRecord> & { Id: string },
    status: string,
    error: CrmSyncException | null
): void {
    const final = {
        ...changes,
        Status__c: status,
        Finished_At__c: new Date(org.now()).toISOString(),
        Active_Slot__c: null,
        Next_Attempt_At__c: null,
        ...(error ? { Error_Code__c: error.code, Error_Message__c: abbreviate(error.message, 255) } : {})
    };
    org.data.updateJob(final);
    org.data.jobCursors.delete(job.Id);
    const succeeded = final.Succeeded__c ?? 0;
    let details = org.format(
        job.Operation__c === CrmSyncAuditLog.RETRY_SYNC_ERRORS
            ? 'CRM_Sync_Audit_Retry_Job_Details'
            : 'CRM_Sync_Audit_Job_Details',
        job.Name,
        status,
        succeeded,
        final.Failed__c ?? 0,
        final.Total__c ?? job.Total__c
    );
    if (job.Rule_Name__c) {
        details += `\n${org.format('CRM_Sync_Audit_Rule_Job', job.Rule_Name__c)}`;
    }
    if (error) {
        details += `\n${error.message}`;
        if (error.cause instanceof Error) {
            details += `\n${error.cause.name}: ${error.cause.message}`;
        }
    }
    let outcome: AuditOutcome = succeeded > 0 ? CrmSyncAuditLog.PARTIALLY_SUCCEEDED : CrmSyncAuditLog.FAILED;
    if (status === CrmSyncJobStep.COMPLETED) {
        outcome = CrmSyncAuditLog.SUCCEEDED;
    } else if (status === CrmSyncJobStep.CANCELLED) {
        outcome = CrmSyncAuditLog.CANCELLED;
    }
    org.recordAudit({
        action: job.Operation__c as AuditAction,
        outcome,
        targetUserIds: [],
        purgeImportedData: false,
        errorCode: error?.code ?? null,
        correlationId: job.Correlation_Id__c,
        details
    });
    continueParts(org, job, status);
}

/** CrmSyncJobRecovery: an interrupted step runs again after a minute, up to MAX_ATTEMPTS times; then the job fails. */
function recover(org: SimulatedOrg, jobId: string, cursor: SelectionCursor, interruption: unknown): void {
    const job = org.data.getJob(jobId);
    if (!job || job.Active_Slot__c === null) {
        return;
    }
    const changes = {
        Id: job.Id,
        Attempts__c: job.Attempts__c + 1,
        Processed__c: job.Processed__c,
        Succeeded__c: job.Succeeded__c,
        Failed__c: job.Failed__c
    };
    if (changes.Attempts__c >= CrmSyncJobStep.MAX_ATTEMPTS) {
        const error = new CrmSyncException(
            'UNEXPECTED',
            org.format('CRM_Sync_Error_Job_Interrupted', job.Processed__c, job.Total__c, changes.Attempts__c),
            false,
            job.Correlation_Id__c
        );
        // What broke goes to the audit entry, not to the admin's message.
        error.cause = interruption;
        finish(org, job, changes, CrmSyncJobStep.FAILED, error);
        return;
    }
    org.data.updateJob({ ...changes, Next_Attempt_At__c: new Date(org.now() + 60000).toISOString() });
    enqueueStep(org, job.Id, cursor, 1);
}

/** After a reload of the page the simulated org resumes its active job, as the platform's queue would hold it. */
export function resumeActiveJob(org: SimulatedOrg): void {
    const job = org.data.getActiveJob();
    const userIds = job ? org.data.jobCursors.get(job.Id) : undefined;
    if (job && userIds) {
        enqueueStep(org, job.Id, cursorOfUsers(org.data, userIds), 0);
    }
}
