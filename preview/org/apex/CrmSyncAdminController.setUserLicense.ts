// CrmSyncAdminController.setUserLicense: Assigns a license of a type to users, or removes their license.
import { UserService } from '../users';
import { apex } from '../runtime';

const setUserLicense: typeof import('@salesforce/apex/CrmSyncAdminController.setUserLicense').default = (params) =>
    apex('CrmSyncAdminController.setUserLicense', (org) => {
        org.requireAdmin();
        return new UserService(org).setLicense(params.userIds, params.licenseType);
    });

export default setUserLicense;
