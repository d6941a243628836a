import CrmSyncRecentActivity, { LIST_VIEW_URL, REPORTS_URL } from 'c/crmSyncRecentActivity';
import getRecentActivity from '@salesforce/apex/CrmSyncAdminController.getRecentActivity';
import exportActivity from '@salesforce/apex/CrmSyncAdminController.exportActivity';
import type { ActivityExportChunk, ActivityPage, ActivityQuery } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { BaseComponent } from 'crm-sync/test-utils';
import { apexError, captureToasts, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getRecentActivity', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncAdminController.exportActivity', () => ({ default: jest.fn() }), {
    virtual: true
});

type Alert = HTMLElement & { error?: CrmSyncError };

const readMock = getRecentActivity as unknown as jest.Mock<Promise<ActivityPage>, [{ query: ActivityQuery | null }]>;
const exportMock = exportActivity as unknown as jest.Mock<
    Promise<ActivityExportChunk>,
    [{ query: ActivityQuery | null; after: string | null }]
>;

const failedEnable = {
    id: 'a0B000000000002AAA',
    name: 'AUD-0000002',
    occurredAt: '2026-11-27T09:30:00.000Z',
    action: 'Enable_User_Sync',
    outcome: 'Failed',
    actorName: 'Dana Whitfield',
    targetCount: 1200,
    errorCode: 'SEATS_EXHAUSTED',
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000002'
};
const linked = {
    id: 'a0B000000000001AAA',
    name: 'AUD-0000001',
    occurredAt: '2026-11-27T08:00:00.000Z',
    action: 'Link_Org',
    outcome: 'Succeeded',
    actorName: '=cmd|Mallory',
    targetCount: 0,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};
const page: ActivityPage = {
    entries: [failedEnable, linked],
    hasMore: false,
    actions: ['Link_Org', 'Enable_User_Sync'],
    outcomes: ['Succeeded', 'Failed']
};

const timeout: CrmSyncError = {
    code: 'TIMEOUT',
    message: 'The request took too long. Try again.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000009'
};

let blobs: Blob[];

type ActivityElement = HTMLElement & { activity?: ActivityPage };

/** Renders the card with the entries the panel's state brought. */
async function render(activity: ActivityPage = page): Promise<ActivityElement> {
    const element = renderElement<ActivityElement>('c-crm-sync-recent-activity', CrmSyncRecentActivity, {
        activity
    });
    await flushPromises();
    return element;
}

const combobox = (element: HTMLElement, name: string) =>
    query<BaseComponent>(element, `lightning-combobox[data-id="${name}"]`) as BaseComponent;
const exportButton = (element: HTMLElement) =>
    query<BaseComponent>(element, 'lightning-button[data-id="export"]') as BaseComponent;
const status = (element: HTMLElement) => query(element, '[data-id="status"]')?.textContent?.trim();
/** Each entry's cells after the time (the date-time stub renders no text). */
const cells = (element: HTMLElement) =>
    Array.from(element.shadowRoot?.querySelectorAll('tr[data-id="entry"]') ?? []).map((row) =>
        Array.from(row.querySelectorAll('td'))
            .slice(1)
            .map((cell) => cell.textContent?.trim())
    );

async function choose(element: HTMLElement, name: string, value: string): Promise<void> {
    combobox(element, name).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

function readBlob(blob: Blob): Promise<string> {
    return new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blob);
    });
}

describe('c-crm-sync-recent-activity', () => {
    beforeEach(() => {
        blobs = [];
        URL.createObjectURL = jest.fn((blob: Blob) => {
            blobs.push(blob);
            return 'blob:activity';
        });
        URL.revokeObjectURL = jest.fn();
    });

    afterEach(() => {
        document.body.replaceChildren();
        // Resets what each test made the Apex mocks answer, not only their calls.
        jest.resetAllMocks();
    });

    it('shows the entries the panel read without reading them again', async () => {
        const element = await render();
        expect(cells(element)).toHaveLength(2);
        expect(readMock).not.toHaveBeenCalled();
    });

    it('reads again with the chosen filter when the panel brings a new state', async () => {
        readMock.mockResolvedValue(page);
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        element.activity = { ...page };
        await flushPromises();
        expect(readMock).toHaveBeenCalledTimes(2);
        expect(readMock).toHaveBeenLastCalledWith({ query: { action: undefined, outcome: 'Failed' } });
    });

    it('takes a new state of the panel as it is while no filter is chosen', async () => {
        const element = await render();
        element.activity = { ...page, entries: [linked] };
        await flushPromises();
        expect(cells(element)).toHaveLength(1);
        expect(readMock).not.toHaveBeenCalled();
    });

    it('shows who, what, how many users, the outcome in words and the reference of each entry', async () => {
        const element = await render();
        expect(cells(element)).toEqual([
            ['Dana Whitfield', 'Enable CRM sync', '1,200', 'Failed', failedEnable.correlationId],
            ['=cmd|Mallory', 'Link org', '0', 'Succeeded', linked.correlationId]
        ]);
    });

    it('offers the actions and outcomes Apex accepts, each in words, after "all"', async () => {
        const element = await render();
        expect(combobox(element, 'action').options).toEqual([
            { label: 'All actions', value: '' },
            { label: 'Link org', value: 'Link_Org' },
            { label: 'Enable CRM sync', value: 'Enable_User_Sync' }
        ]);
        expect(combobox(element, 'outcome').options?.map((option) => option.label)).toEqual([
            'All outcomes',
            'Succeeded',
            'Failed'
        ]);
    });

    it('reads again with both filters when one changes', async () => {
        readMock.mockResolvedValue(page);
        const element = await render();
        await choose(element, 'action', 'Enable_User_Sync');
        await choose(element, 'outcome', 'Failed');
        expect(readMock).toHaveBeenLastCalledWith({ query: { action: 'Enable_User_Sync', outcome: 'Failed' } });
    });

    it('keeps the answer of the newest filter when an older answer arrives late', async () => {
        const slow = deferred<ActivityPage>();
        readMock.mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ ...page, entries: [linked] });
        const element = await render();
        await choose(element, 'action', 'Enable_User_Sync');
        await choose(element, 'action', 'Link_Org');
        slow.resolve(page);
        await flushPromises();
        expect(cells(element)).toHaveLength(1);
    });

    it('says in words how many entries it shows', async () => {
        const element = await render();
        expect(status(element)).toBe('2 entries');
    });

    it('says when only the newest entries are shown', async () => {
        const element = await render({ ...page, hasMore: true });
        expect(status(element)).toBe('The 2 newest entries. The full list and the export have all of them.');
    });

    it('says when nothing matches the filters', async () => {
        readMock.mockResolvedValueOnce({ ...page, entries: [] });
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        expect(status(element)).toBe('No audit entries match these filters. Choose other filters.');
        expect(query(element, 'table')).toBeNull();
    });

    it('says when nothing was recorded yet', async () => {
        const element = await render({ ...page, entries: [] });
        expect(status(element)).toBe('No admin actions have been recorded yet.');
    });

    it('shows a spinner until the panel’s state arrives', async () => {
        const element = renderElement<ActivityElement>('c-crm-sync-recent-activity', CrmSyncRecentActivity);
        await flushPromises();
        expect(query(element, 'lightning-spinner')).not.toBeNull();
    });

    it('shows a spinner while a filter reads', async () => {
        readMock.mockReturnValue(deferred<ActivityPage>().promise);
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        expect(query(element, 'lightning-spinner')).not.toBeNull();
    });

    it('shows a failed read with its reference and reads again on "Try again"', async () => {
        readMock.mockRejectedValueOnce(apexError(timeout)).mockResolvedValueOnce(page);
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        const alert = query<Alert>(element, 'c-crm-sync-error-alert') as Alert;
        expect(alert.error).toEqual(timeout);
        alert.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(cells(element)).toHaveLength(2);
    });

    it('links to the full list view and to the reports', async () => {
        const element = await render();
        expect(query<HTMLAnchorElement>(element, 'a[data-id="list-view"]')?.getAttribute('href')).toBe(LIST_VIEW_URL);
        expect(query<HTMLAnchorElement>(element, 'a[data-id="reports"]')?.getAttribute('href')).toBe(REPORTS_URL);
    });

    it('exports every entry of the filters, chunk after chunk', async () => {
        readMock.mockResolvedValue(page);
        exportMock.mockResolvedValueOnce({ rows: [failedEnable], nextAfter: 'next' }).mockResolvedValueOnce({
            rows: [linked]
        });
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        exportButton(element).click();
        await flushPromises();
        expect(exportMock.mock.calls.map(([params]) => params)).toEqual([
            { query: { action: undefined, outcome: 'Failed' }, after: null },
            { query: { action: undefined, outcome: 'Failed' }, after: 'next' }
        ]);
    });

    it('downloads one CSV with the headers in the admin language, formulas defused', async () => {
        exportMock.mockResolvedValueOnce({ rows: [failedEnable, linked] });
        const element = await render();
        exportButton(element).click();
        await flushPromises();
        const lines = (await readBlob(blobs[0])).replace('\uFEFF', '').split('\r\n');
        expect(lines).toEqual([
            'Entry,When,Who,Action,Users,Outcome,Error code,Reference for support',
            `AUD-0000002,2026-11-27T09:30:00.000Z,Dana Whitfield,Enable CRM sync,1200,Failed,SEATS_EXHAUSTED,${failedEnable.correlationId}`,
            `AUD-0000001,2026-11-27T08:00:00.000Z,'=cmd|Mallory,Link org,0,Succeeded,,${linked.correlationId}`
        ]);
    });

    it('says how far the export is and disables the button meanwhile', async () => {
        const pending = deferred<ActivityExportChunk>();
        exportMock
            .mockResolvedValueOnce({ rows: [failedEnable], nextAfter: 'next' })
            .mockReturnValueOnce(pending.promise);
        const element = await render();
        exportButton(element).click();
        await flushPromises();
        expect(query(element, '[data-id="export-status"]')?.textContent?.trim()).toBe('Exporting… 1 entries');
        expect(exportButton(element).disabled).toBe(true);
        pending.resolve({ rows: [linked] });
        await flushPromises();
        expect(exportButton(element).disabled).toBe(false);
    });

    it('reports a failed export in a sticky toast with the reference and downloads nothing', async () => {
        exportMock.mockRejectedValueOnce(apexError(timeout));
        const element = await render();
        const toasts = captureToasts(element);
        exportButton(element).click();
        await flushPromises();
        expect(blobs).toHaveLength(0);
        expect(toasts).toEqual([
            expect.objectContaining({ title: 'The export failed', variant: 'error', mode: 'sticky' })
        ]);
        expect(toasts[0].message).toContain(timeout.correlationId);
    });

    it('confirms the export with the number of entries', async () => {
        exportMock.mockResolvedValueOnce({ rows: [failedEnable, linked] });
        const element = await render();
        const toasts = captureToasts(element);
        exportButton(element).click();
        await flushPromises();
        expect(toasts).toEqual([expect.objectContaining({ title: '2 audit entries exported', variant: 'success' })]);
    });

    it('offers no export while nothing matches', async () => {
        const element = await render({ ...page, entries: [] });
        expect(exportButton(element).disabled).toBe(true);
    });

    it('is accessible with entries', async () => {
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it('is accessible with an error', async () => {
        readMock.mockRejectedValue(apexError(timeout));
        const element = await render();
        await choose(element, 'outcome', 'Failed');
        await expect(element).toBeAccessible();
    });
});
