// "Pause sync": says what a pause stops and keeps, asks for the reason other admins will see, then pauses CRM sync
// for the whole org. The reason is checked here as Apex checks it (required, at most 255 characters), so the admin
// learns it at the field; Apex still refuses anything else. Failures stay inside the modal with "Try again".
import LightningModal from 'lightning/modal';
import pauseSync from '@salesforce/apex/CrmSyncAdminController.pauseSync';
import type { ConnectionView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { formatLabel } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';
import { saveOnce } from 'c/crmSyncModalSave';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export type PauseModalResult = { outcome: 'paused'; connection: ConnectionView };

/** CrmSyncConnectionService.MAX_PAUSE_REASON. */
export const MAX_REASON = 255;

type ReasonInput = HTMLElement & {
    value?: string;
    setCustomValidity(message: string): void;
    reportValidity(): boolean;
};

export default class CrmSyncPauseModal extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
    }) => Promise<PauseModalResult | undefined>;

    labels = LABELS;
    maxReason = MAX_REASON;
    reason = '';
    saving = false;
    error?: CrmSyncError;

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.reason = event.detail.value ?? '';
        this.reasonInput()?.setCustomValidity('');
    }

    async handlePause(): Promise<void> {
        const reason = this.reason.trim();
        const input = this.reasonInput();
        if (reason === '' || reason.length > MAX_REASON) {
            input?.setCustomValidity(formatLabel(LABELS.pauseReasonInvalid, MAX_REASON));
            input?.reportValidity();
            input?.focus();
            return;
        }
        const connection = await saveOnce(this, () => pauseSync({ reason }));
        if (connection) {
            this.close({ outcome: 'paused', connection });
        }
    }

    handleCancel(): void {
        this.close(undefined);
    }

    private reasonInput(): ReasonInput | null {
        return this.template?.querySelector<ReasonInput>('[data-id="reason"]') ?? null;
    }
}
