// CrmSyncAdminController.checkHealthNow: "Check now" runs the health check at once and records its result.
import { checkHealth } from '../monitor';
import { apex } from '../runtime';

const checkHealthNow: typeof import('@salesforce/apex/CrmSyncAdminController.checkHealthNow').default = () =>
    apex('CrmSyncAdminController.checkHealthNow', (org) => {
        org.requireAdmin();
        return checkHealth(org);
    });

export default checkHealthNow;
