// "Check setup": runs every setup check in one Apex call (checkSetup) and lists each with its result, what was
// found, how to fix it with a link to the Setup page, and its stable code for support. The CRM settings card calls
// run(); nothing is shown before the first run. Each finding is a list item with its status in words, not only
// its icon's colour, and the summary is a live region so a screen reader hears the outcome.
import { LightningElement, api } from 'lwc';
import checkSetup from '@salesforce/apex/CrmSyncAdminController.checkSetup';
import type { SetupCheck, SetupReport } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { formatLabel } from 'c/crmSyncFormat';
import { LABELS } from 'c/crmSyncLabels';

interface StatusLook {
    text: string;
    icon: string;
    variant: string;
}

const LOOKS: Record<string, StatusLook> = {
    PASS: { text: LABELS.doctorStatusPass, icon: 'utility:success', variant: 'success' },
    WARN: { text: LABELS.doctorStatusWarn, icon: 'utility:warning', variant: 'warning' },
    FAIL: { text: LABELS.doctorStatusFail, icon: 'utility:error', variant: 'error' },
    SKIPPED: { text: LABELS.doctorStatusSkipped, icon: 'utility:dash', variant: '' }
};

interface CheckRow extends SetupCheck {
    key: string;
    look: StatusLook;
    codeText: string;
}

export default class CrmSyncSetupDoctor extends LightningElement {
    labels = LABELS;
    running = false;
    report?: SetupReport;
    error?: CrmSyncError;

    /** Runs every check; a second call while one runs is ignored. */
    @api
    async run(): Promise<void> {
        if (this.running) {
            return;
        }
        this.running = true;
        this.error = undefined;
        try {
            this.report = await checkSetup();
            this.dispatchEvent(new CustomEvent('checked', { detail: { status: this.report.status } }));
        } catch (failure) {
            this.report = undefined;
            this.error = toCrmSyncError(failure);
        } finally {
            this.running = false;
        }
    }

    get shown(): boolean {
        return this.running || this.report !== undefined || this.error !== undefined;
    }

    get rows(): CheckRow[] {
        return (this.report?.checks ?? []).map((check, index) => ({
            ...check,
            key: check.check ?? String(index),
            look: LOOKS[check.status ?? 'SKIPPED'] ?? LOOKS.SKIPPED,
            codeText: formatLabel(LABELS.doctorCode, check.code ?? '')
        }));
    }

    get summary(): string | undefined {
        const checks = this.report?.checks;
        if (!checks) {
            return undefined;
        }
        const count = (status: string) => checks.filter((check) => check.status === status).length;
        return this.report?.status === 'PASS'
            ? formatLabel(LABELS.doctorSummaryPass, checks.length)
            : formatLabel(LABELS.doctorSummaryProblems, count('FAIL'), count('WARN'));
    }

    get reference(): string | undefined {
        return this.report?.correlationId ? formatLabel(LABELS.reference, this.report.correlationId) : undefined;
    }

    handleRetry(): void {
        void this.run();
    }
}
