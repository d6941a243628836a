// The background job of a change for many users, above the license table. The panel hands it the job to show: the
// one its state read (the active job, or the latest one that ended within a day), or the one the table just started.
// While that job is active it reads it again every 3 seconds (getUserJob, a setTimeout chain, stopped when the job
// ends or the component leaves the page) to show its progress, who started it and when, and when a job waiting
// after a rate limit goes on. Cancel asks the job to stop after its running step. When a job it watched ends, it
// toasts the outcome and fires `jobfinish`, so the panel reloads the table and the seats; a finished job shows its
// summary with the failures per cause and "Retry failed", which changes those users at once (toast, `jobfinish`) or
// starts a new job shown here. A job that retries sync errors ("Retry all" in c/crmSyncSyncErrors) counts errors,
// not users, and has no "Retry failed": its errors failed again, so their fix comes first.
//
// Polling rather than platform events with lightning/empApi: the job record is the truth for every admin and after a
// reload, empApi needs a CometD connection and counts against the org's event delivery allocation, and one read of
// one record every 3 seconds while a job runs is modest. docs/admin-panel.md says more.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getUserJob from '@salesforce/apex/CrmSyncJobController.getUserJob';
import cancelUserJob from '@salesforce/apex/CrmSyncJobController.cancelUserJob';
import retryFailedUsers from '@salesforce/apex/CrmSyncJobController.retryFailedUsers';
import type { FailureGroup, JobView, LicensePool } from 'crm-sync/apex-types';
import { toCrmSyncError, UNEXPECTED_ERROR_CODE } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel } from 'c/crmSyncFormat';
import {
    APPLIED,
    QUEUED,
    appliedToast,
    countsSyncErrors,
    finishToast,
    jobStatusLabel,
    operationLabel,
    userCountLabel
} from 'c/crmSyncJobs';
import type { ToastInit } from 'c/crmSyncJobs';

/** How often an active job is read again. */
export const POLL_INTERVAL_MS = 3000;
/** While reading fails, the wait doubles per failure up to this, so a lasting failure does not call every 3 s. */
export const MAX_POLL_INTERVAL_MS = 60000;

/** The `detail` of `jobfinish`: the job that ended, or nothing after "Retry failed" changed its users at once. */
export interface JobFinishDetail {
    job?: JobView;
}

/** One line of the job's description list: `dateTime` as a date and time when set, otherwise `text`. */
interface DetailRow {
    /** Its `data-id`, and the key of its <dd>. */
    id: string;
    /** The key of its <dt>. */
    termKey: string;
    label: string;
    text?: string;
    dateTime?: string;
}

interface FailedUserView {
    key: string;
    text: string;
}

interface FailureGroupView {
    key: string;
    message: string;
    countText: string;
    users: FailedUserView[];
    more?: string;
}

function detailRow(id: string, label: string, value: { text?: string; dateTime?: string }): DetailRow {
    return { id, termKey: `${id}-term`, label, ...value };
}

function failureGroupView(group: FailureGroup, index: number, countsErrors: boolean): FailureGroupView {
    const count = group.count ?? 0;
    const users = (group.users ?? []).map((user, userIndex) => {
        const name = user.name ?? user.userId ?? LABELS.notAvailable;
        return { key: user.userId ?? String(userIndex), text: user.reason ? `${name}: ${user.reason}` : name };
    });
    return {
        key: group.code ?? String(index),
        message: group.message ?? group.code ?? LABELS.notAvailable,
        countText: countsErrors ? formatLabel(LABELS.jobErrorCount, formatCount(count)) : userCountLabel(count),
        users,
        ...(count > users.length ? { more: formatLabel(LABELS.jobMoreUsers, formatCount(count - users.length)) } : {})
    };
}

export default class CrmSyncJobProgress extends LightningElement {
    /** Names the license a job assigns; its type's code while the pools cannot be read. */
    @api licensePools?: LicensePool[];

    /**
     * The job the panel's state read, or the one the table just started: shown at once and watched while active.
     * Given the job it watched again, now ended, it announces the end as a read of its own would.
     */
    @api
    get job(): JobView | undefined {
        return this.shown;
    }
    set job(value: JobView | undefined) {
        if (value) {
            this.show(value);
        }
    }

    labels = LABELS;
    shown?: JobView;
    /** The admin closed the summary of the finished job shown. */
    dismissed = false;
    /** The last read of an active job failed; the last known progress stays and reading goes on. */
    pollError?: CrmSyncError;
    cancelling = false;
    retrying = false;
    actionError?: CrmSyncError;

    private timer?: ReturnType<typeof setTimeout>;
    private onPage = false;
    /** Numbers the reads, so an answer that arrives after a newer read, a start or a disconnect is dropped. */
    private readNumber = 0;
    private failedReads = 0;
    /** The action whose failure `actionError` shows, for its "Try again". */
    private lastAction?: () => Promise<void>;

    connectedCallback(): void {
        this.onPage = true;
        // The panel sets the job before the component is on the page, when polling could not start yet.
        if (this.active) {
            this.schedule(POLL_INTERVAL_MS);
        }
    }

    disconnectedCallback(): void {
        this.onPage = false;
        this.readNumber++;
        this.stopPolling();
    }

    // --- what the template reads -------------------------------------------------------------------------------

    get visible(): boolean {
        return this.shown !== undefined && !this.dismissed;
    }

    get active(): boolean {
        return this.shown?.active === true;
    }

    get finished(): boolean {
        return this.shown !== undefined && !this.active;
    }

    get heading(): string {
        const job = this.shown;
        if (countsSyncErrors(job)) {
            return formatLabel(LABELS.jobHeadingRetry, job?.causeLabel ?? LABELS.notAvailable);
        }
        const licenseType = job?.licenseType;
        const pool = this.licensePools?.find((candidate) => candidate.licenseType === licenseType);
        return formatLabel(
            LABELS.jobHeading,
            operationLabel(job?.operation, pool?.label ?? licenseType, job?.ruleName)
        );
    }

    get statusLabel(): string {
        return jobStatusLabel(this.shown?.status);
    }

    get percent(): number {
        const total = this.shown?.total ?? 0;
        return total > 0 ? Math.min(100, Math.round(((this.shown?.processed ?? 0) * 100) / total)) : 0;
    }

    get progressLabel(): string {
        return formatLabel(LABELS.jobProgressLabel, this.shown?.name ?? '');
    }

    get processedText(): string {
        return formatLabel(
            countsSyncErrors(this.shown) ? LABELS.jobProcessedErrors : LABELS.jobProcessed,
            formatCount(this.shown?.processed ?? 0),
            formatCount(this.shown?.total ?? 0)
        );
    }

    get details(): DetailRow[] {
        const job = this.shown;
        const rows = [
            detailRow('succeeded', LABELS.jobSucceeded, { text: formatCount(job?.succeeded ?? 0) }),
            detailRow('failed', LABELS.jobFailed, { text: formatCount(job?.failed ?? 0) }),
            detailRow('started-by', LABELS.jobStartedBy, { text: job?.startedByName ?? LABELS.notAvailable }),
            detailRow('started-at', LABELS.jobStartedAt, { dateTime: job?.startedAt, text: LABELS.notAvailable })
        ];
        if (this.finished) {
            rows.push(
                detailRow('finished-at', LABELS.jobFinishedAt, { dateTime: job?.finishedAt, text: LABELS.notAvailable })
            );
        }
        rows.push(detailRow('name', LABELS.jobName, { text: job?.name ?? LABELS.notAvailable }));
        return rows;
    }

    /** When a job waiting after a rate limit or a backend failure goes on; only while it is active. */
    get waitingUntil(): string | undefined {
        return this.active ? this.shown?.nextAttemptAt : undefined;
    }

    get cancelRequested(): boolean {
        return this.active && this.shown?.cancelRequested === true;
    }

    /** Why a Failed job stopped, shown as any other failure, with the job's reference for support. */
    get jobError(): CrmSyncError | undefined {
        const job = this.shown;
        if (!this.finished || job?.status !== 'Failed') {
            return undefined;
        }
        return {
            code: job.errorCode ?? UNEXPECTED_ERROR_CODE,
            message: job.errorMessage ?? LABELS.jobStatusFailed,
            retryable: false,
            correlationId: job.correlationId ?? null
        };
    }

    get failureGroups(): FailureGroupView[] {
        const countsErrors = countsSyncErrors(this.shown);
        return this.finished
            ? (this.shown?.failures ?? []).map((group, index) => failureGroupView(group, index, countsErrors))
            : [];
    }

    get failuresTitle(): string {
        return countsSyncErrors(this.shown) ? LABELS.jobFailuresTitleRetry : LABELS.jobFailuresTitle;
    }

    get hasFailureGroups(): boolean {
        return this.failureGroups.length > 0;
    }

    /** Not for sync errors that failed again after a retry: their fix comes first, in Sync errors. */
    get canRetryFailed(): boolean {
        return this.finished && (this.shown?.failed ?? 0) > 0 && !countsSyncErrors(this.shown);
    }

    // --- reading and polling -----------------------------------------------------------------------------------

    private async poll(): Promise<void> {
        const readNumber = ++this.readNumber;
        try {
            const job = await getUserJob();
            if (readNumber === this.readNumber) {
                this.failedReads = 0;
                this.pollError = undefined;
                this.apply(job ?? undefined);
            }
        } catch (failure) {
            if (readNumber === this.readNumber) {
                this.failedReads++;
                this.pollError = toCrmSyncError(failure);
                this.schedule(Math.min(POLL_INTERVAL_MS * 2 ** this.failedReads, MAX_POLL_INTERVAL_MS));
            }
        }
    }

    /**
     * Shows what a read found. When the job shown was active and has ended (or another job took its place), the
     * admin is told and the panel reloads; a job that ended before the page opened was never shown as active.
     */
    private apply(job: JobView | undefined): void {
        const previous = this.shown;
        this.shown = job;
        if (job?.id !== previous?.id) {
            this.dismissed = false;
            this.actionError = undefined;
        }
        const sameJob = job !== undefined && job.id === previous?.id;
        if (previous?.active === true && !(sameJob && job.active === true)) {
            if (sameJob) {
                this.toast(finishToast(job));
            }
            this.dispatchEvent(new CustomEvent<JobFinishDetail>('jobfinish', { detail: sameJob ? { job } : {} }));
        }
        if (job?.active === true) {
            this.schedule(POLL_INTERVAL_MS);
        } else {
            this.stopPolling();
            this.pollError = undefined;
        }
    }

    /** Shows a job given or just started; a read still running is dropped, since it may predate the job. */
    private show(job: JobView): void {
        this.readNumber++;
        this.pollError = undefined;
        this.failedReads = 0;
        this.apply(job);
    }

    private schedule(delay: number): void {
        this.stopPolling();
        if (!this.onPage) {
            return;
        }
        // A chain of timeouts rather than an interval: the next read waits for the answer to this one.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.poll();
        }, delay);
    }

    private stopPolling(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
    }

    // --- actions -------------------------------------------------------------------------------------------------

    /** "Try again" on a failed read while watching: read now instead of after the wait. */
    handlePollNow(): void {
        if (this.active) {
            void this.poll();
        }
    }

    async handleCancel(): Promise<void> {
        const jobId = this.shown?.id;
        if (!jobId || this.cancelling) {
            return;
        }
        this.cancelling = true;
        this.actionError = undefined;
        this.lastAction = () => this.handleCancel();
        try {
            const job = await cancelUserJob({ jobId });
            // The answer is newer than any read still running.
            this.readNumber++;
            this.apply(job);
        } catch (failure) {
            this.actionError = toCrmSyncError(failure);
        } finally {
            this.cancelling = false;
        }
    }

    async handleRetryFailed(): Promise<void> {
        const jobId = this.shown?.id;
        if (!jobId || this.retrying) {
            return;
        }
        this.retrying = true;
        this.actionError = undefined;
        this.lastAction = () => this.handleRetryFailed();
        try {
            const started = await retryFailedUsers({ jobId });
            if (started.mode === APPLIED) {
                this.toast(appliedToast(started.summary));
                // The summary's failures are out of date now; the table and the seats show the outcome.
                this.dismissed = true;
                this.dispatchEvent(new CustomEvent<JobFinishDetail>('jobfinish', { detail: {} }));
            } else if (started.mode === QUEUED && started.job) {
                this.show(started.job);
            } else {
                this.actionError = toCrmSyncError(undefined);
            }
        } catch (failure) {
            this.actionError = toCrmSyncError(failure);
        } finally {
            this.retrying = false;
        }
    }

    handleActionRetry(): void {
        void this.lastAction?.();
    }

    handleClose(): void {
        this.dismissed = true;
    }

    private toast(init: ToastInit): void {
        this.dispatchEvent(new ShowToastEvent(init));
    }
}
