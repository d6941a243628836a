// CrmSyncAdminController.setUserSync: Enables or disables CRM sync for one user or many.
import { UserService } from '../users';
import { apex } from '../runtime';

const setUserSync: typeof import('@salesforce/apex/CrmSyncAdminController.setUserSync').default = (params) =>
    apex('CrmSyncAdminController.setUserSync', (org) => {
        org.requireAdmin();
        return new UserService(org).setSyncEnabled(params.userIds, params.enabled);
    });

export default setUserSync;
