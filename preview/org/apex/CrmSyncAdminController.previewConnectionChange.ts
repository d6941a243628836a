// CrmSyncAdminController.previewConnectionChange: What linking or unlinking would delete and keep; changes nothing.
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const previewConnectionChange: typeof import('@salesforce/apex/CrmSyncAdminController.previewConnectionChange').default =
    (params) =>
        apex('CrmSyncAdminController.previewConnectionChange', (org) => {
            org.requireAdmin();
            return new ConnectionService(org).previewChange(params.operation, params.purgeImportedData);
        });

export default previewConnectionChange;
