// "Import CSV" [CSV importieren]: the first half of a change for the users of a file. The admin chooses what the
// import does (and, when it assigns licenses, the license for lines without one), then the file. The browser reads
// the file (c/crmSyncImportFile: size, encoding, separator, columns, one problem per unusable line) and has Apex
// check the usable lines, 1,000 per stageImport call, one call after the other: Apex stages each line that names a
// user it can change under a key chosen here and names every other line. The dialog lists the lines left out, line
// by line, and "Continue to dry run" closes it with the request its opener hands to c/crmSyncJobDialog, which shows
// the dry run and starts the change. Nothing changes before that. Another operation or license checks the file again.
import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import stageImport from '@salesforce/apex/CrmSyncJobController.stageImport';
import type { ImportRow, JobRequest, LicensePool } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel } from 'c/crmSyncFormat';
import {
    ASSIGN_LICENSE,
    DISABLE_USER_SYNC,
    ENABLE_USER_SYNC,
    REMOVE_LICENSE,
    defaultLicenseType,
    licenseOptions,
    operationLabel,
    userCountLabel
} from 'c/crmSyncJobs';
import { readImportFile } from 'c/crmSyncImportFile';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export interface ImportDialogResult {
    request: JobRequest;
    /** The job dialog's title: what the import does. */
    label: string;
}

/** Lines per stageImport call: CrmSyncImportService.MAX_ROWS_PER_CALL. */
export const ROWS_PER_CALL = 1000;
/** How many lines left out the dialog lists; the rest are counted. */
export const PROBLEMS_SHOWN = 100;

interface ProblemLine {
    key: string;
    text: string;
}

type ChangeEvent = CustomEvent<{ value: string }>;

/** A random (version 4) UUID: the import's key, under which Apex stages the file's users. */
function newImportKey(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The file's bytes; FileReader rather than Blob.arrayBuffer(), which older browsers lack. */
function readBytes(file: File): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
        reader.readAsArrayBuffer(file);
    });
}

export default class CrmSyncImportDialog extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
        pools: LicensePool[];
    }) => Promise<ImportDialogResult | undefined>;

    /** The seat pools the panel shows: the license column's values and the license for lines without one. */
    @api pools?: LicensePool[];

    labels = LABELS;
    operation = ENABLE_USER_SYNC;
    /** With Assign license: the license for lines without one; the default pool's until the admin picks another. */
    chosenLicense?: string;
    fileName?: string;
    checking = false;
    checked = 0;
    total = 0;
    staged = 0;
    problems: ProblemLine[] = [];
    /** A problem of the whole file: nothing of it is checked. */
    fileProblem?: string;
    /** Why checking the lines failed in Apex. */
    error?: CrmSyncError;
    private importKey?: string;
    private file?: File;
    /** Numbers the checks, so the answers for a file, operation or license replaced meanwhile are dropped. */
    private checkNumber = 0;

    get operationOptions(): { label: string; value: string }[] {
        return [ENABLE_USER_SYNC, DISABLE_USER_SYNC, ASSIGN_LICENSE, REMOVE_LICENSE].map((value) => ({
            label: operationLabel(value, LABELS.importLicenseFromFile),
            value
        }));
    }

    get assigning(): boolean {
        return this.operation === ASSIGN_LICENSE;
    }

    get licenseOptions(): { label: string; value: string }[] {
        return licenseOptions(this.pools);
    }

    get license(): string | undefined {
        return this.chosenLicense ?? defaultLicenseType(this.pools);
    }

    get checkingText(): string {
        return formatLabel(LABELS.importChecking, formatCount(this.checked), formatCount(this.total));
    }

    get checkedFile(): boolean {
        return this.importKey !== undefined && !this.checking && !this.error;
    }

    get foundText(): string {
        return formatLabel(LABELS.importFound, userCountLabel(this.staged), this.fileName ?? '');
    }

    get noUsers(): boolean {
        return this.staged === 0;
    }

    get problemsTitle(): string {
        return formatLabel(LABELS.importProblemsTitle, formatCount(this.problems.length));
    }

    get hasProblems(): boolean {
        return this.problems.length > 0;
    }

    get shownProblems(): ProblemLine[] {
        return this.problems.slice(0, PROBLEMS_SHOWN);
    }

    get moreProblems(): string | undefined {
        const more = this.problems.length - PROBLEMS_SHOWN;
        return more > 0 ? formatLabel(LABELS.importMoreProblems, formatCount(more)) : undefined;
    }

    get continueDisabled(): boolean {
        return !this.checkedFile || this.noUsers;
    }

    // --- actions -------------------------------------------------------------------------------------------------

    handleOperationChange(event: ChangeEvent): void {
        this.operation = event.detail.value;
        void this.checkFile();
    }

    handleLicenseChange(event: ChangeEvent): void {
        this.chosenLicense = event.detail.value;
        void this.checkFile();
    }

    handleFileChange(event: Event): void {
        this.file = (event.target as HTMLInputElement).files?.[0];
        void this.checkFile();
    }

    handleRetry(): void {
        void this.checkFile();
    }

    handleContinue(): void {
        if (this.continueDisabled || !this.importKey) {
            return;
        }
        const label = formatLabel(
            '{0}: {1}',
            LABELS.importCsv,
            operationLabel(this.operation, LABELS.importLicenseFromFile)
        );
        void this.close({ request: { operation: this.operation, importKey: this.importKey }, label });
    }

    handleCancel(): void {
        void this.close(undefined);
    }

    // --- checking the lines --------------------------------------------------------------------------------------

    /** Reads the chosen file and has Apex check its lines for the chosen operation; nothing without a file. */
    async checkFile(): Promise<void> {
        const checkNumber = ++this.checkNumber;
        this.importKey = undefined;
        this.fileProblem = undefined;
        this.error = undefined;
        this.checked = 0;
        this.total = 0;
        this.staged = 0;
        this.problems = [];
        const file = this.file;
        this.fileName = file?.name;
        if (!file) {
            this.checking = false;
            return;
        }
        this.checking = true;
        const read = readImportFile(await readBytes(file), this.pools ?? []);
        if (checkNumber !== this.checkNumber) {
            return;
        }
        const fileProblem = read.problems.find((problem) => problem.line === undefined);
        if (fileProblem) {
            this.fileProblem = fileProblem.message;
            this.checking = false;
            return;
        }
        const license = this.assigning ? this.license : undefined;
        const rows: ImportRow[] = read.rows.map((row) => ({
            line: row.line,
            key: row.key,
            ...(this.assigning ? { licenseType: row.licenseType ?? license } : {})
        }));
        const problems = read.problems.map((problem) => ({ line: problem.line ?? 0, message: problem.message }));
        const importKey = newImportKey();
        this.total = rows.length;
        try {
            await this.stageFrom(0, rows, importKey, problems, checkNumber);
            if (checkNumber === this.checkNumber) {
                this.importKey = importKey;
                this.problems = problems
                    .sort((first, second) => first.line - second.line)
                    .map((problem, index) => ({ key: `${problem.line}-${index}`, text: problem.message }));
            }
        } catch (failure) {
            if (checkNumber === this.checkNumber) {
                this.error = toCrmSyncError(failure);
            }
        } finally {
            if (checkNumber === this.checkNumber) {
                this.checking = false;
            }
        }
    }

    /** Stages the chunk at `start`, then the next: Apex checks one chunk per call, the calls one after the other. */
    private async stageFrom(
        start: number,
        rows: ImportRow[],
        importKey: string,
        problems: { line: number; message: string }[],
        checkNumber: number
    ): Promise<void> {
        if (start >= rows.length || checkNumber !== this.checkNumber) {
            return;
        }
        const chunk = rows.slice(start, start + ROWS_PER_CALL);
        const stage = await stageImport({ chunk: { importKey, operation: this.operation, rows: chunk } });
        if (checkNumber !== this.checkNumber) {
            return;
        }
        this.staged += stage.staged ?? 0;
        (stage.problems ?? []).forEach((problem) =>
            problems.push({ line: problem.line ?? 0, message: problem.message ?? problem.code ?? '' })
        );
        this.checked = start + chunk.length;
        await this.stageFrom(start + ROWS_PER_CALL, rows, importKey, problems, checkNumber);
    }
}
