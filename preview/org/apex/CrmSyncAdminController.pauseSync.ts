// CrmSyncAdminController.pauseSync: "Pause sync" for the whole org, keeping the link, users and licenses.
import { ConnectionService } from '../connection';
import { apex } from '../runtime';

const pauseSync: typeof import('@salesforce/apex/CrmSyncAdminController.pauseSync').default = ({ reason }) =>
    apex('CrmSyncAdminController.pauseSync', (org) => {
        org.requireAdmin();
        return new ConnectionService(org).pause(reason ?? null);
    });

export default pauseSync;
