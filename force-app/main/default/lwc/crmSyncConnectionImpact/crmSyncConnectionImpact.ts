// The backend's dry run of linking or unlinking, stated plainly before the admin confirms (the vendor's help
// text requires it): what will be deleted and what will be kept. Both connection modals show it, so it lives
// here once; the modals load it and pass it down with its loading and failure states.
import { LightningElement, api } from 'lwc';
import type { ConnectionImpact, DataCount } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { categoryLabel } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';

interface ImpactRow {
    key: string;
    label: string;
    count?: number;
}

function toRows(counts: DataCount[] | undefined): ImpactRow[] {
    return (counts ?? []).map((item, index) => ({
        key: item.category ?? String(index),
        label: categoryLabel(item.category),
        count: item.count
    }));
}

export default class CrmSyncConnectionImpact extends LightningElement {
    @api impact?: ConnectionImpact;
    @api loading = false;
    @api error?: CrmSyncError;

    labels = LABELS;

    get deleteRows(): ImpactRow[] {
        return toRows(this.impact?.willDelete);
    }

    get keepRows(): ImpactRow[] {
        return toRows(this.impact?.willKeep);
    }

    get hasDeleteRows(): boolean {
        return this.deleteRows.length > 0;
    }

    get hasKeepRows(): boolean {
        return this.keepRows.length > 0;
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
