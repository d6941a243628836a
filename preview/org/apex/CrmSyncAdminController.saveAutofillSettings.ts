// CrmSyncAdminController.saveAutofillSettings: Saves the autofill switches.
import { SettingsService } from '../settings';
import { apex } from '../runtime';

const saveAutofillSettings: typeof import('@salesforce/apex/CrmSyncAdminController.saveAutofillSettings').default = (
    params
) =>
    apex('CrmSyncAdminController.saveAutofillSettings', (org) => {
        org.requireAdmin();
        return new SettingsService(org).saveAutofill(params.leads, params.accounts, params.version);
    });

export default saveAutofillSettings;
