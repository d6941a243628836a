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

/** "Will be deleted" or "Will be kept": its rows, or "Nothing" when it has none. */
interface ImpactSection {
    id: 'will-delete' | 'will-keep';
    title: string;
    rows: ImpactRow[];
    hasRows: boolean;
}

function toSection(id: ImpactSection['id'], title: string, counts: DataCount[] | undefined): ImpactSection {
    const rows = (counts ?? []).map((item, index) => ({
        key: item.category ?? String(index),
        label: categoryLabel(item.category),
        count: item.count
    }));
    return { id, title, rows, hasRows: rows.length > 0 };
}

export default class CrmSyncConnectionImpact extends LightningElement {
    @api impact?: ConnectionImpact;
    @api loading = false;
    @api error?: CrmSyncError;

    labels = LABELS;

    get sections(): ImpactSection[] {
        return [
            toSection('will-delete', LABELS.willDelete, this.impact?.willDelete),
            toSection('will-keep', LABELS.willKeep, this.impact?.willKeep)
        ];
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
