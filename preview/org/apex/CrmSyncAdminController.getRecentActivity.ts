// CrmSyncAdminController.getRecentActivity: "Recent activity": the newest audit entries, filtered by action and outcome.
import { ActivityLog } from '../activity';
import { apex } from '../runtime';

const getRecentActivity: typeof import('@salesforce/apex/CrmSyncAdminController.getRecentActivity').default = (
    params
) =>
    apex('CrmSyncAdminController.getRecentActivity', (org) => {
        org.requireAdmin();
        return new ActivityLog(org).getRecent(params.query);
    });

export default getRecentActivity;
