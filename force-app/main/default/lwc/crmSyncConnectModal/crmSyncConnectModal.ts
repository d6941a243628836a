// "Connect to CRM" and "Change": the admin chooses whether all previously imported CRM data is deleted (ticking
// the box shows the dry run's impact), then "Continue" links the org. When the backend first needs the admin to
// authorize access, the modal shows that step and links again with the same choice. Failures stay inside the
// modal so the admin keeps the context and can retry; "Change" also offers "Disable CRM sync".
import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import linkOrg from '@salesforce/apex/CrmSyncAdminController.linkOrg';
import previewConnectionChange from '@salesforce/apex/CrmSyncAdminController.previewConnectionChange';
import type { ConnectionImpact, ConnectionView } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { saveOnce } from 'c/crmSyncModalSave';

export type ConnectModalMode = 'connect' | 'change';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export type ConnectModalResult = { outcome: 'linked'; connection: ConnectionView } | { outcome: 'disable' };

/** Only an https page is opened: the address comes from the backend, never a script or another scheme. */
function isHttpsUrl(url: string | undefined): url is string {
    try {
        return new URL(url ?? '').protocol === 'https:';
    } catch {
        return false;
    }
}

export default class CrmSyncConnectModal extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
        mode: ConnectModalMode;
    }) => Promise<ConnectModalResult | undefined>;

    @api mode: ConnectModalMode = 'connect';

    labels = LABELS;
    purge = false;
    impact?: ConnectionImpact;
    impactLoading = false;
    impactError?: CrmSyncError;
    saving = false;
    error?: CrmSyncError;
    authorizationUrl?: string;

    get intro(): string {
        return this.mode === 'change' ? LABELS.changeIntro : LABELS.connectIntro;
    }

    get authorizing(): boolean {
        return this.authorizationUrl !== undefined;
    }

    get showDisable(): boolean {
        return this.mode === 'change' && !this.authorizing;
    }

    get continueDisabled(): boolean {
        // The admin confirms a purge only after seeing what it deletes.
        return this.saving || (this.purge && this.impactLoading);
    }

    handlePurgeChange(event: CustomEvent<{ checked: boolean }>): void {
        this.purge = event.detail.checked === true;
        if (this.purge && !this.impact && !this.impactLoading) {
            void this.loadImpact();
        }
    }

    handleImpactRetry(): void {
        void this.loadImpact();
    }

    async loadImpact(): Promise<void> {
        this.impactLoading = true;
        this.impactError = undefined;
        try {
            this.impact = await previewConnectionChange({ operation: 'link', purgeImportedData: true });
        } catch (failure) {
            this.impactError = toCrmSyncError(failure);
        } finally {
            this.impactLoading = false;
        }
    }

    async handleContinue(): Promise<void> {
        const result = await saveOnce(this, () => linkOrg({ purgeImportedData: this.purge }));
        if (!result) {
            return;
        }
        if (result.outcome === 'LINKED') {
            // LINKED always means connected, even if the view was left out of the answer.
            void this.close({ outcome: 'linked', connection: result.connection ?? { connected: true } });
        } else if (result.outcome === 'AUTHORIZATION_REQUIRED' && isHttpsUrl(result.authorizationUrl)) {
            this.authorizationUrl = result.authorizationUrl;
        } else {
            // An answer the modal cannot act on: report it like any unexpected failure.
            this.error = toCrmSyncError(undefined);
        }
    }

    handleOpenAuthorization(): void {
        window.open(this.authorizationUrl, '_blank', 'noopener');
    }

    handleDisable(): void {
        void this.close({ outcome: 'disable' });
    }

    handleCancel(): void {
        void this.close(undefined);
    }
}
