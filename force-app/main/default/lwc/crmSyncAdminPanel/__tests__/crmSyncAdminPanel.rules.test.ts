// Where the panel puts the assignment rules: below the license management, with the rules its one state call read;
// a rule applied at once reloads the state. The panel's other behaviour is tested in crmSyncAdminPanel.test.ts.
import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import type { PanelState } from 'crm-sync/apex-types';
import { flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getPanelState', () => ({ default: jest.fn() }), {
    virtual: true
});

const loaded: PanelState = {
    access: { canManage: true, requiredPermissionSet: 'CRM Sync Admin' },
    connection: { connected: true, health: 'healthy' },
    licensePools: [{ licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true }],
    users: { rows: [], totalCount: 0 },
    rules: [{ id: 'a0R000000000001AAA', name: 'Sales reps', criterion: 'Profile', licenseType: 'CORE', active: true }]
};

type RulesElement = HTMLElement & { rules?: unknown; licensePools?: unknown; connected?: boolean };

async function render(): Promise<HTMLElement> {
    const element = renderElement('c-crm-sync-admin-panel', CrmSyncAdminPanel);
    await flushPromises();
    return element;
}

const rulesCard = (element: HTMLElement) => element.shadowRoot?.querySelector<RulesElement>('c-crm-sync-rules') ?? null;

describe('c-crm-sync-admin-panel: assignment rules', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('hands the rules card the rules, the pools and the link its one state call read', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);

        const element = await render();

        expect(rulesCard(element)).toMatchObject({
            rules: loaded.rules,
            licensePools: loaded.licensePools,
            connected: true
        });
        expect(getPanelState).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('reloads the state when a rule was applied at once', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        rulesCard(element)?.dispatchEvent(new CustomEvent('rulesapplied'));
        await flushPromises();

        expect(getPanelState).toHaveBeenCalledTimes(2);
    });

    it('shows no rules card to a user who may not manage CRM Sync', async () => {
        jest.mocked(getPanelState).mockResolvedValue({ access: { canManage: false } });

        const element = await render();

        expect(rulesCard(element)).toBeNull();
    });
});
