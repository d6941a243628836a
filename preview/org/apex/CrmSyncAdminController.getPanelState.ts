// CrmSyncAdminController.getPanelState: Everything the panel's first paint needs, in one call.
import { panelState } from '../panel';
import { apex } from '../runtime';

const getPanelState: typeof import('@salesforce/apex/CrmSyncAdminController.getPanelState').default = (params) =>
    apex('CrmSyncAdminController.getPanelState', (org) => panelState(org, params.firstPage));

export default getPanelState;
