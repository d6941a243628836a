// How the panel wires a change for many users: the job its state read and the table's queued job go to the job
// progress, and the end of a job reloads the state. The panel's other behaviour is tested in crmSyncAdminPanel.test.ts.
import CrmSyncAdminPanel from 'c/crmSyncAdminPanel';
import getPanelState from '@salesforce/apex/CrmSyncAdminController.getPanelState';
import getUserJob from '@salesforce/apex/CrmSyncJobController.getUserJob';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import type { JobView, LicensePool, PanelState } from 'crm-sync/apex-types';
import type { JobStartDetail } from 'c/crmSyncUserTable';
import type { JobFinishDetail } from 'c/crmSyncJobProgress';
import { deferred, flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getPanelState', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.getUserJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.getUsers', () => ({ default: jest.fn() }), { virtual: true });

type Child = HTMLElement & Record<string, unknown>;

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true }
];
const loaded: PanelState = {
    access: { canManage: true, requiredPermissionSet: 'CRM Sync Admin' },
    connection: { connected: true, health: 'healthy' },
    licensePools: pools,
    autofill: { leads: true, accounts: false, version: 3 },
    users: { rows: [{ userId: '0055g00000XyZ12AAB', name: 'Grace Hopper' }], totalCount: 1 }
};
const queued: JobView = { id: 'a01000000000001AAA', name: 'JOB-000012', status: 'Queued', active: true, total: 4564 };

async function render(): Promise<HTMLElement> {
    const element = renderElement('c-crm-sync-admin-panel', CrmSyncAdminPanel);
    await flushPromises();
    return element;
}

const child = (element: HTMLElement, tag: string) => element.shadowRoot?.querySelector<Child>(tag) ?? null;
const progress = (element: HTMLElement) => child(element, 'c-crm-sync-job-progress');
const userTable = (element: HTMLElement) => child(element, 'c-crm-sync-user-table');

describe('c-crm-sync-admin-panel: changes for many users', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows the job progress between the seats and the user table, naming licenses by the pools', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);

        const element = await render();

        const order = Array.from(
            element.shadowRoot?.querySelectorAll(
                'c-crm-sync-seat-summary, c-crm-sync-job-progress, c-crm-sync-user-table'
            ) ?? []
        ).map((node) => node.tagName.toLowerCase());
        expect(order).toEqual(['c-crm-sync-seat-summary', 'c-crm-sync-job-progress', 'c-crm-sync-user-table']);
        expect(progress(element)?.licensePools).toEqual(pools);
        await expect(element).toBeAccessible();
    });

    it('hands the job its one state call read to the job progress, which reads nothing itself until it polls', async () => {
        jest.mocked(getPanelState).mockResolvedValue({ ...loaded, job: queued });

        const element = await render();

        expect(progress(element)?.job).toEqual(queued);
        expect(getPanelState).toHaveBeenCalledTimes(1);
        expect(getUserJob).not.toHaveBeenCalled();
    });

    it('shows no job progress to a user who may not manage CRM Sync', async () => {
        jest.mocked(getPanelState).mockResolvedValue({ access: { canManage: false } });

        const element = await render();

        expect(progress(element)).toBeNull();
    });

    it('hands the job the user table queued to the job progress', async () => {
        jest.mocked(getPanelState).mockResolvedValue(loaded);
        const element = await render();

        userTable(element)?.dispatchEvent(new CustomEvent<JobStartDetail>('jobstart', { detail: { job: queued } }));
        await flushPromises();

        expect(progress(element)?.job).toEqual(queued);
    });

    it('reloads the state and the rows of the search shown when a job has ended, keeping the page meanwhile', async () => {
        jest.mocked(getUsers).mockResolvedValue(loaded.users ?? {});
        const reload = deferred<PanelState>();
        const after: PanelState = {
            ...loaded,
            licensePools: [{ ...pools[0], assigned: 9, available: 1 }],
            users: { rows: [], totalCount: 0 }
        };
        jest.mocked(getPanelState).mockResolvedValueOnce(loaded).mockReturnValueOnce(reload.promise);
        const element = await render();

        progress(element)?.dispatchEvent(new CustomEvent<JobFinishDetail>('jobfinish', { detail: {} }));
        await Promise.resolve();

        expect(getPanelState).toHaveBeenCalledTimes(2);
        expect(userTable(element)).not.toBeNull();
        expect(element.shadowRoot?.querySelector('[aria-busy="true"]')).not.toBeNull();

        reload.resolve(after);
        await flushPromises();

        expect(child(element, 'c-crm-sync-seat-summary')?.pools).toEqual(after.licensePools);
        // The table keeps its search and filters and reads their first page again.
        expect(userTable(element)?.initialPage).toEqual(loaded.users);
        expect(getUsers).toHaveBeenCalledTimes(1);
    });
});
