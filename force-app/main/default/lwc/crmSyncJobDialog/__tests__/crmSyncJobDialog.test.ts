import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import previewUserJob from '@salesforce/apex/CrmSyncJobController.previewUserJob';
import startUserJob from '@salesforce/apex/CrmSyncJobController.startUserJob';
import type { JobPreview, JobRequest, JobStart, JobView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import {
    apexError,
    deferred,
    flushPromises,
    query,
    renderElement,
    watchModalClose,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncJobController.previewUserJob', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.startUserJob', () => ({ default: jest.fn() }), { virtual: true });

type ModalElement = HTMLElement & { label: string; request?: JobRequest; disableClose?: boolean };

const { closed, reset: resetClosed } = watchModalClose();

const request: JobRequest = {
    operation: 'Enable_User_Sync',
    query: { syncFilter: 'off', licenseFilter: 'all', statusFilter: 'all', includeInactive: true }
};
/** 4,564 users match; 4,000 change, 500 already have sync on, 64 are inactive; the default pool has room. */
const asJob: JobPreview = {
    matching: 4564,
    changing: 4000,
    skipped: [
        { reason: 'already', count: 500 },
        { reason: 'inactive', count: 64 }
    ],
    seats: [{ licenseType: 'CORE', label: 'Core', needed: 3000, available: 3500, sufficient: true }],
    seatsSufficient: true,
    runsAsJob: true,
    callouts: 20,
    transactions: 4
};
const atOnce: JobPreview = {
    matching: 150,
    changing: 150,
    skipped: [
        { reason: 'already', count: 0 },
        { reason: 'inactive', count: 0 }
    ],
    seats: [],
    seatsSufficient: true,
    runsAsJob: false,
    callouts: 1,
    transactions: 0
};
const seatsShort: JobPreview = {
    ...asJob,
    seats: [{ licenseType: 'CORE', label: 'Core', needed: 3000, available: 1200, sufficient: false }],
    seatsSufficient: false
};
const queuedJob: JobView = {
    id: 'a01000000000001AAA',
    name: 'JOB-000012',
    operation: 'Enable_User_Sync',
    status: 'Queued',
    active: true,
    total: 4000,
    processed: 0,
    succeeded: 0,
    failed: 0,
    startedByName: 'Ada Lovelace',
    startedAt: '2026-12-06T09:30:00.000Z'
};
const jobRunning: CrmSyncError = {
    code: 'JOB_RUNNING',
    message:
        'Job JOB-000011, started by Grace Hopper, is still running (1000 of 5000 users done). Only one change for many users runs at a time: wait until it finishes or cancel it, then try again.',
    retryable: false,
    correlationId: 'corr-running'
};
const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

function render(props: Partial<ModalElement> = {}): ModalElement {
    // LightningModal.open() sets the label and the request from its config.
    return renderElement<ModalElement>('c-crm-sync-job-dialog', CrmSyncJobDialog, {
        label: 'Enable CRM sync',
        request,
        ...props
    });
}

async function renderWith(preview: JobPreview): Promise<ModalElement> {
    jest.mocked(previewUserJob).mockResolvedValue(preview);
    const element = render();
    await flushPromises();
    return element;
}

const button = (element: HTMLElement, id: string) => query<BaseComponent>(element, `[data-id="${id}"]`);
const body = (element: HTMLElement) => query(element, 'lightning-modal-body')?.textContent ?? '';
const count = (element: HTMLElement, id: string) => query(element, `[data-count="${id}"]`)?.textContent ?? null;
const errorAlert = (element: HTMLElement) => query(element, 'c-crm-sync-error-alert');

describe('c-crm-sync-job-dialog', () => {
    afterEach(() => {
        document.body.replaceChildren();
        resetClosed();
        jest.clearAllMocks();
    });

    it('asks for the dry run of the request on open and says so while it runs', async () => {
        jest.mocked(previewUserJob).mockReturnValue(deferred<JobPreview>().promise);
        const element = render();
        await flushPromises();

        expect(previewUserJob).toHaveBeenCalledWith({ request });
        expect(query<BaseComponent>(element, 'lightning-modal-header')?.label).toBe('Enable CRM sync');
        expect(body(element)).toContain(
            'This change is for every user who matches the current search and filters, on every page'
        );
        expect(query(element, '[role="status"]')?.textContent).toBe('Checking which users this changes…');
        expect(button(element, 'start')?.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('says that the change of an import is for the users found in the file', async () => {
        jest.mocked(previewUserJob).mockReturnValue(deferred<JobPreview>().promise);
        const importRequest: JobRequest = {
            operation: 'Enable_User_Sync',
            importKey: '0f8fad5b-d9cb-469f-a165-70867728950e'
        };
        const element = render({ label: 'Import CSV: Enable CRM sync', request: importRequest });
        await flushPromises();

        expect(previewUserJob).toHaveBeenCalledWith({ request: importRequest });
        expect(body(element)).toContain('This change is for the users found in the file you imported');
        expect(body(element)).not.toContain('current search and filters');
    });

    it('states how many users change and how many are skipped for which reason', async () => {
        const element = await renderWith(asJob);

        expect(count(element, 'matching')).toBe('4,564');
        expect(count(element, 'changing')).toBe('4,000');
        expect(count(element, 'skipped-already')).toBe('500');
        expect(count(element, 'skipped-inactive')).toBe('64');
        expect(body(element)).toContain('Skipped: already in that state');
        expect(body(element)).toContain('Skipped: inactive (only active users can be enabled or get a license)');
        await expect(element).toBeAccessible();
    });

    it('leaves out reasons no user was skipped for', async () => {
        const element = await renderWith(atOnce);

        expect(count(element, 'skipped-already')).toBeNull();
        expect(count(element, 'skipped-inactive')).toBeNull();
    });

    it('shows the seats the change takes against what the pool has left, and lets the admin start', async () => {
        const element = await renderWith(asJob);

        expect(query(element, '[data-id="seats"]')?.textContent).toBe('Core: 3,000 needed, 3,500 available');
        expect(query(element, '[data-id="seats-short"]')).toBeNull();
        expect(button(element, 'start')?.disabled).toBe(false);
    });

    it('warns and disables Start when a pool has fewer seats left than the change needs', async () => {
        const element = await renderWith(seatsShort);

        expect(query(element, '[data-id="seats-short"]')?.textContent).toBe(
            'Not enough Core seats: this change needs 3,000, and 1,200 are available. Remove licenses from other users, buy more seats, or narrow the search and filters.'
        );
        expect(query(element, '[data-id="seats-short"]')?.getAttribute('role')).toBe('alert');
        expect(button(element, 'start')?.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('disables Start when the answer says seats are short without naming the pool', async () => {
        const element = await renderWith({ ...asJob, seats: [], seatsSufficient: false });

        expect(button(element, 'start')?.disabled).toBe(true);
    });

    it('says a large change runs as a background job, with its calls and Apex transactions', async () => {
        const element = await renderWith(asJob);

        expect(query(element, '[data-id="run"]')?.textContent).toBe(
            'As a background job. You can leave this page: the progress shows above the user list, after a reload too, and for every admin.'
        );
        expect(count(element, 'callouts')).toBe('20');
        expect(count(element, 'transactions')).toBe('4');
    });

    it('says a small change runs at once, in one call, without a seat section', async () => {
        const element = await renderWith(atOnce);

        expect(query(element, '[data-id="run"]')?.textContent).toBe(
            'At once: the users change in one call to the CRM sync service.'
        );
        expect(count(element, 'callouts')).toBe('1');
        expect(count(element, 'transactions')).toBeNull();
        expect(query(element, '[data-id="seats"]')).toBeNull();
    });

    it('says there is nothing to start when no matching user needs the change', async () => {
        const element = await renderWith({ ...atOnce, matching: 12, changing: 0, callouts: 0 });

        expect(query(element, '[data-id="nothing-to-change"]')?.textContent?.trim()).toBe(
            'No matching user needs this change, so there is nothing to start.'
        );
        expect(query(element, '[data-id="run"]')).toBeNull();
        expect(button(element, 'start')?.disabled).toBe(true);
    });

    it('shows a failed dry run and asks again on "Try again"', async () => {
        jest.mocked(previewUserJob).mockRejectedValueOnce(apexError(backendDown)).mockResolvedValueOnce(asJob);
        const element = render();
        await flushPromises();

        expect(errorAlert(element)?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(button(element, 'start')?.disabled).toBe(true);
        await expect(element).toBeAccessible();

        errorAlert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(previewUserJob).toHaveBeenCalledTimes(2);
        expect(count(element, 'changing')).toBe('4,000');
    });

    it('starts the change and closes with the summary when it was applied at once', async () => {
        const summary = { succeeded: 150, failed: 0, results: [], correlationId: 'corr-ok' };
        jest.mocked(startUserJob).mockResolvedValue({ mode: 'APPLIED', summary });
        const element = await renderWith(atOnce);

        button(element, 'start')?.click();
        await flushPromises();

        expect(startUserJob).toHaveBeenCalledWith({ request });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'applied', summary } });
    });

    it('closes with the job when the change was queued as a background job', async () => {
        jest.mocked(startUserJob).mockResolvedValue({ mode: 'QUEUED', job: queuedJob });
        const element = await renderWith(asJob);

        button(element, 'start')?.click();
        await flushPromises();

        expect(closed()).toEqual({ closed: true, value: { outcome: 'queued', job: queuedJob } });
    });

    it('shows a spinner and disables both buttons while starting, so a double click starts once', async () => {
        const start = deferred<JobStart>();
        jest.mocked(startUserJob).mockReturnValue(start.promise);
        const element = await renderWith(asJob);

        button(element, 'start')?.click();
        await flushPromises();
        button(element, 'start')?.click();
        await flushPromises();

        expect(startUserJob).toHaveBeenCalledTimes(1);
        expect(query<BaseComponent>(element, 'lightning-spinner')?.alternativeText).toBe('Saving…');
        expect([button(element, 'cancel')?.disabled, button(element, 'start')?.disabled]).toEqual([true, true]);
        expect(element.disableClose).toBe(true);
        await expect(element).toBeAccessible();

        start.resolve({ mode: 'QUEUED', job: queuedJob });
        await flushPromises();
        expect(closed().closed).toBe(true);
    });

    it('keeps the modal open with Apex’s message when another job is still running', async () => {
        jest.mocked(startUserJob).mockRejectedValue(apexError(jobRunning));
        const element = await renderWith(asJob);

        button(element, 'start')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain(jobRunning.message);
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain('Reference for support: corr-running');
        expect(button(element, 'start')?.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('starts again from the failure’s "Try again"', async () => {
        jest.mocked(startUserJob)
            .mockRejectedValueOnce(apexError(backendDown))
            .mockResolvedValueOnce({ mode: 'QUEUED', job: queuedJob });
        const element = await renderWith(asJob);
        button(element, 'start')?.click();
        await flushPromises();

        errorAlert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(startUserJob).toHaveBeenCalledTimes(2);
        expect(closed()).toEqual({ closed: true, value: { outcome: 'queued', job: queuedJob } });
    });

    it('stays open with an error when the answer is neither applied nor queued', async () => {
        jest.mocked(startUserJob).mockResolvedValue({ mode: 'QUEUED' });
        const element = await renderWith(asJob);

        button(element, 'start')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain('Something unexpected went wrong.');
    });

    it('closes with an empty summary when an applied answer leaves it out', async () => {
        jest.mocked(startUserJob).mockResolvedValue({ mode: 'APPLIED' });
        const element = await renderWith(atOnce);

        button(element, 'start')?.click();
        await flushPromises();

        expect(closed()).toEqual({ closed: true, value: { outcome: 'applied', summary: {} } });
    });

    it('copes with a dry run the DTO describes only partly', async () => {
        const element = await renderWith({
            skipped: [{ count: 3 }, { reason: 'locked', count: 2 }, { reason: 'already' }],
            seats: [{ sufficient: false }, { licenseType: 'PRO', needed: 1, available: 1, sufficient: true }]
        });

        expect([count(element, 'matching'), count(element, 'changing')]).toEqual(['0', '0']);
        expect(count(element, 'skipped-0')).toBe('3');
        expect(count(element, 'skipped-locked')).toBe('2');
        expect(count(element, 'skipped-already')).toBeNull();
        expect(body(element)).toContain('—');
        expect(
            Array.from(query(element, '[data-id="seats"]')?.querySelectorAll('li') ?? []).map((li) => li.textContent)
        ).toEqual(['—: 0 needed, 0 available', 'PRO: 1 needed, 1 available']);
        expect(query(element, '[data-id="seats-short"]')?.textContent).toContain('Not enough — seats');
        expect(button(element, 'start')?.disabled).toBe(true);
    });

    it('sends a null request when opened without one, as Apex receives an omitted key', async () => {
        jest.mocked(previewUserJob).mockResolvedValue(atOnce);
        jest.mocked(startUserJob).mockResolvedValue({ mode: 'APPLIED', summary: {} });
        const element = renderElement<ModalElement>('c-crm-sync-job-dialog', CrmSyncJobDialog, {
            label: 'Remove license'
        });
        await flushPromises();

        button(element, 'start')?.click();
        await flushPromises();

        expect(previewUserJob).toHaveBeenCalledWith({ request: null });
        expect(startUserJob).toHaveBeenCalledWith({ request: null });
    });

    it('closes with nothing and starts nothing when cancelled', async () => {
        const element = await renderWith(asJob);

        button(element, 'cancel')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
        expect(startUserJob).not.toHaveBeenCalled();
    });
});
