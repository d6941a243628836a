// CrmSyncJobController.stageImport: "Import CSV": stages up to 1,000 lines of the file the browser read, for the dry run and the job that follow (JobRequest.importKey), and names each line that names no usable user.
import { stageImport as stage } from '../imports';
import { apex } from '../runtime';

const stageImport: typeof import('@salesforce/apex/CrmSyncJobController.stageImport').default = (params) =>
    apex('CrmSyncJobController.stageImport', (org) => {
        org.requireAdmin();
        return stage(org, params.chunk);
    });

export default stageImport;
