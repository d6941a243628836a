// "CRM settings": whether this org is linked to CRM, by whom and when, the last sync and the backend's health, and
// while paused who paused it, why and when; with "Pause sync" (c/crmSyncPauseModal) / "Resume sync", "Check setup"
// (c/crmSyncSetupDoctor lists its findings below), "Test connection" and "Connect to CRM" / "Change", which open
// the connection modals. After a link or
// unlink it toasts and fires `connectionchange`; when the panel could not read the connection, "Try again"
// fires `refresh` so the panel reloads its state.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import resumeSync from '@salesforce/apex/CrmSyncAdminController.resumeSync';
import testConnection from '@salesforce/apex/CrmSyncAdminController.testConnection';
import type { ConnectionView } from 'crm-sync/apex-types';
import CrmSyncConnectModal from 'c/crmSyncConnectModal';
import CrmSyncDisconnectModal from 'c/crmSyncDisconnectModal';
import CrmSyncPauseModal from 'c/crmSyncPauseModal';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { formatLabel, healthLabel } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';

/** One line of the connection details: `dateTime` as a date and time when it is set, otherwise `text`. */
interface DetailRow {
    /** Its `data-id`, and the key of its <dd>. */
    id: string;
    /** The key of its <dt>. */
    termKey: string;
    label: string;
    text: string;
    dateTime?: string;
    detail?: string;
}

export default class CrmSyncConnectionCard extends LightningElement {
    @api connection?: ConnectionView;
    @api error?: CrmSyncError;

    labels = LABELS;
    testing = false;
    testMessage?: string;
    testError?: CrmSyncError;
    resuming = false;
    resumeError?: CrmSyncError;

    // Not rendered: guards against a double click opening the modal twice before it covers the page.
    private modalOpen = false;

    get connected(): boolean {
        return this.connection?.connected === true;
    }

    // Without the connection the card cannot tell "Connect to CRM" from "Change"; it offers only the test.
    get connectionKnown(): boolean {
        return !this.error;
    }

    get paused(): boolean {
        return this.connected && this.connection?.paused === true;
    }

    get canPause(): boolean {
        return this.connected && !this.paused && this.connection?.orgMismatch !== true;
    }

    get statusLabel(): string {
        if (this.paused) {
            return LABELS.statusPaused;
        }
        return this.connected ? LABELS.statusConnected : LABELS.statusNotConnected;
    }

    get badgeClass(): string {
        if (this.paused) {
            return 'slds-theme_warning';
        }
        return this.connected ? 'slds-theme_success' : '';
    }

    get pausedBanner(): string | undefined {
        return this.paused
            ? formatLabel(LABELS.pausedBanner, this.connection?.pausedByName ?? LABELS.notAvailable)
            : undefined;
    }

    get actionLabel(): string {
        return this.connected ? LABELS.change : LABELS.connect;
    }

    get actionVariant(): string {
        return this.connected ? 'neutral' : 'brand';
    }

    get linkedOrg(): string {
        return this.connection?.linkedOrgId ?? LABELS.notAvailable;
    }

    /** Who linked the org and when, the last sync and the health; a dash for what the backend does not know. */
    get details(): DetailRow[] {
        const connection = this.connection;
        const rows = [
            { id: 'linked-org', label: LABELS.linkedOrg, text: this.linkedOrg },
            { id: 'linked-by', label: LABELS.linkedBy, text: connection?.linkedByName ?? LABELS.notAvailable },
            { id: 'linked-at', label: LABELS.linkedAt, dateTime: connection?.linkedAt, text: LABELS.notAvailable },
            { id: 'last-sync', label: LABELS.lastSync, dateTime: connection?.lastSyncAt, text: LABELS.notAvailable },
            {
                id: 'health',
                label: LABELS.backendHealth,
                text: healthLabel(connection?.health),
                detail: connection?.healthDetail
            }
        ];
        if (this.paused) {
            rows.push(
                {
                    id: 'paused-reason',
                    label: LABELS.pausedReason,
                    text: connection?.pausedReason ?? LABELS.notAvailable
                },
                { id: 'paused-at', label: LABELS.pausedAt, dateTime: connection?.pausedAt, text: LABELS.notAvailable }
            );
        }
        return rows.map((row) => ({ ...row, termKey: `${row.id}-term` }));
    }

    /** A sandbox copy (no callout leaves it until it is linked again), or a backend linked to another org. */
    get orgMismatchWarning(): string | undefined {
        if (this.connection?.copiedAt) {
            return formatLabel(LABELS.sandboxCopyWarning, this.linkedOrg);
        }
        return this.connection?.orgMismatch === true
            ? formatLabel(LABELS.orgMismatchWarning, this.linkedOrg)
            : undefined;
    }

    async handleTestConnection(): Promise<void> {
        if (this.testing) {
            return;
        }
        this.testing = true;
        this.testMessage = undefined;
        this.testError = undefined;
        try {
            const result = await testConnection();
            this.testMessage = formatLabel(
                LABELS.testConnectionSuccess,
                result.roundTripMs ?? LABELS.notAvailable,
                result.status ?? LABELS.notAvailable
            );
        } catch (failure) {
            this.testError = toCrmSyncError(failure);
        } finally {
            this.testing = false;
        }
    }

    handleCheckSetup(): void {
        const doctor = this.template?.querySelector<HTMLElement & { run(): Promise<void> }>('c-crm-sync-setup-doctor');
        void doctor?.run();
    }

    async handleConnectionAction(): Promise<void> {
        if (this.modalOpen) {
            return;
        }
        this.modalOpen = true;
        try {
            const change = this.connected;
            const result = await CrmSyncConnectModal.open({
                size: 'small',
                label: change ? LABELS.changeTitle : LABELS.connectTitle,
                mode: change ? 'change' : 'connect'
            });
            if (result?.outcome === 'linked') {
                this.announceChange(LABELS.linkedToast, result.connection);
            } else if (result?.outcome === 'disable') {
                await this.disconnect();
            }
        } finally {
            this.modalOpen = false;
            this.focusConnectionAction();
        }
    }

    async handlePause(): Promise<void> {
        if (this.modalOpen) {
            return;
        }
        this.modalOpen = true;
        try {
            const result = await CrmSyncPauseModal.open({ size: 'small', label: LABELS.pauseTitle });
            if (result?.outcome === 'paused') {
                this.announceChange(LABELS.pausedToast, result.connection);
            }
        } finally {
            this.modalOpen = false;
        }
    }

    async handleResume(): Promise<void> {
        if (this.resuming) {
            return;
        }
        this.resuming = true;
        this.resumeError = undefined;
        try {
            this.announceChange(LABELS.resumedToast, await resumeSync());
        } catch (failure) {
            this.resumeError = toCrmSyncError(failure);
        } finally {
            this.resuming = false;
        }
    }

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent('refresh'));
    }

    private async disconnect(): Promise<void> {
        const result = await CrmSyncDisconnectModal.open({ size: 'small', label: LABELS.disconnectTitle });
        if (result?.outcome === 'unlinked') {
            this.announceChange(LABELS.unlinkedToast, result.connection);
        }
    }

    private announceChange(message: string, connection: ConnectionView): void {
        this.dispatchEvent(new ShowToastEvent({ title: message, variant: 'success' }));
        this.dispatchEvent(new CustomEvent('connectionchange', { detail: { connection } }));
    }

    private focusConnectionAction(): void {
        // One button serves "Connect to CRM" and "Change", so focus stays on it when the panel's reload
        // switches its label; it is gone only if the card meanwhile shows an error.
        this.template?.querySelector<HTMLElement>('[data-id="connection-action"]')?.focus();
    }
}
