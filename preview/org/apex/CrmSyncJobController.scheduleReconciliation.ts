// CrmSyncJobController.scheduleReconciliation: Schedules the reconciliation every given hours, as the running admin.
import { scheduleReconciliation as schedule } from '../seat-release';
import { apex } from '../runtime';

const scheduleReconciliation: typeof import('@salesforce/apex/CrmSyncJobController.scheduleReconciliation').default = (
    params
) =>
    apex('CrmSyncJobController.scheduleReconciliation', (org) => {
        org.requireAdmin();
        return schedule(org, params.everyHours);
    });

export default scheduleReconciliation;
