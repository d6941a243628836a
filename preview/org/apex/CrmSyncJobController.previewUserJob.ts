// CrmSyncJobController.previewUserJob: The dry run: how many users change, how many are skipped and why, and the seats it takes.
import { JobService } from '../jobs';
import { apex } from '../runtime';

const previewUserJob: typeof import('@salesforce/apex/CrmSyncJobController.previewUserJob').default = (params) =>
    apex('CrmSyncJobController.previewUserJob', (org) => {
        org.requireAdmin();
        return new JobService(org).preview(params.request);
    });

export default previewUserJob;
