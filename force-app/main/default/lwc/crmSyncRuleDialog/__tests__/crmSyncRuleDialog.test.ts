import CrmSyncRuleDialog from 'c/crmSyncRuleDialog';
import getRuleCriterionOptions from '@salesforce/apex/CrmSyncRuleController.getRuleCriterionOptions';
import countRuleMatches from '@salesforce/apex/CrmSyncRuleController.countRuleMatches';
import saveRule from '@salesforce/apex/CrmSyncRuleController.saveRule';
import type { LicensePool, RuleView } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import {
    apexError,
    flushPromises,
    query,
    renderElement,
    watchModalClose,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncRuleController.getRuleCriterionOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncRuleController.countRuleMatches', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncRuleController.saveRule', () => ({ default: jest.fn() }), { virtual: true });

type ModalElement = HTMLElement & { label?: string; rule?: RuleView; pools?: LicensePool[] };
type Field = BaseComponent & { options?: { label: string; value: string }[]; checked?: boolean };

const { closed, reset: resetClosed } = watchModalClose();

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 50, assigned: 10, available: 40, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 10, assigned: 2, available: 8, isDefault: false }
];
const profiles = [
    { id: '00e000000000001AAA', label: 'Sales User' },
    { id: '00e000000000002AAA', label: 'Standard User' }
];
const saved: RuleView = {
    id: 'a0R000000000001AAA',
    name: 'Sales reps',
    criterion: 'Profile',
    criterionId: '00e000000000001AAA',
    criterionLabel: 'Sales User',
    licenseType: 'PRO',
    active: false
};
const nameTaken: CrmSyncError = {
    code: 'INVALID_INPUT',
    message: 'Another rule is called Sales reps already. Choose another name.',
    retryable: false,
    correlationId: null
};

function render(props: Partial<ModalElement> = {}): ModalElement {
    return renderElement<ModalElement>('c-crm-sync-rule-dialog', CrmSyncRuleDialog, {
        label: 'New assignment rule',
        pools,
        ...props
    });
}

const field = (element: HTMLElement, id: string) => query<Field>(element, `[data-id="${id}"]`);
const saveButton = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-button[data-id="save"]');

async function change(element: HTMLElement, id: string, detail: { value?: string; checked?: boolean }): Promise<void> {
    field(element, id)?.dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

describe('c-crm-sync-rule-dialog', () => {
    beforeEach(() => {
        jest.mocked(getRuleCriterionOptions).mockResolvedValue(profiles);
        jest.mocked(countRuleMatches).mockResolvedValue(1234);
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
        resetClosed();
    });

    it('offers the three kinds of criterion, profiles first, and the default pool as the license', async () => {
        const element = render();
        await flushPromises();

        expect(field(element, 'criterion')?.value).toBe('Profile');
        expect(field(element, 'criterion')?.options?.map((option) => option.label)).toEqual([
            'Profile',
            'Role and subordinates',
            'Permission set'
        ]);
        expect(getRuleCriterionOptions).toHaveBeenCalledWith({ criterion: 'Profile' });
        expect(field(element, 'value')?.options).toEqual([
            { label: 'Sales User', value: '00e000000000001AAA' },
            { label: 'Standard User', value: '00e000000000002AAA' }
        ]);
        expect(field(element, 'license')?.value).toBe('CORE');
        expect(field(element, 'active')?.checked).toBe(true);
        expect(saveButton(element)?.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('says how many active users match once a profile is chosen, before anything is saved', async () => {
        const element = render();
        await flushPromises();

        await change(element, 'value', { value: '00e000000000001AAA' });

        expect(countRuleMatches).toHaveBeenCalledWith({
            rule: { criterion: 'Profile', criterionId: '00e000000000001AAA' }
        });
        expect(query(element, '[data-id="matches"]')?.textContent).toBe('1,234 active users match this rule.');
        expect(saveRule).not.toHaveBeenCalled();
    });

    it('reads the permission sets when the criterion changes, forgetting the profile chosen', async () => {
        const element = render();
        await flushPromises();
        await change(element, 'value', { value: '00e000000000001AAA' });
        jest.mocked(getRuleCriterionOptions).mockResolvedValue([{ id: '0PS000000000001AAA', label: 'Sales Cloud' }]);

        await change(element, 'criterion', { value: 'Permission_Set' });

        expect(getRuleCriterionOptions).toHaveBeenLastCalledWith({ criterion: 'Permission_Set' });
        expect(field(element, 'value')?.value).toBeUndefined();
        expect(query(element, '[data-id="matches"]')).toBeNull();
    });

    it('saves the rule and closes with it', async () => {
        jest.mocked(saveRule).mockResolvedValue(saved);
        const element = render();
        await flushPromises();
        await change(element, 'name', { value: 'Sales reps' });
        await change(element, 'value', { value: '00e000000000001AAA' });
        await change(element, 'license', { value: 'PRO' });
        await change(element, 'active', { checked: false });

        saveButton(element)?.click();
        await flushPromises();

        expect(saveRule).toHaveBeenCalledWith({
            rule: {
                name: 'Sales reps',
                criterion: 'Profile',
                criterionId: '00e000000000001AAA',
                licenseType: 'PRO',
                active: false
            }
        });
        expect(closed()).toEqual({ closed: true, value: { rule: saved } });
    });

    it('shows the rule it changes and saves it under its id', async () => {
        jest.mocked(saveRule).mockResolvedValue(saved);
        const element = render({ label: 'Edit assignment rule Sales reps', rule: saved });
        await flushPromises();

        expect(field(element, 'name')?.value).toBe('Sales reps');
        expect(field(element, 'value')?.value).toBe('00e000000000001AAA');
        expect(query(element, '[data-id="matches"]')?.textContent).toBe('1,234 active users match this rule.');
        saveButton(element)?.click();
        await flushPromises();

        expect(jest.mocked(saveRule).mock.calls[0][0].rule).toMatchObject({ id: saved.id, active: false });
    });

    it("keeps Apex's refusal in the dialog, which stays open", async () => {
        jest.mocked(saveRule).mockRejectedValue(apexError(nameTaken));
        const element = render({ rule: saved });
        await flushPromises();

        saveButton(element)?.click();
        await flushPromises();

        expect(query<HTMLElement & { error?: CrmSyncError }>(element, 'c-crm-sync-error-alert')?.error).toEqual(
            nameTaken
        );
        expect(closed()).toEqual({ closed: false });
        await expect(element).toBeAccessible();
    });

    it('shows why the options could not be read, and reads them again on "Try again"', async () => {
        jest.mocked(getRuleCriterionOptions).mockRejectedValueOnce(apexError({ ...nameTaken, retryable: true }));
        const element = render();
        await flushPromises();

        query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(getRuleCriterionOptions).toHaveBeenCalledTimes(2);
        expect(field(element, 'value')?.options).toHaveLength(2);
    });

    it('closes with nothing on Cancel', async () => {
        const element = render();
        await flushPromises();

        query<HTMLElement>(element, 'lightning-button:not([data-id])')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
    });
});
