import CrmSyncRules from 'c/crmSyncRules';
import CrmSyncRuleDialog from 'c/crmSyncRuleDialog';
import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import LightningConfirm from 'lightning/confirm';
import deleteRule from '@salesforce/apex/CrmSyncRuleController.deleteRule';
import type { JobView, LicensePool, RuleView } from 'crm-sync/apex-types';
import type { JobStartDetail } from 'c/crmSyncUserTable';
import {
    apexError,
    captureEvents,
    captureToasts,
    flushPromises,
    query,
    renderElement,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncRuleController.deleteRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncRuleController.getRuleCriterionOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncRuleController.countRuleMatches', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncRuleController.saveRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncJobController.previewUserJob', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.startUserJob', () => ({ default: jest.fn() }), { virtual: true });

type CardElement = HTMLElement & { rules?: RuleView[]; licensePools?: LicensePool[]; connected?: boolean };
type ConfirmModal = { open: (config: unknown) => Promise<boolean> };

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 50, assigned: 10, available: 40, isDefault: true }
];
const reps: RuleView = {
    id: 'a0R000000000001AAA',
    name: 'Sales reps',
    criterion: 'Permission_Set',
    criterionId: '0PS000000000001AAA',
    criterionLabel: 'Sales Cloud User',
    licenseType: 'CORE',
    active: true
};
const emea: RuleView = {
    id: 'a0R000000000002AAA',
    name: 'EMEA',
    criterion: 'Role_Subtree',
    criterionId: '00E000000000001AAA',
    criterionLabel: 'EMEA Sales',
    licenseType: 'ADVANCED',
    active: false
};
const queued: JobView = { id: 'a01000000000001AAA', name: 'JOB-000020', status: 'Queued', active: true, total: 900 };

function render(rules: RuleView[] = [reps, emea], connected = true): CardElement {
    return renderElement<CardElement>('c-crm-sync-rules', CrmSyncRules, { rules, licensePools: pools, connected });
}

const button = (element: HTMLElement, action: string, ruleId: string) =>
    query<BaseComponent>(element, `[data-action="${action}"][data-rule="${ruleId}"]`);
const cells = (element: HTMLElement) =>
    Array.from(element.shadowRoot?.querySelectorAll('tbody tr') ?? []).map((row) =>
        Array.from(row.querySelectorAll('th, td'))
            .slice(0, 4)
            .map((cell) => cell.textContent?.trim())
    );

describe('c-crm-sync-rules', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    it('lists each rule with what selects its users, the license by its pool and whether the check applies it', async () => {
        const element = render();
        await flushPromises();

        expect(cells(element)).toEqual([
            ['Sales reps', 'Permission set Sales Cloud User', 'Core', 'In the scheduled check'],
            ['EMEA', 'Role EMEA Sales and below', 'ADVANCED', 'Only when applied here']
        ]);
        expect(button(element, 'apply', reps.id as string)?.label).toBe('Apply Sales reps now');
        expect(button(element, 'edit', reps.id as string)?.alternativeText).toBe('Edit Sales reps');
        await expect(element).toBeAccessible();
    });

    it('says so when there are no rules', async () => {
        const element = render([]);
        await flushPromises();

        expect(query(element, '[data-id="none"]')?.textContent).toBe('No assignment rules yet.');
        expect(query(element, 'table')).toBeNull();
    });

    it('offers nothing to do while the org is not linked', async () => {
        const element = render([reps], false);
        await flushPromises();

        expect(query<BaseComponent>(element, '[data-id="new"]')?.disabled).toBe(true);
        expect(button(element, 'apply', reps.id as string)?.disabled).toBe(true);
    });

    it('adds a new rule from the dialog to the list, by name, and toasts', async () => {
        const saved: RuleView = { ...reps, id: 'a0R000000000003AAA', name: 'Analysts' };
        const open = jest.spyOn(CrmSyncRuleDialog, 'open').mockResolvedValue({ rule: saved });
        const element = render();
        const toasts = captureToasts(element);
        await flushPromises();

        query<HTMLElement>(element, '[data-id="new"]')?.click();
        await flushPromises();

        expect(open).toHaveBeenCalledWith({ size: 'small', label: 'New assignment rule', rule: undefined, pools });
        expect(cells(element).map((row) => row[0])).toEqual(['Analysts', 'EMEA', 'Sales reps']);
        expect(toasts).toEqual([{ title: 'Rule Analysts saved.', variant: 'success' }]);
    });

    it('opens the dialog with the rule to change', async () => {
        const open = jest.spyOn(CrmSyncRuleDialog, 'open').mockResolvedValue(undefined);
        const element = render();
        await flushPromises();

        button(element, 'edit', emea.id as string)?.click();
        await flushPromises();

        expect(open).toHaveBeenCalledWith({
            size: 'small',
            label: 'Edit assignment rule EMEA',
            rule: emea,
            pools
        });
    });

    it('deletes a rule after asking, showing the rules left', async () => {
        jest.spyOn(LightningConfirm as unknown as ConfirmModal, 'open').mockResolvedValue(true);
        jest.mocked(deleteRule).mockResolvedValue([emea]);
        const element = render();
        const toasts = captureToasts(element);
        await flushPromises();

        button(element, 'delete', reps.id as string)?.click();
        await flushPromises();

        expect(deleteRule).toHaveBeenCalledWith({ ruleId: reps.id });
        expect(cells(element).map((row) => row[0])).toEqual(['EMEA']);
        expect(toasts).toEqual([{ title: 'Rule Sales reps deleted.', variant: 'success' }]);
    });

    it('deletes nothing when the admin says no', async () => {
        jest.spyOn(LightningConfirm as unknown as ConfirmModal, 'open').mockResolvedValue(false);
        const element = render();
        await flushPromises();

        button(element, 'delete', reps.id as string)?.click();
        await flushPromises();

        expect(deleteRule).not.toHaveBeenCalled();
    });

    it('toasts why a rule could not be deleted, keeping the list', async () => {
        jest.spyOn(LightningConfirm as unknown as ConfirmModal, 'open').mockResolvedValue(true);
        jest.mocked(deleteRule).mockRejectedValue(
            apexError({
                code: 'INVALID_INPUT',
                message: 'This assignment rule does not exist any more. Reload the page.',
                retryable: false,
                correlationId: 'corr-delete'
            })
        );
        const element = render();
        const toasts = captureToasts(element);
        await flushPromises();

        button(element, 'delete', reps.id as string)?.click();
        await flushPromises();

        expect(toasts).toEqual([
            {
                title: 'That didn’t work',
                variant: 'error',
                message:
                    'This assignment rule does not exist any more. Reload the page. Reference for support: corr-delete'
            }
        ]);
        expect(cells(element)).toHaveLength(2);
    });

    it('applies a rule through the dry run and hands a queued job to the panel', async () => {
        const open = jest.spyOn(CrmSyncJobDialog, 'open').mockResolvedValue({ outcome: 'queued', job: queued });
        const element = render();
        const started = captureEvents<JobStartDetail>(element, 'jobstart');
        await flushPromises();

        button(element, 'apply', reps.id as string)?.click();
        await flushPromises();

        expect(open).toHaveBeenCalledWith({
            size: 'small',
            label: 'Apply assignment rule: Sales reps',
            request: { operation: 'Apply_Rule', ruleId: reps.id }
        });
        expect(started).toEqual([{ job: queued }]);
    });

    it('toasts a rule applied at once and asks the panel to reload', async () => {
        jest.spyOn(CrmSyncJobDialog, 'open').mockResolvedValue({
            outcome: 'applied',
            summary: {
                succeeded: 3,
                failed: 0,
                results: ['1', '2', '3'].map((userId) => ({ userId, succeeded: true }))
            }
        });
        const element = render();
        const toasts = captureToasts(element);
        const applied = captureEvents(element, 'rulesapplied');
        await flushPromises();

        button(element, 'apply', reps.id as string)?.click();
        await flushPromises();

        expect(toasts).toEqual([{ title: '3 users changed.', variant: 'success' }]);
        expect(applied).toHaveLength(1);
    });
});
