// CrmSyncAdminController.refreshUserStates: Reads the users' current sync state from the backend and stores it.
import { UserService } from '../users';
import { apex } from '../runtime';

const refreshUserStates: typeof import('@salesforce/apex/CrmSyncAdminController.refreshUserStates').default = (
    params
) =>
    apex('CrmSyncAdminController.refreshUserStates', (org) => {
        org.requireAdmin();
        return new UserService(org).refreshStates(params.userIds);
    });

export default refreshUserStates;
