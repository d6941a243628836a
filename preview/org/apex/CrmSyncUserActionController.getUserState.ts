// CrmSyncUserActionController.getUserState: the user's current state, read from the backend and stored, with the
// license pool's name.
import { UserService } from '../users';
import { apex } from '../runtime';

const getUserState: typeof import('@salesforce/apex/CrmSyncUserActionController.getUserState').default = (params) =>
    apex('CrmSyncUserActionController.getUserState', async (org) => {
        org.requireAdmin();
        return new UserService(org).getOneUserState(params.userId);
    });

export default getUserState;
