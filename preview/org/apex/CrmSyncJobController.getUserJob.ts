// CrmSyncJobController.getUserJob: The job the panel shows: the running one, or the summary of the latest one.
import { JobService } from '../jobs';
import { apex } from '../runtime';

const getUserJob: typeof import('@salesforce/apex/CrmSyncJobController.getUserJob').default = () =>
    apex('CrmSyncJobController.getUserJob', (org) => {
        org.requireAdmin();
        return new JobService(org).getCurrentJob();
    });

export default getUserJob;
