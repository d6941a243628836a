// CrmSyncAdminController.getAccess: Whether the running user may manage CRM Sync; open to everyone.
import { accessOf } from '../panel';
import { apex, cacheable } from '../runtime';

const getAccess: typeof import('@salesforce/apex/CrmSyncAdminController.getAccess').default = cacheable(() =>
    apex('CrmSyncAdminController.getAccess', (org) => accessOf(org))
);

export default getAccess;
