// CrmSyncJobController.cancelUserJob: Cancel: the job sends no more users after the step that is running.
import { JobService } from '../jobs';
import { apex } from '../runtime';

const cancelUserJob: typeof import('@salesforce/apex/CrmSyncJobController.cancelUserJob').default = (params) =>
    apex('CrmSyncJobController.cancelUserJob', (org) => {
        org.requireAdmin();
        return new JobService(org).cancel(params.jobId);
    });

export default cancelUserJob;
