// CrmSyncAdminController.unlinkOrg: Unlinks this org ("Change" → "Disable CRM sync" → "Continue").
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const unlinkOrg: typeof import('@salesforce/apex/CrmSyncAdminController.unlinkOrg').default = (params) =>
    apex('CrmSyncAdminController.unlinkOrg', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).unlink(params.purgeImportedData);
    });

export default unlinkOrg;
