// "Select all N matching users" and the bulk actions for them (the job dialog), and the bulk license actions for the
// selected rows of a page. The table's other behaviour is tested in crmSyncUserTable.test.ts.
import CrmSyncUserTable from 'c/crmSyncUserTable';
import type { JobStartDetail, UsersChangeDetail } from 'c/crmSyncUserTable';
import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import setUserSync from '@salesforce/apex/CrmSyncAdminController.setUserSync';
import setUserLicense from '@salesforce/apex/CrmSyncAdminController.setUserLicense';
import type { JobView, LicensePool, UserChangeSummary, UserPage, UserState } from 'crm-sync/apex-types';
import {
    byLabel,
    captureEvents,
    captureToasts,
    deferred,
    flushPromises,
    renderElement,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.setUserSync', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.setUserLicense', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncAdminController.refreshUserStates', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.previewUserJob', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.startUserJob', () => ({ default: jest.fn() }), { virtual: true });

const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 5, assigned: 5, available: 0, isDefault: false }
];
const ada: UserState = { userId: ADA, name: 'Ada Lovelace', isActive: true, syncEnabled: true, licenseType: 'CORE' };
const grace: UserState = { userId: GRACE, name: 'Grace Hopper', isActive: true, syncEnabled: false };

/** Two of the 4,564 users who match are on the page. */
const firstPage: UserPage = { rows: [ada, grace], nextCursor: 'cursor-after-grace', totalCount: 4564 };
const everyoneOnThePage: UserPage = { rows: [ada, grace], totalCount: 2 };
const capped: UserPage = { ...firstPage, totalCount: 100000, totalCountCapped: true };
const queuedJob: JobView = {
    id: 'a01000000000001AAA',
    name: 'JOB-000012',
    status: 'Queued',
    active: true,
    total: 4564
};

type TableElement = HTMLElement & { initialPage?: UserPage; licensePools?: LicensePool[]; connected?: boolean };

function render(initialPage: UserPage = firstPage, props: Partial<TableElement> = {}): TableElement {
    return renderElement<TableElement>('c-crm-sync-user-table', CrmSyncUserTable, {
        licensePools: pools,
        connected: true,
        initialPage,
        ...props
    });
}

const shadow = (element: HTMLElement) => element.shadowRoot as ShadowRoot;
const bar = (element: HTMLElement) => shadow(element).querySelector('[data-id="bulk-bar"]');
const byId = (element: HTMLElement, id: string) => shadow(element).querySelector<BaseComponent>(`[data-id="${id}"]`);
const selectAllMatching = (element: HTMLElement) => byId(element, 'select-all-matching');

async function selectPage(element: HTMLElement): Promise<void> {
    byLabel(element, 'lightning-input', 'Select all users on this page').dispatchEvent(
        new CustomEvent('change', { detail: { checked: true } })
    );
    await flushPromises();
}

async function selectAllMatchingUsers(element: HTMLElement): Promise<void> {
    await selectPage(element);
    selectAllMatching(element)?.click();
    await flushPromises();
}

function assign(element: HTMLElement, licenseType: string): void {
    byId(element, 'bulk-assign')?.dispatchEvent(new CustomEvent('select', { detail: { value: licenseType } }));
}

function openDialog(): jest.SpyInstance {
    return jest.spyOn(CrmSyncJobDialog, 'open');
}

describe('c-crm-sync-user-table: all matching users', () => {
    beforeEach(() => {
        jest.mocked(getUsers).mockResolvedValue(firstPage);
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    describe('selecting them', () => {
        it('offers "Select all 4,564 matching users" once every row of the page is selected', async () => {
            const element = render();
            byLabel(element, 'lightning-input', 'Select Ada Lovelace').dispatchEvent(
                new CustomEvent('change', { detail: { checked: true } })
            );
            await flushPromises();
            expect(selectAllMatching(element)).toBeNull();

            await selectPage(element);

            expect(selectAllMatching(element)?.label).toBe('Select all 4,564 matching users');
            expect(bar(element)?.textContent).toContain('2 selected');
            await expect(element).toBeAccessible();
        });

        it('does not offer it when the page shows every matching user', async () => {
            const element = render(everyoneOnThePage);

            await selectPage(element);

            expect(selectAllMatching(element)).toBeNull();
        });

        it('says "at least" when the count reached the row limit', async () => {
            const element = render(capped);

            await selectPage(element);

            expect(selectAllMatching(element)?.label).toBe('Select all matching users (at least 100,000)');
        });

        it('says every matching user is selected and moves focus to "Clear selection"', async () => {
            const element = render();
            await selectPage(element);
            const focus = jest.spyOn(byId(element, 'clear-selection') as HTMLElement, 'focus');

            selectAllMatching(element)?.click();
            await flushPromises();

            expect(byId(element, 'selected-count')?.textContent).toBe('All 4,564 matching users are selected.');
            expect(selectAllMatching(element)).toBeNull();
            expect(focus).toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('says "at least" in the bar when every matching user of a capped count is selected', async () => {
            const element = render(capped);

            await selectAllMatchingUsers(element);

            expect(byId(element, 'selected-count')?.textContent).toBe(
                'All matching users are selected: at least 100,000.'
            );
        });

        it('clears the whole selection with "Clear selection" and moves focus to the page’s select-all box', async () => {
            const element = render();
            await selectAllMatchingUsers(element);
            const focus = jest.spyOn(byId(element, 'select-all') as HTMLElement, 'focus');

            byId(element, 'clear-selection')?.click();
            await flushPromises();

            expect(bar(element)).toBeNull();
            expect(byLabel(element, 'lightning-input', 'Select all users on this page').checked).toBe(false);
            expect(focus).toHaveBeenCalled();
        });

        it('goes back to the page’s selection when a row is unselected', async () => {
            const element = render();
            await selectAllMatchingUsers(element);

            byLabel(element, 'lightning-input', 'Select Ada Lovelace').dispatchEvent(
                new CustomEvent('change', { detail: { checked: false } })
            );
            await flushPromises();

            expect(byId(element, 'selected-count')?.textContent).toBe('1 selected');
        });

        it('drops the selection of all matching users when the filters change', async () => {
            const element = render();
            await selectAllMatchingUsers(element);

            shadow(element)
                .querySelector('c-crm-sync-user-filters')
                ?.dispatchEvent(
                    new CustomEvent('querychange', {
                        detail: {
                            filters: {
                                searchTerm: '',
                                syncFilter: 'off',
                                licenseFilter: 'all',
                                statusFilter: 'all',
                                includeInactive: false
                            }
                        }
                    })
                );
            await flushPromises();

            expect(bar(element)).toBeNull();
        });
    });

    describe('bulk actions for them', () => {
        it('opens the job dialog for the table’s filters instead of sending the page’s ids', async () => {
            const open = openDialog().mockResolvedValue(undefined);
            const element = render();
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(open).toHaveBeenCalledWith({
                size: 'small',
                label: 'Enable CRM sync',
                request: {
                    operation: 'Enable_User_Sync',
                    query: { syncFilter: 'all', licenseFilter: 'all', statusFilter: 'all', includeInactive: false }
                }
            });
            expect(setUserSync).not.toHaveBeenCalled();
        });

        it('sends the search with the filters', async () => {
            const open = openDialog().mockResolvedValue(undefined);
            const element = render();
            shadow(element)
                .querySelector('c-crm-sync-user-filters')
                ?.dispatchEvent(
                    new CustomEvent('querychange', {
                        detail: {
                            filters: {
                                searchTerm: 'example.com',
                                syncFilter: 'on',
                                licenseFilter: 'licensed',
                                statusFilter: 'Error',
                                includeInactive: true
                            }
                        }
                    })
                );
            await flushPromises();
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-disable')?.click();
            await flushPromises();

            expect(open.mock.lastCall?.[0].request).toEqual({
                operation: 'Disable_User_Sync',
                query: {
                    searchTerm: 'example.com',
                    syncFilter: 'on',
                    licenseFilter: 'licensed',
                    statusFilter: 'Error',
                    includeInactive: true
                }
            });
        });

        it('assigns the license of the pool chosen in "Assign license"', async () => {
            const open = openDialog().mockResolvedValue(undefined);
            const element = render();
            await selectAllMatchingUsers(element);

            assign(element, 'PRO');
            await flushPromises();

            expect(open.mock.lastCall?.[0]).toMatchObject({
                label: 'Assign license: Professional',
                request: { operation: 'Assign_License', licenseType: 'PRO' }
            });
            expect(setUserLicense).not.toHaveBeenCalled();
        });

        it('removes the license with "Remove license"', async () => {
            const open = openDialog().mockResolvedValue(undefined);
            const element = render();
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-remove')?.click();
            await flushPromises();

            expect(open.mock.lastCall?.[0]).toMatchObject({
                label: 'Remove license',
                request: { operation: 'Remove_License' }
            });
            expect(open.mock.lastCall?.[0].request).not.toHaveProperty('licenseType');
        });

        it('opens the dialog once however often the admin clicks', async () => {
            const open = openDialog().mockReturnValue(deferred<undefined>().promise);
            const element = render();
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(open).toHaveBeenCalledTimes(1);
        });

        it('keeps the selection and returns focus to the button when the dialog is cancelled', async () => {
            openDialog().mockResolvedValue(undefined);
            const element = render();
            await selectAllMatchingUsers(element);
            const started = captureEvents(element, 'jobstart');
            const focus = jest.spyOn(byId(element, 'bulk-enable') as HTMLElement, 'focus');

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(focus).toHaveBeenCalled();
            expect(started).toEqual([]);
            expect(byId(element, 'selected-count')?.textContent).toBe('All 4,564 matching users are selected.');
        });

        it('toasts a change applied at once, reads the page again and passes the seats to the panel', async () => {
            const summary: UserChangeSummary = {
                succeeded: 2,
                failed: 0,
                results: [
                    { userId: ADA, succeeded: true },
                    { userId: GRACE, succeeded: true }
                ],
                licensePools: pools
            };
            openDialog().mockResolvedValue({ outcome: 'applied', summary });
            const element = render();
            const toasts = captureToasts(element);
            const usersChanged = captureEvents<UsersChangeDetail>(element, 'userschange');
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(toasts).toEqual([{ title: '2 users changed.', variant: 'success' }]);
            expect(usersChanged).toEqual([{ licensePools: pools, licensePoolsError: undefined }]);
            expect(getUsers).toHaveBeenCalledWith({
                query: expect.objectContaining({ syncFilter: 'all', sortBy: 'name', sortDirection: 'asc' })
            });
            expect(jest.mocked(getUsers).mock.lastCall?.[0].query).not.toHaveProperty('cursor');
            expect(bar(element)).toBeNull();
        });

        it('tells the panel nothing changed when a change applied at once failed for every user', async () => {
            openDialog().mockResolvedValue({
                outcome: 'applied',
                summary: { results: [{ userId: ADA, succeeded: false, message: 'No Core licenses are left.' }] }
            });
            const element = render();
            const usersChanged = captureEvents(element, 'userschange');
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(usersChanged).toEqual([]);
        });

        it('counts nothing changed for an applied answer without results', async () => {
            openDialog().mockResolvedValue({ outcome: 'applied', summary: {} });
            const element = render();
            const toasts = captureToasts(element);
            const usersChanged = captureEvents(element, 'userschange');
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(toasts).toEqual([{ title: '0 users changed.', variant: 'success' }]);
            expect(usersChanged).toEqual([]);
        });

        it('fires jobstart with the queued job and clears the selection', async () => {
            openDialog().mockResolvedValue({ outcome: 'queued', job: queuedJob });
            const element = render();
            const started = captureEvents<JobStartDetail>(element, 'jobstart');
            await selectAllMatchingUsers(element);

            byId(element, 'bulk-enable')?.click();
            await flushPromises();

            expect(started).toEqual([{ job: queuedJob }]);
            expect(bar(element)).toBeNull();
        });
    });

    describe('license actions for the selected rows of a page', () => {
        it('offers every pool in "Assign license"', async () => {
            const element = render();
            await selectPage(element);

            const items = Array.from(
                byId(element, 'bulk-assign')?.querySelectorAll<BaseComponent>('lightning-menu-item') ?? []
            );
            expect(items.map((item) => [item.value, item.label])).toEqual([
                ['CORE', 'Core'],
                ['PRO', 'Professional']
            ]);
            expect(byId(element, 'bulk-assign')?.label).toBe('Assign license');
            expect(byId(element, 'bulk-assign')?.disabled).toBe(false);
        });

        it('disables "Assign license" while the pools cannot be read', async () => {
            const element = render(firstPage, { licensePools: undefined });
            await selectPage(element);

            expect(byId(element, 'bulk-assign')?.disabled).toBe(true);
        });

        it('assigns the chosen license to the selected users in one call', async () => {
            jest.mocked(setUserLicense).mockResolvedValue({
                succeeded: 2,
                failed: 0,
                results: [
                    { userId: ADA, succeeded: true, state: { ...ada, licenseType: 'PRO' } },
                    { userId: GRACE, succeeded: true, state: { ...grace, licenseType: 'PRO' } }
                ]
            });
            const element = render();
            const toasts = captureToasts(element);
            await selectPage(element);

            assign(element, 'PRO');
            await flushPromises();

            expect(setUserLicense).toHaveBeenCalledWith({ userIds: [ADA, GRACE], licenseType: 'PRO' });
            expect(toasts).toEqual([{ title: 'Licenses updated for 2 users.', variant: 'success' }]);
        });

        it('removes the license of the selected users in one call', async () => {
            const open = openDialog();
            jest.mocked(setUserLicense).mockResolvedValue({
                succeeded: 1,
                failed: 0,
                results: [{ userId: ADA, succeeded: true, state: { ...ada, licenseType: undefined } }]
            });
            const element = render();
            byLabel(element, 'lightning-input', 'Select Ada Lovelace').dispatchEvent(
                new CustomEvent('change', { detail: { checked: true } })
            );
            await flushPromises();

            byId(element, 'bulk-remove')?.click();
            await flushPromises();

            expect(setUserLicense).toHaveBeenCalledWith({ userIds: [ADA], licenseType: null });
            expect(open).not.toHaveBeenCalled();
        });
    });
});
