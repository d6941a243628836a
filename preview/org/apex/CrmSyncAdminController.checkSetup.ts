// CrmSyncAdminController.checkSetup: "Check setup": every check of the setup, each with its fix; changes nothing.
import { SetupDoctor } from '../doctor';
import { apex } from '../runtime';

const checkSetup: typeof import('@salesforce/apex/CrmSyncAdminController.checkSetup').default = () =>
    apex('CrmSyncAdminController.checkSetup', (org) => {
        org.requireAdmin();
        return new SetupDoctor(org).run();
    });

export default checkSetup;
