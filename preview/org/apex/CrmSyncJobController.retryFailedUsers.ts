// CrmSyncJobController.retryFailedUsers: "Retry failed": the same change for the users the job failed for.
import { JobService } from '../jobs';
import { apex } from '../runtime';

const retryFailedUsers: typeof import('@salesforce/apex/CrmSyncJobController.retryFailedUsers').default = (params) =>
    apex('CrmSyncJobController.retryFailedUsers', (org) => {
        org.requireAdmin();
        return new JobService(org).retryFailed(params.jobId);
    });

export default retryFailedUsers;
