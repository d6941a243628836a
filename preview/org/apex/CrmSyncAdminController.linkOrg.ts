// CrmSyncAdminController.linkOrg: Links this org ("Connect to CRM" → "Continue").
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const linkOrg: typeof import('@salesforce/apex/CrmSyncAdminController.linkOrg').default = (params) =>
    apex('CrmSyncAdminController.linkOrg', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).link(params.purgeImportedData);
    });

export default linkOrg;
