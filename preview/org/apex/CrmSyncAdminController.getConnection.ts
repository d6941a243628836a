// CrmSyncAdminController.getConnection: The org's link to the sync backend.
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const getConnection: typeof import('@salesforce/apex/CrmSyncAdminController.getConnection').default = () =>
    apex('CrmSyncAdminController.getConnection', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).getConnection();
    });

export default getConnection;
