// CrmSyncAdminController.getUsers: One page of the license table.
import { UserDirectory } from '../directory';
import { apex } from '../runtime';

const getUsers: typeof import('@salesforce/apex/CrmSyncAdminController.getUsers').default = (params) =>
    apex('CrmSyncAdminController.getUsers', (org) => {
        org.requireAdmin();
        return new UserDirectory(org).getPage(params.query);
    });

export default getUsers;
