// CrmSyncJobController.startUserJob: Starts the change confirmed in the dialog, at once up to 200 users, as a background job above.
import { JobService } from '../jobs';
import { apex } from '../runtime';

const startUserJob: typeof import('@salesforce/apex/CrmSyncJobController.startUserJob').default = (params) =>
    apex('CrmSyncJobController.startUserJob', (org) => {
        org.requireAdmin();
        return new JobService(org).start(params.request);
    });

export default startUserJob;
