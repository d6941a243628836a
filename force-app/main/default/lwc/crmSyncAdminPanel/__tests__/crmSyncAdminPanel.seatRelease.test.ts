// Where the panel puts the Seat release card: beside the autofill settings, for admins who may manage CRM Sync. The
// card reads its schedule itself; the panel's other behaviour is tested in crmSyncAdminPanel.test.ts.
import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import getReconciliation from '@salesforce/apex/CrmSyncJobController.getReconciliation';
import type { PanelState } from 'crm-sync/apex-types';
import { flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getPanelState', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.getReconciliation', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.getUserJob', () => ({ default: jest.fn() }), { virtual: true });

const loaded: PanelState = {
    access: { canManage: true, requiredPermissionSet: 'CRM Sync Admin' },
    connection: { connected: true, health: 'healthy' },
    licensePools: [{ licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true }],
    autofill: { leads: true, accounts: false, version: 3 },
    users: { rows: [], totalCount: 0 }
};

async function render(): Promise<HTMLElement> {
    const element = renderElement('c-crm-sync-admin-panel', CrmSyncAdminPanel);
    await flushPromises();
    return element;
}

const seatRelease = (element: HTMLElement) => element.shadowRoot?.querySelector('c-crm-sync-seat-release') ?? null;

describe('c-crm-sync-admin-panel: seat release', () => {
    beforeEach(() => {
        jest.mocked(getReconciliation).mockResolvedValue({ scheduled: false });
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows the Seat release card beside the autofill settings', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);

        const element = await render();

        const cards = Array.from(
            element.shadowRoot?.querySelectorAll('c-crm-sync-autofill-settings, c-crm-sync-seat-release') ?? []
        );
        expect(cards.map((card) => card.tagName.toLowerCase())).toEqual([
            'c-crm-sync-autofill-settings',
            'c-crm-sync-seat-release'
        ]);
        // Each in a half-width column on large screens, so the two settings cards sit side by side.
        cards.forEach((card) =>
            expect(card.parentElement).toMatchObject({ size: '12', largeDeviceSize: '6', padding: 'around-small' })
        );
        expect(getReconciliation).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('shows no Seat release card, and reads no schedule, for a user who may not manage CRM Sync', async () => {
        jest.mocked(getPanelState).mockResolvedValue({ access: { canManage: false } });

        const element = await render();

        expect(seatRelease(element)).toBeNull();
        expect(getReconciliation).not.toHaveBeenCalled();
    });
});
