// CrmSyncUserActionController.getAccess: Whether the running user may manage CRM Sync (the same answer as the panel's).
import { accessOf } from '../panel';
import { apex, cacheable } from '../runtime';

const getAccess: typeof import('@salesforce/apex/CrmSyncUserActionController.getAccess').default = cacheable(() =>
    apex('CrmSyncUserActionController.getAccess', (org) => accessOf(org))
);

export default getAccess;
