// CrmSyncAdminController.retrySyncErrorCause: "Retry all" of one cause, as many errors as one call takes.
import { SyncErrorService } from '../sync-errors';
import { apex } from '../runtime';

const retrySyncErrorCause: typeof import('@salesforce/apex/CrmSyncAdminController.retrySyncErrorCause').default = ({
    cause
}) =>
    apex('CrmSyncAdminController.retrySyncErrorCause', (org) => {
        org.requireAdmin();
        return new SyncErrorService(org).retryCause(cause);
    });

export default retrySyncErrorCause;
