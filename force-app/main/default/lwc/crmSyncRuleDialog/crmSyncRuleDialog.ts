// A new assignment rule, or a change to one: its name, what selects its users (a profile, a role and the roles below
// it, or a permission set, read from Apex for the chosen kind), the license its users get, and whether the scheduled
// check applies it. Once a profile, role or permission set is chosen, it says how many active users match
// (countRuleMatches), before anything is saved. Save calls saveRule and closes with the saved rule; refusals, such as a
// name another rule has, stay in the dialog with Apex's message.
import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import getRuleCriterionOptions from '@salesforce/apex/CrmSyncRuleController.getRuleCriterionOptions';
import countRuleMatches from '@salesforce/apex/CrmSyncRuleController.countRuleMatches';
import saveRule from '@salesforce/apex/CrmSyncRuleController.saveRule';
import type { CriterionOption, LicensePool, RuleInput, RuleView } from 'crm-sync/apex-types';
import { toCrmSyncError } from 'c/crmSyncErrors';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel } from 'c/crmSyncFormat';
import { saveOnce } from 'c/crmSyncModalSave';
import { defaultLicenseType, licenseOptions } from 'c/crmSyncJobs';

/** CrmSyncRuleService's criteria. */
export const PROFILE = 'Profile';
export const ROLE_SUBTREE = 'Role_Subtree';
export const PERMISSION_SET = 'Permission_Set';

/** What `open()` resolves with; `undefined` when the admin cancelled. */
export interface RuleDialogResult {
    rule: RuleView;
}

type ChangeEvent = CustomEvent<{ value?: string; checked?: boolean }>;

export default class CrmSyncRuleDialog extends LightningModal {
    declare static open: (config: {
        size?: 'small' | 'medium' | 'large' | 'full';
        label: string;
        rule?: RuleView;
        pools: LicensePool[];
    }) => Promise<RuleDialogResult | undefined>;

    /** The rule to change; none for a new one. */
    @api rule?: RuleView;
    /** The seat pools, for the license. */
    @api pools?: LicensePool[];

    labels = LABELS;
    name = '';
    criterion = PROFILE;
    criterionId?: string;
    chosenLicense?: string;
    active = true;
    options: CriterionOption[] = [];
    optionsError?: CrmSyncError;
    matches?: number;
    counting = false;
    saving = false;
    error?: CrmSyncError;
    /** Numbers the reads, so an answer for a criterion changed meanwhile is dropped. */
    private readNumber = 0;

    connectedCallback(): void {
        if (this.rule) {
            this.name = this.rule.name ?? '';
            this.criterion = this.rule.criterion ?? PROFILE;
            this.criterionId = this.rule.criterionId;
            this.chosenLicense = this.rule.licenseType;
            this.active = this.rule.active !== false;
        }
        void this.loadOptions();
    }

    get criterionOptions(): { label: string; value: string }[] {
        return [
            { label: LABELS.ruleByProfile, value: PROFILE },
            { label: LABELS.ruleByRole, value: ROLE_SUBTREE },
            { label: LABELS.ruleByPermissionSet, value: PERMISSION_SET }
        ];
    }

    get valueOptions(): { label: string; value: string }[] {
        return this.options.map((option) => ({ label: option.label ?? option.id ?? '', value: option.id ?? '' }));
    }

    get licenseOptions(): { label: string; value: string }[] {
        return licenseOptions(this.pools);
    }

    get license(): string | undefined {
        return this.chosenLicense ?? defaultLicenseType(this.pools);
    }

    get matchesText(): string | undefined {
        return this.matches === undefined ? undefined : formatLabel(LABELS.ruleMatches, formatCount(this.matches));
    }

    get saveDisabled(): boolean {
        return this.saving || !this.name.trim() || !this.criterionId || !this.license;
    }

    handleNameChange(event: ChangeEvent): void {
        this.name = event.detail.value ?? '';
    }

    handleCriterionChange(event: ChangeEvent): void {
        this.criterion = event.detail.value ?? PROFILE;
        this.criterionId = undefined;
        void this.loadOptions();
    }

    handleValueChange(event: ChangeEvent): void {
        this.criterionId = event.detail.value;
        void this.count();
    }

    handleLicenseChange(event: ChangeEvent): void {
        this.chosenLicense = event.detail.value;
    }

    handleActiveChange(event: ChangeEvent): void {
        this.active = event.detail.checked === true;
    }

    /** The profiles, roles or permission sets of the chosen kind; then the count for a rule being changed. */
    async loadOptions(): Promise<void> {
        const readNumber = ++this.readNumber;
        this.options = [];
        this.optionsError = undefined;
        this.matches = undefined;
        try {
            const options = await getRuleCriterionOptions({ criterion: this.criterion });
            if (readNumber === this.readNumber) {
                this.options = options;
                if (this.criterionId) {
                    await this.count();
                }
            }
        } catch (failure) {
            if (readNumber === this.readNumber) {
                this.optionsError = toCrmSyncError(failure);
            }
        }
    }

    async count(): Promise<void> {
        const readNumber = ++this.readNumber;
        this.counting = true;
        this.matches = undefined;
        try {
            const matches = await countRuleMatches({
                rule: { criterion: this.criterion, criterionId: this.criterionId }
            });
            if (readNumber === this.readNumber) {
                this.matches = matches;
            }
        } catch (failure) {
            if (readNumber === this.readNumber) {
                this.optionsError = toCrmSyncError(failure);
            }
        } finally {
            if (readNumber === this.readNumber) {
                this.counting = false;
            }
        }
    }

    handleOptionsRetry(): void {
        void this.loadOptions();
    }

    async handleSave(): Promise<void> {
        const input: RuleInput = {
            ...(this.rule?.id ? { id: this.rule.id } : {}),
            name: this.name,
            criterion: this.criterion,
            criterionId: this.criterionId,
            licenseType: this.license,
            active: this.active
        };
        const saved = await saveOnce(this, () => saveRule({ rule: input }));
        if (saved) {
            void this.close({ rule: saved });
        }
    }

    handleCancel(): void {
        void this.close(undefined);
    }
}
