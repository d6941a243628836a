// CrmSyncAdminController.retrySyncErrors: "Retry" after the admin applied the fix.
import { SyncErrorService } from '../sync-errors';
import { apex } from '../runtime';

const retrySyncErrors: typeof import('@salesforce/apex/CrmSyncAdminController.retrySyncErrors').default = ({
    errorIds
}) =>
    apex('CrmSyncAdminController.retrySyncErrors', (org) => {
        org.requireAdmin();
        return new SyncErrorService(org).retry(errorIds);
    });

export default retrySyncErrors;
