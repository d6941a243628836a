import CrmSyncUserFilters from 'c/crmSyncUserFilters';
import type { QueryChangeDetail, UserFilters } from 'c/crmSyncUserFilters';
import { byLabel, captureEvents, flushPromises, renderElement } from 'crm-sync/test-utils';

const NO_FILTERS: UserFilters = {
    searchTerm: '',
    syncFilter: 'all',
    licenseFilter: 'all',
    statusFilter: 'all',
    includeInactive: false
};

type FiltersElement = HTMLElement & { filters?: UserFilters };

/** As the table renders it: with the filters it applies, passing every querychange back. */
function render(filters: UserFilters = NO_FILTERS): { element: FiltersElement; changes: UserFilters[] } {
    const element = renderElement<FiltersElement>('c-crm-sync-user-filters', CrmSyncUserFilters, { filters });
    const changes: UserFilters[] = [];
    element.addEventListener('querychange', (event) => {
        const { filters: changed } = (event as CustomEvent<QueryChangeDetail>).detail;
        changes.push(changed);
        element.filters = changed;
    });
    return { element, changes };
}

function change(target: HTMLElement, detail: { value: string } | { checked: boolean }): void {
    target.dispatchEvent(new CustomEvent('change', { detail }));
}

function search(element: HTMLElement, value: string): void {
    change(byLabel(element, 'lightning-input', 'Search users'), { value });
}

function text(element: HTMLElement): string {
    return element.shadowRoot?.textContent ?? '';
}

describe('c-crm-sync-user-filters', () => {
    beforeEach(() => {
        jest.useFakeTimers();
    });

    afterEach(() => {
        jest.useRealTimers();
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('labels the search box and the filters in the admin’s words', async () => {
        const { element } = render();

        expect(byLabel(element, 'lightning-input', 'Search users').placeholder).toBe('Name, username or email');
        expect(byLabel(element, 'lightning-combobox', 'CRM sync').options?.map((o) => o.label)).toEqual([
            'All',
            'CRM sync on',
            'CRM sync off'
        ]);
        expect(byLabel(element, 'lightning-combobox', 'License').options?.map((o) => o.label)).toEqual([
            'All',
            'Licensed',
            'Unlicensed'
        ]);
        expect(byLabel(element, 'lightning-combobox', 'Status').options?.map((o) => o.label)).toEqual([
            'All',
            'Synced',
            'Pending',
            'Not matched',
            'Error'
        ]);
        expect(byLabel(element, 'lightning-input', 'Include inactive users').checked).toBe(false);
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it('shows the filters the table applies', () => {
        const { element } = render({
            searchTerm: 'ada',
            syncFilter: 'on',
            licenseFilter: 'unlicensed',
            statusFilter: 'Error',
            includeInactive: true
        });

        expect(byLabel(element, 'lightning-input', 'Search users').value).toBe('ada');
        expect(byLabel(element, 'lightning-combobox', 'CRM sync').value).toBe('on');
        expect(byLabel(element, 'lightning-combobox', 'License').value).toBe('unlicensed');
        expect(byLabel(element, 'lightning-combobox', 'Status').value).toBe('Error');
        expect(byLabel(element, 'lightning-input', 'Include inactive users').checked).toBe(true);
    });

    it('sends the search once the admin pauses typing, trimmed', () => {
        const { element, changes } = render();

        search(element, 'ad');
        jest.advanceTimersByTime(200);
        search(element, 'ada ');
        jest.advanceTimersByTime(299);
        expect(changes).toEqual([]);
        jest.advanceTimersByTime(1);

        expect(changes).toEqual([{ ...NO_FILTERS, searchTerm: 'ada' }]);
    });

    it('sends nothing for a 1-character term and tells the admin to type more', async () => {
        const { element, changes } = render();

        search(element, 'a');
        jest.advanceTimersByTime(1000);
        jest.useRealTimers();
        await flushPromises();

        expect(changes).toEqual([]);
        expect(text(element)).toContain('Type at least 2 characters to search.');
        await expect(element).toBeAccessible();
    });

    it('lists everyone again when the search is cleared', () => {
        const { element, changes } = render();
        search(element, 'ada');
        jest.advanceTimersByTime(300);

        search(element, '');
        jest.advanceTimersByTime(300);

        expect(changes.map((filters) => filters.searchTerm)).toEqual(['ada', '']);
    });

    it('sends nothing when the term only changed by spaces', () => {
        const { element, changes } = render();
        search(element, 'ada');
        jest.advanceTimersByTime(300);

        search(element, ' ada ');
        jest.advanceTimersByTime(300);

        expect(changes).toHaveLength(1);
    });

    it.each([
        ['CRM sync', 'on', { syncFilter: 'on' }],
        ['CRM sync', 'off', { syncFilter: 'off' }],
        ['License', 'unlicensed', { licenseFilter: 'unlicensed' }],
        ['Status', 'Not_Matched', { statusFilter: 'Not_Matched' }]
    ])('sends "%s" = %s at once, with the other filters as they are', (label, value, expected) => {
        const { element, changes } = render({ ...NO_FILTERS, searchTerm: 'ada', includeInactive: true });

        change(byLabel(element, 'lightning-combobox', label), { value });

        expect(changes).toEqual([{ ...NO_FILTERS, searchTerm: 'ada', includeInactive: true, ...expected }]);
    });

    it('sends "Include inactive users" when the checkbox is ticked', () => {
        const { element, changes } = render();

        change(byLabel(element, 'lightning-input', 'Include inactive users'), { checked: true });

        expect(changes).toEqual([{ ...NO_FILTERS, includeInactive: true }]);
    });

    it('keeps what the admin is typing when a filter changes meanwhile', async () => {
        const { element, changes } = render();
        search(element, 'ada ');
        jest.advanceTimersByTime(300);
        search(element, 'ada l');

        change(byLabel(element, 'lightning-combobox', 'CRM sync'), { value: 'on' });
        await Promise.resolve();
        jest.advanceTimersByTime(300);

        expect(byLabel(element, 'lightning-input', 'Search users').value).toBe('ada l');
        expect(changes).toEqual([
            { ...NO_FILTERS, searchTerm: 'ada' },
            { ...NO_FILTERS, searchTerm: 'ada', syncFilter: 'on' },
            { ...NO_FILTERS, searchTerm: 'ada l', syncFilter: 'on' }
        ]);
    });

    it('clears the search box and drops a waiting search when the table resets the filters', async () => {
        const { element, changes } = render();
        search(element, 'ada');
        jest.advanceTimersByTime(300);
        search(element, 'grace');

        element.filters = NO_FILTERS;
        await Promise.resolve();
        jest.advanceTimersByTime(300);

        expect(byLabel(element, 'lightning-input', 'Search users').value).toBe('');
        expect(changes).toHaveLength(1);
    });

    it('sends no search after it left the page', () => {
        const { element } = render();
        const changes = captureEvents(element, 'querychange');
        search(element, 'ada');

        element.remove();
        jest.advanceTimersByTime(300);

        expect(changes).toEqual([]);
    });
});
