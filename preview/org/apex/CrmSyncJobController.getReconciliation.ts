// CrmSyncJobController.getReconciliation: The schedule of the reconciliation that releases the seats of users who left.
import { describeReconciliation } from '../seat-release';
import { apex } from '../runtime';

const getReconciliation: typeof import('@salesforce/apex/CrmSyncJobController.getReconciliation').default = () =>
    apex('CrmSyncJobController.getReconciliation', (org) => {
        org.requireAdmin();
        return describeReconciliation(org);
    });

export default getReconciliation;
