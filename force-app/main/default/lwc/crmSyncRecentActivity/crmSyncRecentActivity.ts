// "Recent activity" [Letzte Aktivitäten]: the newest entries of the audit trail (who, what, how many users, outcome,
// when, the reference for support), filtered by action and outcome on the server. The list view and a report on the
// report type have every entry; "Export CSV" downloads every entry of the filters, read from Apex in chunks
// (exportActivity) and written with c/crmSyncCsv, as the user export does. The unfiltered entries come with the
// panel's state (its first paint stays one call); a filter reads again. Only queries, never a callout, so the card
// works while the backend is down.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import DECIMAL_SEPARATOR from '@salesforce/i18n/number.decimalSeparator';
import getRecentActivity from '@salesforce/apex/CrmSyncAdminController.getRecentActivity';
import exportActivity from '@salesforce/apex/CrmSyncAdminController.exportActivity';
import type { ActivityEntry, ActivityPage, ActivityQuery } from 'crm-sync/apex-types';
import { csvSeparator, downloadCsv, toCsv } from 'c/crmSyncCsv';
import type { CsvValue } from 'c/crmSyncCsv';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { actionLabel, formatCount, formatLabel, outcomeLabel, withReference } from 'c/crmSyncFormat';

/** The audit object's list view of every entry (CRM_Sync_Audit__c/listViews/All). */
export const LIST_VIEW_URL = '/lightning/o/CRM_Sync_Audit__c/list?filterName=All';
/** Reports home, where "New Report" offers the report type CRM Sync Audit Entries. */
export const REPORTS_URL = '/lightning/o/Report/home';

/** The combobox value of "all"; Apex reads a blank filter as all. */
const ALL = '';

type ComboboxChangeEvent = CustomEvent<{ value: string }>;
interface Option {
    label: string;
    value: string;
}
/** An entry as a table row shows it. */
interface Row extends ActivityEntry {
    actionText: string;
    outcomeText: string;
    outcomeClass: string;
    actorText: string;
    countText: string;
}

function outcomeClass(outcome: string | undefined): string {
    if (outcome === 'Succeeded') {
        return 'slds-badge slds-theme_success';
    }
    return outcome === 'Failed' ? 'slds-badge slds-theme_error' : 'slds-badge slds-theme_warning';
}

function toRow(entry: ActivityEntry): Row {
    return {
        ...entry,
        actionText: actionLabel(entry.action),
        outcomeText: outcomeLabel(entry.outcome),
        outcomeClass: outcomeClass(entry.outcome),
        actorText: entry.actorName ?? LABELS.notAvailable,
        countText: formatCount(entry.targetCount ?? 0)
    };
}

function headerRow(): string[] {
    return [
        LABELS.activityEntry,
        LABELS.activityWhen,
        LABELS.activityWho,
        LABELS.activityAction,
        LABELS.activityUsers,
        LABELS.activityOutcome,
        LABELS.activityErrorCode,
        LABELS.activityReference
    ];
}

/** One entry as a CSV row; the time as ISO 8601, which every spreadsheet reads the same way. */
function csvRow(entry: ActivityEntry): CsvValue[] {
    return [
        entry.name,
        entry.occurredAt,
        entry.actorName,
        actionLabel(entry.action),
        entry.targetCount ?? 0,
        outcomeLabel(entry.outcome),
        entry.errorCode,
        entry.correlationId
    ];
}

export default class CrmSyncRecentActivity extends LightningElement {
    /** The unfiltered entries as the panel's state read them; with a filter chosen, a new state reads again. */
    @api
    get activity(): ActivityPage | undefined {
        return this.page;
    }
    set activity(value: ActivityPage | undefined) {
        if (!value) {
            return;
        }
        if (this.action || this.outcome) {
            void this.load();
        } else {
            // An answer still on its way was for an older state: this one wins.
            this.readCount++;
            this.applyPage(value);
        }
    }

    labels = LABELS;
    listViewUrl = LIST_VIEW_URL;
    reportsUrl = REPORTS_URL;
    action = ALL;
    outcome = ALL;
    actions: string[] = [];
    outcomes: string[] = [];
    /** The page last applied: the panel's or the last filter's. */
    page?: ActivityPage;
    rows: Row[] = [];
    hasMore = false;
    loading = true;
    loadError?: CrmSyncError;
    exporting = false;
    exported = 0;
    /** Counts the reads, so the answer to an older filter never replaces a newer one. */
    private readCount = 0;

    get actionOptions(): Option[] {
        return [
            { label: LABELS.activityAllActions, value: ALL },
            ...this.actions.map((value) => ({ label: actionLabel(value), value }))
        ];
    }

    get outcomeOptions(): Option[] {
        return [
            { label: LABELS.activityAllOutcomes, value: ALL },
            ...this.outcomes.map((value) => ({ label: outcomeLabel(value), value }))
        ];
    }

    get ready(): boolean {
        return !this.loading && !this.loadError;
    }

    get empty(): boolean {
        return this.ready && this.rows.length === 0;
    }

    get hasRows(): boolean {
        return this.ready && this.rows.length > 0;
    }

    get emptyText(): string {
        return this.action || this.outcome ? LABELS.activityEmpty : LABELS.activityEmptyAll;
    }

    /** What the list holds, in words: announced when a filter changes it. */
    get statusText(): string {
        if (!this.ready) {
            return '';
        }
        if (this.rows.length === 0) {
            return this.emptyText;
        }
        const count = formatCount(this.rows.length);
        return this.hasMore ? formatLabel(LABELS.activityCountMore, count) : formatLabel(LABELS.activityCount, count);
    }

    get exportDisabled(): boolean {
        return this.exporting || !this.hasRows;
    }

    get exportProgress(): string {
        return this.exporting ? formatLabel(LABELS.activityExportProgress, formatCount(this.exported)) : '';
    }

    handleActionChange(event: ComboboxChangeEvent): void {
        this.action = event.detail.value;
        void this.load();
    }

    handleOutcomeChange(event: ComboboxChangeEvent): void {
        this.outcome = event.detail.value;
        void this.load();
    }

    handleRetry(): void {
        void this.load();
    }

    async load(): Promise<void> {
        const read = ++this.readCount;
        this.loading = true;
        this.loadError = undefined;
        try {
            const page = await getRecentActivity({ query: this.query() });
            if (read === this.readCount) {
                this.applyPage(page);
            }
        } catch (failure) {
            if (read === this.readCount) {
                this.loadError = toCrmSyncError(failure);
            }
        } finally {
            if (read === this.readCount) {
                this.loading = false;
            }
        }
    }

    applyPage(page: ActivityPage): void {
        this.page = page;
        this.rows = (page.entries ?? []).map(toRow);
        this.hasMore = page.hasMore === true;
        this.actions = page.actions ?? [];
        this.outcomes = page.outcomes ?? [];
        this.loading = false;
        this.loadError = undefined;
    }

    async handleExport(): Promise<void> {
        if (this.exporting) {
            return;
        }
        this.exporting = true;
        this.exported = 0;
        const rows: CsvValue[][] = [headerRow()];
        try {
            await this.readChunks(this.query(), null, rows);
            downloadCsv(
                toCsv(rows, csvSeparator(DECIMAL_SEPARATOR)),
                formatLabel(LABELS.activityFileName, new Date().toISOString().slice(0, 10)),
                this.template?.querySelector('.download-anchor')
            );
            this.toast(formatLabel(LABELS.activityExportDone, formatCount(this.exported)), undefined, 'success');
        } catch (error) {
            const failure = toCrmSyncError(error);
            this.toast(LABELS.exportFailed, withReference(failure.message, failure.correlationId), 'error');
        } finally {
            this.exporting = false;
        }
    }

    /** Reads the chunk after `after` into `rows`, then the next one: each position comes from the chunk before. */
    private async readChunks(query: ActivityQuery, after: string | null, rows: CsvValue[][]): Promise<void> {
        const chunk = await exportActivity({ query, after });
        (chunk.rows ?? []).forEach((entry) => rows.push(csvRow(entry)));
        this.exported = rows.length - 1;
        if (chunk.nextAfter) {
            await this.readChunks(query, chunk.nextAfter, rows);
        }
    }

    private query(): ActivityQuery {
        return { action: this.action || undefined, outcome: this.outcome || undefined };
    }

    private toast(title: string, message: string | undefined, variant: 'success' | 'error'): void {
        // A failure stays until dismissed: its reference is what support asks for.
        this.dispatchEvent(
            new ShowToastEvent({ title, message, variant, mode: variant === 'error' ? 'sticky' : undefined })
        );
    }
}
