// CrmSyncUserActionController.retryUserSyncErrors: "Retry" of the user's open sync errors.
import { SyncErrorService } from '../sync-errors';
import { apex } from '../runtime';

const retryUserSyncErrors: typeof import('@salesforce/apex/CrmSyncUserActionController.retryUserSyncErrors').default =
    ({ userId }) =>
        apex('CrmSyncUserActionController.retryUserSyncErrors', (org) => {
            org.requireAdmin();
            return new SyncErrorService(org).retryUser(userId);
        });

export default retryUserSyncErrors;
