// CrmSyncJobController.stopReconciliation: Stops the reconciliation.
import { unscheduleReconciliation } from '../seat-release';
import { apex } from '../runtime';

const stopReconciliation: typeof import('@salesforce/apex/CrmSyncJobController.stopReconciliation').default = () =>
    apex('CrmSyncJobController.stopReconciliation', (org) => {
        org.requireAdmin();
        return unscheduleReconciliation(org);
    });

export default stopReconciliation;
