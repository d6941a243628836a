// "Seat release" [Lizenzfreigabe]: seats come back when people leave. The card says what happens when a user is
// deactivated (the User trigger queues the release, which runs only when the deactivating admin holds the CRM Sync
// Admin permission set) and manages the scheduled check, CrmSyncReconciliation, which releases frozen users and
// catches what the trigger missed: whether it is scheduled, how often, its next run and who scheduled it (it runs as
// that admin), with "Schedule", or "Change" and "Stop". The panel's state brings the schedule.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import scheduleReconciliation from '@salesforce/apex/CrmSyncJobController.scheduleReconciliation';
import stopReconciliation from '@salesforce/apex/CrmSyncJobController.stopReconciliation';
import type { ScheduleView } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { INTERVAL_HOURS, intervalLabel } from 'c/crmSyncFormat';

/** Hourly until the admin picks another interval. */
const DEFAULT_HOURS = 1;

type Action = 'schedule' | 'stop';
type ComboboxChangeEvent = CustomEvent<{ value: string }>;

export default class CrmSyncSeatRelease extends LightningElement {
    /** The schedule as the panel's state read it; Schedule, Change and Stop replace it with their answer. */
    @api
    get schedule(): ScheduleView | undefined {
        return this.current;
    }
    set schedule(value: ScheduleView | undefined) {
        if (value) {
            this.applySchedule(value);
        }
    }

    labels = LABELS;
    intervalOptions = INTERVAL_HOURS.map((hours) => ({ label: intervalLabel(hours), value: String(hours) }));
    /** The schedule as Apex last answered; undefined until the panel's state arrives. */
    current?: ScheduleView;
    /** Why Schedule, Change or Stop failed; the form stays usable. */
    saveError?: CrmSyncError;
    /** What "Try again" repeats: the action that failed last. */
    failedAction: Action = 'schedule';
    /** The action running now: every control is disabled meanwhile. */
    pending?: Action;
    /** The interval chosen in the combobox, as its option value. */
    hours = String(DEFAULT_HOURS);

    get loading(): boolean {
        return !this.current;
    }

    get scheduled(): boolean {
        return this.current?.scheduled === true;
    }

    get statusText(): string {
        return this.scheduled ? LABELS.seatReleaseScheduled : LABELS.seatReleaseNotScheduled;
    }

    get intervalText(): string {
        const hours = this.current?.everyHours;
        return hours ? intervalLabel(hours) : LABELS.notAvailable;
    }

    get nextRunAt(): string | undefined {
        return this.current?.nextRunAt;
    }

    get scheduledByName(): string {
        return this.current?.scheduledByName ?? LABELS.notAvailable;
    }

    get saving(): boolean {
        return this.pending !== undefined;
    }

    get scheduleLabel(): string {
        if (this.pending === 'schedule') {
            return LABELS.saving;
        }
        return this.scheduled ? LABELS.seatReleaseChange : LABELS.seatReleaseSchedule;
    }

    get stopLabel(): string {
        return this.pending === 'stop' ? LABELS.saving : LABELS.seatReleaseStop;
    }

    handleIntervalChange(event: ComboboxChangeEvent): void {
        this.hours = event.detail.value;
    }

    handleSchedule(): void {
        void this.run('schedule');
    }

    handleStop(): void {
        void this.run('stop');
    }

    handleSaveRetry(): void {
        void this.run(this.failedAction);
    }

    async run(action: Action): Promise<void> {
        // The buttons are disabled while saving, but a second click can arrive before the re-render.
        if (this.saving) {
            return;
        }
        this.pending = action;
        this.saveError = undefined;
        try {
            if (action === 'schedule') {
                const view = await scheduleReconciliation({ everyHours: Number(this.hours) });
                this.applySchedule(view);
                this.toast(LABELS.seatReleaseScheduledToast, this.intervalText);
            } else {
                this.applySchedule(await stopReconciliation());
                this.toast(LABELS.seatReleaseStoppedToast);
            }
        } catch (failure) {
            this.saveError = toCrmSyncError(failure);
            this.failedAction = action;
        } finally {
            this.pending = undefined;
        }
    }

    applySchedule(view: ScheduleView): void {
        this.current = view;
        if (view.scheduled === true && view.everyHours) {
            this.hours = String(view.everyHours);
        }
    }

    toast(title: string, message?: string): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
    }
}
