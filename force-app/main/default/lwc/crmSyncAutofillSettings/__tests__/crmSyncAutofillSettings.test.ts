import CrmSyncAutofillSettings from 'c/crmSyncAutofillSettings';
import saveAutofillSettings from '@salesforce/apex/CrmSyncAdminController.saveAutofillSettings';
import type { AutofillSettings } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { apexError, byLabel, captureToasts, flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.saveAutofillSettings', () => ({ default: jest.fn() }), {
    virtual: true
});

type AutofillElement = HTMLElement & {
    settings?: AutofillSettings;
    error?: CrmSyncError;
    connected: boolean;
};
type Toggle = HTMLElement & { label: string; checked: boolean; disabled: boolean; messageToggleActive: string };
type Button = HTMLElement & { label: string; disabled: boolean };
type Alert = HTMLElement & { error?: CrmSyncError };

const stored: AutofillSettings = { leads: true, accounts: false, version: 7 };

const conflict: CrmSyncError = {
    code: 'CONFLICT',
    message: 'Someone else changed this in the meantime. Nothing was changed. Reload the page and try again.',
    retryable: false,
    correlationId: '6f1c2a4e-8b7d-4c3e-9a51-2d0f7e6b9c13'
};

const timeout: CrmSyncError = {
    code: 'TIMEOUT',
    message: 'The CRM sync service did not answer in time. Nothing was changed. Try again in a minute.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};

function render(props: Partial<Pick<AutofillElement, 'settings' | 'error' | 'connected'>> = {}): AutofillElement {
    return renderElement<AutofillElement>('c-crm-sync-autofill-settings', CrmSyncAutofillSettings, {
        settings: 'settings' in props ? props.settings : stored,
        connected: props.connected ?? true,
        error: props.error
    });
}

const toggles = (element: HTMLElement) =>
    Array.from(element.shadowRoot?.querySelectorAll<Toggle>('lightning-input') ?? []);
const toggle = (element: HTMLElement, label: string) => byLabel<Toggle>(element, 'lightning-input', label);
const saveButton = (element: HTMLElement) => element.shadowRoot?.querySelector<Button>('lightning-button');
const alert = (element: HTMLElement) => element.shadowRoot?.querySelector<Alert>('c-crm-sync-error-alert');

async function switchTo(element: HTMLElement, label: string, checked: boolean): Promise<void> {
    toggle(element, label).dispatchEvent(new CustomEvent('change', { detail: { checked } }));
    await Promise.resolve();
}

describe('c-crm-sync-autofill-settings', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows both switches as the stored settings say, with On and Off texts', async () => {
        const element = render();

        const leads = toggle(element, 'Autofill Leads');
        const accounts = toggle(element, 'Autofill Accounts');
        expect(element.shadowRoot?.textContent).toContain('Fill in empty fields of new Leads and Accounts from CRM.');
        expect(leads.checked).toBe(true);
        expect(accounts.checked).toBe(false);
        expect(leads.messageToggleActive).toBe('On');
        expect(accounts).toMatchObject({ type: 'toggle', messageToggleInactive: 'Off', disabled: false });
        await expect(element).toBeAccessible();
    });

    it('enables Save only once a switch differs from the stored settings', async () => {
        const element = render();
        expect(saveButton(element)).toMatchObject({ label: 'Save', disabled: true });

        await switchTo(element, 'Autofill Accounts', true);
        expect(saveButton(element)?.disabled).toBe(false);

        await switchTo(element, 'Autofill Accounts', false);
        expect(saveButton(element)?.disabled).toBe(true);
    });

    it('saves both switches with the stored version, confirms with a toast and keeps the new version', async () => {
        jest.mocked(saveAutofillSettings)
            .mockResolvedValueOnce({ leads: true, accounts: true, version: 8 })
            .mockResolvedValueOnce({ leads: false, accounts: true, version: 9 });
        const element = render();
        const toasts = captureToasts(element);

        await switchTo(element, 'Autofill Accounts', true);
        saveButton(element)?.click();
        await flushPromises();

        expect(saveAutofillSettings).toHaveBeenCalledWith({ leads: true, accounts: true, version: 7 });
        expect(toasts[0]).toMatchObject({
            title: 'Autofill settings saved.',
            variant: 'success'
        });
        expect(saveButton(element)?.disabled).toBe(true);
        expect(toggle(element, 'Autofill Accounts').checked).toBe(true);
        await expect(element).toBeAccessible();

        await switchTo(element, 'Autofill Leads', false);
        saveButton(element)?.click();
        await flushPromises();

        expect(saveAutofillSettings).toHaveBeenLastCalledWith({ leads: false, accounts: true, version: 8 });
    });

    it('leaves it to Apex to refuse a save when the stored settings came without a version', async () => {
        jest.mocked(saveAutofillSettings).mockResolvedValue({ leads: true, accounts: false, version: 1 });
        const element = render({ settings: { leads: false, accounts: false } });

        await switchTo(element, 'Autofill Leads', true);
        saveButton(element)?.click();
        await flushPromises();

        expect(saveAutofillSettings).toHaveBeenCalledWith({ leads: true, accounts: false, version: null });
    });

    it('saves once on a double click and shows "Saving…" with everything disabled meanwhile', async () => {
        let finish: (value: AutofillSettings) => void = () => undefined;
        jest.mocked(saveAutofillSettings).mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = render();
        await switchTo(element, 'Autofill Leads', false);

        saveButton(element)?.click();
        saveButton(element)?.click();
        await Promise.resolve();

        expect(saveAutofillSettings).toHaveBeenCalledTimes(1);
        expect(saveButton(element)).toMatchObject({ label: 'Saving…', disabled: true });
        expect(toggles(element).every((input) => input.disabled)).toBe(true);
        await expect(element).toBeAccessible();

        finish({ leads: false, accounts: false, version: 8 });
        await flushPromises();
        expect(saveButton(element)?.label).toBe('Save');
    });

    it('shows a failed save with its reference and saves again on "Try again" when retrying can help', async () => {
        jest.mocked(saveAutofillSettings)
            .mockRejectedValueOnce(apexError(timeout))
            .mockResolvedValueOnce({ leads: false, accounts: false, version: 8 });
        const element = render();
        const onRefresh = jest.fn();
        element.addEventListener('refresh', onRefresh);
        await switchTo(element, 'Autofill Leads', false);

        saveButton(element)?.click();
        await flushPromises();

        expect(alert(element)?.error).toEqual(timeout);
        expect(toggle(element, 'Autofill Leads').checked).toBe(false);
        await expect(element).toBeAccessible();

        alert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(saveAutofillSettings).toHaveBeenCalledTimes(2);
        expect(saveAutofillSettings).toHaveBeenLastCalledWith({ leads: false, accounts: false, version: 7 });
        expect(alert(element)).toBeNull();
        expect(onRefresh).not.toHaveBeenCalled();
    });

    it('asks the panel to reload when someone else saved in between (CONFLICT)', async () => {
        jest.mocked(saveAutofillSettings).mockRejectedValue(apexError(conflict));
        const element = render();
        const onRefresh = jest.fn();
        element.addEventListener('refresh', onRefresh);
        await switchTo(element, 'Autofill Accounts', true);

        saveButton(element)?.click();
        await flushPromises();

        // Retrying the same version cannot succeed, so the alert's "Try again" reloads instead.
        expect(alert(element)?.error).toEqual({ ...conflict, retryable: true });
        await expect(element).toBeAccessible();

        alert(element)?.dispatchEvent(new CustomEvent('retry'));

        expect(onRefresh).toHaveBeenCalledTimes(1);
        expect(saveAutofillSettings).toHaveBeenCalledTimes(1);
    });

    it('replaces an unsaved choice and an old failure when the panel passes reloaded settings', async () => {
        jest.mocked(saveAutofillSettings).mockRejectedValue(apexError(conflict));
        const element = render();
        await switchTo(element, 'Autofill Accounts', true);
        saveButton(element)?.click();
        await flushPromises();

        element.settings = { leads: false, accounts: false, version: 9 };
        await Promise.resolve();

        expect(alert(element)).toBeNull();
        expect(toggle(element, 'Autofill Leads').checked).toBe(false);
        expect(toggle(element, 'Autofill Accounts').checked).toBe(false);
        expect(saveButton(element)?.disabled).toBe(true);
    });

    it('disables the switches and Save while the org is not connected', async () => {
        const element = render({ connected: false });

        expect(toggles(element).every((input) => input.disabled)).toBe(true);
        expect(saveButton(element)?.disabled).toBe(true);
        saveButton(element)?.click();
        expect(saveAutofillSettings).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows why the settings could not be read instead of the switches, and asks for a reload on "Try again"', async () => {
        const element = render({ settings: undefined, error: timeout });
        const onRefresh = jest.fn();
        element.addEventListener('refresh', onRefresh);

        expect(toggles(element)).toHaveLength(0);
        expect(saveButton(element)).toBeNull();
        expect(alert(element)?.error).toEqual(timeout);
        await expect(element).toBeAccessible();

        alert(element)?.dispatchEvent(new CustomEvent('retry'));

        expect(onRefresh).toHaveBeenCalledTimes(1);
    });

    it('offers nothing to save while no settings are known', () => {
        const element = render({ settings: undefined });

        expect(toggles(element).every((input) => input.disabled && !input.checked)).toBe(true);
        expect(saveButton(element)?.disabled).toBe(true);
    });
});
