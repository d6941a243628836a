// CrmSyncSettingsService: autofill of Leads and Accounts, stored in the backend. Saving sends the version the admin
// saw, so a concurrent change by another admin is refused (CONFLICT) rather than overwritten.
import type { AutofillSettings } from 'crm-sync/apex-types';
import { audited, recordOutcome } from './audit';
import type { ApiAutofillSettings } from './client';
import { CrmSyncClient } from './client';
import { requireLinkedOrg } from './connection';
import { CrmSyncException } from './errors';
import { CrmSyncAuditLog } from './generated/apex-constants';
import type { SimulatedOrg } from './org';

function autofillView(settings: ApiAutofillSettings): AutofillSettings {
    return { leads: settings.leads === true, accounts: settings.accounts === true, version: settings.version };
}

export class SettingsService {
    private readonly org: SimulatedOrg;
    private readonly client: CrmSyncClient;

    constructor(org: SimulatedOrg) {
        this.org = org;
        this.client = new CrmSyncClient(org);
    }

    async getAutofill(): Promise<AutofillSettings> {
        return autofillView(await this.client.getAutofillSettings());
    }

    async saveAutofill(
        leads: boolean | null,
        accounts: boolean | null,
        version: number | null
    ): Promise<AutofillSettings> {
        const { org, client } = this;
        if (typeof leads !== 'boolean' || typeof accounts !== 'boolean' || version == null) {
            throw new CrmSyncException('INVALID_INPUT', org.label('CRM_Sync_Error_Autofill_Choice_Required'));
        }
        requireLinkedOrg(org);
        const audit = {
            action: CrmSyncAuditLog.CHANGE_AUTOFILL,
            correlationId: client.correlationId,
            details: `leads=${leads}, accounts=${accounts}`
        };
        const saved = await audited(org, audit, () => client.updateAutofillSettings(leads, accounts, version));
        recordOutcome(org, audit);
        return autofillView(saved);
    }
}
