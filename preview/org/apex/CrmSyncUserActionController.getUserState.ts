// CrmSyncUserActionController.getUserState: The user's current state, read from the backend and stored.
import { UserService } from '../users';
import { apex } from '../runtime';

const getUserState: typeof import('@salesforce/apex/CrmSyncUserActionController.getUserState').default = (params) =>
    apex('CrmSyncUserActionController.getUserState', async (org) => {
        org.requireAdmin();
        return (await new UserService(org).refreshStates([params.userId]))[0];
    });

export default getUserState;
