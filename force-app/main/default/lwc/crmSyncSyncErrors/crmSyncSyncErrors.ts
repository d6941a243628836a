// "Sync errors": why users do not sync, grouped by cause with the fix for each, and retrying one error, a selection
// or every error of a cause. It reads its own first page, so the panel's first paint does not wait for it (and
// getPanelState stays within what Graph Engine can follow); the panel sets `userId` when the license table's status
// link asks for one user's errors and calls `refresh` when a change for many users ended.
// After a retry the touched users' new states go to the panel in `statechange` (the table repaints them) and the
// list is read again. "Retry all" of a cause with more errors than one call takes starts a background job instead,
// which goes to the panel in `jobstart` (the job card shows its progress). A failed retry keeps the selection, so
// nothing is lost: "Try again" repeats it.
import { LightningElement, api } from 'lwc';
import getSyncErrors from '@salesforce/apex/CrmSyncAdminController.getSyncErrors';
import retrySyncErrors from '@salesforce/apex/CrmSyncAdminController.retrySyncErrors';
import retrySyncErrorCause from '@salesforce/apex/CrmSyncAdminController.retrySyncErrorCause';
import type { CauseGroup, SyncErrorPage, SyncErrorRetry, SyncErrorView, UserState } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { formatCount, formatLabel, retryOutcome } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';
import type { JobStartDetail } from 'c/crmSyncUserTable';

export interface StateChangeDetail {
    states: UserState[];
}

interface GroupRow extends CauseGroup {
    countText: string;
    showLabel: string;
    retryLabel: string;
}

interface ErrorRow extends SyncErrorView {
    selected: boolean;
    selectLabel: string;
    retryLabel: string;
    userUrl: string;
}

export default class CrmSyncSyncErrors extends LightningElement {
    labels = LABELS;
    errorPage?: SyncErrorPage;
    errors: SyncErrorView[] = [];
    cause?: string;
    loading = false;
    retrying = false;
    error?: CrmSyncError;
    outcome?: string;
    selectedIds: string[] = [];
    private _userId?: string;
    private requestNumber = 0;
    /** What "Try again" repeats after a failure: the last load or retry. */
    private lastAttempt?: () => Promise<void>;
    /** The load running or last finished, for focusFilter to wait on. */
    private loaded: Promise<void> = Promise.resolve();

    /** Only this user's errors; blank for all. */
    @api
    get userId(): string | undefined {
        return this._userId;
    }
    set userId(value: string | undefined) {
        this._userId = value || undefined;
        this.cause = undefined;
        if (this.isConnected) {
            this.loaded = this.load();
        }
    }

    /** Reads the first page again with the filters shown. */
    @api
    refresh(): Promise<void> {
        return this.load();
    }

    /**
     * Moves focus to the note saying whose errors are shown, for the status link that opened them; it is there once
     * the page of that user has been read.
     */
    @api
    async focusFilter(): Promise<void> {
        await this.loaded;
        const filter = this.template?.querySelector<HTMLElement>('[data-id="filter"]');
        filter?.scrollIntoView?.({ block: 'center' });
        filter?.focus();
    }

    connectedCallback(): void {
        this.loaded = this.load();
    }

    // --- what the template reads -------------------------------------------------------------------------------

    get busy(): boolean {
        return this.loading || this.retrying;
    }

    get busyText(): string {
        return this.retrying ? LABELS.syncErrorsRetrying : LABELS.loading;
    }

    get totalText(): string | undefined {
        return this.errorPage ? formatLabel(LABELS.syncErrorsTotal, this.errorPage.total ?? 0) : undefined;
    }

    get filterText(): string | undefined {
        if (this._userId) {
            return formatLabel(LABELS.syncErrorsOfUser, this.errorPage?.userName ?? this._userId);
        }
        const group = this.errorPage?.groups?.find((candidate) => candidate.cause === this.cause);
        return this.cause ? formatLabel(LABELS.syncErrorsOfCause, group?.label ?? this.cause) : undefined;
    }

    get isEmpty(): boolean {
        return this.errorPage !== undefined && this.errors.length === 0;
    }

    get emptyText(): string {
        return this._userId
            ? formatLabel(LABELS.syncErrorsNoneForUser, this.errorPage?.userName ?? this._userId)
            : LABELS.syncErrorsNone;
    }

    get groups(): GroupRow[] {
        return (this.errorPage?.groups ?? []).map((group) => ({
            ...group,
            countText: formatLabel(LABELS.syncErrorsGroupCount, group.count ?? 0, group.userCount ?? 0),
            showLabel: formatLabel(LABELS.syncErrorsShowCause, group.label ?? ''),
            retryLabel: formatLabel(LABELS.syncErrorsRetryAll, group.label ?? '')
        }));
    }

    get rows(): ErrorRow[] {
        return this.errors.map((error) => ({
            ...error,
            selected: this.selectedIds.includes(error.id ?? ''),
            selectLabel: formatLabel(LABELS.syncErrorsSelect, error.userName ?? ''),
            retryLabel: formatLabel(LABELS.syncErrorsRetryOne, error.userName ?? ''),
            userUrl: `/lightning/r/User/${error.userId ?? ''}/view`
        }));
    }

    get allSelected(): boolean {
        return this.errors.length > 0 && this.selectedIds.length === this.errors.length;
    }

    get retrySelectedLabel(): string {
        return formatLabel(LABELS.syncErrorsRetrySelected, this.selectedIds.length);
    }

    get retrySelectedDisabled(): boolean {
        return this.selectedIds.length === 0 || this.busy;
    }

    get hasMore(): boolean {
        return Boolean(this.errorPage?.nextCursor);
    }

    // --- handlers ----------------------------------------------------------------------------------------------

    handleShowAll(): void {
        this._userId = undefined;
        this.cause = undefined;
        void this.load();
    }

    handleShowCause(event: Event): void {
        this.cause = (event.currentTarget as HTMLElement).dataset.cause;
        void this.load();
    }

    handleLoadMore(): void {
        void this.load(this.errorPage?.nextCursor);
    }

    handleSelect(event: CustomEvent<{ checked: boolean }>): void {
        const id = (event.currentTarget as HTMLElement).dataset.errorId ?? '';
        const others = this.selectedIds.filter((selected) => selected !== id);
        this.selectedIds = event.detail.checked ? [...others, id] : others;
    }

    handleSelectAll(event: CustomEvent<{ checked: boolean }>): void {
        this.selectedIds = event.detail.checked ? this.errors.map((error) => error.id ?? '') : [];
    }

    handleRetryOne(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.errorId ?? '';
        void this.retry(() => retrySyncErrors({ errorIds: [id] }));
    }

    handleRetrySelected(): void {
        const errorIds = [...this.selectedIds];
        void this.retry(() => retrySyncErrors({ errorIds }));
    }

    handleRetryCause(event: Event): void {
        const cause = (event.currentTarget as HTMLElement).dataset.cause ?? '';
        void this.retry(() => retrySyncErrorCause({ cause }), true);
    }

    handleTryAgain(): void {
        void this.lastAttempt?.();
    }

    // --- Apex --------------------------------------------------------------------------------------------------

    private async load(cursor?: string): Promise<void> {
        const request = ++this.requestNumber;
        const query = { userId: this._userId, cause: this.cause, cursor };
        this.lastAttempt = () => this.load(cursor);
        this.loading = true;
        this.error = undefined;
        try {
            const answer = await getSyncErrors({ query });
            if (request !== this.requestNumber) {
                return;
            }
            this.errors = cursor ? [...this.errors, ...(answer.errors ?? [])] : (answer.errors ?? []);
            this.errorPage = cursor
                ? { ...answer, groups: this.errorPage?.groups, total: this.errorPage?.total }
                : answer;
            const shown = new Set(this.errors.map((error) => error.id));
            this.selectedIds = this.selectedIds.filter((id) => shown.has(id));
        } catch (failure) {
            if (request === this.requestNumber) {
                this.error = toCrmSyncError(failure);
            }
        } finally {
            if (request === this.requestNumber) {
                this.loading = false;
            }
        }
    }

    private async retry(send: () => Promise<SyncErrorRetry>, wholeCause = false): Promise<void> {
        if (this.retrying) {
            return;
        }
        this.lastAttempt = () => this.retry(send, wholeCause);
        this.retrying = true;
        this.error = undefined;
        this.outcome = undefined;
        try {
            const result = await send();
            if (result.job) {
                const { job } = result;
                this.outcome = formatLabel(LABELS.syncErrorsJobStarted, formatCount(job.total ?? 0), job.name ?? '');
                this.dispatchEvent(new CustomEvent<JobStartDetail>('jobstart', { detail: { job } }));
            } else {
                this.outcome = retryOutcome(result, wholeCause);
            }
            this.selectedIds = [];
            if (result.states?.length) {
                this.dispatchEvent(
                    new CustomEvent<StateChangeDetail>('statechange', { detail: { states: result.states } })
                );
            }
        } catch (failure) {
            this.error = toCrmSyncError(failure);
            return;
        } finally {
            this.retrying = false;
        }
        await this.load();
    }
}
