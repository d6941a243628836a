// CrmSyncUserActionController.getUserSyncErrors: the user's newest open sync errors, with cause and fix.
import { SyncErrorService } from '../sync-errors';
import { apex } from '../runtime';

const getUserSyncErrors: typeof import('@salesforce/apex/CrmSyncUserActionController.getUserSyncErrors').default = ({
    userId
}) =>
    apex('CrmSyncUserActionController.getUserSyncErrors', (org) => {
        org.requireAdmin();
        return new SyncErrorService(org).getUserErrors(userId);
    });

export default getUserSyncErrors;
