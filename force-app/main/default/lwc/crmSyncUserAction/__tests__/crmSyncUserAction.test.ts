import CrmSyncUserAction from 'c/crmSyncUserAction';
import getAccess from '@salesforce/apex/CrmSyncUserActionController.getAccess';
import getUserState from '@salesforce/apex/CrmSyncUserActionController.getUserState';
import setUserSync from '@salesforce/apex/CrmSyncUserActionController.setUserSync';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import type { Access, UserChangeResult, UserState } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { apexError, captureToasts, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncUserActionController.getAccess', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncUserActionController.getUserState', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncUserActionController.setUserSync', () => ({ default: jest.fn() }), {
    virtual: true
});
// The sync errors beneath the state read their own list.
jest.mock(
    '@salesforce/apex/CrmSyncUserActionController.getUserSyncErrors',
    () => ({ default: jest.fn().mockResolvedValue({ errors: [], groups: [], total: 0 }) }),
    { virtual: true }
);

type ActionElement = HTMLElement & { recordId?: string };
type Input = HTMLElement & { checked?: boolean; disabled?: boolean; label?: string };
type Button = HTMLElement & { disabled?: boolean; label?: string };
type Alert = HTMLElement & { error?: CrmSyncError };
type FormattedDateTime = HTMLElement & { value?: string };

const USER_ID = '0055g00000XyZ12AAF';
const admin: Access = { canManage: true, requiredPermissionSet: 'CRM Sync Admin' };
const synced: UserState = {
    userId: USER_ID,
    name: 'Ada Lovelace',
    username: 'ada@example.com',
    isActive: true,
    syncEnabled: true,
    licenseType: 'CORE',
    licenseLabel: 'Core',
    status: 'Synced',
    lastSyncedAt: '2026-11-20T09:30:00.000Z'
};
const unlicensed: UserState = { userId: USER_ID, name: 'Ada Lovelace', isActive: true, syncEnabled: false };
const reference = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

// The failures Apex serialises into AuraHandledException, with the English texts of its labels.
const failures: Record<string, CrmSyncError> = {
    NOT_LINKED: {
        code: 'NOT_LINKED',
        message: 'This org is not linked to CRM yet. Click Connect to CRM first.',
        retryable: false,
        correlationId: null
    },
    USER_NOT_MATCHED: {
        code: 'USER_NOT_MATCHED',
        message:
            'The CRM sync service found no CRM account with this user’s email address. Check the email address, then try again.',
        retryable: false,
        correlationId: reference
    },
    SEATS_EXHAUSTED: {
        code: 'SEATS_EXHAUSTED',
        message: 'No Core licenses are left. Remove a license from another user or buy more seats, then try again.',
        retryable: false,
        correlationId: reference
    },
    CREDENTIAL_REJECTED: {
        code: 'CREDENTIAL_REJECTED',
        message:
            'The CRM sync service rejected the API key. Nothing was changed. Enter a valid key on the CRM Sync external credential in Setup, then try again.',
        retryable: false,
        correlationId: reference
    },
    TIMEOUT: {
        code: 'TIMEOUT',
        message:
            'The CRM sync service did not answer in time. Reload the page to see whether the change was applied, then try again if it was not.',
        retryable: true,
        correlationId: reference
    },
    INVALID_INPUT: {
        code: 'INVALID_INPUT',
        message: 'Ada Lovelace is inactive. Nothing was changed. Activate the user first, or choose an active user.',
        retryable: false,
        correlationId: null
    }
};

function changed(state: UserState): UserChangeResult {
    return { userId: USER_ID, name: state.name, succeeded: true, state };
}

/** As in a screen action: the element is on the page first, recordId arrives afterwards. */
function open(): ActionElement {
    const element = renderElement<ActionElement>('c-crm-sync-user-action', CrmSyncUserAction);
    element.recordId = USER_ID;
    return element;
}

/** `open()` for a user in `state`, read by a user with `access`, once it has loaded. */
async function render(state: UserState = synced, access: Access = admin): Promise<ActionElement> {
    jest.mocked(getAccess).mockResolvedValue(access);
    jest.mocked(getUserState).mockResolvedValue(state);
    const element = open();
    await flushPromises();
    return element;
}

const field = (element: HTMLElement, name: string) => query(element, `[data-field="${name}"]`)?.textContent?.trim();
const checkbox = (element: HTMLElement) => query<Input>(element, 'lightning-input');
const saveButton = (element: HTMLElement) => query<Button>(element, 'lightning-button.save');
const cancelButton = (element: HTMLElement) => query<Button>(element, 'lightning-button.cancel');
const spinner = (element: HTMLElement) => query(element, 'lightning-spinner');
const alert = (element: HTMLElement) => query<Alert>(element, 'c-crm-sync-error-alert');
const alertText = (element: HTMLElement) => alert(element)?.shadowRoot?.textContent ?? '';
const hint = (element: HTMLElement) => query(element, '.inactive-hint');

function tick(element: HTMLElement, checked: boolean): void {
    const input = checkbox(element);
    if (!input) {
        throw new Error('The "Enable CRM sync" checkbox is not shown');
    }
    input.checked = checked;
    input.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
}

/** Ticks or clears "Enable CRM sync", then clicks Save, letting the component re-render after each. */
async function saveChoice(element: HTMLElement, checked: boolean): Promise<void> {
    tick(element, checked);
    await flushPromises();
    saveButton(element)?.click();
    await flushPromises();
}

/** What the page's refresh (a RefreshEvent reaching the record page) calls: the handler the component registered. */
function pageRefresh(): Promise<boolean> {
    const handler = jest.mocked(registerRefreshHandler).mock.lastCall?.[1];
    if (!handler) {
        throw new Error('The component registered no refresh handler');
    }
    return handler();
}

/** Records the events the component sends to the platform: toasts, record refresh, closing the action. */
function listen(element: HTMLElement) {
    const events = { toasts: captureToasts(element), refresh: jest.fn(), close: jest.fn() };
    element.addEventListener('lightning__refresh', events.refresh);
    // jest/mocks/lightning/actions.js: CloseActionScreenEvent is a plain 'close' event.
    element.addEventListener('close', events.close);
    return events;
}

describe('c-crm-sync-user-action', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    describe('loading', () => {
        it('shows a spinner until the record id arrives and calls nothing before', async () => {
            const element = renderElement('c-crm-sync-user-action', CrmSyncUserAction);
            await flushPromises();

            expect(
                query<HTMLElement & { alternativeText?: string }>(element, 'lightning-spinner')?.alternativeText
            ).toBe('Loading…');
            expect(getAccess).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('keeps the spinner while the user’s state is read', async () => {
            const state = deferred<UserState>();
            jest.mocked(getAccess).mockResolvedValue(admin);
            jest.mocked(getUserState).mockReturnValue(state.promise);
            const element = open();
            await flushPromises();

            expect(spinner(element)).not.toBeNull();
            expect(checkbox(element)).toBeNull();

            state.resolve(synced);
            await flushPromises();
            expect(spinner(element)).toBeNull();
            expect(getUserState).toHaveBeenCalledWith({ userId: USER_ID });
        });

        it('loads once when the record id is set before the element is on the page (record page)', async () => {
            jest.mocked(getAccess).mockResolvedValue(admin);
            jest.mocked(getUserState).mockResolvedValue(synced);
            const element = renderElement<ActionElement>('c-crm-sync-user-action', CrmSyncUserAction, {
                recordId: USER_ID
            });
            await flushPromises();

            expect(getAccess).toHaveBeenCalledTimes(1);
            expect(getUserState).toHaveBeenCalledTimes(1);
            expect(element.recordId).toBe(USER_ID);
            expect(field(element, 'name')).toBe('Ada Lovelace');
        });

        it('does not read again when the same record id is set again', async () => {
            const element = await render();

            element.recordId = USER_ID;
            await flushPromises();

            expect(getUserState).toHaveBeenCalledTimes(1);
        });

        it('shows the newer user when the record id changes while the first one is still loading', async () => {
            const first = deferred<UserState>();
            jest.mocked(getAccess).mockResolvedValue(admin);
            jest.mocked(getUserState)
                .mockReturnValueOnce(first.promise)
                .mockResolvedValueOnce({ ...unlicensed, userId: '0055g00000XyZ34AAB', name: 'Grace Hopper' });
            const element = open();
            await flushPromises();
            element.recordId = '0055g00000XyZ34AAB';
            await flushPromises();

            first.resolve(synced);
            await flushPromises();

            expect(getUserState).toHaveBeenLastCalledWith({ userId: '0055g00000XyZ34AAB' });
            expect(field(element, 'name')).toBe('Grace Hopper');
        });

        it('reads again after being removed from the page and added back', async () => {
            const element = await render();
            document.body.removeChild(element);
            element.recordId = '0055g00000XyZ34AAB';
            expect(getUserState).toHaveBeenCalledTimes(1);

            document.body.appendChild(element);
            await flushPromises();

            expect(getUserState).toHaveBeenLastCalledWith({ userId: '0055g00000XyZ34AAB' });
        });
    });

    describe('license names', () => {
        it('shows the license pool by the name the panel uses', async () => {
            const element = await render({ ...synced, licenseType: 'ADVANCED', licenseLabel: 'Advanced' });

            expect(field(element, 'license')).toBe('Advanced');
        });

        it('falls back to the license code when the pool has no name', async () => {
            const element = await render({ ...synced, licenseLabel: undefined });

            expect(field(element, 'license')).toBe('CORE');
        });
    });

    describe('states', () => {
        it('shows a synced user with a license, sync on and the last sync time', async () => {
            const element = await render();

            expect(field(element, 'name')).toBe('Ada Lovelace');
            expect(query(element, 'lightning-badge')).toBeNull();
            expect(field(element, 'license')).toBe('Core');
            expect(field(element, 'sync')).toBe('On');
            expect(field(element, 'status')).toBe('Synced');
            expect(query<FormattedDateTime>(element, 'lightning-formatted-date-time')?.value).toBe(
                '2026-11-20T09:30:00.000Z'
            );
            expect(field(element, 'last-error')).toBe('—');
            expect(checkbox(element)?.label).toBe('Enable CRM sync');
            expect(checkbox(element)?.checked).toBe(true);
            expect(checkbox(element)?.disabled).toBe(false);
            expect(hint(element)).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('shows a user without a license, sync off, no status and never synced', async () => {
            const element = await render(unlicensed);

            expect(field(element, 'license')).toBe('No license');
            expect(field(element, 'sync')).toBe('Off');
            expect(field(element, 'status')).toBe('—');
            expect(query(element, 'lightning-formatted-date-time')).toBeNull();
            expect(field(element, 'last-synced')).toBe('—');
            expect(checkbox(element)?.checked).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('shows a user whose sync is pending', async () => {
            const element = await render({ ...synced, status: 'Pending', lastSyncedAt: undefined });

            expect(field(element, 'status')).toBe('Pending');
            expect(field(element, 'last-synced')).toBe('—');
            await expect(element).toBeAccessible();
        });

        it('shows a user the backend could not match', async () => {
            const element = await render({ ...unlicensed, syncEnabled: true, status: 'Not_Matched' });

            expect(field(element, 'status')).toBe('Not matched');
            expect(field(element, 'sync')).toBe('On');
            await expect(element).toBeAccessible();
        });

        it('shows a user in error with the last error', async () => {
            const element = await render({
                ...synced,
                status: 'Error',
                lastError: 'The CRM account of this user is locked.'
            });

            expect(field(element, 'status')).toBe('Error');
            expect(field(element, 'last-error')).toBe('The CRM account of this user is locked.');
            await expect(element).toBeAccessible();
        });

        it('shows a dash for a user without a name (Apex leaves null fields out)', async () => {
            const element = await render({ ...unlicensed, name: undefined });

            expect(field(element, 'name')).toBe('—');
            await expect(element).toBeAccessible();
        });

        it('shows an inactive user with sync off: the checkbox is disabled and says why', async () => {
            const element = await render({ ...unlicensed, isActive: false });

            expect(query<HTMLElement & { label?: string }>(element, 'lightning-badge')?.label).toBe('Inactive');
            expect(checkbox(element)?.disabled).toBe(true);
            expect(hint(element)?.textContent?.trim()).toBe('Activate this user to enable CRM sync.');
            expect(saveButton(element)?.disabled).toBe(true);
            await expect(element).toBeAccessible();
        });

        it('lets an admin disable sync for an inactive user', async () => {
            jest.mocked(setUserSync).mockResolvedValue(changed({ ...synced, isActive: false, syncEnabled: false }));
            const element = await render({ ...synced, isActive: false });

            expect(checkbox(element)?.disabled).toBe(false);
            expect(hint(element)).toBeNull();

            await saveChoice(element, false);

            expect(setUserSync).toHaveBeenCalledWith({ userId: USER_ID, enabled: false });
            await expect(element).toBeAccessible();
        });
    });

    describe('read-only', () => {
        it('explains the missing permission set and reads nothing else', async () => {
            const element = await render(synced, { canManage: false, requiredPermissionSet: 'CRM Sync Admin' });

            const text = query(element, '.read-only')?.textContent ?? '';
            expect(text).toContain('You can’t manage CRM Sync');
            expect(text).toContain(
                'Managing CRM Sync needs the CRM Sync Admin permission set. Ask your Salesforce admin to assign it to you, then reload this page.'
            );
            expect(getUserState).not.toHaveBeenCalled();
            expect(checkbox(element)).toBeNull();
            expect(saveButton(element)).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('names the permission set from the label when Apex does not', async () => {
            const element = await render(synced, {});

            expect(query(element, '.read-only')?.textContent).toContain('needs the CRM Sync Admin permission set');
            expect(getUserState).not.toHaveBeenCalled();
        });
    });

    describe('save', () => {
        it('keeps Save disabled until the checkbox differs from the stored state', async () => {
            const element = await render(unlicensed);
            expect(saveButton(element)?.disabled).toBe(true);

            tick(element, true);
            await flushPromises();
            expect(saveButton(element)?.disabled).toBe(false);

            tick(element, false);
            await flushPromises();
            expect(saveButton(element)?.disabled).toBe(true);
        });

        it('does nothing when Save is clicked without a change', async () => {
            const element = await render();

            saveButton(element)?.click();
            await flushPromises();

            expect(setUserSync).not.toHaveBeenCalled();
        });

        it('enables sync: exact call, success toast, record refresh, action closed, new state shown', async () => {
            jest.mocked(setUserSync).mockResolvedValue(
                changed({
                    ...unlicensed,
                    syncEnabled: true,
                    licenseType: 'CORE',
                    licenseLabel: 'Core',
                    status: 'Pending'
                })
            );
            const element = await render(unlicensed);
            const events = listen(element);

            await saveChoice(element, true);

            expect(setUserSync).toHaveBeenCalledTimes(1);
            expect(setUserSync).toHaveBeenCalledWith({ userId: USER_ID, enabled: true });
            expect(events.toasts).toHaveLength(1);
            expect(events.toasts[0]).toEqual({
                title: 'CRM sync is now enabled for Ada Lovelace.',
                variant: 'success'
            });
            expect(events.refresh).toHaveBeenCalledTimes(1);
            expect(events.close).toHaveBeenCalledTimes(1);
            expect(field(element, 'sync')).toBe('On');
            // The save's one answer names the pool (Apex read the pools after the change): no second read.
            expect(field(element, 'license')).toBe('Core');
            expect(getUserState).toHaveBeenCalledTimes(1);
            expect(field(element, 'status')).toBe('Pending');
            expect(checkbox(element)?.checked).toBe(true);
            expect(saveButton(element)?.disabled).toBe(true);
            await expect(element).toBeAccessible();
        });

        it('disables sync with the disabled toast', async () => {
            jest.mocked(setUserSync).mockResolvedValue(changed({ ...synced, syncEnabled: false }));
            const element = await render();
            const events = listen(element);

            await saveChoice(element, false);

            expect(setUserSync).toHaveBeenCalledWith({ userId: USER_ID, enabled: false });
            expect(events.toasts[0].title).toBe('CRM sync is now disabled for Ada Lovelace.');
            expect(events.refresh).toHaveBeenCalledTimes(1);
            expect(events.close).toHaveBeenCalledTimes(1);
            expect(field(element, 'sync')).toBe('Off');
        });

        it('shows the license by its code when the save’s answer names no pool (the pools could not be read)', async () => {
            jest.mocked(setUserSync).mockResolvedValue(
                changed({ ...unlicensed, syncEnabled: true, licenseType: 'CORE', status: 'Pending' })
            );
            const element = await render(unlicensed);

            await saveChoice(element, true);

            expect(field(element, 'license')).toBe('CORE');
            expect(field(element, 'sync')).toBe('On');
            expect(getUserState).toHaveBeenCalledTimes(1);
            await expect(element).toBeAccessible();
        });

        it('shows the saved choice when the result carries no state', async () => {
            jest.mocked(setUserSync).mockResolvedValue({ userId: USER_ID, succeeded: true });
            const element = await render(unlicensed);

            await saveChoice(element, true);

            expect(field(element, 'sync')).toBe('On');
            expect(saveButton(element)?.disabled).toBe(true);
        });

        it('shows "Saving…" and disables the controls while saving; a double click saves once', async () => {
            const result = deferred<UserChangeResult>();
            jest.mocked(setUserSync).mockReturnValue(result.promise);
            const element = await render(unlicensed);

            tick(element, true);
            await flushPromises();
            saveButton(element)?.click();
            saveButton(element)?.click();
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(1);
            expect(saveButton(element)?.label).toBe('Saving…');
            expect(saveButton(element)?.disabled).toBe(true);
            expect(cancelButton(element)?.disabled).toBe(true);
            expect(checkbox(element)?.disabled).toBe(true);
            await expect(element).toBeAccessible();

            result.resolve(changed({ ...unlicensed, syncEnabled: true }));
            await flushPromises();
            expect(saveButton(element)?.label).toBe('Save');
            expect(setUserSync).toHaveBeenCalledTimes(1);
        });
    });

    describe('failures', () => {
        it.each(Object.keys(failures))('shows %s from Apex inline and changes nothing else', async (code) => {
            const failure = failures[code];
            jest.mocked(setUserSync).mockRejectedValue(apexError(failure));
            const element = await render(unlicensed);
            const events = listen(element);

            await saveChoice(element, true);

            expect(alert(element)?.error).toEqual(failure);
            expect(alertText(element)).toContain(failure.message);
            // The reference is shown exactly when Apex sent one.
            expect(alertText(element).includes(`Reference for support: ${reference}`)).toBe(
                failure.correlationId === reference
            );
            expect(events.toasts).toEqual([]);
            expect(events.refresh).not.toHaveBeenCalled();
            expect(events.close).not.toHaveBeenCalled();
            expect(field(element, 'sync')).toBe('Off');
            expect(checkbox(element)?.checked).toBe(true);
            expect(saveButton(element)?.disabled).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('saves again from "Try again" after a retryable failure', async () => {
            jest.mocked(setUserSync)
                .mockRejectedValueOnce(apexError(failures.TIMEOUT))
                .mockResolvedValueOnce(changed({ ...unlicensed, syncEnabled: true }));
            const element = await render(unlicensed);
            const events = listen(element);
            await saveChoice(element, true);

            alert(element)?.dispatchEvent(new CustomEvent('retry'));
            await flushPromises();

            expect(setUserSync).toHaveBeenCalledTimes(2);
            expect(setUserSync).toHaveBeenLastCalledWith({ userId: USER_ID, enabled: true });
            expect(alert(element)).toBeNull();
            expect(events.close).toHaveBeenCalledTimes(1);
        });

        it('shows the message of a result that did not succeed', async () => {
            jest.mocked(setUserSync).mockResolvedValue({
                userId: USER_ID,
                name: 'Ada Lovelace',
                succeeded: false,
                errorCode: 'SEATS_EXHAUSTED',
                message: failures.SEATS_EXHAUSTED.message
            });
            const element = await render(unlicensed);
            const events = listen(element);

            await saveChoice(element, true);

            expect(alert(element)?.error).toEqual({
                code: 'SEATS_EXHAUSTED',
                message: failures.SEATS_EXHAUSTED.message,
                retryable: false,
                correlationId: null
            });
            expect(alertText(element)).toContain(failures.SEATS_EXHAUSTED.message);
            expect(events.toasts).toEqual([]);
            expect(events.close).not.toHaveBeenCalled();
            expect(field(element, 'sync')).toBe('Off');
            await expect(element).toBeAccessible();
        });

        it('falls back to the generic message for a failed result without code or message', async () => {
            jest.mocked(setUserSync).mockResolvedValue({ userId: USER_ID, succeeded: false });
            const element = await render(unlicensed);

            await saveChoice(element, true);

            expect(alert(element)?.error?.code).toBe('UNEXPECTED');
            expect(alertText(element)).toContain('Something unexpected went wrong.');
        });

        it('shows a failure to read the user’s state instead of the form', async () => {
            jest.mocked(getAccess).mockResolvedValue(admin);
            jest.mocked(getUserState).mockRejectedValue(apexError(failures.NOT_LINKED));
            const element = open();
            await flushPromises();

            expect(alertText(element)).toContain(failures.NOT_LINKED.message);
            expect(spinner(element)).toBeNull();
            expect(checkbox(element)).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('reads again from "Try again" after a retryable failure to load', async () => {
            jest.mocked(getAccess).mockRejectedValueOnce(apexError(failures.TIMEOUT)).mockResolvedValue(admin);
            jest.mocked(getUserState).mockResolvedValue(synced);
            const element = open();
            await flushPromises();
            expect(alertText(element)).toContain(failures.TIMEOUT.message);
            expect(getUserState).not.toHaveBeenCalled();

            alert(element)?.dispatchEvent(new CustomEvent('retry'));
            await flushPromises();

            expect(getAccess).toHaveBeenCalledTimes(2);
            expect(alert(element)).toBeNull();
            expect(field(element, 'name')).toBe('Ada Lovelace');
        });
    });

    describe('the record page’s refresh', () => {
        it('takes part in the page’s refresh while on the page, and leaves it when removed', async () => {
            const element = await render();

            expect(registerRefreshHandler).toHaveBeenCalledTimes(1);
            const handlerId = jest.mocked(registerRefreshHandler).mock.results[0].value as number;
            element.remove();

            expect(unregisterRefreshHandler).toHaveBeenCalledWith(handlerId);
        });

        it('reads the user again without blanking the card, and lets the refresh go on', async () => {
            const element = await render(synced);
            const fresh = deferred<UserState>();
            jest.mocked(getUserState).mockReturnValueOnce(fresh.promise);

            const refreshed = pageRefresh();
            await flushPromises();
            expect(spinner(element)).toBeNull();
            expect(field(element, 'sync')).toBe('On');

            fresh.resolve({ ...synced, syncEnabled: false, licenseType: undefined, status: 'Pending' });
            await expect(refreshed).resolves.toBe(true);
            await flushPromises();

            expect(getUserState).toHaveBeenCalledTimes(2);
            expect(getUserState).toHaveBeenLastCalledWith({ userId: USER_ID });
            expect(field(element, 'sync')).toBe('Off');
            expect(field(element, 'license')).toBe('No license');
            expect(field(element, 'status')).toBe('Pending');
            expect(checkbox(element)?.checked).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('keeps a tick the admin has not saved yet', async () => {
            const element = await render(unlicensed);
            tick(element, true);
            await flushPromises();
            jest.mocked(getUserState).mockResolvedValueOnce({
                ...unlicensed,
                licenseType: 'CORE',
                licenseLabel: 'Core'
            });

            await pageRefresh();
            await flushPromises();

            expect(field(element, 'license')).toBe('Core');
            expect(checkbox(element)?.checked).toBe(true);
            expect(saveButton(element)?.disabled).toBe(false);
        });

        it('shows a failed refresh with "Try again"', async () => {
            const element = await render();
            jest.mocked(getUserState).mockRejectedValueOnce(apexError(failures.TIMEOUT));

            await expect(pageRefresh()).resolves.toBe(true);
            await flushPromises();

            expect(alertText(element)).toContain(failures.TIMEOUT.message);
            expect(checkbox(element)).toBeNull();
            await expect(element).toBeAccessible();

            await pageRefresh();
            await flushPromises();

            expect(alert(element)).toBeNull();
            expect(field(element, 'sync')).toBe('On');
        });

        it('leaves the refresh to a save still running, and to a first read still running', async () => {
            const save = deferred<UserChangeResult>();
            jest.mocked(setUserSync).mockReturnValueOnce(save.promise);
            const element = await render(unlicensed);
            await saveChoice(element, true);

            await expect(pageRefresh()).resolves.toBe(true);
            save.resolve(changed({ ...unlicensed, syncEnabled: true, licenseType: 'CORE' }));
            await flushPromises();

            const loading = deferred<UserState>();
            jest.mocked(getUserState).mockReturnValueOnce(loading.promise);
            element.recordId = '0055g00000XyZ34AAB';
            await expect(pageRefresh()).resolves.toBe(true);

            expect(getUserState).toHaveBeenCalledTimes(2);
        });

        it('drops a refreshed state when a save replaced it meanwhile', async () => {
            const element = await render(unlicensed);
            const stale = deferred<UserState>();
            jest.mocked(getUserState).mockReturnValueOnce(stale.promise);
            jest.mocked(setUserSync).mockResolvedValueOnce(
                changed({ ...unlicensed, syncEnabled: true, licenseType: 'CORE' })
            );

            const refreshed = pageRefresh();
            await saveChoice(element, true);
            stale.resolve(unlicensed);
            await refreshed;
            await flushPromises();

            expect(field(element, 'sync')).toBe('On');
        });

        it('drops a refreshed state when the page shows another user by now', async () => {
            const element = await render(synced);
            const stale = deferred<UserState>();
            jest.mocked(getUserState)
                .mockReturnValueOnce(stale.promise)
                .mockResolvedValueOnce({ ...unlicensed, userId: '0055g00000XyZ34AAB', name: 'Grace Hopper' });

            const refreshed = pageRefresh();
            element.recordId = '0055g00000XyZ34AAB';
            await flushPromises();
            stale.resolve(synced);
            await refreshed;
            await flushPromises();

            expect(field(element, 'name')).toBe('Grace Hopper');
        });
    });

    describe('cancel', () => {
        it('closes the action and resets an unsaved change and its failure', async () => {
            jest.mocked(setUserSync).mockRejectedValue(apexError(failures.SEATS_EXHAUSTED));
            const element = await render(unlicensed);
            const events = listen(element);
            await saveChoice(element, true);

            cancelButton(element)?.click();
            await flushPromises();

            expect(events.close).toHaveBeenCalledTimes(1);
            expect(cancelButton(element)?.label).toBe('Cancel');
            expect(checkbox(element)?.checked).toBe(false);
            expect(saveButton(element)?.disabled).toBe(true);
            expect(alert(element)).toBeNull();
            expect(setUserSync).toHaveBeenCalledTimes(1);
            await expect(element).toBeAccessible();
        });
    });
    describe('sync errors', () => {
        const errorsSection = (element: HTMLElement) =>
            query<HTMLElement & { userId?: string; status?: string }>(element, 'c-crm-sync-user-sync-errors');

        it("hands the user and the user's status to the sync errors beneath the state", async () => {
            const element = await render({ ...synced, status: 'Error' });
            expect(errorsSection(element)).toMatchObject({ userId: USER_ID, status: 'Error' });
        });

        it("shows the state a retry of the user's errors brought, and lets the page re-read", async () => {
            const element = await render({ ...synced, status: 'Error' });
            const events = listen(element);
            errorsSection(element)?.dispatchEvent(
                new CustomEvent('statechange', { detail: { state: { ...synced, status: 'Synced' } } })
            );
            await flushPromises();
            expect(field(element, 'status')).toBe('Synced');
            expect(events.refresh).toHaveBeenCalledTimes(1);
            expect(events.close).not.toHaveBeenCalled();
        });
    });
});
