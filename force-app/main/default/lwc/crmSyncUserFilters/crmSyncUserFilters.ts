// Search, the three filters and "Include inactive users" above the license table. The table owns the applied
// filters and passes them in as `filters`; every change here fires `querychange` (bubbles: false) with the new
// filters, the search only once the admin pauses typing and only for a term of at least 2 characters or none.
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/crmSyncLabels';

/** The part of the table's query the admin sets here; the table adds the sort and the page to read. */
export interface UserFilters {
    /** Trimmed; empty lists everyone. */
    searchTerm: string;
    syncFilter: string;
    licenseFilter: string;
    statusFilter: string;
    includeInactive: boolean;
}

/** The `detail` of `querychange`. */
export interface QueryChangeDetail {
    filters: UserFilters;
}

interface Option {
    label: string;
    value: string;
}

/** What lightning-input (search) and lightning-combobox send with change. */
interface ValueChangeDetail {
    value: string;
}

/** What a lightning-input checkbox sends with change. */
interface CheckedChangeDetail {
    checked: boolean;
}

/** Long enough to skip the requests of intermediate keystrokes, short enough to feel immediate. */
const SEARCH_DELAY_MS = 300;
/** getUsers rejects shorter terms; an empty term lists everyone. */
const MIN_SEARCH_LENGTH = 2;
/** Nothing filtered: shown until the table passes its filters. */
const NO_FILTERS: UserFilters = {
    searchTerm: '',
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false
};

export default class CrmSyncUserFilters extends LightningElement {
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

    applied: UserFilters = { ...NO_FILTERS };
    /** What the search box shows; the applied term follows it after a pause. */
    searchInput = '';

    private searchTimer?: ReturnType<typeof setTimeout>;

    @api
    get filters(): UserFilters {
        return this.applied;
    }
    set filters(value: UserFilters) {
        // The table passes every querychange back; only a term changed from outside (the table showing a new first
        // page resets the filters) replaces what the admin typed, and drops a search still waiting to be sent.
        if (value.searchTerm !== this.applied.searchTerm) {
            clearTimeout(this.searchTimer);
            this.searchInput = value.searchTerm;
        }
        this.applied = { ...value };
    }

    disconnectedCallback(): void {
        clearTimeout(this.searchTimer);
    }

    get showSearchHint(): boolean {
        return this.searchInput.trim().length === 1;
    }

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
            if (term !== this.applied.searchTerm) {
                this.apply({ ...this.applied, searchTerm: term });
            }
        }, SEARCH_DELAY_MS);
    }

    handleSyncFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.apply({ ...this.applied, syncFilter: event.detail.value });
    }

    handleLicenseFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.apply({ ...this.applied, licenseFilter: event.detail.value });
    }

    handleStatusFilterChange(event: CustomEvent<ValueChangeDetail>): void {
        this.apply({ ...this.applied, statusFilter: event.detail.value });
    }

    handleIncludeInactiveChange(event: CustomEvent<CheckedChangeDetail>): void {
        this.apply({ ...this.applied, includeInactive: event.detail.checked });
    }

    private apply(filters: UserFilters): void {
        this.applied = filters;
        this.dispatchEvent(new CustomEvent<QueryChangeDetail>('querychange', { detail: { filters: { ...filters } } }));
    }
}
