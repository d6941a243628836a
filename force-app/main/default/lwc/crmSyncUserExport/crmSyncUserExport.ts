// "Export CSV": downloads every user of the table's current search and filters with their license, CRM sync,
// status and last sync. Apex hands the rows over in chunks (exportUsers, up to 2,000 per call), so no transaction
// holds 50,000 users; the file is assembled here, with headers in the admin's language and the separator their
// spreadsheet expects (c/crmSyncCsv).
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import DECIMAL_SEPARATOR from '@salesforce/i18n/number.decimalSeparator';
import exportUsers from '@salesforce/apex/CrmSyncAdminController.exportUsers';
import type { UserQuery, UserState } from 'crm-sync/apex-types';
import { csvSeparator, downloadCsv, toCsv } from 'c/crmSyncCsv';
import type { CsvValue } from 'c/crmSyncCsv';
import { toCrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel, statusLabel, withReference } from 'c/crmSyncFormat';

function headerRow(): string[] {
    return [
        LABELS.columnName,
        LABELS.exportColumnUsername,
        LABELS.exportColumnEmail,
        LABELS.columnProfile,
        LABELS.exportColumnActive,
        LABELS.columnLicense,
        LABELS.columnSync,
        LABELS.columnStatus,
        LABELS.columnLastSynced
    ];
}

function yesNo(value: boolean | undefined): string {
    return value === true ? LABELS.exportYes : LABELS.exportNo;
}

/** One user as a CSV row; the last sync as ISO 8601, which every spreadsheet reads the same way. */
function userRow(user: UserState): CsvValue[] {
    return [
        user.name,
        user.username,
        user.email,
        user.profileName,
        yesNo(user.isActive),
        user.licenseLabel ?? user.licenseType,
        yesNo(user.syncEnabled),
        user.status ? statusLabel(user.status) : '',
        user.lastSyncedAt
    ];
}

export default class CrmSyncUserExport extends LightningElement {
    /** The table's search and filters; sort order too (the file follows it). */
    @api query?: UserQuery;
    @api disabled = false;

    labels = LABELS;
    exporting = false;
    read = 0;
    total = 0;

    get buttonDisabled(): boolean {
        return this.disabled || this.exporting;
    }

    get progressText(): string {
        return formatLabel(LABELS.exportProgress, formatCount(this.read), formatCount(this.total));
    }

    async handleExport(): Promise<void> {
        if (this.exporting) {
            return;
        }
        this.exporting = true;
        this.read = 0;
        this.total = 0;
        const rows: CsvValue[][] = [headerRow()];
        try {
            await this.readChunks(0, rows);
            downloadCsv(
                toCsv(rows, csvSeparator(DECIMAL_SEPARATOR)),
                formatLabel(LABELS.exportFileName, new Date().toISOString().slice(0, 10)),
                this.template?.querySelector('.download-anchor')
            );
            this.dispatchEvent(
                new ShowToastEvent({
                    title: formatLabel(LABELS.exportDone, formatCount(this.read)),
                    variant: 'success'
                })
            );
        } catch (error) {
            const failure = toCrmSyncError(error);
            this.dispatchEvent(
                new ShowToastEvent({
                    title: LABELS.exportFailed,
                    message: withReference(failure.message, failure.correlationId),
                    variant: 'error',
                    mode: 'sticky'
                })
            );
        } finally {
            this.exporting = false;
        }
    }

    /** Reads the chunk at `start` into `rows`, then the next one: each start comes from the chunk before. */
    private async readChunks(start: number, rows: CsvValue[][]): Promise<void> {
        const chunk = await exportUsers({ query: this.query ?? null, start });
        (chunk.rows ?? []).forEach((user) => rows.push(userRow(user)));
        this.read = rows.length - 1;
        this.total = chunk.totalCount ?? this.read;
        if (chunk.nextStart !== undefined && chunk.nextStart !== null) {
            await this.readChunks(chunk.nextStart, rows);
        }
    }
}
