// CrmSyncAdminController.getLicensePools: Seats per license type.
import { UserService } from '../users';
import { apex } from '../runtime';

const getLicensePools: typeof import('@salesforce/apex/CrmSyncAdminController.getLicensePools').default = () =>
    apex('CrmSyncAdminController.getLicensePools', (org) => {
        org.requireAdmin();
        return new UserService(org).getLicensePools();
    });

export default getLicensePools;
