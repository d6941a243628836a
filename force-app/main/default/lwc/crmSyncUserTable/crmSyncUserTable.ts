// The license table: users with search, filters, sort and cursor paging done on the server (getUsers), a per-row
// "Edit" menu that toggles CRM sync or assigns/removes a license, and bulk enable/disable for the selected rows.
// Row changes update the row from the state Apex returns and fire `userschange`, so the panel re-reads the seats.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import setUserSync from '@salesforce/apex/CrmSyncAdminController.setUserSync';
import setUserLicense from '@salesforce/apex/CrmSyncAdminController.setUserLicense';
import type {
    LicensePool,
    UserChangeResult,
    UserChangeSummary,
    UserPage,
    UserQuery,
    UserState
} from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel, statusLabel } from 'c/crmSyncFormat';

type SortField = 'name' | 'username' | 'email';
type SortDirection = 'asc' | 'desc';

/** The part of the query the admin controls; the cursor is added per request. */
interface TableQuery {
    searchTerm: string;
    syncFilter: string;
    licenseFilter: string;
    statusFilter: string;
    includeInactive: boolean;
    sortBy: SortField;
    sortDirection: SortDirection;
}

interface Option {
    label: string;
    value: string;
}

interface MenuItem {
    value: string;
    label: string;
}

interface RowView {
    userId: string;
    name: string;
    isInactive: boolean;
    username: string;
    email: string;
    profileName: string;
    licenseLabel: string;
    syncLabel: string;
    statusLabel: string;
    lastSyncedAt?: string;
    selected: boolean;
    selectLabel: string;
    saving: boolean;
    menuDisabled: boolean;
    syncChecked: boolean;
    assignItems: MenuItem[];
    canRemoveLicense: boolean;
    errorMessage?: string;
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

/** What lightning-input (search), lightning-combobox and lightning-button-menu send with change/select. */
interface ValueChangeDetail {
    value: string;
}

/** What a lightning-input checkbox sends with change. */
interface CheckedChangeDetail {
    checked: boolean;
}

interface Pool {
    licenseType: string;
    label: string;
}

/** The server accepts 1 to 50; 25 keeps a page readable without scrolling far. */
const PAGE_SIZE = 25;
/** Long enough to skip the requests of intermediate keystrokes, short enough to feel immediate. */
const SEARCH_DELAY_MS = 300;
/** getUsers rejects shorter terms; an empty term lists everyone. */
const MIN_SEARCH_LENGTH = 2;
const SYNC_ITEM = 'sync';
const REMOVE_ITEM = 'remove';
const ASSIGN_PREFIX = 'assign:';

const DEFAULT_QUERY: TableQuery = {
    searchTerm: '',
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false,
    sortBy: 'name',
    sortDirection: 'asc'
};

const SORT_COLUMNS: { field: SortField; label: string }[] = [
    { field: 'name', label: LABELS.columnName },
    { field: 'username', label: LABELS.columnUsername }
];

function toUserQuery(query: TableQuery, cursor?: string): UserQuery {
    const { searchTerm, ...rest } = query;
    return {
        ...rest,
        ...(searchTerm ? { searchTerm } : {}),
        pageSize: PAGE_SIZE,
        ...(cursor ? { cursor } : {})
    };
}

function idOf(item: { userId?: string }): string {
    return item.userId ?? '';
}

/** The user id a row's control carries in `data-user-id`. */
function rowIdOf(event: Event): string {
    return (event.currentTarget as HTMLElement).dataset.userId ?? '';
}

function errorToastMessage(error: CrmSyncError): string {
    return error.correlationId
        ? `${error.message} ${formatLabel(LABELS.reference, error.correlationId)}`
        : error.message;
}

export default class CrmSyncUserTable extends LightningElement {
    @api licensePools?: LicensePool[];
    @api connected = false;

    labels = LABELS;

    syncOptions: Option[] = [
        { label: LABELS.filterAll, value: 'all' },
        { label: LABELS.filterSyncOn, value: 'on' },
        { label: LABELS.filterSyncOff, value: 'off' }
    ];
    licenseOptions: Option[] = [
        { label: LABELS.filterAll, value: 'all' },
        { label: LABELS.filterLicensed, value: 'licensed' },
        { label: LABELS.filterUnlicensed, value: 'unlicensed' }
    ];
    statusOptions: Option[] = [
        { label: LABELS.filterAll, value: 'all' },
        { label: LABELS.statusSynced, value: 'Synced' },
        { label: LABELS.statusPending, value: 'Pending' },
        { label: LABELS.statusNotMatched, value: 'Not_Matched' },
        { label: LABELS.statusError, value: 'Error' }
    ];

    query: TableQuery = { ...DEFAULT_QUERY };
    searchInput = '';
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

    private pageReceived = false;
    private lastRequest: UserQuery = toUserQuery(DEFAULT_QUERY);
    private requestNumber = 0;
    private searchTimer?: ReturnType<typeof setTimeout>;

    /** The panel's first page, read with the default query; setting it shows it and resets search and filters. */
    @api
    get initialPage(): UserPage | undefined {
        return this._initialPage;
    }
    set initialPage(page: UserPage | undefined) {
        this._initialPage = page;
        if (page) {
            this.query = { ...DEFAULT_QUERY };
            this.searchInput = '';
            this.lastRequest = toUserQuery(DEFAULT_QUERY);
            // A page arriving from the panel supersedes any request still running.
            this.requestNumber++;
            this.loading = false;
            this.showPage(page);
        }
    }
    private _initialPage?: UserPage;

    connectedCallback(): void {
        if (!this.pageReceived) {
            void this.load(toUserQuery(this.query));
        }
    }

    disconnectedCallback(): void {
        clearTimeout(this.searchTimer);
    }

    // --- what the template reads -------------------------------------------------------------------------------

    get showSearchHint(): boolean {
        return this.searchInput.trim().length === 1;
    }

    get sortHeaders(): SortHeader[] {
        return SORT_COLUMNS.map(({ field, label }) => {
            const isSorted = this.query.sortBy === field;
            const ascending = this.query.sortDirection === 'asc';
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

    /** The pools a license can be assigned from; a pool without a type cannot be chosen. */
    private get pools(): Pool[] {
        const pools: Pool[] = [];
        for (const { licenseType, label } of this.licensePools ?? []) {
            if (licenseType) {
                pools.push({ licenseType, label: label ?? licenseType });
            }
        }
        return pools;
    }

    /** A license type's label; a type the pools do not list shows its code rather than nothing. */
    private poolLabel(licenseType: string): string {
        return this.pools.find((pool) => pool.licenseType === licenseType)?.label ?? licenseType;
    }

    get rowViews(): RowView[] {
        const pools = this.pools;
        return this.rows.map((row) => {
            const userId = idOf(row);
            const name = row.name ?? '';
            const saving = this.savingIds.includes(userId);
            return {
                userId,
                name,
                isInactive: row.isActive === false,
                username: row.username ?? '',
                email: row.email ?? '',
                profileName: row.profileName ?? LABELS.notAvailable,
                licenseLabel: row.licenseType ? this.poolLabel(row.licenseType) : LABELS.noLicense,
                syncLabel: row.syncEnabled === true ? LABELS.on : LABELS.off,
                statusLabel: statusLabel(row.status),
                lastSyncedAt: row.lastSyncedAt,
                selected: this.selectedIds.includes(userId),
                selectLabel: formatLabel(LABELS.selectUser, name),
                saving,
                menuDisabled: saving || !this.connected,
                // lightning-menu-item shows a checkbox item only for a real boolean (toolchain.md §11).
                syncChecked: row.syncEnabled === true,
                assignItems: pools
                    .filter((pool) => pool.licenseType !== row.licenseType)
                    .map((pool) => ({
                        value: ASSIGN_PREFIX + pool.licenseType,
                        label: formatLabel(LABELS.assignLicense, pool.label)
                    })),
                canRemoveLicense: Boolean(row.licenseType),
                errorMessage: this.rowErrors[userId]
            };
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

    get countText(): string {
        return formatLabel(this.totalCountCapped ? LABELS.userCountCapped : LABELS.userCount, this.totalCount);
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
        return formatLabel(LABELS.selectedCount, this.selectedIds.length);
    }

    get bulkDisabled(): boolean {
        return this.bulkSaving || !this.connected;
    }

    // --- search, filters, sort and paging ------------------------------------------------------------------------

    handleSearchChange(event: CustomEvent<ValueChangeDetail>): void {
        this.searchInput = event.detail.value;
        clearTimeout(this.searchTimer);
        const term = this.searchInput.trim();
        if (term.length > 0 && term.length < MIN_SEARCH_LENGTH) {
            return;
        }
        // Debounced so typing a name sends one request, not one per keystroke.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            if (term !== this.query.searchTerm) {
                this.applyQuery({ ...this.query, searchTerm: term });
            }
        }, SEARCH_DELAY_MS);
    }

    handleSyncFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.applyQuery({ ...this.query, syncFilter: event.detail.value });
    }

    handleLicenseFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.applyQuery({ ...this.query, licenseFilter: event.detail.value });
    }

    handleStatusFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.applyQuery({ ...this.query, statusFilter: event.detail.value });
    }

    handleIncludeInactiveChange(event: CustomEvent<CheckedChangeDetail>): void {
        this.applyQuery({ ...this.query, includeInactive: event.detail.checked });
    }

    handleSort(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field as SortField;
        const sortDirection: SortDirection =
            this.query.sortBy === field && this.query.sortDirection === 'asc' ? 'desc' : 'asc';
        this.applyQuery({ ...this.query, sortBy: field, sortDirection });
    }

    handlePrevious(): void {
        void this.load(toUserQuery(this.query, this.previousCursor));
    }

    handleNext(): void {
        void this.load(toUserQuery(this.query, this.nextCursor));
    }

    handleRetry(): void {
        void this.load(this.lastRequest);
    }

    /** Any change of search, filter or sort starts again from the first page. */
    private applyQuery(query: TableQuery): void {
        this.query = query;
        void this.load(toUserQuery(query));
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
        this.rowErrors = {};
    }

    // --- selection and bulk changes ----------------------------------------------------------------------------

    handleSelectRow(event: CustomEvent<CheckedChangeDetail>): void {
        const userId = rowIdOf(event);
        const others = this.selectedIds.filter((id) => id !== userId);
        this.selectedIds = event.detail.checked ? [...others, userId] : others;
    }

    handleSelectAll(event: CustomEvent<CheckedChangeDetail>): void {
        this.selectedIds = event.detail.checked ? this.rows.map(idOf) : [];
    }

    handleBulkEnable(): void {
        void this.applyBulkSync(true);
    }

    handleBulkDisable(): void {
        void this.applyBulkSync(false);
    }

    private async applyBulkSync(enabled: boolean): Promise<void> {
        if (this.bulkSaving || !this.connected) {
            return;
        }
        // Page order, so the request reads like the table.
        const userIds = this.rows.map(idOf).filter((userId) => this.selectedIds.includes(userId));
        this.bulkSaving = true;
        this.savingIds = [...this.savingIds, ...userIds];
        try {
            const summary = await setUserSync({ userIds, enabled });
            const results = summary.results ?? [];
            const failed = results.filter((result) => result.succeeded !== true);
            this.applyResults(results);
            this.rowErrors = {
                ...this.rowErrors,
                ...Object.fromEntries(failed.map((result) => [idOf(result), toCrmSyncError(result.message).message]))
            };
            // Failed users stay selected, so the admin can try them again after fixing the cause.
            this.selectedIds = failed.map(idOf);
            const succeeded = results.length - failed.length;
            this.toast(
                failed.length === 0
                    ? formatLabel(LABELS.usersUpdated, succeeded)
                    : formatLabel(LABELS.usersPartiallyUpdated, succeeded, failed.length),
                failed.length === 0 ? 'success' : 'warning'
            );
            if (succeeded > 0) {
                this.notifyUsersChanged();
            }
        } catch (error) {
            this.toastError(toCrmSyncError(error));
        } finally {
            this.bulkSaving = false;
            this.savingIds = this.savingIds.filter((id) => !userIds.includes(id));
        }
    }

    // --- the row's "Edit" menu -----------------------------------------------------------------------------------

    handleMenuSelect(event: CustomEvent<ValueChangeDetail>): void {
        const userId = rowIdOf(event);
        const row = this.rows.find((candidate) => candidate.userId === userId);
        // A second choice while the row saves (or a stale event) must not send a second change.
        if (!row || this.savingIds.includes(userId) || !this.connected) {
            return;
        }
        const choice = event.detail.value;
        const name = row.name ?? '';
        if (choice === SYNC_ITEM) {
            const enabled = row.syncEnabled !== true;
            void this.applyRowChange(
                userId,
                () => setUserSync({ userIds: [userId], enabled }),
                formatLabel(enabled ? LABELS.userSyncEnabled : LABELS.userSyncDisabled, name)
            );
        } else if (choice === REMOVE_ITEM) {
            void this.applyRowChange(
                userId,
                () => setUserLicense({ userIds: [userId], licenseType: null }),
                formatLabel(LABELS.licenseRemoved, name)
            );
        } else {
            // The remaining items are "Assign license: <pool>", valued `assign:<license type>`.
            const licenseType = choice.slice(ASSIGN_PREFIX.length);
            void this.applyRowChange(
                userId,
                () => setUserLicense({ userIds: [userId], licenseType }),
                formatLabel(LABELS.licenseAssigned, name, this.poolLabel(licenseType))
            );
        }
    }

    private async applyRowChange(
        userId: string,
        change: () => Promise<UserChangeSummary>,
        successMessage: string
    ): Promise<void> {
        this.savingIds = [...this.savingIds, userId];
        try {
            const summary = await change();
            const result = summary.results?.find((candidate) => candidate.userId === userId);
            if (result?.succeeded === true) {
                this.applyResults([result]);
                this.toast(successMessage, 'success');
                this.notifyUsersChanged();
            } else {
                this.toastError({
                    ...toCrmSyncError(result?.message),
                    correlationId: summary.correlationId ?? null
                });
            }
        } catch (error) {
            this.toastError(toCrmSyncError(error));
        } finally {
            this.savingIds = this.savingIds.filter((id) => id !== userId);
        }
    }

    /** Replaces the rows of succeeded users with the state Apex confirmed; failed rows stay as they were. */
    private applyResults(results: UserChangeResult[]): void {
        const states = new Map<string, UserState>();
        for (const result of results) {
            if (result.succeeded === true && result.userId && result.state) {
                states.set(result.userId, result.state);
            }
        }
        this.rows = this.rows.map((row) => states.get(idOf(row)) ?? row);
        const rowErrors = { ...this.rowErrors };
        states.forEach((_state, userId) => delete rowErrors[userId]);
        this.rowErrors = rowErrors;
    }

    private notifyUsersChanged(): void {
        this.dispatchEvent(new CustomEvent('userschange'));
    }

    private toast(title: string, variant: 'success' | 'warning'): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant }));
    }

    private toastError(error: CrmSyncError): void {
        // Sticky, so the admin has time to copy the reference for support.
        this.dispatchEvent(
            new ShowToastEvent({
                title: LABELS.failureTitle,
                message: errorToastMessage(error),
                variant: 'error',
                mode: 'sticky'
            })
        );
    }
}
