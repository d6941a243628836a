// Shows one failure inline: what happened and what to do (the message from Apex), the reference support needs,
// and, when retrying can help, a "Try again" button that fires `retry`.
import { LightningElement, api } from 'lwc';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel } from 'c/crmSyncFormat';

export default class CrmSyncErrorAlert extends LightningElement {
    @api error?: CrmSyncError;

    labels = LABELS;

    get reference(): string | undefined {
        return this.error?.correlationId ? formatLabel(LABELS.reference, this.error.correlationId) : undefined;
    }

    get canRetry(): boolean {
        return this.error?.retryable === true;
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
