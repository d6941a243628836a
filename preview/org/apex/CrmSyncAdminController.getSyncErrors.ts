// CrmSyncAdminController.getSyncErrors: one page of the open sync errors ("Sync errors"), grouped by cause.
import { SyncErrorService } from '../sync-errors';
import { apex } from '../runtime';

const getSyncErrors: typeof import('@salesforce/apex/CrmSyncAdminController.getSyncErrors').default = ({ query }) =>
    apex('CrmSyncAdminController.getSyncErrors', (org) => {
        org.requireAdmin();
        return new SyncErrorService(org).getPage(query);
    });

export default getSyncErrors;
