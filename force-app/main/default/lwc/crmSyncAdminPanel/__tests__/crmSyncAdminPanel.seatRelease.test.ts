// Where the panel puts the Seat release card: beside the autofill settings, for admins who may manage CRM Sync, with
// the schedule the panel's state read. The panel's other behaviour is tested in crmSyncAdminPanel.test.ts.
import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import type { PanelState } from 'crm-sync/apex-types';
import { flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getPanelState', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.getUserJob', () => ({ default: jest.fn() }), { virtual: true });

const loaded: PanelState = {
    access: { canManage: true, requiredPermissionSet: 'CRM Sync Admin' },
    connection: { connected: true, health: 'healthy' },
    licensePools: [{ licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true }],
    autofill: { leads: true, accounts: false, version: 3 },
    users: { rows: [], totalCount: 0 },
    reconciliation: { scheduled: true, everyHours: 6, nextRunAt: '2026-12-06T12:00:00.000Z', scheduledByName: 'Ada' }
};

async function render(): Promise<HTMLElement> {
    const element = renderElement('c-crm-sync-admin-panel', CrmSyncAdminPanel);
    await flushPromises();
    return element;
}

const seatRelease = (element: HTMLElement) =>
    element.shadowRoot?.querySelector<HTMLElement & { schedule?: unknown }>('c-crm-sync-seat-release') ?? null;

describe('c-crm-sync-admin-panel: seat release', () => {
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
        await expect(element).toBeAccessible();
    });

    it('hands the card the schedule its one state call read', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);

        const element = await render();

        expect(seatRelease(element)?.schedule).toEqual(loaded.reconciliation);
        expect(getPanelState).toHaveBeenCalledTimes(1);
    });

    it('shows no Seat release card to a user who may not manage CRM Sync', async () => {
        jest.mocked(getPanelState).mockResolvedValue({ access: { canManage: false } });

        const element = await render();

        expect(seatRelease(element)).toBeNull();
    });
});
