// "Autofill" [Autofüllen]: the switches for Leads and Accounts. Saving sends the version the admin saw, so a
// concurrent change by another admin is refused (CONFLICT) instead of overwritten; the admin then reloads.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import saveAutofillSettings from '@salesforce/apex/CrmSyncAdminController.saveAutofillSettings';
import type { AutofillSettings } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';

/** CrmSyncException.CONFLICT: someone saved in between; only reloading the settings can help. */
const CONFLICT_CODE = 'CONFLICT';

type ToggleChangeEvent = CustomEvent<{ checked: boolean }>;

export default class CrmSyncAutofillSettings extends LightningElement {
    /** Why the settings could not be read; replaces the switches. */
    @api error?: CrmSyncError;
    @api connected = false;

    labels = LABELS;
    leads = false;
    accounts = false;
    saving = false;
    saveError?: CrmSyncError;
    // The last settings known to be stored: from the panel, then from each successful save (new version).
    current?: AutofillSettings;

    @api
    get settings(): AutofillSettings | undefined {
        return this.current;
    }
    set settings(value: AutofillSettings | undefined) {
        // Fresh settings from the panel (first paint or reload) replace any unsaved choice and old failure.
        this.applySettings(value);
        this.saveError = undefined;
    }

    get changed(): boolean {
        return this.leads !== (this.current?.leads === true) || this.accounts !== (this.current?.accounts === true);
    }

    get togglesDisabled(): boolean {
        return this.saving || !this.connected || !this.current;
    }

    get saveDisabled(): boolean {
        return this.togglesDisabled || !this.changed;
    }

    get saveLabel(): string {
        return this.saving ? LABELS.saving : LABELS.save;
    }

    /** A conflict is not retryable as such, but reloading is: the alert's "Try again" reloads then. */
    get shownSaveError(): CrmSyncError | undefined {
        return this.saveError?.code === CONFLICT_CODE ? { ...this.saveError, retryable: true } : this.saveError;
    }

    handleLeadsChange(event: ToggleChangeEvent): void {
        this.leads = event.detail.checked;
    }

    handleAccountsChange(event: ToggleChangeEvent): void {
        this.accounts = event.detail.checked;
    }

    async handleSave(): Promise<void> {
        // The button is disabled while saving, but a second click can arrive before the re-render.
        if (this.saveDisabled || !this.current) {
            return;
        }
        this.saving = true;
        this.saveError = undefined;
        try {
            const saved = await saveAutofillSettings({
                leads: this.leads,
                accounts: this.accounts,
                version: this.current.version ?? null
            });
            this.applySettings(saved);
            this.dispatchEvent(new ShowToastEvent({ title: LABELS.autofillSaved, variant: 'success' }));
        } catch (failure) {
            this.saveError = toCrmSyncError(failure);
        } finally {
            this.saving = false;
        }
    }

    handleSaveRetry(): void {
        if (this.saveError?.code === CONFLICT_CODE) {
            this.requestRefresh();
        } else {
            void this.handleSave();
        }
    }

    applySettings(value: AutofillSettings | undefined): void {
        this.current = value;
        this.leads = value?.leads === true;
        this.accounts = value?.accounts === true;
    }

    requestRefresh(): void {
        this.dispatchEvent(new CustomEvent('refresh'));
    }
}
