import CrmSyncSeatRelease from 'c/crmSyncSeatRelease';
import scheduleReconciliation from '@salesforce/apex/CrmSyncJobController.scheduleReconciliation';
import stopReconciliation from '@salesforce/apex/CrmSyncJobController.stopReconciliation';
import type { ScheduleView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import type { BaseComponent } from 'crm-sync/test-utils';
import { apexError, captureToasts, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncJobController.scheduleReconciliation', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.stopReconciliation', () => ({ default: jest.fn() }), {
    virtual: true
});

type Alert = HTMLElement & { error?: CrmSyncError };
type SeatReleaseElement = HTMLElement & { schedule?: ScheduleView };

const notScheduled: ScheduleView = { scheduled: false };
const everySixHours: ScheduleView = {
    scheduled: true,
    everyHours: 6,
    nextRunAt: '2026-11-27T12:00:00.000Z',
    scheduledByName: 'Dana Whitfield'
};

const timeout: CrmSyncError = {
    code: 'TIMEOUT',
    message: 'The CRM sync service did not answer in time. Nothing was changed. Try again in a minute.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};
const notPermitted: CrmSyncError = {
    code: 'NOT_PERMITTED',
    message: 'You need the CRM Sync Admin permission set to do this. Ask your Salesforce admin to assign it to you.',
    retryable: false,
    correlationId: null
};

/** Renders the card with the schedule the panel's state brought. */
async function render(schedule: ScheduleView = notScheduled): Promise<SeatReleaseElement> {
    const element = renderElement<SeatReleaseElement>('c-crm-sync-seat-release', CrmSyncSeatRelease, { schedule });
    await flushPromises();
    return element;
}

const text = (element: HTMLElement, id: string) => query(element, `[data-id="${id}"]`)?.textContent?.trim();
const interval = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-combobox');
const scheduleButton = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-button[data-id="schedule"]');
const stopButton = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-button[data-id="stop"]');
const nextRun = (element: HTMLElement) =>
    query<HTMLElement & { value?: string }>(element, 'lightning-formatted-date-time');
// The card's own alerts (the help text is above them).
const alert = (element: HTMLElement) => query<Alert>(element, 'c-crm-sync-error-alert');

async function chooseInterval(element: HTMLElement, hours: string): Promise<void> {
    interval(element)?.dispatchEvent(new CustomEvent('change', { detail: { value: hours } }));
    await Promise.resolve();
}

describe('c-crm-sync-seat-release', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('explains what happens when people leave and shows a spinner until the panel brings the schedule', async () => {
        const element = renderElement('c-crm-sync-seat-release', CrmSyncSeatRelease);
        await Promise.resolve();

        expect(query<BaseComponent>(element, 'lightning-card')?.title).toBe('Seat release');
        expect(element.shadowRoot?.textContent).toContain(
            'When an admin who holds the CRM Sync Admin permission set deactivates a user, CRM sync is disabled for that user and their license is released automatically within minutes.'
        );
        expect(element.shadowRoot?.textContent).toContain(
            'A scheduled check also releases the licenses of frozen users'
        );
        expect(query<BaseComponent>(element, 'lightning-spinner')?.alternativeText).toBe('Loading…');
        expect(interval(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows that the check is not scheduled and offers every allowed interval, hourly first', async () => {
        const element = await render();

        expect(text(element, 'status')).toBe('Not scheduled');
        expect(query(element, '[data-id="interval"]')).toBeNull();
        expect(interval(element)).toMatchObject({ label: 'How often', value: '1', disabled: false });
        expect(interval(element)?.options).toEqual([
            { label: 'Every hour', value: '1' },
            { label: 'Every 2 hours', value: '2' },
            { label: 'Every 3 hours', value: '3' },
            { label: 'Every 4 hours', value: '4' },
            { label: 'Every 6 hours', value: '6' },
            { label: 'Every 8 hours', value: '8' },
            { label: 'Every 12 hours', value: '12' },
            { label: 'Every 24 hours', value: '24' }
        ]);
        expect(element.shadowRoot?.textContent).toContain('The check runs as the admin who schedules it');
        expect(scheduleButton(element)).toMatchObject({ label: 'Schedule', variant: 'brand', disabled: false });
        expect(stopButton(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('schedules the check hourly by default, confirms with a toast and shows the schedule', async () => {
        jest.mocked(scheduleReconciliation).mockResolvedValue({ ...everySixHours, everyHours: 1 });
        const element = await render();
        const toasts = captureToasts(element);

        scheduleButton(element)?.click();
        await flushPromises();

        expect(scheduleReconciliation).toHaveBeenCalledWith({ everyHours: 1 });
        expect(toasts).toEqual([
            { title: 'The seat release check is scheduled.', message: 'Every hour', variant: 'success' }
        ]);
        expect(text(element, 'status')).toBe('Scheduled');
        expect(text(element, 'interval')).toBe('Every hour');
        expect(scheduleButton(element)?.label).toBe('Change');
        expect(stopButton(element)?.label).toBe('Stop');
    });

    it('shows how often the check runs, its next run and who scheduled it', async () => {
        const element = await render(everySixHours);

        expect(text(element, 'status')).toBe('Scheduled');
        expect(text(element, 'interval')).toBe('Every 6 hours');
        expect(nextRun(element)?.value).toBe('2026-11-27T12:00:00.000Z');
        expect(text(element, 'scheduled-by')).toBe('Dana Whitfield');
        expect(interval(element)?.value).toBe('6');
        expect(scheduleButton(element)?.label).toBe('Change');
        expect(stopButton(element)).toMatchObject({ label: 'Stop', disabled: false });
        await expect(element).toBeAccessible();
    });

    it('shows a dash for an interval, a next run or a scheduler Apex did not name', async () => {
        const element = await render({ scheduled: true });

        expect(text(element, 'interval')).toBe('—');
        expect(interval(element)?.value).toBe('1');
        expect(nextRun(element)).toBeNull();
        expect(text(element, 'next-run')).toBe('—');
        expect(text(element, 'scheduled-by')).toBe('—');
    });

    it('changes the interval with the one chosen, as the admin who clicks Change', async () => {
        jest.mocked(scheduleReconciliation).mockResolvedValue({
            ...everySixHours,
            everyHours: 12,
            scheduledByName: 'Jürgen Schröder'
        });
        const element = await render(everySixHours);
        const toasts = captureToasts(element);

        await chooseInterval(element, '12');
        scheduleButton(element)?.click();
        await flushPromises();

        expect(scheduleReconciliation).toHaveBeenCalledWith({ everyHours: 12 });
        expect(toasts[0]).toMatchObject({ title: 'The seat release check is scheduled.', message: 'Every 12 hours' });
        expect(text(element, 'interval')).toBe('Every 12 hours');
        expect(text(element, 'scheduled-by')).toBe('Jürgen Schröder');
        expect(interval(element)?.value).toBe('12');
    });

    it('stops the check and offers to schedule it again', async () => {
        jest.mocked(stopReconciliation).mockResolvedValue(notScheduled);
        const element = await render(everySixHours);
        const toasts = captureToasts(element);

        stopButton(element)?.click();
        await flushPromises();

        expect(stopReconciliation).toHaveBeenCalledTimes(1);
        expect(scheduleReconciliation).not.toHaveBeenCalled();
        expect(toasts).toEqual([
            {
                title: 'The seat release check no longer runs. Deactivating a user still releases their license.',
                message: undefined,
                variant: 'success'
            }
        ]);
        expect(text(element, 'status')).toBe('Not scheduled');
        expect(query(element, '[data-id="next-run"]')).toBeNull();
        expect(scheduleButton(element)?.label).toBe('Schedule');
        expect(stopButton(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a failed Apex call inline and keeps the form usable', async () => {
        jest.mocked(scheduleReconciliation).mockRejectedValue(apexError(notPermitted));
        const element = await render();
        const toasts = captureToasts(element);

        await chooseInterval(element, '4');
        scheduleButton(element)?.click();
        await flushPromises();

        expect(alert(element)?.error).toEqual(notPermitted);
        expect(toasts).toEqual([]);
        expect(text(element, 'status')).toBe('Not scheduled');
        expect(interval(element)).toMatchObject({ value: '4', disabled: false });
        expect(scheduleButton(element)).toMatchObject({ label: 'Schedule', disabled: false });
        await expect(element).toBeAccessible();

        // The admin can act again at once; a success clears the failure.
        jest.mocked(scheduleReconciliation).mockResolvedValue({ ...everySixHours, everyHours: 4 });
        scheduleButton(element)?.click();
        await flushPromises();

        expect(scheduleReconciliation).toHaveBeenLastCalledWith({ everyHours: 4 });
        expect(alert(element)).toBeNull();
        expect(text(element, 'interval')).toBe('Every 4 hours');
    });

    it('repeats the action that failed on "Try again" when Apex says retrying can help', async () => {
        jest.mocked(stopReconciliation).mockRejectedValueOnce(apexError(timeout)).mockResolvedValueOnce(notScheduled);
        const element = await render(everySixHours);

        stopButton(element)?.click();
        await flushPromises();
        expect(alert(element)?.error).toEqual(timeout);
        expect(text(element, 'status')).toBe('Scheduled');

        alert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(stopReconciliation).toHaveBeenCalledTimes(2);
        expect(scheduleReconciliation).not.toHaveBeenCalled();
        expect(alert(element)).toBeNull();
        expect(text(element, 'status')).toBe('Not scheduled');
    });

    it('disables the buttons and the interval while saving, and saves once on a double click', async () => {
        const saved = deferred<ScheduleView>();
        jest.mocked(scheduleReconciliation).mockReturnValue(saved.promise);
        const element = await render(everySixHours);

        scheduleButton(element)?.click();
        scheduleButton(element)?.click();
        stopButton(element)?.click();
        await Promise.resolve();

        expect(scheduleReconciliation).toHaveBeenCalledTimes(1);
        expect(stopReconciliation).not.toHaveBeenCalled();
        expect(scheduleButton(element)).toMatchObject({ label: 'Saving…', disabled: true });
        expect(stopButton(element)).toMatchObject({ label: 'Stop', disabled: true });
        expect(interval(element)?.disabled).toBe(true);
        await expect(element).toBeAccessible();

        saved.resolve(everySixHours);
        await flushPromises();

        expect(scheduleButton(element)).toMatchObject({ label: 'Change', disabled: false });
        expect(stopButton(element)?.disabled).toBe(false);
        expect(interval(element)?.disabled).toBe(false);
    });

    it('says "Saving…" on Stop while it stops', async () => {
        jest.mocked(stopReconciliation).mockReturnValue(deferred<ScheduleView>().promise);
        const element = await render(everySixHours);

        stopButton(element)?.click();
        await Promise.resolve();

        expect(stopButton(element)).toMatchObject({ label: 'Saving…', disabled: true });
        expect(scheduleButton(element)).toMatchObject({ label: 'Change', disabled: true });
    });

    it('shows the schedule the panel brings on a later state reload', async () => {
        const element = await render(notScheduled);

        element.schedule = everySixHours;
        await flushPromises();

        expect(text(element, 'status')).toBe('Scheduled');
        expect(interval(element)?.value).toBe('6');
    });
});
