import CrmSyncHealthMonitor from 'c/crmSyncHealthMonitor';
import checkHealthNow from '@salesforce/apex/CrmSyncAdminController.checkHealthNow';
import scheduleHealthCheck from '@salesforce/apex/CrmSyncAdminController.scheduleHealthCheck';
import type { HealthView } from 'crm-sync/apex-types';
import { apexError, captureEvents, captureToasts, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.checkHealthNow', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncAdminController.scheduleHealthCheck', () => ({ default: jest.fn() }), {
    virtual: true
});

type MonitorElement = HTMLElement & { health?: HealthView };
type ComboboxElement = HTMLElement & { value?: string; label?: string; options?: { label: string; value: string }[] };

const neverChecked: HealthView = { schedule: { scheduled: false } };
const failingHourly: HealthView = {
    status: 'FAIL',
    code: 'API_KEY_REJECTED',
    message: 'The backend refused the API key (HTTP 401): it is wrong, revoked or expired.',
    checkedAt: '2026-12-06T09:00:00.000Z',
    since: '2026-12-06T07:00:00.000Z',
    schedule: {
        scheduled: true,
        everyHours: 1,
        nextRunAt: '2026-12-06T10:00:00.000Z',
        scheduledByName: 'Dana Whitfield'
    }
};
const passingHourly: HealthView = {
    ...failingHourly,
    status: 'PASS',
    code: undefined,
    message: undefined,
    since: '2026-12-06T09:30:00.000Z',
    checkedAt: '2026-12-06T09:30:00.000Z'
};

function render(health?: HealthView): MonitorElement {
    return renderElement<MonitorElement>('c-crm-sync-health-monitor', CrmSyncHealthMonitor, { health });
}

const byId = (element: HTMLElement, id: string) => query(element, `[data-id="${id}"]`);
const text = (element: HTMLElement, id: string) => byId(element, id)?.textContent?.trim();
const frequency = (element: HTMLElement) => byId(element, 'frequency') as ComboboxElement;

function choose(element: HTMLElement, value: string): void {
    frequency(element).dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-crm-sync-health-monitor', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('says the setup was not checked yet and the automatic check is off', async () => {
        const element = render(neverChecked);

        expect(text(element, 'result')).toBe('Not checked yet');
        expect(text(element, 'last-check')).toBe('Not checked yet');
        expect(frequency(element).value).toBe('off');
        expect(byId(element, 'next-run')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the last result with its finding, the interval, the next run and who it runs as', async () => {
        const element = render(failingHourly);

        expect(text(element, 'result')).toContain('Problem');
        expect(text(element, 'finding')).toBe(failingHourly.message);
        expect(frequency(element).value).toBe('1');
        expect(text(element, 'scheduled-by')).toBe('Dana Whitfield');
        await expect(element).toBeAccessible();
    });

    it('offers Off and every interval that divides a day', () => {
        const element = render(neverChecked);

        expect(frequency(element).options?.map((option) => option.value)).toEqual([
            'off',
            '1',
            '2',
            '3',
            '4',
            '6',
            '8',
            '12',
            '24'
        ]);
        expect(frequency(element).options?.[1].label).toBe('Every hour');
    });

    it('schedules the check when an interval is chosen, and tells the panel', async () => {
        jest.mocked(scheduleHealthCheck).mockResolvedValue(failingHourly);
        const element = render(neverChecked);
        const toasts = captureToasts(element);
        const changes = captureEvents<{ health: HealthView }>(element, 'healthchange');

        choose(element, '1');
        await flushPromises();

        expect(scheduleHealthCheck).toHaveBeenCalledWith({ everyHours: 1 });
        expect(toasts).toEqual([expect.objectContaining({ title: 'The health check is scheduled.' })]);
        expect(changes).toEqual([{ health: failingHourly }]);
    });

    it('stops the check when Off is chosen', async () => {
        jest.mocked(scheduleHealthCheck).mockResolvedValue(neverChecked);
        const element = render(failingHourly);
        const toasts = captureToasts(element);

        choose(element, 'off');
        await flushPromises();

        expect(scheduleHealthCheck).toHaveBeenCalledWith({ everyHours: null });
        expect(toasts).toEqual([expect.objectContaining({ title: 'The health check no longer runs.' })]);
    });

    it('checks now and shows the new result', async () => {
        jest.mocked(checkHealthNow).mockResolvedValue(passingHourly);
        const element = render(failingHourly);

        (byId(element, 'check-now') as HTMLElement).click();
        await flushPromises();

        expect(checkHealthNow).toHaveBeenCalledTimes(1);
        expect(text(element, 'result')).toBe('OK');
        expect(byId(element, 'finding')).toBeNull();
    });

    it('shows why a check failed to run, and Try again runs it again', async () => {
        jest.mocked(checkHealthNow)
            .mockRejectedValueOnce(
                apexError({
                    code: 'NOT_PERMITTED',
                    message: 'You need the CRM Sync Admin permission set.',
                    retryable: false,
                    correlationId: null
                })
            )
            .mockResolvedValueOnce(passingHourly);
        const element = render(failingHourly);

        (byId(element, 'check-now') as HTMLElement).click();
        await flushPromises();
        const alert = query(element, 'c-crm-sync-error-alert');
        expect(alert).not.toBeNull();

        alert?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(checkHealthNow).toHaveBeenCalledTimes(2);
        expect(query(element, 'c-crm-sync-error-alert')).toBeNull();
    });
});
