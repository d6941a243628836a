import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import type { ConnectionView, LicensePool, PanelState } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { UsersChangeDetail } from 'c/crmSyncUserTable';
import { apexError, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getPanelState', () => ({ default: jest.fn() }), {
    virtual: true
});
// The sync errors section reads its own list.
jest.mock(
    '@salesforce/apex/CrmSyncAdminController.getSyncErrors',
    () => ({ default: jest.fn().mockResolvedValue({ errors: [], groups: [], total: 0 }) }),
    { virtual: true }
);

// The children are queried by tag and read through the @api properties the panel sets; the panel's tests do not
// depend on how (or whether yet) the children render.
type Child = HTMLElement & Record<string, unknown>;

const connection: ConnectionView = {
    connected: true,
    linkedOrgId: '00D5g00000AbCdEEAV',
    linkedByName: 'Ada Lovelace',
    linkedAt: '2026-11-20T09:30:00.000Z',
    health: 'healthy'
};
const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true },
    { licenseType: 'ADVANCED', label: 'Advanced', total: 5, assigned: 5, available: 0, isDefault: false }
];
const loaded: PanelState = {
    access: { canManage: true, requiredPermissionSet: 'CRM Sync Admin' },
    connection,
    licensePools: pools,
    autofill: { leads: true, accounts: false, version: 3 },
    users: {
        rows: [{ userId: '0055g00000XyZ12AAB', name: 'Grace Hopper', syncEnabled: true, licenseType: 'CORE' }],
        totalCount: 1,
        totalCountCapped: false
    }
};
// Typed by `satisfies`, so the same object serves as an ErrorView inside PanelState.
const backendDown = {
    code: 'TIMEOUT',
    message: 'The CRM sync service did not answer in time. Nothing was changed. Try again in a minute.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
} satisfies CrmSyncError;

async function render(): Promise<HTMLElement> {
    const element = renderElement('c-crm-sync-admin-panel', CrmSyncAdminPanel);
    await flushPromises();
    return element;
}

const child = (element: HTMLElement, tag: string) => element.shadowRoot?.querySelector<Child>(tag) ?? null;
const connectionCard = (element: HTMLElement) => child(element, 'c-crm-sync-connection-card');
const seatSummary = (element: HTMLElement) => child(element, 'c-crm-sync-seat-summary');
const userTable = (element: HTMLElement) => child(element, 'c-crm-sync-user-table');
const autofill = (element: HTMLElement) => child(element, 'c-crm-sync-autofill-settings');
const spinner = (element: HTMLElement) => child(element, 'lightning-spinner');
// The panel's own alert: a child's alerts live in the child's shadow tree.
const alert = (element: HTMLElement) => child(element, 'c-crm-sync-error-alert');
/** The user table's event after users changed, with what its change's answer carried. */
const usersChanged = (element: HTMLElement, detail: UsersChangeDetail) =>
    userTable(element)?.dispatchEvent(new CustomEvent('userschange', { detail }));

const SECTIONS = [
    'c-crm-sync-connection-card',
    'c-crm-sync-seat-summary',
    'c-crm-sync-user-table',
    'c-crm-sync-autofill-settings'
];

describe('c-crm-sync-admin-panel', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('asks for the state once, with the first page of the user table, and shows a spinner until it arrives', async () => {
        jest.mocked(getPanelState).mockReturnValue(deferred<PanelState>().promise);

        const element = await render();

        expect(getPanelState).toHaveBeenCalledTimes(1);
        expect(getPanelState).toHaveBeenCalledWith({
            firstPage: { pageSize: 25, sortBy: 'name', sortDirection: 'asc' }
        });
        expect(spinner(element)?.alternativeText).toBe('Loading…');
        expect(element.shadowRoot?.querySelector('h1')?.textContent).toBe('CRM Sync');
        SECTIONS.forEach((tag) => expect(child(element, tag)).toBeNull());
        await expect(element).toBeAccessible();
    });

    it('only explains what is missing to a user who may not manage CRM Sync', async () => {
        jest.mocked(getPanelState).mockResolvedValue({
            access: { canManage: false, requiredPermissionSet: 'CRM Sync Admin' }
        });

        const element = await render();

        // The page keeps its one h1 (axe: page-has-heading-one); the notice is a section below it.
        expect(element.shadowRoot?.querySelector('h1')?.textContent).toBe('CRM Sync');
        expect(element.shadowRoot?.querySelector('h2')?.textContent).toBe('You can’t manage CRM Sync');
        expect(element.shadowRoot?.querySelector('p')?.textContent).toBe(
            'Managing CRM Sync needs the CRM Sync Admin permission set. Ask your Salesforce admin to assign it to you, then reload this page.'
        );
        SECTIONS.forEach((tag) => expect(child(element, tag)).toBeNull());
        expect(element.shadowRoot?.querySelector('lightning-card, lightning-spinner')).toBeNull();
        expect(getPanelState).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('names the CRM Sync Admin permission set in the notice even when the answer leaves it out', async () => {
        jest.mocked(getPanelState).mockResolvedValue({});

        const element = await render();

        expect(element.shadowRoot?.querySelector('p')?.textContent).toContain(
            'Managing CRM Sync needs the CRM Sync Admin permission set.'
        );
    });

    it('lays out the header, the connection, license management and autofill with their data', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);

        const element = await render();

        expect(element.shadowRoot?.querySelector('h1')?.textContent).toBe('CRM Sync');
        expect(spinner(element)).toBeNull();
        expect(connectionCard(element)).toMatchObject({ connection, error: undefined });
        expect(element.shadowRoot?.querySelector<Child>('lightning-card')?.title).toBe('License management');
        expect(seatSummary(element)).toMatchObject({ pools, error: undefined });
        expect(userTable(element)).toMatchObject({ initialPage: loaded.users, licensePools: pools, connected: true });
        expect(autofill(element)).toMatchObject({ settings: loaded.autofill, error: undefined, connected: true });
        await expect(element).toBeAccessible();
    });

    it('passes the sections that could not be read as errors, and "not connected" to the sections that need it', async () => {
        jest.mocked(getPanelState).mockResolvedValue({
            access: { canManage: true },
            connectionError: backendDown,
            licensePoolsError: backendDown,
            // An error Apex sent without its fields still reads as an error the admin can act on.
            autofillError: {},
            users: loaded.users
        });

        const element = await render();

        expect(connectionCard(element)).toMatchObject({ connection: undefined, error: backendDown });
        expect(seatSummary(element)).toMatchObject({ pools: undefined, error: backendDown });
        expect(userTable(element)).toMatchObject({ licensePools: undefined, connected: false });
        expect(autofill(element)).toMatchObject({
            settings: undefined,
            connected: false,
            error: {
                code: 'UNEXPECTED',
                message:
                    'Something unexpected went wrong. Try again; if it happens again, contact your Salesforce admin.',
                retryable: false,
                correlationId: null
            }
        });
        await expect(element).toBeAccessible();
    });

    it('shows why the page could not be loaded and loads it again on "Try again"', async () => {
        jest.mocked(getPanelState).mockRejectedValueOnce(apexError(backendDown)).mockResolvedValueOnce(loaded);

        const element = await render();

        expect(alert(element)?.error).toEqual(backendDown);
        SECTIONS.forEach((tag) => expect(child(element, tag)).toBeNull());
        await expect(element).toBeAccessible();

        alert(element)?.dispatchEvent(new CustomEvent('retry'));
        await Promise.resolve();
        expect(spinner(element)?.alternativeText).toBe('Loading…');
        await flushPromises();

        expect(getPanelState).toHaveBeenCalledTimes(2);
        expect(alert(element)).toBeNull();
        expect(connectionCard(element)?.connection).toEqual(connection);
    });

    it.each([
        ['connectionchange', 'c-crm-sync-connection-card'],
        ['refresh', 'c-crm-sync-connection-card'],
        ['refresh', 'c-crm-sync-seat-summary'],
        ['refresh', 'c-crm-sync-autofill-settings']
    ])('reloads the state on %s from %s, keeping the page and showing a small spinner', async (type, tag) => {
        const reload = deferred<PanelState>();
        jest.mocked(getPanelState).mockResolvedValueOnce(loaded).mockReturnValueOnce(reload.promise);
        const element = await render();

        child(element, tag)?.dispatchEvent(
            new CustomEvent(type, { detail: { connection: { ...connection, connected: false } } })
        );
        await Promise.resolve();

        expect(getPanelState).toHaveBeenCalledTimes(2);
        expect(spinner(element)).toMatchObject({ size: 'small', alternativeText: 'Loading…' });
        expect(element.shadowRoot?.querySelector('[aria-busy="true"]')).not.toBeNull();
        SECTIONS.forEach((section) => expect(child(element, section)).not.toBeNull());
        await expect(element).toBeAccessible();

        const unlinked: ConnectionView = { connected: false };
        reload.resolve({ ...loaded, connection: unlinked });
        await flushPromises();

        expect(spinner(element)).toBeNull();
        expect(connectionCard(element)?.connection).toEqual(unlinked);
        expect(userTable(element)?.connected).toBe(false);
        expect(autofill(element)?.connected).toBe(false);
    });

    it('keeps the page when a reload fails, shows why above it and reloads on "Try again"', async () => {
        jest.mocked(getPanelState)
            .mockResolvedValueOnce(loaded)
            .mockRejectedValueOnce(apexError(backendDown))
            .mockResolvedValueOnce(loaded);
        const element = await render();

        connectionCard(element)?.dispatchEvent(new CustomEvent('connectionchange', { detail: { connection } }));
        await flushPromises();

        expect(alert(element)?.error).toEqual(backendDown);
        expect(spinner(element)).toBeNull();
        SECTIONS.forEach((section) => expect(child(element, section)).not.toBeNull());
        await expect(element).toBeAccessible();

        alert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(getPanelState).toHaveBeenCalledTimes(3);
        expect(alert(element)).toBeNull();
    });

    it('shows the answer of the latest reload even when an earlier one answers last', async () => {
        const first = deferred<PanelState>();
        const second = deferred<PanelState>();
        jest.mocked(getPanelState)
            .mockResolvedValueOnce(loaded)
            .mockReturnValueOnce(first.promise)
            .mockReturnValueOnce(second.promise);
        const element = await render();

        connectionCard(element)?.dispatchEvent(new CustomEvent('connectionchange', { detail: { connection } }));
        autofill(element)?.dispatchEvent(new CustomEvent('refresh'));
        const latest: ConnectionView = { connected: false };
        second.resolve({ ...loaded, connection: latest });
        await flushPromises();
        first.resolve({ ...loaded, connection: { ...connection } });
        await flushPromises();

        expect(connectionCard(element)?.connection).toEqual(latest);
        expect(spinner(element)).toBeNull();
    });

    it('repaints the seats from the pools the user table’s change brought, without another Apex call', async () => {
        const updated: LicensePool[] = [{ ...pools[0], assigned: 5, available: 5 }, pools[1]];
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        usersChanged(element, { licensePools: updated });
        await flushPromises();

        // getPanelState is the only Apex the panel imports: the change's one answer was all it took.
        expect(getPanelState).toHaveBeenCalledTimes(1);
        expect(seatSummary(element)).toMatchObject({ pools: updated, error: undefined });
        expect(userTable(element)).toMatchObject({ licensePools: updated, initialPage: loaded.users });
        expect(spinner(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows why the seats could not be read after a change and keeps the last pools for the user table', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        usersChanged(element, { licensePoolsError: backendDown });
        await flushPromises();

        expect(seatSummary(element)?.error).toEqual(backendDown);
        expect(userTable(element)?.licensePools).toEqual(pools);
        expect(getPanelState).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('clears that error when a later change brings the seats', async () => {
        const updated: LicensePool[] = [{ ...pools[0], assigned: 3, available: 7 }, pools[1]];
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        usersChanged(element, { licensePoolsError: backendDown });
        await flushPromises();
        usersChanged(element, { licensePools: updated });
        await flushPromises();

        expect(seatSummary(element)).toMatchObject({ pools: updated, error: undefined });
    });

    it('keeps the seats shown when the change passes none (a later change already brought newer ones)', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        usersChanged(element, {});
        await flushPromises();

        expect(seatSummary(element)).toMatchObject({ pools, error: undefined });
        expect(userTable(element)?.licensePools).toEqual(pools);
        expect(getPanelState).toHaveBeenCalledTimes(1);
    });
    describe('health banner', () => {
        const failing = {
            status: 'FAIL',
            code: 'API_KEY_REJECTED',
            message: 'The backend refused the API key (HTTP 401): it is wrong, revoked or expired.',
            since: '2026-12-06T07:00:00.000Z',
            checkedAt: '2026-12-06T09:00:00.000Z',
            schedule: { scheduled: true, everyHours: 1 }
        };
        const banner = (element: HTMLElement) => query(element, '[data-id="health-banner"]');

        it('says since when CRM Sync is failing, what the check found and where the fix is', async () => {
            jest.mocked(getPanelState).mockResolvedValue({ ...loaded, health: failing });
            const element = await render();

            const text = banner(element)?.textContent ?? '';
            expect(text).toContain('CRM Sync is failing since');
            expect(text).toContain(failing.message);
            expect(text).toContain('Check setup in CRM settings names the fix.');
            expect(banner(element)?.querySelector('lightning-formatted-date-time')).toMatchObject({
                value: failing.since
            });
            await expect(element).toBeAccessible();
        });

        it('shows nothing while the last check passed', async () => {
            jest.mocked(getPanelState).mockResolvedValue({ ...loaded, health: { ...failing, status: 'PASS' } });
            const element = await render();

            expect(banner(element)).toBeNull();
        });

        it('follows the health card: a passing check now removes it', async () => {
            jest.mocked(getPanelState).mockResolvedValue({ ...loaded, health: failing });
            const element = await render();

            query(element, 'c-crm-sync-health-monitor')?.dispatchEvent(
                new CustomEvent('healthchange', { detail: { health: { ...failing, status: 'PASS' } } })
            );
            await flushPromises();

            expect(banner(element)).toBeNull();
        });
    });
    describe('sync errors', () => {
        const syncErrors = (element: HTMLElement) =>
            element.shadowRoot?.querySelector<HTMLElement & { userId?: string }>('c-crm-sync-sync-errors') ?? null;

        it('shows the section for an org linked from here', async () => {
            jest.mocked(getPanelState).mockResolvedValue(loaded);
            const element = await render();
            expect(syncErrors(element)).not.toBeNull();
        });

        it('leaves the section out while the tenant is linked to another org', async () => {
            jest.mocked(getPanelState).mockResolvedValue({
                ...loaded,
                connection: { ...connection, orgMismatch: true }
            });
            const element = await render();
            expect(syncErrors(element)).toBeNull();
        });

        it('shows the errors of the user whose status link was chosen in the table', async () => {
            jest.mocked(getPanelState).mockResolvedValue(loaded);
            const element = await render();
            userTable(element)?.dispatchEvent(
                new CustomEvent('showerrors', { detail: { userId: '0055g00000XyZ12AAB' } })
            );
            await flushPromises();
            expect(syncErrors(element)?.userId).toBe('0055g00000XyZ12AAB');
        });
    });
});
