// The license table: one page of users read on the server (getUsers) with sort and cursor paging, the filters
// above the table (c-crm-sync-user-filters fires `querychange`), a per-row "Edit" menu that toggles CRM sync or
// assigns/removes a license, and the same changes in bulk for the selected rows. Changes update the rows from the states Apex returns and
// fire `userschange` with the seat pools Apex read after the change, so the panel repaints the seats without another
// call. A change refused with CONFLICT (another admin saved the user, so our stored version is stale) re-reads those
// users with refreshUserStates, so trying again works.
//
// When every row of the page is selected and more users match, the selection bar offers "Select all N matching
// users"; with all of them selected, a bulk action opens c/crmSyncJobDialog for the table's filters instead of
// sending ids, and a change queued as a background job fires `jobstart` for the panel's c/crmSyncJobProgress.
//
// The rows are rendered here, not by a row component: a child's host element between <tbody> and <tr> breaks the
// table's layout and semantics (see c/crmSyncUserRow). What a row shows and which change its menu item stands for
// are plain functions in c/crmSyncUserRow; this component keeps the DOM, the saving state and the Apex calls.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import refreshUserStates from '@salesforce/apex/CrmSyncAdminController.refreshUserStates';
import setUserSync from '@salesforce/apex/CrmSyncAdminController.setUserSync';
import setUserLicense from '@salesforce/apex/CrmSyncAdminController.setUserLicense';
import type {
    ErrorView,
    JobRequest,
    JobView,
    LicensePool,
    UserChangeSummary,
    UserPage,
    UserQuery,
    UserState
} from 'crm-sync/apex-types';
import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import CrmSyncImportDialog from 'c/crmSyncImportDialog';
import type { ImportDialogResult } from 'c/crmSyncImportDialog';
import { appliedToast, jobQueryOf, jobRequestFor, operationLabel, operationOf } from 'c/crmSyncJobs';
import { toCrmSyncError, UNEXPECTED_ERROR_CODE } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel, withReference } from 'c/crmSyncFormat';
import type { QueryChangeDetail, UserFilters } from 'c/crmSyncUserFilters';
import {
    changeFor,
    poolLabel,
    succeededStates,
    successMessage,
    toPools,
    toRowView,
    userIdOf,
    withStates
} from 'c/crmSyncUserRow';
import type { Pool, RowChange, RowView } from 'c/crmSyncUserRow';

type SortField = 'name' | 'username' | 'email';

interface Sort {
    sortBy: SortField;
    sortDirection: 'asc' | 'desc';
}

interface SortHeader {
    field: SortField;
    label: string;
    buttonLabel: string;
    ariaSort: 'ascending' | 'descending' | 'none';
    isSorted: boolean;
    iconName: string;
    headerClass: string;
}

/** What lightning-button-menu sends with select. */
interface ValueChangeDetail {
    value: string;
}

/** What a lightning-input checkbox sends with change. */
interface CheckedChangeDetail {
    checked: boolean;
}

/**
 * What `userschange` carries: the seat pools Apex read right after the change, or why it could not read them (the
 * change succeeded all the same). Empty when a change sent later has already passed up its seats.
 */
export interface UsersChangeDetail {
    licensePools?: LicensePool[];
    licensePoolsError?: ErrorView;
}

/** What `jobstart` carries: the background job a change for all matching users was queued as. */
/** A row's status link asks for the user's sync errors. */
export interface ShowErrorsDetail {
    userId: string;
}

export interface JobStartDetail {
    job: JobView;
}

/** The server accepts 1 to 50; 25 keeps a page readable without scrolling far. */
const PAGE_SIZE = 25;
/** The code of a change refused because the backend holds a newer version of the user. */
const CONFLICT = 'CONFLICT';

const DEFAULT_FILTERS: UserFilters = {
    searchTerm: '',
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false
};
const DEFAULT_SORT: Sort = { sortBy: 'name', sortDirection: 'asc' };

const SORT_COLUMNS: { field: SortField; label: string }[] = [
    { field: 'name', label: LABELS.columnName },
    { field: 'username', label: LABELS.columnUsername }
];

function toUserQuery(filters: UserFilters, sort: Sort, cursor?: string): UserQuery {
    return {
        ...jobQueryOf(filters),
        ...sort,
        pageSize: PAGE_SIZE,
        ...(cursor ? { cursor } : {})
    };
}

/** The user id a row's control carries in `data-user-id`. */
function rowIdOf(event: Event): string {
    return (event.currentTarget as HTMLElement).dataset.userId ?? '';
}

export default class CrmSyncUserTable extends LightningElement {
    @api licensePools?: LicensePool[];
    @api connected = false;

    labels = LABELS;

    filters: UserFilters = { ...DEFAULT_FILTERS };
    sort: Sort = { ...DEFAULT_SORT };
    rows: UserState[] = [];
    nextCursor?: string;
    previousCursor?: string;
    totalCount = 0;
    totalCountCapped = false;
    loading = false;
    loadError?: CrmSyncError;
    selectedIds: string[] = [];
    savingIds: string[] = [];
    bulkSaving = false;
    /** Per-user failure messages of the last bulk change, shown in the rows until the page changes. */
    rowErrors: Record<string, string> = {};
    /** Every user the filters match is selected, not only this page's: bulk actions then open the job dialog. */
    allMatchingSelected = false;

    private pageReceived = false;
    private lastRequest: UserQuery = toUserQuery(DEFAULT_FILTERS, DEFAULT_SORT);
    private requestNumber = 0;
    /** Numbers the changes as they are sent, so the seats of a change that answers late never replace newer ones. */
    private changesSent = 0;
    private seatsPassedFrom = 0;
    // Not rendered: a double click must not open the job dialog twice; focus moves after the bar changes.
    private jobDialogOpen = false;
    private focusAfterRender?: string;

    /** The panel's first page, read with the default query; setting it shows it and resets search and filters. */
    @api
    get initialPage(): UserPage | undefined {
        return this._initialPage;
    }
    set initialPage(page: UserPage | undefined) {
        this._initialPage = page;
        if (page) {
            this.filters = { ...DEFAULT_FILTERS };
            this.sort = { ...DEFAULT_SORT };
            this.lastRequest = toUserQuery(this.filters, this.sort);
            // A page arriving from the panel supersedes any request still running.
            this.requestNumber++;
            this.loading = false;
            this.showPage(page);
        }
    }
    private _initialPage?: UserPage;

    /** Shows states read elsewhere (a retry of sync errors) in the rows of those users. */
    @api
    showStates(states: UserState[]): void {
        this.rows = withStates(this.rows, states);
    }

    /** Reads the first page of the search and filters shown again: a job has changed users meanwhile. */
    @api
    refresh(): void {
        void this.load(toUserQuery(this.filters, this.sort));
    }

    connectedCallback(): void {
        if (!this.pageReceived) {
            void this.load(toUserQuery(this.filters, this.sort));
        }
    }

    // --- what the template reads -------------------------------------------------------------------------------

    get sortHeaders(): SortHeader[] {
        const ascending = this.sort.sortDirection === 'asc';
        return SORT_COLUMNS.map(({ field, label }) => {
            const isSorted = this.sort.sortBy === field;
            return {
                field,
                label,
                buttonLabel: formatLabel(LABELS.sortBy, label),
                ariaSort: isSorted ? (ascending ? 'ascending' : 'descending') : 'none',
                isSorted,
                iconName: ascending ? 'utility:arrowup' : 'utility:arrowdown',
                headerClass: isSorted ? 'slds-is-sortable slds-is-sorted' : 'slds-is-sortable'
            };
        });
    }

    /** Undefined while the panel could not read the pools: the rows then name licenses as last stored. */
    private get pools(): Pool[] | undefined {
        return this.licensePools ? toPools(this.licensePools) : undefined;
    }

    get rowViews(): RowView[] {
        const pools = this.pools;
        return this.rows.map((row) => {
            const userId = userIdOf(row);
            return toRowView(row, {
                pools,
                connected: this.connected,
                selected: this.selectedIds.includes(userId),
                saving: this.savingIds.includes(userId),
                errorMessage: this.rowErrors[userId]
            });
        });
    }

    get showTable(): boolean {
        return !this.loadError && this.rows.length > 0;
    }

    get showEmptyState(): boolean {
        return this.pageReceived && !this.loadError && this.rows.length === 0;
    }

    /** Paging and the count describe the page shown; after a failed load they would describe an older one. */
    get showFooter(): boolean {
        return this.pageReceived && !this.loadError;
    }

    /** The CSV export follows the search, filters and sort shown; it reads every matching user, not the page. */
    get exportQuery(): UserQuery {
        return toUserQuery(this.filters, this.sort);
    }

    get exportDisabled(): boolean {
        return this.loading || this.totalCount === 0;
    }

    get countText(): string {
        if (this.totalCount === 1 && !this.totalCountCapped) {
            return LABELS.userCountOne;
        }
        const template = this.totalCountCapped ? LABELS.userCountCapped : LABELS.userCount;
        return formatLabel(template, formatCount(this.totalCount));
    }

    get previousDisabled(): boolean {
        return this.loading || !this.previousCursor;
    }

    get nextDisabled(): boolean {
        return this.loading || !this.nextCursor;
    }

    get allSelected(): boolean {
        return this.rows.length > 0 && this.selectedIds.length === this.rows.length;
    }

    get hasSelection(): boolean {
        return this.selectedIds.length > 0;
    }

    get selectedCountText(): string {
        if (this.allMatchingSelected) {
            const template = this.totalCountCapped
                ? LABELS.bulkAllMatchingSelectedCapped
                : LABELS.bulkAllMatchingSelected;
            return formatLabel(template, formatCount(this.totalCount));
        }
        return formatLabel(LABELS.selectedCount, formatCount(this.selectedIds.length));
    }

    /** The whole page is selected and the filters match more users than it shows. */
    get canSelectAllMatching(): boolean {
        return (
            this.allSelected &&
            !this.allMatchingSelected &&
            (this.totalCountCapped || this.totalCount > this.rows.length)
        );
    }

    get selectAllMatchingLabel(): string {
        const template = this.totalCountCapped ? LABELS.bulkSelectAllMatchingCapped : LABELS.bulkSelectAllMatching;
        return formatLabel(template, formatCount(this.totalCount));
    }

    /** The pools a bulk "Assign license" offers. */
    get bulkAssignItems(): Pool[] {
        return this.pools ?? [];
    }

    get bulkAssignDisabled(): boolean {
        return this.bulkDisabled || this.bulkAssignItems.length === 0;
    }

    get bulkDisabled(): boolean {
        return this.bulkSaving || !this.connected;
    }

    // --- query, sort and paging ----------------------------------------------------------------------------------

    /** Any change of search or filters starts again from the first page. */
    handleQueryChange(event: CustomEvent<QueryChangeDetail>): void {
        this.filters = event.detail.filters;
        void this.load(toUserQuery(this.filters, this.sort));
    }

    handleSort(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field as SortField;
        const ascending = this.sort.sortBy === field && this.sort.sortDirection === 'asc';
        this.sort = { sortBy: field, sortDirection: ascending ? 'desc' : 'asc' };
        void this.load(toUserQuery(this.filters, this.sort));
    }

    handlePrevious(): void {
        void this.load(toUserQuery(this.filters, this.sort, this.previousCursor));
    }

    handleNext(): void {
        void this.load(toUserQuery(this.filters, this.sort, this.nextCursor));
    }

    handleRetry(): void {
        void this.load(this.lastRequest);
    }

    private async load(request: UserQuery): Promise<void> {
        const requestNumber = ++this.requestNumber;
        this.lastRequest = request;
        this.loading = true;
        this.loadError = undefined;
        try {
            const page = await getUsers({ query: request });
            if (requestNumber === this.requestNumber) {
                this.showPage(page);
            }
        } catch (error) {
            if (requestNumber === this.requestNumber) {
                this.loadError = toCrmSyncError(error);
            }
        } finally {
            if (requestNumber === this.requestNumber) {
                this.loading = false;
            }
        }
    }

    private showPage(page: UserPage): void {
        this.pageReceived = true;
        this.loadError = undefined;
        this.rows = page.rows ?? [];
        this.nextCursor = page.nextCursor;
        this.previousCursor = page.previousCursor;
        this.totalCount = page.totalCount ?? this.rows.length;
        this.totalCountCapped = page.totalCountCapped === true;
        // Selection and messages belong to the page they were made on.
        this.selectedIds = [];
        this.allMatchingSelected = false;
        this.rowErrors = {};
    }

    renderedCallback(): void {
        if (this.focusAfterRender) {
            const target = this.template?.querySelector<HTMLElement>(this.focusAfterRender);
            this.focusAfterRender = undefined;
            target?.focus();
        }
    }

    // --- selection and bulk changes ----------------------------------------------------------------------------

    handleSelectRow(event: CustomEvent<CheckedChangeDetail>): void {
        const userId = rowIdOf(event);
        const others = this.selectedIds.filter((id) => id !== userId);
        this.selectedIds = event.detail.checked ? [...others, userId] : others;
        this.allMatchingSelected = false;
    }

    handleSelectAll(event: CustomEvent<CheckedChangeDetail>): void {
        this.selectedIds = event.detail.checked ? this.rows.map(userIdOf) : [];
        this.allMatchingSelected = false;
    }

    handleSelectAllMatching(): void {
        this.allMatchingSelected = true;
        // The link is gone once used; "Clear selection" is where the admin goes next.
        this.focusAfterRender = '[data-id="clear-selection"]';
    }

    handleClearSelection(): void {
        this.selectedIds = [];
        this.allMatchingSelected = false;
        // The bar is gone; the page's select-all box is where the selection started.
        this.focusAfterRender = '[data-id="select-all"]';
    }

    handleBulkEnable(event: Event): void {
        this.bulkChange({ kind: 'sync', enabled: true }, event);
    }

    handleBulkDisable(event: Event): void {
        this.bulkChange({ kind: 'sync', enabled: false }, event);
    }

    handleBulkAssign(event: CustomEvent<ValueChangeDetail>): void {
        this.bulkChange({ kind: 'license', licenseType: event.detail.value }, event);
    }

    handleBulkRemove(event: Event): void {
        this.bulkChange({ kind: 'license', licenseType: null }, event);
    }

    /** The selected page rows are changed in one call; all matching users only after the job dialog's dry run. */
    private bulkChange(change: RowChange, event: Event): void {
        if (this.allMatchingSelected) {
            const licenseType = change.kind === 'license' ? change.licenseType : null;
            const label = operationLabel(
                operationOf(change).operation,
                licenseType ? poolLabel(this.pools ?? [], licenseType) : undefined
            );
            void this.openJobDialog(label, jobRequestFor(change, this.filters), event.currentTarget as HTMLElement);
        } else {
            void this.applyBulk(change);
        }
    }

    get importDisabled(): boolean {
        return !this.connected || this.jobDialogOpen || this.bulkSaving;
    }

    /** "Import CSV": the file is checked in its own dialog, then the change goes through the same dry run. */
    async handleImport(event: Event): Promise<void> {
        if (this.importDisabled) {
            return;
        }
        const trigger = event.currentTarget as HTMLElement | null;
        this.jobDialogOpen = true;
        let imported: ImportDialogResult | undefined;
        try {
            imported = await CrmSyncImportDialog.open({
                size: 'small',
                label: LABELS.importCsv,
                pools: this.licensePools ?? []
            });
        } finally {
            this.jobDialogOpen = false;
        }
        if (imported) {
            await this.openJobDialog(imported.label, imported.request, trigger);
        } else {
            trigger?.focus();
        }
    }

    private async openJobDialog(label: string, request: JobRequest, trigger: HTMLElement | null): Promise<void> {
        if (this.jobDialogOpen || this.bulkSaving || !this.connected) {
            return;
        }
        this.jobDialogOpen = true;
        try {
            const result = await CrmSyncJobDialog.open({ size: 'small', label, request });
            if (result?.outcome === 'applied') {
                this.dispatchEvent(new ShowToastEvent(appliedToast(result.summary)));
                if ((result.summary.results ?? []).some((item) => item.succeeded === true)) {
                    this.notifyUsersChanged(result.summary, ++this.changesSent);
                }
                // The rows show the outcome: the first page of the same search and filters, read again.
                void this.load(toUserQuery(this.filters, this.sort));
            } else if (result?.outcome === 'queued') {
                this.selectedIds = [];
                this.allMatchingSelected = false;
                this.dispatchEvent(new CustomEvent<JobStartDetail>('jobstart', { detail: { job: result.job } }));
            }
        } finally {
            this.jobDialogOpen = false;
            trigger?.focus();
        }
    }

    private async applyBulk(change: RowChange): Promise<void> {
        if (this.bulkSaving || !this.connected) {
            return;
        }
        // Page order, so the request reads like the table.
        const userIds = this.rows.map(userIdOf).filter((userId) => this.selectedIds.includes(userId));
        this.bulkSaving = true;
        this.savingIds = [...this.savingIds, ...userIds];
        const changeNumber = ++this.changesSent;
        try {
            const summary = await this.send(userIds, change);
            const results = summary.results ?? [];
            const failed = results.filter((result) => result.succeeded !== true);
            this.applyConfirmed(succeededStates(results));
            this.rowErrors = {
                ...this.rowErrors,
                ...Object.fromEntries(
                    failed.map((result) => [userIdOf(result), toCrmSyncError(result.message).message])
                )
            };
            // Failed users stay selected, so the admin can try them again after fixing the cause.
            this.selectedIds = failed.map(userIdOf);
            const succeeded = results.length - failed.length;
            this.toast(
                failed.length === 0
                    ? formatLabel(
                          change.kind === 'sync' ? LABELS.usersUpdated : LABELS.bulkLicensesUpdated,
                          formatCount(succeeded)
                      )
                    : formatLabel(LABELS.usersPartiallyUpdated, formatCount(succeeded), formatCount(failed.length)),
                failed.length === 0 ? 'success' : 'warning'
            );
            if (succeeded > 0) {
                this.notifyUsersChanged(summary, changeNumber);
            }
            await this.refreshAfterConflict(failed.filter((result) => result.errorCode === CONFLICT).map(userIdOf));
        } catch (error) {
            await this.reportFailure(toCrmSyncError(error), userIds);
        } finally {
            this.bulkSaving = false;
            this.savingIds = this.savingIds.filter((id) => !userIds.includes(id));
        }
    }

    // --- the row's "Edit" menu -----------------------------------------------------------------------------------

    handleShowErrors(event: Event): void {
        const userId = (event.currentTarget as HTMLElement).dataset.userId ?? '';
        this.dispatchEvent(new CustomEvent<ShowErrorsDetail>('showerrors', { detail: { userId } }));
    }

    handleMenuSelect(event: CustomEvent<ValueChangeDetail>): void {
        const userId = rowIdOf(event);
        const row = this.rows.find((candidate) => userIdOf(candidate) === userId);
        // A second choice while the row saves (or a stale event) must not send a second change.
        if (!row || this.savingIds.includes(userId) || !this.connected) {
            return;
        }
        void this.applyRowChange(row, changeFor(row, event.detail.value));
    }

    private async applyRowChange(row: UserState, change: RowChange): Promise<void> {
        const userId = userIdOf(row);
        const message = successMessage(row, change, this.pools ?? []);
        this.savingIds = [...this.savingIds, userId];
        const changeNumber = ++this.changesSent;
        try {
            const summary = await this.send([userId], change);
            const result = summary.results?.find((candidate) => candidate.userId === userId);
            if (result?.succeeded === true) {
                this.applyConfirmed(succeededStates([result]));
                this.toast(message, 'success');
                this.notifyUsersChanged(summary, changeNumber);
            } else {
                await this.reportFailure(
                    {
                        ...toCrmSyncError(result?.message),
                        code: result?.errorCode ?? UNEXPECTED_ERROR_CODE,
                        correlationId: summary.correlationId ?? null
                    },
                    [userId]
                );
            }
        } catch (error) {
            await this.reportFailure(toCrmSyncError(error), [userId]);
        } finally {
            this.savingIds = this.savingIds.filter((id) => id !== userId);
        }
    }

    private send(userIds: string[], change: RowChange): Promise<UserChangeSummary> {
        return change.kind === 'sync'
            ? setUserSync({ userIds, enabled: change.enabled })
            : setUserLicense({ userIds, licenseType: change.licenseType });
    }

    // --- results, conflicts and messages ---------------------------------------------------------------------------

    /** Shows the states Apex confirmed and clears those users' messages; failed rows stay as they were. */
    private applyConfirmed(states: UserState[]): void {
        this.rows = withStates(this.rows, states);
        const rowErrors = { ...this.rowErrors };
        states.forEach((state) => delete rowErrors[userIdOf(state)]);
        this.rowErrors = rowErrors;
    }

    private async reportFailure(error: CrmSyncError, userIds: string[]): Promise<void> {
        this.toastError(error);
        if (error.code === CONFLICT) {
            await this.refreshAfterConflict(userIds);
        }
    }

    /**
     * Re-reads users whose change met a newer version: Apex stores the version the backend now holds, so the next
     * attempt is sent with it, and the rows show what the other admin saved. Their messages stay, as the reason.
     */
    private async refreshAfterConflict(userIds: string[]): Promise<void> {
        if (userIds.length === 0) {
            return;
        }
        try {
            this.rows = withStates(this.rows, await refreshUserStates({ userIds }));
        } catch {
            // The conflict's message already says to reload the page; a second error would tell the admin nothing new.
        }
    }

    /**
     * Tells the panel that users changed, with the seats Apex read after the change. Two changes may be under way
     * at once; an answer to one sent before a change whose seats were already passed up carries older seats, so it
     * passes none.
     */
    private notifyUsersChanged(summary: UserChangeSummary, changeNumber: number): void {
        let detail: UsersChangeDetail = {};
        if (changeNumber > this.seatsPassedFrom) {
            this.seatsPassedFrom = changeNumber;
            detail = { licensePools: summary.licensePools, licensePoolsError: summary.licensePoolsError };
        }
        this.dispatchEvent(new CustomEvent<UsersChangeDetail>('userschange', { detail }));
    }

    private toast(title: string, variant: 'success' | 'warning'): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant }));
    }

    private toastError(error: CrmSyncError): void {
        // Sticky, so the admin has time to copy the reference for support.
        this.dispatchEvent(
            new ShowToastEvent({
                title: LABELS.failureTitle,
                message: withReference(error.message, error.correlationId),
                variant: 'error',
                mode: 'sticky'
            })
        );
    }
}
