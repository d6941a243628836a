// CrmSyncAdminController.getAutofillSettings: The autofill switches for Leads and Accounts.
import { SettingsService } from '../settings';
import { apex } from '../runtime';

const getAutofillSettings: typeof import('@salesforce/apex/CrmSyncAdminController.getAutofillSettings').default = () =>
    apex('CrmSyncAdminController.getAutofillSettings', (org) => {
        org.requireAdmin();
        return new SettingsService(org).getAutofill();
    });

export default getAutofillSettings;
