// "CRM Sync" on the User record: one user's license, sync state and last error, and the "Enable CRM sync"
// checkbox with Save and Cancel. The same component runs as a screen quick action and on the User Lightning
// record page, where it takes part in the page's refresh (lightning/refresh) and reads the user again; the Apex
// behind it uses the panel's services, so the rules are the panel's.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent, registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import getAccess from '@salesforce/apex/CrmSyncUserActionController.getAccess';
import getUserState from '@salesforce/apex/CrmSyncUserActionController.getUserState';
import setUserSync from '@salesforce/apex/CrmSyncUserActionController.setUserSync';
import type { Access, UserState } from 'crm-sync/apex-types';
import { toCrmSyncError, UNEXPECTED_ERROR_CODE } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel, statusLabel } from 'c/crmSyncFormat';
import type { UserStateChangeDetail } from 'c/crmSyncUserSyncErrors';

type CheckboxChangeEvent = CustomEvent<{ checked: boolean }>;
type LoadResult = { access: Access; state?: UserState } | { error: CrmSyncError };

export default class CrmSyncUserAction extends LightningElement {
    labels = LABELS;
    // Until the first answer: in a screen action recordId arrives only after connectedCallback.
    loading = true;
    loadError?: CrmSyncError;
    access?: Access;
    state?: UserState;
    /** The checkbox's value; differs from state.syncEnabled while the admin has an unsaved change. */
    enabled = false;
    saving = false;
    saveError?: CrmSyncError;

    userId?: string;
    connected = false;
    // The user whose state is shown or being read; an answer for any other user is stale and dropped.
    loadedUserId?: string;
    refreshHandlerId?: number;

    @api
    get recordId(): string | undefined {
        return this.userId;
    }
    set recordId(value: string | undefined) {
        this.userId = value;
        void this.load();
    }

    connectedCallback(): void {
        this.connected = true;
        this.refreshHandlerId = registerRefreshHandler(this, () => this.handleRefresh());
        void this.load();
    }

    disconnectedCallback(): void {
        this.connected = false;
        if (this.refreshHandlerId !== undefined) {
            unregisterRefreshHandler(this.refreshHandlerId);
            this.refreshHandlerId = undefined;
        }
    }

    get readOnly(): boolean {
        return this.access !== undefined && this.access.canManage !== true;
    }

    get readOnlyBody(): string {
        return formatLabel(LABELS.readOnlyBody, this.access?.requiredPermissionSet ?? LABELS.permissionSetName);
    }

    get storedEnabled(): boolean {
        return this.state?.syncEnabled === true;
    }

    get name(): string {
        return this.state?.name ?? LABELS.notAvailable;
    }

    get isInactive(): boolean {
        return this.state?.isActive !== true;
    }

    get licenseText(): string {
        const licenseType = this.state?.licenseType;
        return licenseType ? (this.state?.licenseLabel ?? licenseType) : LABELS.noLicense;
    }

    get syncText(): string {
        return this.storedEnabled ? LABELS.on : LABELS.off;
    }

    get statusText(): string {
        return statusLabel(this.state?.status);
    }

    get lastSyncedAt(): string | undefined {
        return this.state?.lastSyncedAt;
    }

    get lastErrorText(): string {
        return this.state?.lastError ?? LABELS.notAvailable;
    }

    /** Enabling needs an active user (Apex refuses it); disabling an inactive user stays allowed. */
    get enableBlocked(): boolean {
        return this.isInactive && !this.storedEnabled;
    }

    get checkboxDisabled(): boolean {
        return this.saving || this.enableBlocked;
    }

    get saveDisabled(): boolean {
        return this.saving || this.enabled === this.storedEnabled;
    }

    get saveLabel(): string {
        return this.saving ? LABELS.saving : LABELS.save;
    }

    async load(): Promise<void> {
        const userId = this.userId;
        if (!this.connected || !userId || userId === this.loadedUserId) {
            return;
        }
        this.loadedUserId = userId;
        this.loading = true;
        this.loadError = undefined;
        this.saveError = undefined;
        const result = await this.read(userId);
        if (userId !== this.loadedUserId) {
            return;
        }
        this.loading = false;
        if ('error' in result) {
            this.loadError = result.error;
        } else {
            this.access = result.access;
            this.applyState(result.state);
        }
    }

    /** Access first: without the permission set nothing else is read (getUserState would refuse anyway). */
    async read(userId: string): Promise<LoadResult> {
        try {
            const access = await getAccess();
            const state = access.canManage === true ? await getUserState({ userId }) : undefined;
            return { access, state };
        } catch (failure) {
            return { error: toCrmSyncError(failure) };
        }
    }

    handleReload(): void {
        this.loadedUserId = undefined;
        void this.load();
    }

    /**
     * The page's refresh (RefreshEvent: the user was edited on the page, or saved in the quick action): reads the
     * user again without blanking the card. A first read or a save still running brings the fresh state itself.
     * Resolves true so the refresh goes on to the components inside this one.
     */
    async handleRefresh(): Promise<boolean> {
        const userId = this.loadedUserId;
        const shown = this.state;
        if (userId && !this.loading && !this.saving) {
            const result = await this.read(userId);
            // Dropped when the page shows another user by now, or a save replaced the state meanwhile.
            if (userId === this.loadedUserId && this.state === shown && !this.saving) {
                this.showRefreshed(result);
            }
        }
        return true;
    }

    showRefreshed(result: LoadResult): void {
        if ('error' in result) {
            this.loadError = result.error;
            return;
        }
        const unsavedChoice = this.enabled !== this.storedEnabled ? this.enabled : undefined;
        this.loadError = undefined;
        this.access = result.access;
        this.applyState(result.state);
        // A tick the admin has not saved yet survives the refresh; the stored state beside it is the fresh one.
        if (unsavedChoice !== undefined) {
            this.enabled = unsavedChoice;
        }
    }

    /** A retry of the user's sync errors read the user's new state: show it and let the record page re-read. */
    handleErrorsRetried(event: CustomEvent<UserStateChangeDetail>): void {
        const unsavedChoice = this.enabled !== this.storedEnabled ? this.enabled : undefined;
        this.applyState({ ...this.state, ...event.detail.state });
        if (unsavedChoice !== undefined) {
            this.enabled = unsavedChoice;
        }
        this.dispatchEvent(new RefreshEvent());
    }

    handleEnabledChange(event: CheckboxChangeEvent): void {
        this.enabled = event.detail.checked;
    }

    async handleSave(): Promise<void> {
        const userId = this.userId;
        // The button is disabled while saving, but a second click can arrive before the re-render.
        if (this.saveDisabled || !this.state || !userId) {
            return;
        }
        const previous = this.state;
        const enabled = this.enabled;
        this.saving = true;
        this.saveError = undefined;
        try {
            const result = await setUserSync({ userId, enabled });
            if (result.succeeded === true) {
                this.applyState(result.state ?? { ...previous, syncEnabled: enabled });
                this.announceSaved(enabled);
            } else {
                // A per-user refusal (e.g. SEATS_EXHAUSTED) carries Apex's message; the checkbox keeps the choice.
                this.saveError = { ...toCrmSyncError(result.message), code: result.errorCode ?? UNEXPECTED_ERROR_CODE };
            }
        } catch (failure) {
            this.saveError = toCrmSyncError(failure);
        } finally {
            this.saving = false;
        }
    }

    handleCancel(): void {
        this.enabled = this.storedEnabled;
        this.saveError = undefined;
        this.close();
    }

    announceSaved(enabled: boolean): void {
        // Refresh before closing, while the component is still on the page: the record page re-reads its data.
        this.dispatchEvent(new RefreshEvent());
        const template = enabled ? LABELS.userSyncEnabled : LABELS.userSyncDisabled;
        this.dispatchEvent(new ShowToastEvent({ title: formatLabel(template, this.name), variant: 'success' }));
        this.close();
    }

    /**
     * Closes the quick action. The platform gives a component no reliable signal whether it runs as an action or
     * on a record page (lightning__RecordAction supports no properties), so the event is always sent: the action
     * screen closes on it, and on a record page nothing listens for it, so it does nothing there. That keeps one
     * code path instead of guessing the mode from the surrounding DOM.
     */
    close(): void {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /**
     * Shows a state as Apex returned it. A save's answer names the license too: Apex reads the pools right after the
     * change (or, while they cannot be read, keeps the name stored for the same license), so no second call is needed.
     */
    applyState(state: UserState | undefined): void {
        this.state = state;
        this.enabled = state?.syncEnabled === true;
    }
}
