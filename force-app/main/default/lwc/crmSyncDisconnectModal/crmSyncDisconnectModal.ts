// "Disable CRM sync": unlinks the org. Before the admin confirms, it states what will be deleted and kept for
// the current purge choice (the backend's dry run, loaded once per choice), then "Continue" unlinks. Failures
// stay inside the modal so the admin keeps the context and can retry.
import LightningModal from 'lightning/modal';
import previewConnectionChange from '@salesforce/apex/CrmSyncAdminController.previewConnectionChange';
import unlinkOrg from '@salesforce/apex/CrmSyncAdminController.unlinkOrg';
import type { ConnectionImpact, ConnectionView } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { saveOnce } from 'c/crmSyncModalSave';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export type DisconnectModalResult = { outcome: 'unlinked'; connection: ConnectionView };

export default class CrmSyncDisconnectModal extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
    }) => Promise<DisconnectModalResult | undefined>;

    labels = LABELS;
    purge = false;
    impact?: ConnectionImpact;
    impactLoading = false;
    impactError?: CrmSyncError;
    saving = false;
    error?: CrmSyncError;

    // One dry run per choice: toggling back shows the cached answer, and a request in flight is shared.
    private previews = new Map<boolean, Promise<ConnectionImpact>>();

    get continueDisabled(): boolean {
        // The admin confirms only after seeing what the current choice deletes and keeps.
        return this.saving || this.impactLoading;
    }

    connectedCallback(): void {
        void this.loadImpact();
    }

    handlePurgeChange(event: CustomEvent<{ checked: boolean }>): void {
        this.purge = event.detail.checked === true;
        void this.loadImpact();
    }

    handleImpactRetry(): void {
        void this.loadImpact();
    }

    async loadImpact(): Promise<void> {
        const purge = this.purge;
        let request = this.previews.get(purge);
        if (!request) {
            request = previewConnectionChange({ operation: 'unlink', purgeImportedData: purge });
            this.previews.set(purge, request);
        }
        this.impact = undefined;
        this.impactError = undefined;
        this.impactLoading = true;
        try {
            const impact = await request;
            if (purge === this.purge) {
                this.impact = impact;
            }
        } catch (failure) {
            // Forget the failed answer so "Try again" or toggling asks the backend again.
            this.previews.delete(purge);
            if (purge === this.purge) {
                this.impactError = toCrmSyncError(failure);
            }
        } finally {
            if (purge === this.purge) {
                this.impactLoading = false;
            }
        }
    }

    async handleContinue(): Promise<void> {
        const result = await saveOnce(this, () => unlinkOrg({ purgeImportedData: this.purge }));
        if (result) {
            // Unlinked always means not connected, even if the view was left out of the answer.
            void this.close({ outcome: 'unlinked', connection: result.connection ?? { connected: false } });
        }
    }

    handleCancel(): void {
        void this.close(undefined);
    }
}
