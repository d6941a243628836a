import { createElement } from 'lwc';
import CrmSyncJobProgress from 'c/crmSyncJobProgress';
import type { JobFinishDetail } from 'c/crmSyncJobProgress';
import getUserJob from '@salesforce/apex/CrmSyncJobController.getUserJob';
import cancelUserJob from '@salesforce/apex/CrmSyncJobController.cancelUserJob';
import retryFailedUsers from '@salesforce/apex/CrmSyncJobController.retryFailedUsers';
import type { JobView, LicensePool } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import {
    apexError,
    captureEvents,
    captureToasts,
    deferred,
    query,
    renderElement,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncJobController.getUserJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncJobController.cancelUserJob', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncJobController.retryFailedUsers', () => ({ default: jest.fn() }), {
    virtual: true
});

type ProgressElement = HTMLElement & { job?: JobView; licensePools?: LicensePool[] };

const JOB_ID = 'a01000000000001AAA';
const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 5000, assigned: 1000, available: 4000, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 100, assigned: 10, available: 90, isDefault: false }
];
const running: JobView = {
    id: JOB_ID,
    name: 'JOB-000012',
    operation: 'Enable_User_Sync',
    status: 'Running',
    active: true,
    cancelRequested: false,
    total: 4564,
    processed: 1000,
    succeeded: 998,
    failed: 2,
    startedByName: 'Ada Lovelace',
    startedAt: '2026-12-06T09:30:00.000Z',
    correlationId: 'corr-job'
};
const further: JobView = { ...running, processed: 2000, succeeded: 1996, failed: 4 };
const completed: JobView = {
    ...running,
    status: 'Completed',
    active: false,
    processed: 4564,
    succeeded: 4564,
    failed: 0,
    finishedAt: '2026-12-06T09:42:00.000Z',
    failures: []
};
const withFailures: JobView = {
    ...completed,
    status: 'Completed_With_Failures',
    succeeded: 4550,
    failed: 14,
    failures: [
        {
            code: 'SEATS_EXHAUSTED',
            message: 'No Core licenses are left. Remove a license from another user or buy more seats, then try again.',
            count: 8,
            users: [
                { userId: '005000000000001AAA', name: 'Grace Hopper', reason: 'seat limit reached for CORE' },
                { userId: '005000000000002AAA', name: 'Alan Turing', reason: 'seat limit reached for CORE' },
                { userId: '005000000000003AAA', name: 'Edsger Dijkstra' }
            ]
        },
        {
            code: 'USER_INACTIVE',
            message: 'This user is inactive.',
            count: 1,
            users: [{ userId: '005000000000004AAA', name: 'Barbara Liskov', reason: 'user deactivated' }]
        }
    ]
};
const queuedRetry: JobView = {
    ...running,
    id: 'a01000000000002AAA',
    name: 'JOB-000013',
    status: 'Queued',
    total: 14,
    processed: 0,
    succeeded: 0,
    failed: 0
};
const retryingErrors: JobView = {
    ...running,
    operation: 'Retry_Sync_Errors',
    causeLabel: 'Not matched',
    total: 431,
    processed: 200,
    succeeded: 190,
    failed: 10
};
const retriedErrors: JobView = {
    ...retryingErrors,
    status: 'Completed_With_Failures',
    active: false,
    processed: 431,
    succeeded: 400,
    failed: 31,
    finishedAt: '2026-12-06T09:42:00.000Z',
    failures: [
        {
            code: 'not_matched',
            message: "The user's email has no CRM account. Check the email on the user record, or invite the user.",
            count: 31,
            users: [{ userId: '005000000000001AAA', name: 'Grace Hopper', reason: 'No CRM account has the e-mail.' }]
        }
    ]
};
const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};
const jobRunning: CrmSyncError = {
    code: 'JOB_RUNNING',
    message: 'Job JOB-000014, started by Grace Hopper, is still running (10 of 500 users done).',
    retryable: false,
    correlationId: 'corr-running'
};

function render(props: Partial<ProgressElement> = {}): ProgressElement {
    return renderElement<ProgressElement>('c-crm-sync-job-progress', CrmSyncJobProgress, {
        licensePools: pools,
        ...props
    });
}

/** Renders with the job the panel's state read (none: null), and waits for it to show. */
async function renderWith(job: JobView | null): Promise<ProgressElement> {
    const element = render(job ? { job } : {});
    await settle();
    return element;
}

/** Lets answers arrive and the component re-render, without moving the (fake) clock. */
async function settle(): Promise<void> {
    await jest.advanceTimersByTimeAsync(0);
}

const text = (element: HTMLElement, selector: string) => query(element, selector)?.textContent?.trim() ?? null;
const button = (element: HTMLElement, id: string) => query<BaseComponent>(element, `[data-id="${id}"]`);
const progressBar = (element: HTMLElement) =>
    query<HTMLElement & { value?: number; ariaLabel?: string }>(element, 'lightning-progress-bar');
const alertText = (element: HTMLElement, selector = 'c-crm-sync-error-alert') =>
    query(element, selector)?.shadowRoot?.textContent ?? '';

/** Checks accessibility on the real clock: axe waits with timers of its own. */
async function expectAccessible(element: HTMLElement): Promise<void> {
    jest.useRealTimers();
    await expect(element).toBeAccessible();
}

describe('c-crm-sync-job-progress', () => {
    beforeEach(() => {
        jest.useFakeTimers();
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllTimers();
        jest.useRealTimers();
        jest.clearAllMocks();
        jest.resetAllMocks();
    });

    describe('reading the job', () => {
        it('shows nothing and reads nothing when the panel has no job for it', async () => {
            const element = await renderWith(null);

            expect(getUserJob).not.toHaveBeenCalled();
            expect(query(element, '[data-id="job"]')).toBeNull();
            await jest.advanceTimersByTimeAsync(10000);
            expect(getUserJob).not.toHaveBeenCalled();
        });

        it('shows a running job: what it changes, its progress, counts, who started it and when', async () => {
            const element = await renderWith(running);

            expect(text(element, 'h2')).toBe('Change for many users: Enable CRM sync');
            expect(query<BaseComponent>(element, '[data-id="status"]')?.label).toBe('Running');
            expect(progressBar(element)?.value).toBe(22);
            expect(progressBar(element)?.ariaLabel).toBe('Progress of job JOB-000012');
            expect(progressBar(element)?.getAttribute('role')).toBe('progressbar');
            expect(text(element, '[data-id="processed"]')).toBe('1,000 of 4,564 users');
            expect(text(element, '[data-id="succeeded"]')).toBe('998');
            expect(text(element, '[data-id="failed"]')).toBe('2');
            expect(text(element, '[data-id="started-by"]')).toBe('Ada Lovelace');
            expect(query<BaseComponent>(element, '[data-id="started-at"] lightning-formatted-date-time')?.value).toBe(
                '2026-12-06T09:30:00.000Z'
            );
            expect(text(element, '[data-id="name"]')).toBe('JOB-000012');
            expect(query(element, '[data-id="finished-at"]')).toBeNull();
            await expectAccessible(element);
        });

        it('names the license a job assigns by its pool', async () => {
            const element = await renderWith({ ...running, operation: 'Assign_License', licenseType: 'PRO' });

            expect(text(element, 'h2')).toBe('Change for many users: Assign license: Professional');
        });

        it('says how long a job waits after a rate limit, only while it waits', async () => {
            const element = await renderWith({ ...running, nextAttemptAt: '2026-12-06T09:35:00.000Z' });

            expect(query(element, '[data-id="waiting"]')?.textContent).toContain('Waiting until');
            expect(query<BaseComponent>(element, '[data-id="waiting"] lightning-formatted-date-time')?.value).toBe(
                '2026-12-06T09:35:00.000Z'
            );
            expect(text(element, '[data-id="waiting"]')).toContain(
                'The CRM sync service asked to slow down or did not answer; the job goes on by itself.'
            );
            await expectAccessible(element);
        });

        it('copes with a retry of sync errors the DTO describes only partly', async () => {
            const element = await renderWith({ active: true, operation: 'Retry_Sync_Errors' });

            expect(text(element, 'h2')).toBe('Retry sync errors: —');
            expect(text(element, '[data-id="processed"]')).toBe('0 of 0 sync errors');
        });

        it('copes with an active job the DTO describes only partly', async () => {
            const element = await renderWith({ active: true });

            expect(text(element, 'h2')).toBe('Change for many users: —');
            expect(progressBar(element)?.value).toBe(0);
            expect(progressBar(element)?.ariaLabel).toBe('Progress of job ');
            expect(text(element, '[data-id="processed"]')).toBe('0 of 0 users');
            expect(text(element, '[data-id="started-by"]')).toBe('—');
            expect(text(element, '[data-id="name"]')).toBe('—');
        });

        it('copes with a failed job and failures the DTO describes only partly', async () => {
            const element = await renderWith({
                status: 'Failed',
                active: false,
                failures: [{ users: [{ userId: '005000000000009AAA' }, {}] }, { code: 'TIMEOUT', count: 2 }]
            });

            expect(alertText(element, '[data-id="job-error"]')).toContain('Failed');
            const groups = Array.from(
                query(element, '[data-id="failures"]')?.querySelectorAll(':scope > ul > li') ?? []
            );
            expect(groups.map((group) => group.querySelector('p')?.textContent)).toEqual(['—', 'TIMEOUT']);
            expect(Array.from(groups[0].querySelectorAll('ul li')).map((li) => li.textContent)).toEqual([
                '005000000000009AAA',
                '—'
            ]);
            expect(groups[0].textContent).toContain('0 users');
            expect(groups[1].textContent).toContain('…and 2 more');
            expect(button(element, 'retry-failed')).toBeNull();
        });
    });

    describe('polling', () => {
        it('reads an active job again every 3 seconds and shows the new progress', async () => {
            const element = await renderWith(running);
            jest.mocked(getUserJob).mockResolvedValue(further);

            await jest.advanceTimersByTimeAsync(2999);
            expect(getUserJob).not.toHaveBeenCalled();
            await jest.advanceTimersByTimeAsync(1);
            expect(getUserJob).toHaveBeenCalledTimes(1);
            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');

            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(2);
        });

        it('waits for an answer before the next read is timed', async () => {
            await renderWith(running);
            const answer = deferred<JobView | null>();
            jest.mocked(getUserJob).mockReturnValueOnce(answer.promise);

            await jest.advanceTimersByTimeAsync(3000);
            await jest.advanceTimersByTimeAsync(9000);
            expect(getUserJob).toHaveBeenCalledTimes(1);

            jest.mocked(getUserJob).mockResolvedValue(further);
            answer.resolve(running);
            await settle();
            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(2);
        });

        it('stops polling when the job ends, toasts, and fires jobfinish', async () => {
            const element = await renderWith(running);
            const toasts = captureToasts(element);
            const finished = captureEvents<JobFinishDetail>(element, 'jobfinish');
            jest.mocked(getUserJob).mockResolvedValue(completed);

            await jest.advanceTimersByTimeAsync(3000);
            await jest.advanceTimersByTimeAsync(30000);

            expect(getUserJob).toHaveBeenCalledTimes(1);
            expect(toasts).toEqual([{ title: 'Job JOB-000012 is done: 4,564 users changed.', variant: 'success' }]);
            expect(finished).toEqual([{ job: completed }]);
        });

        it.each([
            [
                'Completed_With_Failures',
                withFailures,
                {
                    title: 'Job JOB-000012 is done: 4,550 users changed, 14 failed. The summary above the user list says why.',
                    variant: 'warning'
                }
            ],
            [
                'Cancelled',
                { ...completed, status: 'Cancelled', processed: 3000, succeeded: 3000 },
                {
                    title: 'Job JOB-000012 was cancelled after 3,000 of 4,564 users. Users already sent keep their change.',
                    variant: 'warning'
                }
            ],
            [
                'Failed',
                {
                    ...completed,
                    status: 'Failed',
                    processed: 1000,
                    errorCode: 'JOB_INTERRUPTED',
                    errorMessage: 'The job stopped after 1000 of 4564 users.'
                },
                {
                    title: 'Job JOB-000012 stopped after 1,000 of 4,564 users.',
                    message: 'The job stopped after 1000 of 4564 users. Reference for support: corr-job',
                    variant: 'error',
                    mode: 'sticky'
                }
            ]
        ])('toasts a job that ended as %s with its variant', async (_status, ended, toast) => {
            const element = await renderWith(running);
            const toasts = captureToasts(element);
            jest.mocked(getUserJob).mockResolvedValue(ended);

            await jest.advanceTimersByTimeAsync(3000);

            expect(toasts).toEqual([toast]);
        });

        it('stops polling when the component leaves the page', async () => {
            const element = await renderWith(running);
            jest.mocked(getUserJob).mockResolvedValue(further);
            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(1);

            element.remove();
            await jest.advanceTimersByTimeAsync(30000);

            expect(getUserJob).toHaveBeenCalledTimes(1);
            expect(jest.getTimerCount()).toBe(0);
        });

        it('ignores an answer that arrives after the component left the page', async () => {
            const element = await renderWith(running);
            const answer = deferred<JobView | null>();
            jest.mocked(getUserJob).mockReturnValueOnce(answer.promise);
            const finished = captureEvents(element, 'jobfinish');
            await jest.advanceTimersByTimeAsync(3000);

            element.remove();
            answer.resolve(completed);
            await jest.advanceTimersByTimeAsync(30000);

            expect(finished).toEqual([]);
            expect(jest.getTimerCount()).toBe(0);
        });

        it('keeps the last progress when a read fails, says so, and reads again later and later', async () => {
            const element = await renderWith(running);
            jest.mocked(getUserJob).mockRejectedValueOnce(apexError(backendDown));
            await jest.advanceTimersByTimeAsync(3000);

            expect(text(element, '[data-id="processed"]')).toBe('1,000 of 4,564 users');
            expect(text(element, '[data-id="poll-failed"]')).toBe(
                'The progress could not be read just now. It is read again in a few seconds.'
            );
            expect(alertText(element)).toContain(backendDown.message);

            jest.mocked(getUserJob).mockResolvedValue(further);
            await jest.advanceTimersByTimeAsync(5999);
            expect(getUserJob).toHaveBeenCalledTimes(1);
            await jest.advanceTimersByTimeAsync(1);
            expect(getUserJob).toHaveBeenCalledTimes(2);
            expect(query(element, '[data-id="poll-failed"]')).toBeNull();
            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');
        });

        it('waits at most a minute between reads while reading keeps failing', async () => {
            await renderWith(running);
            jest.mocked(getUserJob).mockRejectedValue(apexError(backendDown));
            // 3 s, then 6, 12, 24, 48 s after each failure.
            await jest.advanceTimersByTimeAsync(3000 + 6000 + 12000 + 24000 + 48000);
            expect(getUserJob).toHaveBeenCalledTimes(5);

            await jest.advanceTimersByTimeAsync(59999);
            expect(getUserJob).toHaveBeenCalledTimes(5);
            await jest.advanceTimersByTimeAsync(1);
            expect(getUserJob).toHaveBeenCalledTimes(6);
        });

        it('reads at once when the admin clicks "Try again" on a failed read', async () => {
            const element = await renderWith(running);
            jest.mocked(getUserJob).mockRejectedValueOnce(apexError(backendDown)).mockResolvedValue(further);
            await jest.advanceTimersByTimeAsync(3000);

            query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
            await settle();

            expect(getUserJob).toHaveBeenCalledTimes(2);
            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');
        });

        it('tells the panel and hides the job when the job it watched is gone', async () => {
            const element = await renderWith(running);
            const finished = captureEvents<JobFinishDetail>(element, 'jobfinish');
            jest.mocked(getUserJob).mockResolvedValue(null);

            await jest.advanceTimersByTimeAsync(3000);
            await jest.advanceTimersByTimeAsync(30000);

            expect(finished).toEqual([{}]);
            expect(query(element, '[data-id="job"]')).toBeNull();
            expect(getUserJob).toHaveBeenCalledTimes(1);
        });

        it('tells the panel when the job it watched was replaced by another, without a toast for it', async () => {
            const element = await renderWith(running);
            const toasts = captureToasts(element);
            const finished = captureEvents<JobFinishDetail>(element, 'jobfinish');
            jest.mocked(getUserJob).mockResolvedValue(queuedRetry);

            await jest.advanceTimersByTimeAsync(3000);

            expect(finished).toEqual([{}]);
            expect(toasts).toEqual([]);
            expect(text(element, '[data-id="name"]')).toBe('JOB-000013');
        });
    });

    describe('a job the table just started', () => {
        it('shows the job it is given at once and watches it', async () => {
            const element = await renderWith(null);
            jest.mocked(getUserJob).mockResolvedValue(further);

            element.job = running;
            await settle();
            expect(text(element, '[data-id="processed"]')).toBe('1,000 of 4,564 users');

            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(1);
            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');
        });

        it('shows a finished job it is given without watching it', async () => {
            const element = await renderWith(null);

            element.job = completed;
            await settle();
            await jest.advanceTimersByTimeAsync(30000);

            expect(query<BaseComponent>(element, '[data-id="status"]')?.label).toBe('Completed');
            expect(getUserJob).not.toHaveBeenCalled();
        });

        it('starts watching a job given before it is on the page only once it is connected', async () => {
            const element = createElement('c-crm-sync-job-progress', { is: CrmSyncJobProgress }) as ProgressElement;
            element.job = running;
            expect(jest.getTimerCount()).toBe(0);

            jest.mocked(getUserJob).mockResolvedValue(further);
            document.body.appendChild(element);
            await settle();
            expect(jest.getTimerCount()).toBe(1);

            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(1);
            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');
        });

        it('ignores an older read still running when the panel gives it the job again', async () => {
            const element = await renderWith(running);
            const answer = deferred<JobView | null>();
            jest.mocked(getUserJob).mockReturnValueOnce(answer.promise);
            await jest.advanceTimersByTimeAsync(3000);

            element.job = further;
            answer.resolve(running);
            await settle();

            expect(text(element, '[data-id="processed"]')).toBe('2,000 of 4,564 users');
        });

        it('announces the end once when the panel gives it the job it watched, now ended', async () => {
            const element = await renderWith(running);
            const toasts = captureToasts(element);
            const finished = captureEvents<JobFinishDetail>(element, 'jobfinish');

            element.job = completed;
            await settle();
            element.job = { ...completed };
            await settle();
            await jest.advanceTimersByTimeAsync(30000);

            expect(toasts).toEqual([{ title: 'Job JOB-000012 is done: 4,564 users changed.', variant: 'success' }]);
            expect(finished).toEqual([{ job: completed }]);
            expect(getUserJob).not.toHaveBeenCalled();
        });

        it('keeps a closed summary closed when the panel gives it the same job again', async () => {
            const element = await renderWith(completed);
            query<HTMLElement>(element, '[data-id="close"]')?.click();
            await settle();

            element.job = { ...completed };
            await settle();

            expect(query(element, '[data-id="job"]')).toBeNull();
        });
    });

    describe('cancel', () => {
        it('asks the job to stop, then says "Cancelling…" and keeps watching', async () => {
            const element = await renderWith(running);
            jest.mocked(cancelUserJob).mockResolvedValue({ ...running, cancelRequested: true });
            jest.mocked(getUserJob).mockResolvedValue({ ...further, cancelRequested: true });

            button(element, 'cancel')?.click();
            await settle();

            expect(cancelUserJob).toHaveBeenCalledWith({ jobId: JOB_ID });
            expect(text(element, '[data-id="cancelling"]')).toBe('Cancelling…');
            expect(button(element, 'cancel')).toBeNull();
            await jest.advanceTimersByTimeAsync(3000);
            expect(getUserJob).toHaveBeenCalledTimes(1);
            await expectAccessible(element);
        });

        it('says "Cancelling…" for a job another admin asked to stop', async () => {
            const element = await renderWith({ ...running, cancelRequested: true });

            expect(text(element, '[data-id="cancelling"]')).toBe('Cancelling…');
        });

        it('disables Cancel while the request runs, so a double click asks once', async () => {
            const element = await renderWith(running);
            const cancel = deferred<JobView>();
            jest.mocked(cancelUserJob).mockReturnValue(cancel.promise);

            button(element, 'cancel')?.click();
            await settle();
            button(element, 'cancel')?.click();
            await settle();

            expect(button(element, 'cancel')?.disabled).toBe(true);
            expect(cancelUserJob).toHaveBeenCalledTimes(1);
            cancel.resolve({ ...running, cancelRequested: true });
            await settle();
        });

        it('shows a failed cancel inline and tries again from its "Try again"', async () => {
            const element = await renderWith(running);
            jest.mocked(cancelUserJob)
                .mockRejectedValueOnce(apexError(backendDown))
                .mockResolvedValueOnce({ ...running, cancelRequested: true });

            button(element, 'cancel')?.click();
            await settle();
            expect(alertText(element)).toContain(backendDown.message);

            query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
            await settle();

            expect(cancelUserJob).toHaveBeenCalledTimes(2);
            expect(text(element, '[data-id="cancelling"]')).toBe('Cancelling…');
        });
    });

    describe('a finished job', () => {
        it('shows the summary of a job that ended before the page opened, without a toast or polling', async () => {
            const element = createElement('c-crm-sync-job-progress', { is: CrmSyncJobProgress }) as ProgressElement;
            const toasts = captureToasts(element);
            element.job = withFailures;
            document.body.appendChild(element);
            await settle();

            expect(query<BaseComponent>(element, '[data-id="status"]')?.label).toBe('Completed with failures');
            expect(text(element, '[data-id="processed"]')).toBe('4,564 of 4,564 users');
            expect(text(element, '[data-id="failed"]')).toBe('14');
            expect(query<BaseComponent>(element, '[data-id="finished-at"] lightning-formatted-date-time')?.value).toBe(
                '2026-12-06T09:42:00.000Z'
            );
            expect(toasts).toEqual([]);
            await jest.advanceTimersByTimeAsync(30000);
            expect(getUserJob).not.toHaveBeenCalled();
        });

        it('lists the failures per cause with their count and the users with the backend’s reason', async () => {
            const element = await renderWith(withFailures);

            expect(text(element, '[data-id="failures"] h3')).toBe('Why users failed');
            const seats = query(element, '[data-code="SEATS_EXHAUSTED"]');
            expect(seats?.textContent).toContain('No Core licenses are left.');
            expect(seats?.textContent).toContain('8 users');
            expect(Array.from(seats?.querySelectorAll('ul li') ?? []).map((li) => li.textContent)).toEqual([
                'Grace Hopper: seat limit reached for CORE',
                'Alan Turing: seat limit reached for CORE',
                'Edsger Dijkstra'
            ]);
            expect(seats?.textContent).toContain('…and 5 more');
            const inactive = query(element, '[data-code="USER_INACTIVE"]');
            expect(inactive?.textContent).toContain('1 user');
            expect(inactive?.textContent).not.toContain('more');
            await expectAccessible(element);
        });

        it('shows why a failed job stopped, with its reference', async () => {
            const element = await renderWith({
                ...completed,
                status: 'Failed',
                errorCode: 'JOB_INTERRUPTED',
                errorMessage: 'The job stopped after 1000 of 4564 users.'
            });

            expect(alertText(element, '[data-id="job-error"]')).toContain('The job stopped after 1000 of 4564 users.');
            expect(alertText(element, '[data-id="job-error"]')).toContain('Reference for support: corr-job');
        });

        it('counts the sync errors a retry job retries, and names their cause', async () => {
            const element = await renderWith(retryingErrors);

            expect(text(element, 'h2')).toBe('Retry sync errors: Not matched');
            expect(text(element, '[data-id="processed"]')).toBe('200 of 431 sync errors');
            await expectAccessible(element);
        });

        it('lists the sync errors that failed again by cause, with their fix and no "Retry failed"', async () => {
            const element = await renderWith(retriedErrors);

            expect(text(element, '[data-id="failures"] h3')).toBe('Why sync errors failed again');
            const notMatched = query(element, '[data-code="not_matched"]');
            expect(notMatched?.textContent).toContain('Check the email on the user record');
            expect(notMatched?.textContent).toContain('Sync errors: 31');
            expect(button(element, 'retry-failed')).toBeNull();
            await expectAccessible(element);
        });

        it('offers "Retry failed" only when users failed', async () => {
            const element = await renderWith(completed);

            expect(button(element, 'retry-failed')).toBeNull();
            expect(button(element, 'cancel')).toBeNull();
        });

        it('retries the failed users at once: toasts the counts, hides the summary and fires jobfinish', async () => {
            const element = await renderWith(withFailures);
            const toasts = captureToasts(element);
            const finished = captureEvents<JobFinishDetail>(element, 'jobfinish');
            jest.mocked(retryFailedUsers).mockResolvedValue({
                mode: 'APPLIED',
                summary: {
                    succeeded: 14,
                    failed: 0,
                    results: Array.from({ length: 14 }, (_, index) => ({ userId: String(index), succeeded: true }))
                }
            });

            button(element, 'retry-failed')?.click();
            await settle();

            expect(retryFailedUsers).toHaveBeenCalledWith({ jobId: JOB_ID });
            expect(toasts).toEqual([{ title: '14 users changed.', variant: 'success' }]);
            expect(finished).toEqual([{}]);
            expect(query(element, '[data-id="job"]')).toBeNull();
        });

        it('shows and watches the new job when the retry was queued', async () => {
            const element = await renderWith(withFailures);
            jest.mocked(retryFailedUsers).mockResolvedValue({ mode: 'QUEUED', job: queuedRetry });
            jest.mocked(getUserJob).mockResolvedValue({ ...queuedRetry, status: 'Running', processed: 7 });

            button(element, 'retry-failed')?.click();
            await settle();
            expect(text(element, '[data-id="name"]')).toBe('JOB-000013');
            expect(query(element, '[data-id="failures"]')).toBeNull();

            await jest.advanceTimersByTimeAsync(3000);
            expect(text(element, '[data-id="processed"]')).toBe('7 of 14 users');
        });

        it('disables "Retry failed" while it runs, so a double click retries once', async () => {
            const element = await renderWith(withFailures);
            const retry = deferred<{ mode: string; job: JobView }>();
            jest.mocked(retryFailedUsers).mockReturnValue(retry.promise);

            button(element, 'retry-failed')?.click();
            await settle();
            button(element, 'retry-failed')?.click();
            await settle();

            expect(button(element, 'retry-failed')?.disabled).toBe(true);
            expect(retryFailedUsers).toHaveBeenCalledTimes(1);
            retry.resolve({ mode: 'QUEUED', job: queuedRetry });
            await settle();
        });

        it('shows Apex’s message when the retry is refused because another job runs', async () => {
            const element = await renderWith(withFailures);
            jest.mocked(retryFailedUsers).mockRejectedValue(apexError(jobRunning));

            button(element, 'retry-failed')?.click();
            await settle();

            expect(alertText(element)).toContain(jobRunning.message);
            expect(button(element, 'retry-failed')?.disabled).toBe(false);
            await expectAccessible(element);
        });

        it('shows an error when the retry’s answer is neither applied nor queued', async () => {
            const element = await renderWith(withFailures);
            jest.mocked(retryFailedUsers).mockResolvedValue({ mode: 'QUEUED' });

            button(element, 'retry-failed')?.click();
            await settle();

            expect(alertText(element)).toContain('Something unexpected went wrong.');
        });

        it('hides the summary when closed', async () => {
            const element = await renderWith(completed);

            query<HTMLElement & { alternativeText?: string }>(element, '[data-id="close"]')?.click();
            await settle();

            expect(query(element, '[data-id="job"]')).toBeNull();
        });

        it('names the close button for assistive technology', async () => {
            const element = await renderWith(completed);

            expect(query<BaseComponent>(element, '[data-id="close"]')?.alternativeText).toBe('Close job summary');
        });
    });
});
