// CrmSyncAdminController.resumeSync: "Resume sync" after a pause.
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const resumeSync: typeof import('@salesforce/apex/CrmSyncAdminController.resumeSync').default = () =>
    apex('CrmSyncAdminController.resumeSync', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).resume();
    });

export default resumeSync;
