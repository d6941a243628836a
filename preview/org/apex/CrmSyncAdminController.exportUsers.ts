// CrmSyncAdminController.exportUsers: one chunk of the CSV export of the users matching the table's query.
import { UserDirectory } from '../directory';
import { apex } from '../runtime';

const exportUsers: typeof import('@salesforce/apex/CrmSyncAdminController.exportUsers').default = (params) =>
    apex('CrmSyncAdminController.exportUsers', (org) => {
        org.requireAdmin();
        return new UserDirectory(org).getExportChunk(params.query, params.start);
    });

export default exportUsers;
