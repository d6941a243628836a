import CrmSyncSyncErrors from 'c/crmSyncSyncErrors';
import getSyncErrors from '@salesforce/apex/CrmSyncAdminController.getSyncErrors';
import retrySyncErrors from '@salesforce/apex/CrmSyncAdminController.retrySyncErrors';
import retrySyncErrorCause from '@salesforce/apex/CrmSyncAdminController.retrySyncErrorCause';
import type { JobView, SyncErrorPage, SyncErrorRetry, SyncErrorView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { StateChangeDetail } from 'c/crmSyncSyncErrors';
import type { JobStartDetail } from 'c/crmSyncUserTable';
import type { BaseComponent } from 'crm-sync/test-utils';
import { apexError, captureEvents, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getSyncErrors', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.retrySyncErrors', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncAdminController.retrySyncErrorCause', () => ({ default: jest.fn() }), {
    virtual: true
});

type SyncErrorsElement = HTMLElement & { userId?: string; refresh(): Promise<void>; focusFilter(): Promise<void> };
type Alert = HTMLElement & { error?: CrmSyncError };

const getMock = getSyncErrors as jest.MockedFunction<typeof getSyncErrors>;
const retryMock = retrySyncErrors as jest.MockedFunction<typeof retrySyncErrors>;
const retryCauseMock = retrySyncErrorCause as jest.MockedFunction<typeof retrySyncErrorCause>;

const bjoern: SyncErrorView = {
    id: 'se-1',
    userId: '0057Q0000000004QAA',
    userName: 'Björn Weiß',
    cause: 'record_rejected',
    causeLabel: 'Record rejected by the CRM',
    fix: 'The CRM refused a value of a record; the details say which. Correct the record in Salesforce, then retry.',
    message: 'CRM refused the contact owner: the mailbox is full.',
    recordType: 'contact',
    recordsLabel: 'Contacts: 1',
    firstSeenAt: '2026-11-26T08:00:00.000Z',
    lastSeenAt: '2026-11-27T06:00:00.000Z'
};
const priya: SyncErrorView = {
    ...bjoern,
    id: 'se-2',
    userId: '0057Q0000000002QAA',
    userName: 'Priya Raman',
    cause: 'not_matched',
    causeLabel: 'Not matched',
    fix: "The user's email has no CRM account. Check the email on the user record, or invite the user to the CRM with this email, then retry.",
    message: 'No CRM account has the e-mail priya.raman@acme.example.',
    recordsLabel: "The user's CRM account"
};
const twoCauses: SyncErrorPage = {
    errors: [bjoern, priya],
    groups: [
        { cause: 'not_matched', label: 'Not matched', fix: priya.fix, count: 231, userCount: 231 },
        { cause: 'record_rejected', label: 'Record rejected by the CRM', fix: bjoern.fix, count: 9, userCount: 7 }
    ],
    total: 240,
    nextCursor: 'c2UtMg'
};
const none: SyncErrorPage = { errors: [], groups: [], total: 0 };
const resolvedOne: SyncErrorRetry = {
    resolved: 1,
    failed: 0,
    unknown: 0,
    remaining: 0,
    stillFailing: [],
    states: [{ userId: bjoern.userId, name: 'Björn Weiß', status: 'Synced', syncEnabled: true }]
};
const rateLimited: CrmSyncError = {
    code: 'RATE_LIMITED',
    message: 'The CRM sync service is busy. Nothing was changed. Try again in 30 seconds.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};

async function render(page: SyncErrorPage = twoCauses, props: Partial<SyncErrorsElement> = {}) {
    getMock.mockResolvedValue(page);
    const element = renderElement<SyncErrorsElement>('c-crm-sync-sync-errors', CrmSyncSyncErrors, props);
    await flushPromises();
    return element;
}

const text = (element: HTMLElement, id: string) => query(element, `[data-id="${id}"]`)?.textContent?.trim();
const all = <T extends Element = BaseComponent>(element: HTMLElement, selector: string) =>
    Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []);
const button = (element: HTMLElement, id: string, index = 0) =>
    all<BaseComponent & HTMLElement>(element, `lightning-button[data-id="${id}"]`)[index];
const check = async (input: Element | undefined, checked: boolean) => {
    input?.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
    await flushPromises();
};

describe('c-crm-sync-sync-errors', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('reads the newest page of errors of every user and cause', async () => {
        await render();
        expect(getMock).toHaveBeenCalledWith({ query: {} });
    });

    it('groups the errors by cause, each with its counts, its fix and a Retry all button', async () => {
        const element = await render();
        const groups = all<HTMLElement>(element, 'li[data-cause]');
        expect(groups.map((group) => group.dataset.cause)).toEqual(['not_matched', 'record_rejected']);
        expect(groups[0].querySelector('[data-id="group-count"]')?.textContent?.trim()).toBe(
            'Errors: 231 · Users: 231'
        );
        expect(groups[0].querySelector('[data-id="fix"]')?.textContent).toContain(priya.fix);
        expect(button(element, 'retry-cause').label).toBe('Retry all: Not matched');
        expect(text(element, 'total')).toBe('Open errors: 240');
        await expect(element).toBeAccessible();
    });

    it('lists each error with its user linked to the user record, cause, records and details', async () => {
        const element = await render();
        const row = query(element, 'tr[data-error-id="se-1"]');
        const link = row?.querySelector('[data-cell="user"] a');
        expect(link?.textContent).toBe('Björn Weiß');
        expect(link?.getAttribute('href')).toBe(`/lightning/r/User/${bjoern.userId}/view`);
        expect(row?.querySelector('[data-cell="cause"]')?.textContent).toBe('Record rejected by the CRM');
        expect(row?.querySelector('[data-cell="records"]')?.textContent).toBe('Contacts: 1');
        expect(row?.querySelector('[data-cell="details"]')?.textContent).toBe(bjoern.message);
    });

    it('says so when no error is open', async () => {
        const element = await render(none);
        expect(text(element, 'empty')).toBe('No sync errors. Every user with CRM sync syncs.');
        expect(query(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows one user's errors when the panel names the user, and the way back to all", async () => {
        const element = await render({ ...none, userName: 'Björn Weiß' }, { userId: bjoern.userId });
        expect(getMock).toHaveBeenLastCalledWith({ query: { userId: bjoern.userId } });
        expect(text(element, 'filter')).toBe('Showing the sync errors of Björn Weiß.');
        expect(text(element, 'empty')).toBe('Björn Weiß has no open sync errors.');

        getMock.mockResolvedValue(twoCauses);
        button(element, 'show-all').click();
        await flushPromises();
        expect(getMock).toHaveBeenLastCalledWith({ query: {} });
        expect(text(element, 'filter')).toBeUndefined();
    });

    it('moves the focus to the note whose errors are shown, for the status link', async () => {
        const element = await render({ ...twoCauses, userName: 'Björn Weiß' }, { userId: bjoern.userId });
        await element.focusFilter();
        expect(element.shadowRoot?.activeElement).toBe(query(element, '[data-id="filter"]'));
    });

    it('lists the errors of one cause when asked', async () => {
        const element = await render();
        button(element, 'show-cause', 1).click();
        await flushPromises();
        expect(getMock).toHaveBeenLastCalledWith({ query: { cause: 'record_rejected' } });
    });

    it('adds the next page below the errors shown', async () => {
        const element = await render();
        getMock.mockResolvedValue({ ...twoCauses, errors: [{ ...priya, id: 'se-3' }], nextCursor: undefined });
        button(element, 'load-more').click();
        await flushPromises();
        expect(getMock).toHaveBeenLastCalledWith({ query: { cursor: 'c2UtMg' } });
        expect(all(element, 'tbody tr')).toHaveLength(3);
        expect(button(element, 'load-more')).toBeUndefined();
    });

    it('retries one error, says what happened, hands the new states to the panel and reads the list again', async () => {
        const element = await render();
        const states = captureEvents<StateChangeDetail>(element, 'statechange');
        retryMock.mockResolvedValue(resolvedOne);
        getMock.mockResolvedValue({ ...twoCauses, errors: [priya] });
        button(element, 'retry-error').click();
        await flushPromises();

        expect(retryMock).toHaveBeenCalledWith({ errorIds: ['se-1'] });
        expect(text(element, 'outcome')).toBe('Retry finished. Resolved: 1. Still failing: 0. No longer open: 0.');
        expect(states).toEqual([{ states: resolvedOne.states }]);
        expect(all(element, 'tbody tr')).toHaveLength(1);
    });

    it('retries the selected errors in one call', async () => {
        const element = await render();
        await check(all(element, 'lightning-input[data-id="select-error"]')[0], true);
        await check(all(element, 'lightning-input[data-id="select-error"]')[1], true);
        expect(button(element, 'retry-selected').label).toBe('Retry selected (2)');
        retryMock.mockResolvedValue({ ...resolvedOne, resolved: 1, failed: 1 });
        button(element, 'retry-selected').click();
        await flushPromises();
        expect(retryMock).toHaveBeenCalledWith({ errorIds: ['se-1', 'se-2'] });
        expect(text(element, 'outcome')).toBe('Retry finished. Resolved: 1. Still failing: 1. No longer open: 0.');
    });

    it('selects every shown error at once', async () => {
        const element = await render();
        await check(query(element, 'lightning-input[data-id="select-all"]') ?? undefined, true);
        expect(button(element, 'retry-selected').label).toBe('Retry selected (2)');
        expect(button(element, 'retry-selected').disabled).toBe(false);
    });

    it('retries a whole cause at once when one call takes all of it', async () => {
        const element = await render();
        retryCauseMock.mockResolvedValue({ ...resolvedOne, resolved: 150, failed: 50 });
        button(element, 'retry-cause').click();
        await flushPromises();
        expect(retryCauseMock).toHaveBeenCalledWith({ cause: 'not_matched' });
        expect(text(element, 'outcome')).toBe('Retry finished. Resolved: 150. Still failing: 50. No longer open: 0.');
    });

    it('hands a whole cause with more errors than one call takes to a background job the panel shows', async () => {
        const element = await render();
        const started = captureEvents<JobStartDetail>(element, 'jobstart');
        const job: JobView = {
            id: 'a01000000000001AAA',
            name: 'JOB-000042',
            operation: 'Retry_Sync_Errors',
            causeLabel: 'Not matched',
            status: 'Queued',
            active: true,
            total: 231,
            processed: 0
        };
        retryCauseMock.mockResolvedValue({ resolved: 0, failed: 0, unknown: 0, remaining: 0, job });
        button(element, 'retry-cause').click();
        await flushPromises();
        expect(started).toEqual([{ job }]);
        expect(text(element, 'outcome')).toBe(
            '231 errors are retried in the background as job JOB-000042. Its progress shows under License management; you can leave this page.'
        );
    });

    it('still announces a queued job the answer describes only partly', async () => {
        const element = await render();
        const started = captureEvents<JobStartDetail>(element, 'jobstart');
        retryCauseMock.mockResolvedValue({ job: { active: true } });
        button(element, 'retry-cause').click();
        await flushPromises();
        expect(started).toEqual([{ job: { active: true } }]);
        expect(text(element, 'outcome')).toMatch(/^0 errors are retried in the background as job \./);
    });

    it('says so when a cause had nothing left to retry', async () => {
        const element = await render();
        retryCauseMock.mockResolvedValue({
            resolved: 0,
            failed: 0,
            unknown: 0,
            remaining: 0,
            stillFailing: [],
            states: []
        });
        button(element, 'retry-cause').click();
        await flushPromises();
        expect(text(element, 'outcome')).toBe('No open errors are left to retry.');
    });

    it('keeps the selection when a retry fails, and Try again repeats it', async () => {
        const element = await render();
        await check(all(element, 'lightning-input[data-id="select-error"]')[0], true);
        retryMock.mockRejectedValueOnce(apexError(rateLimited, 429));
        button(element, 'retry-selected').click();
        await flushPromises();

        const alert = query<Alert>(element, 'c-crm-sync-error-alert');
        expect(alert?.error?.message).toBe(rateLimited.message);
        expect(button(element, 'retry-selected').label).toBe('Retry selected (1)');

        retryMock.mockResolvedValue(resolvedOne);
        alert?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(retryMock).toHaveBeenLastCalledWith({ errorIds: ['se-1'] });
        expect(query(element, 'c-crm-sync-error-alert')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('disables the retry buttons while a retry runs', async () => {
        const element = await render();
        const running = deferred<SyncErrorRetry>();
        retryMock.mockReturnValue(running.promise);
        button(element, 'retry-error').click();
        await flushPromises();
        expect(button(element, 'retry-cause').disabled).toBe(true);
        expect(query<BaseComponent>(element, 'lightning-spinner')?.alternativeText).toBe('Retrying…');
        running.resolve(resolvedOne);
        await flushPromises();
        expect(button(element, 'retry-cause').disabled).toBe(false);
    });

    it('shows a failed read with the way to try again', async () => {
        getMock.mockRejectedValue(apexError(rateLimited, 429));
        const element = renderElement<SyncErrorsElement>('c-crm-sync-sync-errors', CrmSyncSyncErrors);
        await flushPromises();
        expect(query<Alert>(element, 'c-crm-sync-error-alert')?.error?.code).toBe('RATE_LIMITED');
        getMock.mockResolvedValue(twoCauses);
        query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(all(element, 'tbody tr')).toHaveLength(2);
    });
});
