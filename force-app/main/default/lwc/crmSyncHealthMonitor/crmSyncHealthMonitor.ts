// "Health monitoring" [Zustandsüberwachung]: the scheduled health check (CrmSyncHealthMonitor), which runs the setup
// checks on a schedule and alerts the CRM Sync admins when the result changes. The card shows the last result and
// since when it holds, how often the check runs (choosing an interval schedules it at once, "Off" stops it), its next
// run and who it runs as, and "Check now". Every answer is passed up as `healthchange`, so the panel's banner follows.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import checkHealthNow from '@salesforce/apex/CrmSyncAdminController.checkHealthNow';
import scheduleHealthCheck from '@salesforce/apex/CrmSyncAdminController.scheduleHealthCheck';
import type { HealthView } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { INTERVAL_HOURS, intervalLabel } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';

const OFF = 'off';

const RESULT_WORDS: Record<string, string> = {
    PASS: LABELS.doctorStatusPass,
    WARN: LABELS.doctorStatusWarn,
    FAIL: LABELS.doctorStatusFail
};

type Pending = 'schedule' | 'check';

export default class CrmSyncHealthMonitor extends LightningElement {
    @api
    get health(): HealthView | undefined {
        return this.current;
    }
    set health(value: HealthView | undefined) {
        this.current = value;
    }

    labels = LABELS;
    frequencyOptions = [
        { label: LABELS.healthOff, value: OFF },
        ...INTERVAL_HOURS.map((hours) => ({ label: intervalLabel(hours), value: String(hours) }))
    ];
    current?: HealthView;
    pending?: Pending;
    error?: CrmSyncError;
    /** What "Try again" repeats. */
    private retry?: () => Promise<void>;

    get busy(): boolean {
        return this.pending !== undefined;
    }

    get everChecked(): boolean {
        return Boolean(this.current?.checkedAt);
    }

    get checkedAt(): string | undefined {
        return this.current?.checkedAt;
    }

    /** The first failing or warning finding of the last check. */
    get finding(): string | undefined {
        return this.current?.message;
    }

    get nextRunAt(): string | undefined {
        return this.current?.schedule?.nextRunAt;
    }

    get scheduledByName(): string {
        return this.current?.schedule?.scheduledByName ?? LABELS.notAvailable;
    }

    get resultText(): string {
        return RESULT_WORDS[this.current?.status ?? ''] ?? LABELS.healthNever;
    }

    get frequency(): string {
        const schedule = this.current?.schedule;
        return schedule?.scheduled === true && schedule.everyHours ? String(schedule.everyHours) : OFF;
    }

    get scheduled(): boolean {
        return this.current?.schedule?.scheduled === true;
    }

    get checkLabel(): string {
        return this.pending === 'check' ? LABELS.loading : LABELS.healthCheckNow;
    }

    handleFrequencyChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        const everyHours = value === OFF ? null : Number(value);
        void this.run('schedule', async () => {
            this.apply(await scheduleHealthCheck({ everyHours }));
            this.toast(everyHours === null ? LABELS.healthStoppedToast : LABELS.healthScheduledToast);
        });
    }

    handleCheckNow(): void {
        void this.run('check', async () => this.apply(await checkHealthNow()));
    }

    handleRetry(): void {
        if (this.retry) {
            void this.run(this.pending ?? 'check', this.retry);
        }
    }

    private async run(action: Pending, step: () => Promise<void>): Promise<void> {
        if (this.busy) {
            return;
        }
        this.pending = action;
        this.error = undefined;
        try {
            await step();
            this.retry = undefined;
        } catch (failure) {
            this.error = toCrmSyncError(failure);
            this.retry = step;
        } finally {
            this.pending = undefined;
        }
    }

    private apply(health: HealthView): void {
        this.current = health;
        this.dispatchEvent(new CustomEvent('healthchange', { detail: { health } }));
    }

    private toast(title: string): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant: 'success' }));
    }
}
