import CrmSyncUserTable from 'c/crmSyncUserTable';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import setUserSync from '@salesforce/apex/CrmSyncAdminController.setUserSync';
import setUserLicense from '@salesforce/apex/CrmSyncAdminController.setUserLicense';
import refreshUserStates from '@salesforce/apex/CrmSyncAdminController.refreshUserStates';
import type { LicensePool, UserChangeSummary, UserPage, UserQuery, UserState } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { UserFilters } from 'c/crmSyncUserFilters';
import type { UsersChangeDetail } from 'c/crmSyncUserTable';
import {
    apexError,
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

// --- fixtures, typed against the generated Apex DTOs ---------------------------------------------------------------

const ADA = '005000000000001AAA';
const GRACE = '005000000000002AAA';
const ALAN = '005000000000003AAA';
const EDSGER = '005000000000004AAA';

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 5, assigned: 5, available: 0, isDefault: false }
];

/** The seats Apex read right after a change: one more CORE seat assigned. */
const poolsAfterChange: LicensePool[] = [{ ...pools[0], assigned: 5, available: 5 }, pools[1]];

const ada: UserState = {
    userId: ADA,
    name: 'Ada Lovelace',
    username: 'ada@example.com.crm',
    email: 'ada@example.com',
    profileName: 'Standard User',
    isActive: true,
    syncEnabled: true,
    licenseType: 'CORE',
    status: 'Synced',
    lastSyncedAt: '2025-03-01T09:30:00.000Z'
};
const grace: UserState = {
    userId: GRACE,
    name: 'Grace Hopper',
    username: 'grace@example.com.crm',
    email: 'grace@example.com',
    profileName: 'Sales User',
    isActive: true,
    syncEnabled: false,
    status: 'Pending'
};
const alan: UserState = {
    userId: ALAN,
    name: 'Alan Turing',
    username: 'alan@example.com.crm',
    email: 'alan@example.com',
    profileName: 'Standard User',
    isActive: false,
    syncEnabled: false,
    licenseType: 'PRO',
    status: 'Not_Matched'
};
const edsger: UserState = {
    userId: EDSGER,
    name: 'Edsger Dijkstra',
    username: 'edsger@example.com.crm',
    email: 'edsger@example.com',
    profileName: 'System Administrator',
    isActive: true,
    syncEnabled: true,
    licenseType: 'CORE',
    status: 'Error',
    lastSyncedAt: '2025-02-27T17:05:00.000Z'
};

const firstPage: UserPage = {
    rows: [ada, grace, alan, edsger],
    nextCursor: 'cursor-after-edsger',
    totalCount: 42,
    totalCountCapped: false
};
const secondPage: UserPage = {
    rows: [
        {
            userId: '005000000000005AAA',
            name: 'Barbara Liskov',
            username: 'barbara@example.com.crm',
            email: 'barbara@example.com',
            profileName: 'Standard User',
            isActive: true,
            syncEnabled: false
        }
    ],
    previousCursor: 'cursor-before-barbara',
    totalCount: 42,
    totalCountCapped: false
};

const DEFAULT_QUERY: UserQuery = {
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false,
    sortBy: 'name',
    sortDirection: 'asc',
    pageSize: 25
};

// Typed by `satisfies`, so the same object serves as an ErrorView inside UserChangeSummary.
const backendDown = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
} satisfies CrmSyncError;
const NO_FILTERS: UserFilters = {
    searchTerm: '',
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false
};

const conflictMessage =
    'Someone else changed this in the meantime. Nothing was changed. Reload the page and try again.';
const conflict: CrmSyncError = {
    code: 'CONFLICT',
    message: conflictMessage,
    retryable: false,
    correlationId: 'corr-conflict'
};
const seatsExhausted =
    'No Core licenses are left. Remove a license from another user or buy more seats, then try again.';

function changed(state: UserState, licensePools: LicensePool[] = poolsAfterChange): UserChangeSummary {
    return {
        succeeded: 1,
        failed: 0,
        correlationId: 'corr-ok',
        results: [{ userId: state.userId, name: state.name, succeeded: true, state }],
        licensePools
    };
}

// --- rendering and DOM helpers -------------------------------------------------------------------------------------

interface TableProps {
    initialPage?: UserPage;
    licensePools?: LicensePool[];
    connected?: boolean;
}
type TableElement = HTMLElement & TableProps;

function render(props: TableProps = { initialPage: firstPage }): TableElement {
    return renderElement<TableElement>('c-crm-sync-user-table', CrmSyncUserTable, {
        licensePools: pools,
        connected: true,
        ...props
    });
}

function shadow(element: HTMLElement): ShadowRoot {
    return element.shadowRoot as ShadowRoot;
}

function all(element: HTMLElement | ShadowRoot, selector: string): BaseComponent[] {
    return Array.from(element.querySelectorAll<BaseComponent>(selector));
}

function rowOf(element: HTMLElement, name: string): HTMLElement {
    const row = all(shadow(element), 'tbody tr').find((candidate) =>
        candidate.querySelector('[data-cell="name"]')?.textContent?.includes(name)
    );
    if (!row) {
        throw new Error(`no row for ${name}`);
    }
    return row;
}

function cell(row: HTMLElement, name: string): string {
    return row.querySelector(`[data-cell="${name}"]`)?.textContent?.trim() ?? '';
}

function menuOf(row: HTMLElement): BaseComponent {
    return row.querySelector('lightning-button-menu') as BaseComponent;
}

function menuItem(row: HTMLElement, label: string): BaseComponent | undefined {
    return all(row, 'lightning-menu-item').find((item) => item.label === label);
}

function choose(element: HTMLElement, name: string, value: string): void {
    menuOf(rowOf(element, name)).dispatchEvent(new CustomEvent('select', { detail: { value } }));
}

function change(target: HTMLElement, detail: { value: string } | { checked: boolean }): void {
    target.dispatchEvent(new CustomEvent('change', { detail }));
}

function filtersOf(element: HTMLElement): HTMLElement & { filters?: UserFilters } {
    return shadow(element).querySelector('c-crm-sync-user-filters') as HTMLElement & { filters?: UserFilters };
}

/** Types into the real search box of c-crm-sync-user-filters. */
function search(element: HTMLElement, value: string): void {
    change(byLabel(filtersOf(element), 'lightning-input', 'Search users'), { value });
}

/** What c-crm-sync-user-filters fires when the admin changes a filter. */
function changeFilters(element: HTMLElement, filters: Partial<UserFilters>): void {
    filtersOf(element).dispatchEvent(
        new CustomEvent('querychange', { detail: { filters: { ...NO_FILTERS, ...filters } } })
    );
}

function select(element: HTMLElement, name: string, checked = true): void {
    change(rowOf(element, name).querySelector('lightning-input') as HTMLElement, { checked });
}

function sortButton(element: HTMLElement, label: string): HTMLButtonElement {
    return shadow(element).querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement;
}

function ariaSort(element: HTMLElement, label: string): string | null {
    return sortButton(element, label).closest('th')?.getAttribute('aria-sort') ?? null;
}

function text(element: HTMLElement): string {
    return shadow(element).textContent ?? '';
}

function lastQuery(): UserQuery | null {
    return jest.mocked(getUsers).mock.lastCall?.[0].query ?? null;
}

function captureUsersChange(element: HTMLElement): jest.Mock {
    const onUsersChange = jest.fn();
    element.addEventListener('userschange', onUsersChange);
    return onUsersChange;
}

/** What each userschange carried, in order. */
function usersChangeDetails(onUsersChange: jest.Mock): UsersChangeDetail[] {
    return onUsersChange.mock.calls.map(([event]: [CustomEvent<UsersChangeDetail>]) => event.detail);
}

async function goToSecondPage(element: HTMLElement): Promise<void> {
    jest.mocked(getUsers).mockResolvedValueOnce(secondPage);
    byLabel(element, 'lightning-button', 'Next page').click();
    await flushPromises();
    jest.mocked(getUsers).mockClear();
}

describe('c-crm-sync-user-table', () => {
    beforeEach(() => {
        jest.mocked(getUsers).mockResolvedValue(firstPage);
    });

    afterEach(() => {
        jest.useRealTimers();
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    describe('the first page', () => {
        it('shows every column of the panel’s first page without asking Apex again', async () => {
            const element = render();
            await flushPromises();

            const headers = all(shadow(element), 'thead th[scope="col"]').map((th) => th.textContent?.trim());
            expect(headers).toEqual([
                '',
                'Name',
                'Username or email',
                'Profile',
                'License',
                'CRM sync',
                'Status',
                'Last synced',
                'Edit'
            ]);
            const adaRow = rowOf(element, 'Ada Lovelace');
            expect(cell(adaRow, 'username')).toContain('ada@example.com.crm');
            expect(cell(adaRow, 'username')).toContain('ada@example.com');
            expect(cell(adaRow, 'profile')).toBe('Standard User');
            expect(cell(adaRow, 'license')).toBe('Core');
            expect(cell(adaRow, 'sync')).toBe('On');
            expect(cell(adaRow, 'status')).toBe('Synced');
            expect(adaRow.querySelector<BaseComponent>('lightning-formatted-date-time')?.value).toBe(
                '2025-03-01T09:30:00.000Z'
            );
            const graceRow = rowOf(element, 'Grace Hopper');
            expect(cell(graceRow, 'license')).toBe('No license');
            expect(cell(graceRow, 'sync')).toBe('Off');
            expect(cell(graceRow, 'status')).toBe('Pending');
            expect(cell(graceRow, 'last-synced')).toBe('—');
            expect(graceRow.querySelector('lightning-formatted-date-time')).toBeNull();
            const alanRow = rowOf(element, 'Alan Turing');
            expect(alanRow.querySelector('.slds-badge')?.textContent).toBe('Inactive');
            expect(rowOf(element, 'Grace Hopper').querySelector('.slds-badge')).toBeNull();
            expect(cell(alanRow, 'license')).toBe('Professional');
            expect(cell(alanRow, 'status')).toBe('Not matched');
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'status')).toBe('Error');
            expect(shadow(element).querySelector('[data-id="count"]')?.textContent).toBe('42 users');
            expect(getUsers).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('links the status Error and Not matched to the user’s sync errors', async () => {
            const element = render();
            await flushPromises();
            const events = captureEvents(element, 'showerrors');
            const link = rowOf(element, 'Edsger Dijkstra').querySelector<HTMLButtonElement>('[data-id="show-errors"]');
            expect(link?.getAttribute('aria-label')).toBe('Error: show the sync errors of Edsger Dijkstra');
            expect(rowOf(element, 'Alan Turing').querySelector('[data-id="show-errors"]')).not.toBeNull();
            expect(rowOf(element, 'Ada Lovelace').querySelector('[data-id="show-errors"]')).toBeNull();

            link?.click();
            expect(events).toEqual([{ userId: EDSGER }]);
            await expect(element).toBeAccessible();
        });

        it('shows states read elsewhere in the rows of those users', async () => {
            const element = render() as TableElement & { showStates(states: UserState[]): void };
            await flushPromises();
            element.showStates([{ ...edsger, status: 'Synced' }]);
            await flushPromises();
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'status')).toBe('Synced');
        });

        it('labels the row controls and the sort buttons in the admin’s words, and puts the filters above', () => {
            const element = render();

            expect(filtersOf(element).filters).toEqual(NO_FILTERS);
            expect(byLabel(element, 'lightning-input', 'Select all users on this page')).toBeTruthy();
            expect(byLabel(element, 'lightning-input', 'Select Ada Lovelace')).toBeTruthy();
            expect(sortButton(element, 'Sort by Name')).toBeTruthy();
            expect(sortButton(element, 'Sort by Username or email')).toBeTruthy();
        });

        it('loads the first page itself while showing a spinner when the panel passes none', async () => {
            const load = deferred<UserPage>();
            jest.mocked(getUsers).mockReturnValue(load.promise);
            const element = render({ initialPage: undefined });
            await flushPromises();

            expect(getUsers).toHaveBeenCalledWith({ query: DEFAULT_QUERY });
            expect(shadow(element).querySelector<BaseComponent>('lightning-spinner')?.alternativeText).toBe('Loading…');
            await expect(element).toBeAccessible();

            load.resolve(firstPage);
            await flushPromises();

            expect(shadow(element).querySelector('lightning-spinner')).toBeNull();
            expect(rowOf(element, 'Ada Lovelace')).toBeTruthy();
        });

        it('copes with rows and pools the DTOs describe only partly', async () => {
            const element = render({
                initialPage: { rows: [{ userId: '005000000000009AAA', licenseType: 'LEGACY' }] },
                licensePools: [{ licenseType: 'CORE' }, { label: 'No type' }]
            });
            await flushPromises();

            const row = all(shadow(element), 'tbody tr')[0];
            expect(cell(row, 'profile')).toBe('—');
            expect(cell(row, 'license')).toBe('LEGACY');
            expect(cell(row, 'sync')).toBe('Off');
            expect(cell(row, 'status')).toBe('—');
            expect(menuItem(row, 'Enable CRM sync')?.checked).toBe(false);
            expect(all(row, 'lightning-menu-item').map((item) => item.label)).toEqual([
                'Enable CRM sync',
                'Assign license: CORE',
                'Remove license'
            ]);
            expect(shadow(element).querySelector('[data-id="count"]')?.textContent).toBe('1 user');
        });

        it('names licenses as stored with the users while the pools cannot be read, and live otherwise', async () => {
            const page: UserPage = {
                rows: [
                    { ...ada, licenseLabel: 'Core (stored)' },
                    { ...alan, licenseLabel: 'Professional' },
                    { ...edsger, licenseLabel: undefined }
                ]
            };
            const element = render({ initialPage: page, licensePools: undefined });
            await flushPromises();

            expect(cell(rowOf(element, 'Ada Lovelace'), 'license')).toBe('Core (stored)');
            expect(cell(rowOf(element, 'Alan Turing'), 'license')).toBe('Professional');
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'license')).toBe('CORE');

            element.licensePools = pools;
            await flushPromises();

            expect(cell(rowOf(element, 'Ada Lovelace'), 'license')).toBe('Core');
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'license')).toBe('Core');
        });

        it('replaces the rows and resets search and filters when the panel passes a new first page', async () => {
            const element = render();
            jest.useFakeTimers();
            search(element, 'ada');
            jest.advanceTimersByTime(300);
            jest.useRealTimers();
            changeFilters(element, { searchTerm: 'ada', syncFilter: 'on' });
            await flushPromises();

            element.initialPage = secondPage;
            await flushPromises();

            expect(filtersOf(element).filters).toEqual(NO_FILTERS);
            expect(byLabel(filtersOf(element), 'lightning-input', 'Search users').value).toBe('');
            expect(rowOf(element, 'Barbara Liskov')).toBeTruthy();
            expect(all(shadow(element), 'tbody tr')).toHaveLength(1);
        });
    });

    describe('search, filters and sort', () => {
        it('searches once the admin pauses typing in the filters’ search box, from the first page', async () => {
            const element = render();
            await goToSecondPage(element);
            jest.useFakeTimers();

            search(element, 'ada ');
            jest.advanceTimersByTime(300);

            expect(getUsers).toHaveBeenCalledTimes(1);
            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, searchTerm: 'ada' });
        });

        it.each([
            [{ syncFilter: 'on' }],
            [{ syncFilter: 'off' }],
            [{ licenseFilter: 'unlicensed' }],
            [{ statusFilter: 'Not_Matched' }],
            [{ includeInactive: true }],
            [{ searchTerm: 'grace', licenseFilter: 'licensed' }]
        ])('reads the first page for the filters %p', async (filters) => {
            const element = render();
            await goToSecondPage(element);

            changeFilters(element, filters);

            expect(getUsers).toHaveBeenCalledTimes(1);
            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, ...filters });
            await flushPromises();
            expect(filtersOf(element).filters).toEqual({ ...NO_FILTERS, ...filters });
        });

        it('reads the first page of the filters shown again when the panel asks it to refresh', async () => {
            const element = render();
            changeFilters(element, { syncFilter: 'off' });
            await flushPromises();

            (element as HTMLElement & { refresh(): void }).refresh();

            expect(getUsers).toHaveBeenCalledTimes(2);
            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, syncFilter: 'off' });
            await flushPromises();
            expect(filtersOf(element).filters).toEqual({ ...NO_FILTERS, syncFilter: 'off' });
        });

        it('gives the CSV export the filters shown, without the page token', async () => {
            const element = render();
            await goToSecondPage(element);

            changeFilters(element, { syncFilter: 'on', searchTerm: 'grace' });
            await flushPromises();

            const exporter = shadow(element).querySelector('c-crm-sync-user-export') as HTMLElement & {
                query?: unknown;
            };
            expect(exporter.query).toEqual({ ...DEFAULT_QUERY, syncFilter: 'on', searchTerm: 'grace' });
        });

        it('lists everyone again when the search is cleared', async () => {
            const element = render();
            changeFilters(element, { searchTerm: 'ada' });

            changeFilters(element, { searchTerm: '' });

            expect(getUsers).toHaveBeenCalledTimes(2);
            expect(lastQuery()).toEqual(DEFAULT_QUERY);
        });

        it('keeps the filters when sorting, and the sort when filtering', async () => {
            const element = render();
            changeFilters(element, { syncFilter: 'on' });
            sortButton(element, 'Sort by Username or email').click();

            changeFilters(element, { syncFilter: 'on', statusFilter: 'Error' });

            expect(lastQuery()).toEqual({
                ...DEFAULT_QUERY,
                syncFilter: 'on',
                statusFilter: 'Error',
                sortBy: 'username'
            });
        });

        it('sorts by name ascending at first, and toggles to descending from the first page', async () => {
            const element = render();
            await goToSecondPage(element);
            expect(ariaSort(element, 'Sort by Name')).toBe('ascending');
            expect(ariaSort(element, 'Sort by Username or email')).toBe('none');

            sortButton(element, 'Sort by Name').click();
            await flushPromises();

            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, sortDirection: 'desc' });
            expect(ariaSort(element, 'Sort by Name')).toBe('descending');
            await expect(element).toBeAccessible();
        });

        it('sorts by another column ascending first', async () => {
            const element = render();
            sortButton(element, 'Sort by Name').click();
            await flushPromises();

            sortButton(element, 'Sort by Username or email').click();
            await flushPromises();

            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, sortBy: 'username', sortDirection: 'asc' });
            expect(ariaSort(element, 'Sort by Username or email')).toBe('ascending');
            expect(ariaSort(element, 'Sort by Name')).toBe('none');
        });

        it('shows only the answer to the latest request when an earlier one arrives later', async () => {
            const slow = deferred<UserPage>();
            jest.mocked(getUsers).mockReturnValueOnce(slow.promise).mockResolvedValueOnce(secondPage);
            const element = render();

            changeFilters(element, { syncFilter: 'on' });
            changeFilters(element, { syncFilter: 'off' });
            await flushPromises();
            slow.resolve(firstPage);
            await flushPromises();

            expect(all(shadow(element), 'tbody tr')).toHaveLength(1);
            expect(rowOf(element, 'Barbara Liskov')).toBeTruthy();
        });
    });

    describe('paging and counts', () => {
        it('pages forward and back with the cursors of the page shown', async () => {
            const element = render();
            expect(byLabel(element, 'lightning-button', 'Previous page').disabled).toBe(true);
            expect(byLabel(element, 'lightning-button', 'Next page').disabled).toBe(false);

            jest.mocked(getUsers).mockResolvedValueOnce(secondPage);
            byLabel(element, 'lightning-button', 'Next page').click();
            await flushPromises();

            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, cursor: 'cursor-after-edsger' });
            expect(byLabel(element, 'lightning-button', 'Previous page').disabled).toBe(false);
            expect(byLabel(element, 'lightning-button', 'Next page').disabled).toBe(true);

            byLabel(element, 'lightning-button', 'Previous page').click();
            await flushPromises();

            expect(lastQuery()).toEqual({ ...DEFAULT_QUERY, cursor: 'cursor-before-barbara' });
            expect(rowOf(element, 'Ada Lovelace')).toBeTruthy();
        });

        it('writes the count with the digit grouping of the user’s locale', async () => {
            const element = render({ initialPage: { ...firstPage, totalCount: 4564 } });
            await flushPromises();

            expect(shadow(element).querySelector('[data-id="count"]')?.textContent).toBe('4,564 users');
        });

        it('says the list shows only the first users when the count reached the row limit', async () => {
            const element = render({ initialPage: { ...firstPage, totalCount: 100000, totalCountCapped: true } });
            await flushPromises();

            expect(shadow(element).querySelector('[data-id="count"]')?.textContent).toBe(
                'At least 100,000 users; the list shows the first 100,000. Search or filter to narrow it.'
            );
        });

        it('says so when no user matches', async () => {
            // Apex leaves an empty list out of the answer, as it does any null field.
            const element = render({ initialPage: { totalCount: 0, totalCountCapped: false } });
            await flushPromises();

            expect(text(element)).toContain('No users match your search and filters.');
            expect(shadow(element).querySelector('table')).toBeNull();
            expect(shadow(element).querySelector('[data-id="count"]')?.textContent).toBe('0 users');
            await expect(element).toBeAccessible();
        });

        it('shows a failed page load with its reference', async () => {
            jest.mocked(getUsers).mockRejectedValue(apexError(backendDown));
            const element = render();

            byLabel(element, 'lightning-button', 'Next page').click();
            await flushPromises();

            const alert = shadow(element).querySelector('c-crm-sync-error-alert');
            expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
            expect(alert?.shadowRoot?.textContent).toContain(
                'Reference for support: 7c9e6679-7425-40de-944b-e07fc1f90ae7'
            );
            expect(shadow(element).querySelector('table')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('repeats the failed request when the admin clicks "Try again"', async () => {
            jest.mocked(getUsers).mockRejectedValueOnce(apexError(backendDown));
            const element = render();
            byLabel(element, 'lightning-button', 'Next page').click();
            await flushPromises();

            jest.mocked(getUsers).mockResolvedValueOnce(secondPage);
            const alert = shadow(element).querySelector('c-crm-sync-error-alert');
            alert?.shadowRoot?.querySelector<HTMLElement>('lightning-button')?.click();
            await flushPromises();

            expect(getUsers).toHaveBeenCalledTimes(2);
            expect(jest.mocked(getUsers).mock.calls[1][0]).toEqual(jest.mocked(getUsers).mock.calls[0][0]);
            expect(lastQuery()?.cursor).toBe('cursor-after-edsger');
            expect(shadow(element).querySelector('c-crm-sync-error-alert')).toBeNull();
            expect(rowOf(element, 'Barbara Liskov')).toBeTruthy();
        });
    });

    describe('the Edit menu', () => {
        it('names the menu after the user and checks "Enable CRM sync" exactly when sync is on', async () => {
            const element = render();

            const adaMenu = menuOf(rowOf(element, 'Ada Lovelace'));
            expect(adaMenu.label).toBe('Edit');
            expect(adaMenu.alternativeText).toBe('Ada Lovelace');
            expect(menuItem(rowOf(element, 'Ada Lovelace'), 'Enable CRM sync')?.checked).toBe(true);
            expect(menuItem(rowOf(element, 'Grace Hopper'), 'Enable CRM sync')?.checked).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('offers the pools the user does not hold, and "Remove license" only with a license', () => {
            const element = render();

            expect(all(rowOf(element, 'Ada Lovelace'), 'lightning-menu-item').map((item) => item.label)).toEqual([
                'Enable CRM sync',
                'Assign license: Professional',
                'Remove license'
            ]);
            expect(all(rowOf(element, 'Grace Hopper'), 'lightning-menu-item').map((item) => item.label)).toEqual([
                'Enable CRM sync',
                'Assign license: Core',
                'Assign license: Professional'
            ]);
        });

        it('enables CRM sync, then disables it again', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            jest.mocked(setUserSync).mockResolvedValueOnce(
                changed({ ...grace, syncEnabled: true, licenseType: 'CORE' })
            );

            choose(element, 'Grace Hopper', 'sync');
            await flushPromises();

            expect(setUserSync).toHaveBeenLastCalledWith({ userIds: [GRACE], enabled: true });
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('On');
            expect(menuItem(rowOf(element, 'Grace Hopper'), 'Enable CRM sync')?.checked).toBe(true);
            expect(toasts).toEqual([{ title: 'CRM sync is now enabled for Grace Hopper.', variant: 'success' }]);
            expect(usersChangeDetails(onUsersChange)).toEqual([
                { licensePools: poolsAfterChange, licensePoolsError: undefined }
            ]);

            jest.mocked(setUserSync).mockResolvedValueOnce(changed({ ...grace, syncEnabled: false }));
            choose(element, 'Grace Hopper', 'sync');
            await flushPromises();

            expect(setUserSync).toHaveBeenLastCalledWith({ userIds: [GRACE], enabled: false });
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('Off');
            expect(menuItem(rowOf(element, 'Grace Hopper'), 'Enable CRM sync')?.checked).toBe(false);
            expect(toasts[1]).toEqual({ title: 'CRM sync is now disabled for Grace Hopper.', variant: 'success' });
            expect(onUsersChange).toHaveBeenCalledTimes(2);
        });

        it('assigns a license from a pool', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            jest.mocked(setUserLicense).mockResolvedValueOnce(changed({ ...grace, licenseType: 'CORE' }));

            choose(element, 'Grace Hopper', 'assign:CORE');
            await flushPromises();

            expect(setUserLicense).toHaveBeenCalledWith({ userIds: [GRACE], licenseType: 'CORE' });
            expect(cell(rowOf(element, 'Grace Hopper'), 'license')).toBe('Core');
            expect(toasts).toEqual([{ title: 'Grace Hopper now holds a Core license.', variant: 'success' }]);
            expect(usersChangeDetails(onUsersChange)).toEqual([
                { licensePools: poolsAfterChange, licensePoolsError: undefined }
            ]);
        });

        it('passes up why the seats could not be read after a change that succeeded', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            jest.mocked(setUserLicense).mockResolvedValueOnce({
                ...changed({ ...grace, licenseType: 'CORE' }),
                licensePools: undefined,
                licensePoolsError: backendDown
            });

            choose(element, 'Grace Hopper', 'assign:CORE');
            await flushPromises();

            expect(cell(rowOf(element, 'Grace Hopper'), 'license')).toBe('Core');
            expect(toasts).toEqual([{ title: 'Grace Hopper now holds a Core license.', variant: 'success' }]);
            expect(usersChangeDetails(onUsersChange)).toEqual([
                { licensePools: undefined, licensePoolsError: backendDown }
            ]);
        });

        it('passes up no seats from a change that answers after a later change already passed up its own', async () => {
            const earlier = deferred<UserChangeSummary>();
            const later = deferred<UserChangeSummary>();
            const latestPools: LicensePool[] = [{ ...pools[0], assigned: 6, available: 4 }, pools[1]];
            jest.mocked(setUserSync).mockReturnValueOnce(earlier.promise).mockReturnValueOnce(later.promise);
            const element = render();
            const onUsersChange = captureUsersChange(element);

            choose(element, 'Grace Hopper', 'sync');
            choose(element, 'Edsger Dijkstra', 'sync');
            later.resolve(changed({ ...edsger, syncEnabled: false }, latestPools));
            await flushPromises();
            earlier.resolve(changed({ ...grace, syncEnabled: true }, poolsAfterChange));
            await flushPromises();

            expect(usersChangeDetails(onUsersChange)).toEqual([
                { licensePools: latestPools, licensePoolsError: undefined },
                {}
            ]);
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('On');
        });

        it('removes the license', async () => {
            const element = render();
            const toasts = captureToasts(element);
            jest.mocked(setUserLicense).mockResolvedValueOnce(
                changed({ ...ada, licenseType: undefined, syncEnabled: false })
            );

            choose(element, 'Ada Lovelace', 'remove');
            await flushPromises();

            expect(setUserLicense).toHaveBeenCalledWith({ userIds: [ADA], licenseType: null });
            expect(cell(rowOf(element, 'Ada Lovelace'), 'license')).toBe('No license');
            expect(menuItem(rowOf(element, 'Ada Lovelace'), 'Remove license')).toBeUndefined();
            expect(toasts).toEqual([{ title: 'Ada Lovelace no longer holds a license.', variant: 'success' }]);
        });

        it('shows "Saving…" and ignores a second choice while the row saves', async () => {
            const save = deferred<UserChangeSummary>();
            jest.mocked(setUserSync).mockReturnValueOnce(save.promise);
            const element = render();

            choose(element, 'Grace Hopper', 'sync');
            await flushPromises();
            choose(element, 'Grace Hopper', 'assign:PRO');

            expect(cell(rowOf(element, 'Grace Hopper'), 'edit')).toContain('Saving…');
            expect(menuOf(rowOf(element, 'Grace Hopper')).disabled).toBe(true);
            expect(menuOf(rowOf(element, 'Ada Lovelace')).disabled).toBe(false);
            await expect(element).toBeAccessible();

            save.resolve(changed({ ...grace, syncEnabled: true }));
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(1);
            expect(setUserLicense).not.toHaveBeenCalled();
            expect(cell(rowOf(element, 'Grace Hopper'), 'edit')).not.toContain('Saving…');
            expect(menuOf(rowOf(element, 'Grace Hopper')).disabled).toBe(false);
        });

        it('reports a change the backend refused in an error toast and leaves the row unchanged', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            jest.mocked(setUserLicense).mockResolvedValueOnce({
                succeeded: 0,
                failed: 1,
                correlationId: 'corr-seats',
                results: [
                    {
                        userId: GRACE,
                        name: 'Grace Hopper',
                        succeeded: false,
                        errorCode: 'SEATS_EXHAUSTED',
                        message: seatsExhausted,
                        state: { ...grace, syncEnabled: false }
                    }
                ]
            });

            choose(element, 'Grace Hopper', 'assign:PRO');
            await flushPromises();

            expect(toasts).toEqual([
                {
                    title: 'That didn’t work',
                    message: `${seatsExhausted} Reference for support: corr-seats`,
                    variant: 'error',
                    mode: 'sticky'
                }
            ]);
            expect(cell(rowOf(element, 'Grace Hopper'), 'license')).toBe('No license');
            expect(onUsersChange).not.toHaveBeenCalled();
        });

        it('reports an Apex failure of a row change in an error toast', async () => {
            const element = render();
            const toasts = captureToasts(element);
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError(backendDown));

            choose(element, 'Ada Lovelace', 'sync');
            await flushPromises();

            expect(toasts).toEqual([
                {
                    title: 'That didn’t work',
                    message: `${backendDown.message} Reference for support: 7c9e6679-7425-40de-944b-e07fc1f90ae7`,
                    variant: 'error',
                    mode: 'sticky'
                }
            ]);
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('On');
        });

        it('treats an answer without the user’s result as a failure', async () => {
            const element = render();
            const toasts = captureToasts(element);
            jest.mocked(setUserSync).mockResolvedValueOnce({ succeeded: 0, failed: 0 });

            choose(element, 'Ada Lovelace', 'sync');
            await flushPromises();

            expect(toasts).toEqual([
                {
                    title: 'That didn’t work',
                    message:
                        'Something unexpected went wrong. Try again; if it happens again, contact your Salesforce admin.',
                    variant: 'error',
                    mode: 'sticky'
                }
            ]);
        });
    });

    describe('a change another admin’s change got in the way of (CONFLICT)', () => {
        it('re-reads the user, shows what the other admin saved, and sends the change again when chosen again', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError(conflict));
            jest.mocked(refreshUserStates).mockResolvedValueOnce([{ ...grace, licenseType: 'PRO' }]);

            choose(element, 'Grace Hopper', 'sync');
            await flushPromises();

            expect(toasts).toEqual([
                {
                    title: 'That didn’t work',
                    message: `${conflictMessage} Reference for support: corr-conflict`,
                    variant: 'error',
                    mode: 'sticky'
                }
            ]);
            expect(refreshUserStates).toHaveBeenCalledWith({ userIds: [GRACE] });
            expect(cell(rowOf(element, 'Grace Hopper'), 'license')).toBe('Professional');
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('Off');
            expect(menuOf(rowOf(element, 'Grace Hopper')).disabled).toBe(false);
            expect(onUsersChange).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();

            jest.mocked(setUserSync).mockResolvedValueOnce(
                changed({ ...grace, licenseType: 'PRO', syncEnabled: true })
            );
            choose(element, 'Grace Hopper', 'sync');
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(2);
            expect(setUserSync).toHaveBeenLastCalledWith({ userIds: [GRACE], enabled: true });
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('On');
            expect(toasts[1]).toEqual({ title: 'CRM sync is now enabled for Grace Hopper.', variant: 'success' });
        });

        it('keeps the row saving until the user was re-read, so a new choice uses the fresh version', async () => {
            const refresh = deferred<UserState[]>();
            jest.mocked(setUserLicense).mockRejectedValueOnce(apexError(conflict));
            jest.mocked(refreshUserStates).mockReturnValueOnce(refresh.promise);
            const element = render();

            choose(element, 'Ada Lovelace', 'remove');
            await flushPromises();
            choose(element, 'Ada Lovelace', 'remove');

            expect(cell(rowOf(element, 'Ada Lovelace'), 'edit')).toContain('Saving…');
            expect(menuOf(rowOf(element, 'Ada Lovelace')).disabled).toBe(true);
            refresh.resolve([{ ...ada, syncEnabled: false }]);
            await flushPromises();

            expect(setUserLicense).toHaveBeenCalledTimes(1);
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('Off');
            expect(menuOf(rowOf(element, 'Ada Lovelace')).disabled).toBe(false);
        });

        it('re-reads the user after a CONFLICT result for that user too', async () => {
            const element = render();
            jest.mocked(setUserLicense).mockResolvedValueOnce({
                succeeded: 0,
                failed: 1,
                correlationId: 'corr-conflict',
                results: [{ userId: GRACE, succeeded: false, errorCode: 'CONFLICT', message: conflictMessage }]
            });
            jest.mocked(refreshUserStates).mockResolvedValueOnce([{ ...grace, licenseType: 'CORE' }]);

            choose(element, 'Grace Hopper', 'assign:PRO');
            await flushPromises();

            expect(refreshUserStates).toHaveBeenCalledWith({ userIds: [GRACE] });
            expect(cell(rowOf(element, 'Grace Hopper'), 'license')).toBe('Core');
        });

        it('leaves the row as it was when the user cannot be re-read either', async () => {
            const element = render();
            const toasts = captureToasts(element);
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError(conflict));
            jest.mocked(refreshUserStates).mockRejectedValueOnce(apexError(backendDown));

            choose(element, 'Ada Lovelace', 'sync');
            await flushPromises();

            expect(toasts).toHaveLength(1);
            expect(toasts[0].message).toContain(conflictMessage);
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('On');
            expect(menuOf(rowOf(element, 'Ada Lovelace')).disabled).toBe(false);
        });

        it('re-reads the users a bulk change met in conflict; they stay selected with the message', async () => {
            const element = render();
            select(element, 'Ada Lovelace');
            select(element, 'Edsger Dijkstra');
            await flushPromises();
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 1,
                failed: 1,
                correlationId: 'corr-bulk',
                results: [
                    { userId: ADA, succeeded: true, state: { ...ada, syncEnabled: false } },
                    { userId: EDSGER, succeeded: false, errorCode: 'CONFLICT', message: conflictMessage }
                ]
            });
            jest.mocked(refreshUserStates).mockResolvedValueOnce([{ ...edsger, licenseType: 'PRO' }]);

            byLabel(element, 'lightning-button', 'Disable CRM sync').click();
            await flushPromises();

            expect(refreshUserStates).toHaveBeenCalledWith({ userIds: [EDSGER] });
            const edsgerRow = rowOf(element, 'Edsger Dijkstra');
            expect(cell(edsgerRow, 'license')).toBe('Professional');
            expect(edsgerRow.querySelector('[data-id="row-error"]')?.textContent?.trim()).toBe(conflictMessage);
            expect(byLabel(element, 'lightning-input', 'Select Edsger Dijkstra').checked).toBe(true);
            expect(byLabel(element, 'lightning-button', 'Disable CRM sync').disabled).toBe(false);
            await expect(element).toBeAccessible();

            jest.mocked(setUserSync).mockResolvedValueOnce(
                changed({ ...edsger, licenseType: 'PRO', syncEnabled: false })
            );
            byLabel(element, 'lightning-button', 'Disable CRM sync').click();
            await flushPromises();

            expect(setUserSync).toHaveBeenLastCalledWith({ userIds: [EDSGER], enabled: false });
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'sync')).toBe('Off');
            expect(rowOf(element, 'Edsger Dijkstra').querySelector('[data-id="row-error"]')).toBeNull();
        });

        it('re-reads every selected user when Apex refuses the whole bulk change with CONFLICT', async () => {
            const element = render();
            select(element, 'Ada Lovelace');
            await flushPromises();
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError(conflict));
            jest.mocked(refreshUserStates).mockResolvedValueOnce([{ ...ada, syncEnabled: false }]);

            byLabel(element, 'lightning-button', 'Disable CRM sync').click();
            await flushPromises();

            expect(refreshUserStates).toHaveBeenCalledWith({ userIds: [ADA] });
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('Off');
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('1 selected');
        });

        it('re-reads nobody after failures of another kind', async () => {
            const element = render();
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError(backendDown));
            choose(element, 'Ada Lovelace', 'sync');
            select(element, 'Grace Hopper');
            await flushPromises();
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 0,
                failed: 1,
                results: [{ userId: GRACE, succeeded: false, errorCode: 'SEATS_EXHAUSTED', message: seatsExhausted }]
            });

            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(2);
            expect(refreshUserStates).not.toHaveBeenCalled();
        });
    });

    describe('selection and bulk changes', () => {
        it('enables CRM sync for the selected users and shows per-user failures in their rows', async () => {
            const element = render();
            const toasts = captureToasts(element);
            const onUsersChange = captureUsersChange(element);
            select(element, 'Grace Hopper');
            select(element, 'Alan Turing');
            await flushPromises();
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('2 selected');
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 1,
                failed: 1,
                correlationId: 'corr-bulk',
                results: [
                    {
                        userId: GRACE,
                        name: 'Grace Hopper',
                        succeeded: true,
                        state: { ...grace, syncEnabled: true, licenseType: 'CORE' }
                    },
                    {
                        userId: ALAN,
                        name: 'Alan Turing',
                        succeeded: false,
                        errorCode: 'USER_INACTIVE',
                        message: 'Alan Turing is inactive. Nothing was changed.',
                        state: { ...alan, licenseType: undefined }
                    }
                ],
                licensePools: poolsAfterChange
            });

            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledWith({ userIds: [GRACE, ALAN], enabled: true });
            expect(cell(rowOf(element, 'Grace Hopper'), 'sync')).toBe('On');
            const alanRow = rowOf(element, 'Alan Turing');
            expect(alanRow.querySelector('[data-id="row-error"]')?.textContent?.trim()).toBe(
                'Alan Turing is inactive. Nothing was changed.'
            );
            expect(cell(alanRow, 'license')).toBe('Professional');
            expect(toasts).toEqual([
                { title: '1 users updated, 1 not updated. See the messages in the list.', variant: 'warning' }
            ]);
            expect(usersChangeDetails(onUsersChange)).toEqual([
                { licensePools: poolsAfterChange, licensePoolsError: undefined }
            ]);
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('1 selected');
            expect(byLabel(element, 'lightning-input', 'Select Alan Turing').checked).toBe(true);
            await expect(element).toBeAccessible();
        });

        it('disables CRM sync for all selected users and clears the selection', async () => {
            const element = render();
            const toasts = captureToasts(element);
            select(element, 'Ada Lovelace');
            select(element, 'Edsger Dijkstra');
            await flushPromises();
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 2,
                failed: 0,
                results: [
                    { userId: ADA, succeeded: true, state: { ...ada, syncEnabled: false } },
                    { userId: EDSGER, succeeded: true, state: { ...edsger, syncEnabled: false } }
                ]
            });

            byLabel(element, 'lightning-button', 'Disable CRM sync').click();
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledWith({ userIds: [ADA, EDSGER], enabled: false });
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('Off');
            expect(cell(rowOf(element, 'Edsger Dijkstra'), 'sync')).toBe('Off');
            expect(toasts).toEqual([{ title: 'CRM sync updated for 2 users.', variant: 'success' }]);
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')).toBeNull();
        });

        it('clears a row’s message once a later change for that user succeeds', async () => {
            const element = render();
            select(element, 'Alan Turing');
            await flushPromises();
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 0,
                failed: 1,
                results: [{ userId: ALAN, succeeded: false }]
            });
            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();
            expect(rowOf(element, 'Alan Turing').querySelector('[data-id="row-error"]')?.textContent?.trim()).toBe(
                'Something unexpected went wrong. Try again; if it happens again, contact your Salesforce admin.'
            );

            jest.mocked(setUserLicense).mockResolvedValueOnce(changed({ ...alan, licenseType: undefined }));
            choose(element, 'Alan Turing', 'remove');
            await flushPromises();

            expect(rowOf(element, 'Alan Turing').querySelector('[data-id="row-error"]')).toBeNull();
        });

        it('fires no userschange when every selected user failed', async () => {
            const element = render();
            const onUsersChange = captureUsersChange(element);
            select(element, 'Alan Turing');
            await flushPromises();
            jest.mocked(setUserSync).mockResolvedValueOnce({
                succeeded: 0,
                failed: 1,
                results: [{ userId: ALAN, succeeded: false, message: 'Alan Turing is inactive.' }]
            });

            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();

            expect(onUsersChange).not.toHaveBeenCalled();
        });

        it('reports a bulk change Apex refused in an error toast and keeps the selection', async () => {
            const element = render();
            const toasts = captureToasts(element);
            select(element, 'Ada Lovelace');
            await flushPromises();
            jest.mocked(setUserSync).mockRejectedValueOnce(apexError({ ...backendDown, correlationId: null }));

            byLabel(element, 'lightning-button', 'Disable CRM sync').click();
            await flushPromises();

            expect(toasts).toEqual([
                { title: 'That didn’t work', message: backendDown.message, variant: 'error', mode: 'sticky' }
            ]);
            expect(cell(rowOf(element, 'Ada Lovelace'), 'sync')).toBe('On');
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('1 selected');
        });

        it('sends one bulk change however often the admin clicks while it saves', async () => {
            const save = deferred<UserChangeSummary>();
            jest.mocked(setUserSync).mockReturnValueOnce(save.promise);
            const element = render();
            select(element, 'Grace Hopper');
            await flushPromises();

            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();
            byLabel(element, 'lightning-button', 'Enable CRM sync').click();

            expect(byLabel(element, 'lightning-button', 'Enable CRM sync').disabled).toBe(true);
            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('Saving…');
            expect(menuOf(rowOf(element, 'Grace Hopper')).disabled).toBe(true);
            save.resolve(changed({ ...grace, syncEnabled: true }));
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(1);
        });

        it('selects and unselects all users on the page', async () => {
            const element = render();
            const selectAll = byLabel(element, 'lightning-input', 'Select all users on this page');

            change(selectAll, { checked: true });
            await flushPromises();

            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('4 selected');
            expect(all(shadow(element), 'tbody lightning-input').every((box) => box.checked === true)).toBe(true);
            expect(selectAll.checked).toBe(true);

            change(selectAll, { checked: false });
            await flushPromises();

            expect(shadow(element).querySelector('[data-id="bulk-bar"]')).toBeNull();
            expect(selectAll.checked).toBe(false);
        });

        it('unselects a row when its box is cleared', async () => {
            const element = render();
            select(element, 'Ada Lovelace');
            select(element, 'Grace Hopper');
            select(element, 'Ada Lovelace', false);
            await flushPromises();

            expect(shadow(element).querySelector('[data-id="bulk-bar"]')?.textContent).toContain('1 selected');
            expect(byLabel(element, 'lightning-input', 'Select Grace Hopper').checked).toBe(true);
        });

        it('clears the selection when another page is shown', async () => {
            const element = render();
            select(element, 'Ada Lovelace');
            await flushPromises();

            await goToSecondPage(element);

            expect(shadow(element).querySelector('[data-id="bulk-bar"]')).toBeNull();
        });
    });

    describe('without a connection', () => {
        it('disables the Edit menus and the bulk buttons and sends nothing', async () => {
            const element = render({ initialPage: firstPage, connected: false });
            select(element, 'Ada Lovelace');
            await flushPromises();

            expect(all(shadow(element), 'lightning-button-menu').every((menu) => menu.disabled === true)).toBe(true);
            expect(byLabel(element, 'lightning-button', 'Enable CRM sync').disabled).toBe(true);
            expect(byLabel(element, 'lightning-button', 'Disable CRM sync').disabled).toBe(true);
            choose(element, 'Ada Lovelace', 'sync');
            byLabel(element, 'lightning-button', 'Enable CRM sync').click();
            await flushPromises();

            expect(setUserSync).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });
    });
});
