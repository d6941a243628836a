// Seats per license type (total, assigned, available), read by the panel and passed down, written with the digit
// grouping of the user's locale. A pool without free seats is highlighted, because assigning a license or enabling
// sync for an unlicensed user will fail there.
import { LightningElement, api } from 'lwc';
import type { LicensePool } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount } from 'c/crmSyncFormat';

interface PoolView {
    key: string;
    label: string;
    isDefault: boolean;
    total: string;
    assigned: string;
    available: string;
    availableClass: string;
}

export default class CrmSyncSeatSummary extends LightningElement {
    @api pools?: LicensePool[];
    @api error?: CrmSyncError;

    labels = LABELS;

    get poolViews(): PoolView[] {
        return (this.pools ?? []).map((pool, index) => {
            const available = pool.available ?? 0;
            return {
                key: pool.licenseType ?? String(index),
                label: pool.label ?? pool.licenseType ?? LABELS.notAvailable,
                isDefault: pool.isDefault === true,
                total: formatCount(pool.total ?? 0),
                assigned: formatCount(pool.assigned ?? 0),
                available: formatCount(available),
                // Bold as well as red, so the state does not rely on colour alone.
                availableClass:
                    available > 0 ? 'slds-item_detail' : 'slds-item_detail slds-text-color_error slds-text-title_bold'
            };
        });
    }

    get hasPools(): boolean {
        return (this.pools?.length ?? 0) > 0;
    }

    /** Only an answer with no pools is "empty"; before the panel has data, nothing is shown. */
    get isEmpty(): boolean {
        return this.pools?.length === 0;
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('refresh'));
    }
}
