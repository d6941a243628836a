// The confirmation of a change for every user the license table's filters match ("Select all N matching users"), or
// for the users of an imported file (c/crmSyncImportDialog).
// On open it asks Apex for the dry run (previewUserJob, which changes nothing) and states it before the admin
// confirms: how many users change, how many are skipped and why, the seats it takes against what each pool has left
// (Start stays disabled while seats are short), and whether it runs at once or as a background job, with its calls to
// the backend and Apex transactions. Start calls startUserJob; the modal closes with what it did (applied at once, or
// queued as a job) and its opener tells the admin and the panel. Failures, such as another job still running, stay
// inside the modal with Apex's message.
import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import previewUserJob from '@salesforce/apex/CrmSyncJobController.previewUserJob';
import startUserJob from '@salesforce/apex/CrmSyncJobController.startUserJob';
import type { JobPreview, JobRequest, JobView, SeatNeed, UserChangeSummary } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel } from 'c/crmSyncFormat';
import { saveOnce } from 'c/crmSyncModalSave';
import { APPLIED, APPLY_RULE, QUEUED, SKIP_ALREADY, SKIP_INACTIVE, SKIP_MANUAL } from 'c/crmSyncJobs';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export type JobDialogResult = { outcome: 'applied'; summary: UserChangeSummary } | { outcome: 'queued'; job: JobView };

/** One line of a description list: its term and its value. */
interface CountRow {
    /** Its `data-count`, and the key of its <dd>. */
    id: string;
    /** The key of its <dt>. */
    termKey: string;
    label: string;
    value: string;
}

interface SeatRow {
    key: string;
    text: string;
    /** The warning when the pool has fewer seats left than the change needs. */
    shortage?: string;
}

/** A warning about one pool without enough seats. */
interface Shortage {
    key: string;
    text: string;
}

const SKIP_LABELS: Record<string, string> = {
    [SKIP_ALREADY]: LABELS.jobSkippedAlready,
    [SKIP_INACTIVE]: LABELS.jobSkippedInactive,
    [SKIP_MANUAL]: LABELS.jobSkippedManual
};

function countRow(id: string, label: string, count: number | undefined): CountRow {
    return { id, termKey: `${id}-term`, label, value: formatCount(count ?? 0) };
}

function seatRow(need: SeatNeed, index: number): SeatRow {
    const label = need.label ?? need.licenseType ?? LABELS.notAvailable;
    const needed = formatCount(need.needed ?? 0);
    const available = formatCount(need.available ?? 0);
    return {
        key: need.licenseType ?? String(index),
        text: formatLabel(LABELS.jobSeatNeed, label, needed, available),
        ...(need.sufficient === false ? { shortage: formatLabel(LABELS.jobSeatsShort, label, needed, available) } : {})
    };
}

export default class CrmSyncJobDialog extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
        request: JobRequest;
    }) => Promise<JobDialogResult | undefined>;

    /** The change and the users it is for: the table's filters. */
    @api request?: JobRequest;

    labels = LABELS;
    preview?: JobPreview;
    previewLoading = false;
    previewError?: CrmSyncError;
    saving = false;
    error?: CrmSyncError;

    connectedCallback(): void {
        void this.loadPreview();
    }

    // --- what the template reads -------------------------------------------------------------------------------

    /** Matching users, those the change is sent for, and each reason for skipping that applies. */
    get countRows(): CountRow[] {
        const preview = this.preview;
        const skipped = (preview?.skipped ?? [])
            .filter((skip) => (skip.count ?? 0) > 0)
            .map((skip, index) =>
                countRow(
                    `skipped-${skip.reason ?? index}`,
                    (skip.reason && SKIP_LABELS[skip.reason]) || skip.reason || LABELS.notAvailable,
                    skip.count
                )
            );
        return [
            countRow('matching', LABELS.jobMatching, preview?.matching),
            countRow('changing', LABELS.jobChanging, preview?.changing),
            ...skipped
        ];
    }

    /** A change for the users of an imported file, of an assignment rule, or of the table's search and filters. */
    get intro(): string {
        if (this.request?.importKey) {
            return LABELS.jobIntroImport;
        }
        return this.request?.operation === APPLY_RULE ? LABELS.jobIntroRule : LABELS.jobIntro;
    }

    get nothingToChange(): boolean {
        return (this.preview?.changing ?? 0) === 0;
    }

    get seatRows(): SeatRow[] {
        return (this.preview?.seats ?? []).map(seatRow);
    }

    get hasSeats(): boolean {
        return this.seatRows.length > 0;
    }

    get seatShortages(): Shortage[] {
        return this.seatRows.flatMap((seat) => (seat.shortage ? [{ key: seat.key, text: seat.shortage }] : []));
    }

    get seatsShort(): boolean {
        return this.preview?.seatsSufficient === false || this.seatShortages.length > 0;
    }

    get showRun(): boolean {
        return !this.nothingToChange;
    }

    get runsAsJob(): boolean {
        return this.preview?.runsAsJob === true;
    }

    get runText(): string {
        return this.runsAsJob ? LABELS.jobRunsAsJob : LABELS.jobRunsAtOnce;
    }

    /** Transparency about the cost: the backend calls always, the Apex transactions of a background job. */
    get runRows(): CountRow[] {
        const rows = [countRow('callouts', LABELS.jobCallouts, this.preview?.callouts)];
        return this.runsAsJob
            ? [...rows, countRow('transactions', LABELS.jobTransactions, this.preview?.transactions)]
            : rows;
    }

    get startDisabled(): boolean {
        // The admin starts only what the dry run has shown, and never a change the pools cannot hold.
        return this.saving || !this.preview || this.nothingToChange || this.seatsShort;
    }

    // --- actions -------------------------------------------------------------------------------------------------

    async loadPreview(): Promise<void> {
        this.preview = undefined;
        this.previewError = undefined;
        this.previewLoading = true;
        try {
            this.preview = await previewUserJob({ request: this.request ?? null });
        } catch (failure) {
            this.previewError = toCrmSyncError(failure);
        } finally {
            this.previewLoading = false;
        }
    }

    handlePreviewRetry(): void {
        void this.loadPreview();
    }

    async handleStart(): Promise<void> {
        const started = await saveOnce(this, () => startUserJob({ request: this.request ?? null }));
        if (!started) {
            return;
        }
        if (started.mode === APPLIED) {
            void this.close({ outcome: 'applied', summary: started.summary ?? {} });
        } else if (started.mode === QUEUED && started.job) {
            void this.close({ outcome: 'queued', job: started.job });
        } else {
            // An answer of neither kind: say so rather than close as if something had started.
            this.error = toCrmSyncError(undefined);
        }
    }

    handleCancel(): void {
        void this.close(undefined);
    }
}
