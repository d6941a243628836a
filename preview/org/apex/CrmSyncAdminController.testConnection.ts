// CrmSyncAdminController.testConnection: "Test connection": one round trip to the backend.
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const testConnection: typeof import('@salesforce/apex/CrmSyncAdminController.testConnection').default = () =>
    apex('CrmSyncAdminController.testConnection', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).testConnection();
    });

export default testConnection;
