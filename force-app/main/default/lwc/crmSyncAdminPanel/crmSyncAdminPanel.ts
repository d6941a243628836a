// The CRM Sync admin panel: one getPanelState call paints the whole page (the job of a change for many users, the
// assignment rules and the seat release schedule included), users without the permission set get an explanation instead, and the sections
// follow changes without blanking what the admin is looking at: the state is reloaded after a link or unlink, and
// the seat pools are replaced by those the user table's change brought along (one Apex call per change). A change
// for many users that the table queued as a background job is handed to c-crm-sync-job-progress, which watches it;
// when a job ends the state is reloaded (table, seats and sync errors in one call). The sync errors section shows the
// errors of the user whose status link was chosen in the table, and a retry there repaints the users it touched.
import { LightningElement } from 'lwc';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import type {
    ActivityPage,
    AutofillSettings,
    ConnectionView,
    ErrorView,
    HealthView,
    JobView,
    LicensePool,
    PanelState,
    RuleView,
    ScheduleView,
    UserPage,
    UserQuery
} from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel } from 'c/crmSyncFormat';
import type { ShowErrorsDetail, JobStartDetail, UsersChangeDetail } from 'c/crmSyncUserTable';
import type { StateChangeDetail } from 'c/crmSyncSyncErrors';

type UserTableElement = HTMLElement & { refresh(): void; showStates(states: StateChangeDetail['states']): void };

interface HealthBanner {
    className: string;
    icon: string;
    since: string;
    date: string;
    message: string;
}

/** The user table's first page; the table asks for every later page itself. */
const FIRST_PAGE: UserQuery = { pageSize: 25, sortBy: 'name', sortDirection: 'asc' };

/** A section of PanelState that could not be read, in the one error shape the components show. */
function sectionError(view: ErrorView | undefined): CrmSyncError | undefined {
    return view ? toCrmSyncError(view) : undefined;
}

type SyncErrorsElement = HTMLElement & { userId?: string; focusFilter(): Promise<void>; refresh(): Promise<void> };

export default class CrmSyncAdminPanel extends LightningElement {
    labels = LABELS;
    state?: PanelState;
    /** Why getPanelState failed: instead of the page on the first paint, above it on a reload. */
    loadError?: CrmSyncError;
    refreshing = false;
    // Converted once per answer: a new object on every render would make the children see a new value each time.
    connectionError?: CrmSyncError;
    autofillError?: CrmSyncError;
    pools?: LicensePool[];
    poolsError?: CrmSyncError;
    /** For c-crm-sync-job-progress: the job the state read, or the one the user table just queued. */
    job?: JobView;
    // Numbers the calls, so an older answer arriving after a newer call cannot overwrite its result.
    stateRequest = 0;

    connectedCallback(): void {
        void this.loadState();
    }

    /** Only once the state says so: before it arrives nothing is known about the user's access. */
    get readOnly(): boolean {
        return this.state !== undefined && this.state.access?.canManage !== true;
    }

    get readOnlyBody(): string {
        return formatLabel(LABELS.readOnlyBody, this.state?.access?.requiredPermissionSet ?? LABELS.permissionSetName);
    }

    get connection(): ConnectionView | undefined {
        return this.state?.connection;
    }

    get connected(): boolean {
        return this.state?.connection?.connected === true;
    }

    /** Sync errors are read from the backend of this org's link only (a sandbox copy's or another org's is refused). */
    get showsSyncErrors(): boolean {
        return this.connected && this.state?.connection?.orgMismatch !== true;
    }

    get initialPage(): UserPage | undefined {
        return this.state?.users;
    }

    get autofill(): AutofillSettings | undefined {
        return this.state?.autofill;
    }

    get activity(): ActivityPage | undefined {
        return this.state?.activity;
    }

    get reconciliation(): ScheduleView | undefined {
        return this.state?.reconciliation;
    }

    get rules(): RuleView[] | undefined {
        return this.state?.rules;
    }

    get health(): HealthView | undefined {
        return this.state?.health;
    }

    /** "CRM Sync is failing since …" while the last health check failed or warned. */
    get healthBanner(): HealthBanner | undefined {
        const health = this.state?.health;
        if (!health?.since || (health.status !== 'FAIL' && health.status !== 'WARN')) {
            return undefined;
        }
        const failing = health.status === 'FAIL';
        return {
            className: `slds-scoped-notification slds-scoped-notification_light slds-m-horizontal_small slds-m-bottom_small ${failing ? 'slds-theme_error' : 'slds-theme_warning'}`,
            icon: failing ? 'utility:error' : 'utility:warning',
            // The template drops the white space between text and the date element.
            since: `${failing ? LABELS.healthFailingSince : LABELS.healthWarningSince} `,
            date: health.since,
            message: health.message ?? LABELS.notAvailable
        };
    }

    handleHealthChange(event: CustomEvent<{ health: HealthView }>): void {
        if (this.state) {
            this.state = { ...this.state, health: event.detail.health };
        }
    }

    get ariaBusy(): string {
        return String(this.refreshing);
    }

    /** Reads the state; `keepTable` leaves the table on its search and filters and has it read its rows again. */
    async loadState(keepTable = false): Promise<void> {
        const request = ++this.stateRequest;
        // With a page on screen, keep it and show the small spinner; otherwise the full-page spinner shows.
        this.refreshing = this.state !== undefined;
        this.loadError = undefined;
        let state: PanelState | undefined;
        let error: CrmSyncError | undefined;
        try {
            state = await getPanelState({ firstPage: FIRST_PAGE });
        } catch (failure) {
            error = toCrmSyncError(failure);
        }
        if (request !== this.stateRequest) {
            return;
        }
        this.refreshing = false;
        if (state && keepTable && this.state) {
            // The same users object: the table keeps its search and filters instead of showing the default first page.
            this.applyState({ ...state, users: this.state.users });
            this.template?.querySelector<UserTableElement>('c-crm-sync-user-table')?.refresh();
        } else if (state) {
            this.applyState(state);
        } else {
            this.loadError = error;
        }
    }

    applyState(state: PanelState): void {
        this.state = state;
        this.connectionError = sectionError(state.connectionError);
        this.autofillError = sectionError(state.autofillError);
        this.pools = state.licensePools;
        this.poolsError = sectionError(state.licensePoolsError);
        this.job = state.job;
    }

    handleReload(): void {
        void this.loadState();
    }

    /** Users changed: the seats Apex read right after the change replace the ones shown, without another call. */
    handleUsersChange(event: CustomEvent<UsersChangeDetail>): void {
        const { licensePools, licensePoolsError } = event.detail;
        if (licensePools) {
            this.pools = licensePools;
            this.poolsError = undefined;
        } else if (licensePoolsError) {
            // The change succeeded, its seats could not be read: the last known pools stay for the user table.
            this.poolsError = toCrmSyncError(licensePoolsError);
        }
    }

    /** A status link in the table: the sync errors section shows that user's errors and takes the focus. */
    handleShowErrors(event: CustomEvent<ShowErrorsDetail>): void {
        const section = this.template?.querySelector<SyncErrorsElement>('c-crm-sync-sync-errors');
        if (section) {
            section.userId = event.detail.userId;
            void section.focusFilter();
        }
    }

    /** A retry of sync errors read the touched users' new states: the table shows them. */
    handleSyncStates(event: CustomEvent<StateChangeDetail>): void {
        this.template?.querySelector<UserTableElement>('c-crm-sync-user-table')?.showStates(event.detail.states);
    }

    handleJobStart(event: CustomEvent<JobStartDetail>): void {
        this.job = event.detail.job;
    }

    /**
     * A job ended (or "Retry failed" or a rule changed users at once): the seats, the job and the rules are read again
     * with the state, and the table reads the first page of the search and filters the admin is looking at.
     */
    handleJobFinish(): void {
        void this.loadState(true);
        void this.template?.querySelector<SyncErrorsElement>('c-crm-sync-sync-errors')?.refresh();
    }
}
