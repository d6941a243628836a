// The CRM Sync admin panel: one getPanelState call paints the whole page, users without the permission set get an
// explanation instead, and the sections are reloaded after changes (the state after a link or unlink, the seat
// pools after users changed) without blanking what the admin is looking at.
import { LightningElement } from 'lwc';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import getLicensePools from '@salesforce/apex/CrmSyncAdminController.getLicensePools';
import type {
    AutofillSettings,
    ConnectionView,
    ErrorView,
    LicensePool,
    PanelState,
    UserPage,
    UserQuery
} from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel } from 'c/crmSyncFormat';

/** The user table's first page; the table asks for every later page itself. */
const FIRST_PAGE: UserQuery = { pageSize: 25, sortBy: 'name', sortDirection: 'asc' };

/** A section of PanelState that could not be read, in the one error shape the components show. */
function sectionError(view: ErrorView | undefined): CrmSyncError | undefined {
    return view ? toCrmSyncError(view) : undefined;
}

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
    // Numbers the calls, so an older answer arriving after a newer call cannot overwrite its result.
    stateRequest = 0;
    poolsRequest = 0;

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

    get initialPage(): UserPage | undefined {
        return this.state?.users;
    }

    get autofill(): AutofillSettings | undefined {
        return this.state?.autofill;
    }

    get ariaBusy(): string {
        return String(this.refreshing);
    }

    async loadState(): Promise<void> {
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
        if (state) {
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
    }

    async loadPools(): Promise<void> {
        const request = ++this.poolsRequest;
        let pools: LicensePool[] | undefined;
        let error: CrmSyncError | undefined;
        try {
            pools = await getLicensePools();
        } catch (failure) {
            error = toCrmSyncError(failure);
        }
        if (request !== this.poolsRequest) {
            return;
        }
        // On failure the last known pools stay, so the user table can still offer the license types.
        this.pools = pools ?? this.pools;
        this.poolsError = error;
    }

    handleReload(): void {
        void this.loadState();
    }

    handleUsersChange(): void {
        void this.loadPools();
    }
}
