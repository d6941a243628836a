// CrmSyncUserActionController.setUserSync: Enables or disables CRM sync for the user ("Enable CRM sync" → Save).
import { UserService } from '../users';
import { apex } from '../runtime';

const setUserSync: typeof import('@salesforce/apex/CrmSyncUserActionController.setUserSync').default = (params) =>
    apex('CrmSyncUserActionController.setUserSync', async (org) => {
        org.requireAdmin();
        const summary = await new UserService(org).setSyncEnabled([params.userId], params.enabled);
        return (summary.results ?? [])[0];
    });

export default setUserSync;
