// "Assignment rules" [Zuweisungsregeln]: the org's rules, as the panel's state brought them, each with what selects
// its users, the license they get and whether the scheduled check applies it. "New rule" and "Edit" open
// c/crmSyncRuleDialog; "Delete" asks first, then answers with the rules left. "Apply now" opens the same dry run as any
// change for many users (c/crmSyncJobDialog, operation Apply_Rule): a queued job goes to the panel (`jobstart`), a
// change applied at once is toasted and the panel reloads its state (`rulesapplied`).
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import deleteRule from '@salesforce/apex/CrmSyncRuleController.deleteRule';
import type { LicensePool, RuleView } from 'crm-sync/apex-types';
import CrmSyncRuleDialog from 'c/crmSyncRuleDialog';
import { PERMISSION_SET, PROFILE } from 'c/crmSyncRuleDialog';
import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import { APPLY_RULE, appliedToast, operationLabel } from 'c/crmSyncJobs';
import type { JobStartDetail } from 'c/crmSyncUserTable';
import { toCrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatLabel, withReference } from 'c/crmSyncFormat';

/** lightning/confirm as documented: its typings leave out the static open() that shows the modal. */
type ConfirmModal = {
    open(config: { message: string; label: string; theme: 'warning' }): Promise<boolean>;
};

interface RuleRow {
    id: string;
    name: string;
    criterionText: string;
    licenseText: string;
    scheduledText: string;
    applyLabel: string;
    editLabel: string;
    deleteLabel: string;
}

/** "Profile Sales User", "Role EMEA Sales and below", "Permission set Sales Cloud User". */
function criterionText(rule: RuleView): string {
    const name = rule.criterionLabel ?? rule.criterionId ?? LABELS.notAvailable;
    if (rule.criterion === PROFILE) {
        return formatLabel(LABELS.rulesCriterionProfile, name);
    }
    return formatLabel(
        rule.criterion === PERMISSION_SET ? LABELS.rulesCriterionPermissionSet : LABELS.rulesCriterionRole,
        name
    );
}

export default class CrmSyncRules extends LightningElement {
    /** The rules the panel's state read; the card keeps its own list as rules are saved and deleted. */
    @api
    get rules(): RuleView[] {
        return this.list;
    }
    set rules(value: RuleView[] | undefined) {
        this.list = value ?? [];
    }

    @api licensePools?: LicensePool[];
    /** Without a linked org nothing can be applied, and the pools are unknown. */
    @api connected = false;

    labels = LABELS;
    list: RuleView[] = [];
    busy = false;

    get empty(): boolean {
        return this.list.length === 0;
    }

    get actionsDisabled(): boolean {
        return this.busy || !this.connected;
    }

    get rows(): RuleRow[] {
        return this.list.map((rule) => {
            const name = rule.name ?? LABELS.notAvailable;
            const pool = this.licensePools?.find((candidate) => candidate.licenseType === rule.licenseType);
            return {
                id: rule.id ?? name,
                name,
                criterionText: criterionText(rule),
                licenseText: pool?.label ?? rule.licenseType ?? LABELS.notAvailable,
                scheduledText: rule.active === false ? LABELS.rulesNotScheduled : LABELS.rulesScheduled,
                applyLabel: formatLabel(LABELS.rulesApply, name),
                editLabel: formatLabel(LABELS.rulesEdit, name),
                deleteLabel: formatLabel(LABELS.rulesDelete, name)
            };
        });
    }

    private ruleOf(event: Event): RuleView | undefined {
        const id = (event.currentTarget as HTMLElement).dataset.rule;
        return this.list.find((rule) => rule.id === id);
    }

    async handleNew(event: Event): Promise<void> {
        await this.openDialog(undefined, event.currentTarget as HTMLElement);
    }

    async handleEdit(event: Event): Promise<void> {
        await this.openDialog(this.ruleOf(event), event.currentTarget as HTMLElement);
    }

    private async openDialog(rule: RuleView | undefined, trigger: HTMLElement): Promise<void> {
        if (this.actionsDisabled) {
            return;
        }
        this.busy = true;
        try {
            const result = await CrmSyncRuleDialog.open({
                size: 'small',
                label: rule ? formatLabel(LABELS.ruleDialogEdit, rule.name ?? '') : LABELS.ruleDialogNew,
                rule,
                pools: this.licensePools ?? []
            });
            if (result) {
                const saved = result.rule;
                this.list = [...this.list.filter((other) => other.id !== saved.id), saved].sort((a, b) =>
                    (a.name ?? '').localeCompare(b.name ?? '')
                );
                this.toast(formatLabel(LABELS.rulesSaved, saved.name ?? ''), 'success');
            }
        } finally {
            this.busy = false;
            trigger.focus();
        }
    }

    async handleDelete(event: Event): Promise<void> {
        const rule = this.ruleOf(event);
        if (!rule || this.actionsDisabled) {
            return;
        }
        const confirmed = await (LightningConfirm as unknown as ConfirmModal).open({
            message: formatLabel(LABELS.rulesDeleteConfirm, rule.name ?? ''),
            label: formatLabel(LABELS.rulesDelete, rule.name ?? ''),
            theme: 'warning'
        });
        if (!confirmed) {
            return;
        }
        this.busy = true;
        try {
            this.list = await deleteRule({ ruleId: rule.id ?? null });
            this.toast(formatLabel(LABELS.rulesDeleted, rule.name ?? ''), 'success');
        } catch (failure) {
            const error = toCrmSyncError(failure);
            this.toast(LABELS.failureTitle, 'error', withReference(error.message, error.correlationId));
        } finally {
            this.busy = false;
        }
    }

    async handleApply(event: Event): Promise<void> {
        const rule = this.ruleOf(event);
        const trigger = event.currentTarget as HTMLElement;
        if (!rule || this.actionsDisabled) {
            return;
        }
        this.busy = true;
        try {
            const result = await CrmSyncJobDialog.open({
                size: 'small',
                label: operationLabel(APPLY_RULE, undefined, rule.name),
                request: { operation: APPLY_RULE, ruleId: rule.id }
            });
            if (result?.outcome === 'applied') {
                this.dispatchEvent(new ShowToastEvent(appliedToast(result.summary)));
                this.dispatchEvent(new CustomEvent('rulesapplied'));
            } else if (result?.outcome === 'queued') {
                this.dispatchEvent(new CustomEvent<JobStartDetail>('jobstart', { detail: { job: result.job } }));
            }
        } finally {
            this.busy = false;
            trigger.focus();
        }
    }

    private toast(title: string, variant: 'success' | 'error', message?: string): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant, ...(message ? { message } : {}) }));
    }
}
