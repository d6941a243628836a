import CrmSyncConnectionCard from 'c/crmSyncConnectionCard';
import CrmSyncConnectModal from 'c/crmSyncConnectModal';
import CrmSyncDisconnectModal from 'c/crmSyncDisconnectModal';
import type { CrmSyncError } from 'c/crmSyncErrors';
import testConnection from '@salesforce/apex/CrmSyncAdminController.testConnection';
import checkSetup from '@salesforce/apex/CrmSyncAdminController.checkSetup';
import resumeSync from '@salesforce/apex/CrmSyncAdminController.resumeSync';
import CrmSyncPauseModal from 'c/crmSyncPauseModal';
import type { ConnectionTest, ConnectionView } from 'crm-sync/apex-types';
import {
    apexError,
    captureEvents,
    captureToasts,
    deferred,
    flushPromises,
    query,
    renderElement
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.testConnection', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncAdminController.checkSetup', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.resumeSync', () => ({ default: jest.fn() }), { virtual: true });

type CardElement = HTMLElement & { connection?: ConnectionView; error?: CrmSyncError };
type ButtonElement = HTMLElement & { label?: string; variant?: string; disabled?: boolean };

const connected: ConnectionView = {
    connected: true,
    linkedOrgId: '00D5g000004SxYzEAK',
    linkedByUserId: '0055g00000B1cDeAAF',
    linkedByName: 'Ada Lovelace',
    linkedAt: '2026-11-28T09:12:00.000Z',
    lastSyncAt: '2026-11-30T07:45:00.000Z',
    health: 'healthy',
    orgMismatch: false
};
const notConnected: ConnectionView = { connected: false, health: 'unknown', orgMismatch: false };
const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};
const apexFailure = apexError(backendDown);

function render(props: { connection?: ConnectionView; error?: CrmSyncError }): CardElement {
    return renderElement<CardElement>('c-crm-sync-connection-card', CrmSyncConnectionCard, props);
}

const byId = <T extends Element = HTMLElement>(element: HTMLElement, id: string) =>
    query<T>(element, `[data-id="${id}"]`);
const testButton = (element: HTMLElement) => byId<ButtonElement>(element, 'test-connection');
const actionButton = (element: HTMLElement) => byId<ButtonElement>(element, 'connection-action');
const badge = (element: HTMLElement) => byId<HTMLElement & { label?: string }>(element, 'status');
const dateValue = (element: HTMLElement, id: string) =>
    byId(element, id)?.querySelector<HTMLElement & { value?: string }>('lightning-formatted-date-time')?.value;
const text = (element: HTMLElement, id: string) => byId(element, id)?.textContent?.trim();

/** Collects what the card announces: toasts and `connectionchange`. */
function listen(element: HTMLElement) {
    return { toasts: captureToasts(element), changes: captureEvents(element, 'connectionchange') };
}

describe('c-crm-sync-connection-card', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
        jest.restoreAllMocks();
    });

    describe('states', () => {
        it('shows "Not connected" with "Connect to CRM" and "Test connection"', async () => {
            const element = render({ connection: notConnected });

            expect(query<HTMLElement & { title?: string }>(element, 'lightning-card')?.title).toBe('CRM settings');
            expect(badge(element)?.label).toBe('Not connected');
            expect(actionButton(element)?.label).toBe('Connect to CRM');
            expect(actionButton(element)?.variant).toBe('brand');
            expect(testButton(element)?.label).toBe('Test connection');
            expect(query(element, 'dl')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('reads as not connected before the panel passes a connection', () => {
            const element = render({});

            expect(badge(element)?.label).toBe('Not connected');
            expect(actionButton(element)?.label).toBe('Connect to CRM');
        });

        it('shows "Connected" with who linked the org, when, the last sync and the health, and "Change"', async () => {
            const element = render({ connection: connected });

            expect(badge(element)?.label).toBe('Connected');
            expect(query(element, 'dl')?.textContent).toContain('Linked org');
            expect(text(element, 'linked-org')).toBe('00D5g000004SxYzEAK');
            expect(text(element, 'linked-by')).toBe('Ada Lovelace');
            expect(dateValue(element, 'linked-at')).toBe('2026-11-28T09:12:00.000Z');
            expect(dateValue(element, 'last-sync')).toBe('2026-11-30T07:45:00.000Z');
            expect(text(element, 'health')).toBe('Healthy');
            expect(byId(element, 'org-mismatch')).toBeNull();
            expect(actionButton(element)?.label).toBe('Change');
            expect(actionButton(element)?.variant).toBe('neutral');
            await expect(element).toBeAccessible();
        });

        it('shows a dash for details the backend does not know', async () => {
            const element = render({ connection: { connected: true } });

            expect(['linked-org', 'linked-by', 'linked-at', 'last-sync'].map((id) => text(element, id))).toEqual([
                '—',
                '—',
                '—',
                '—'
            ]);
            expect(text(element, 'health')).toBe('Unknown');
            await expect(element).toBeAccessible();
        });

        it('shows degraded health with the backend’s explanation', async () => {
            const element = render({
                connection: { ...connected, health: 'degraded', healthDetail: 'Lead import is delayed by 20 minutes.' }
            });

            expect(text(element, 'health')).toContain('Degraded');
            expect(text(element, 'health')).toContain('Lead import is delayed by 20 minutes.');
            await expect(element).toBeAccessible();
        });

        it('warns when the backend is linked to another org', async () => {
            const element = render({ connection: { ...connected, orgMismatch: true } });

            expect(text(element, 'org-mismatch')).toBe(
                'The CRM sync service is linked to another Salesforce org (00D5g000004SxYzEAK), for example before a sandbox refresh. Click Change, then Continue, to link this org instead.'
            );
            await expect(element).toBeAccessible();
        });

        it('shows why the connection could not be read, still offers the test, and asks the panel to refresh', async () => {
            const element = render({ error: backendDown });
            const onRefresh = jest.fn();
            element.addEventListener('refresh', onRefresh);

            const alert = query(element, 'c-crm-sync-error-alert');
            expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
            expect(testButton(element)?.label).toBe('Test connection');
            expect(actionButton(element)).toBeNull();
            expect(badge(element)).toBeNull();
            await expect(element).toBeAccessible();

            alert?.dispatchEvent(new CustomEvent('retry'));
            expect(onRefresh).toHaveBeenCalledTimes(1);
        });
    });

    describe('Test connection', () => {
        it('shows the round trip and status on success', async () => {
            jest.mocked(testConnection).mockResolvedValue({ status: 'ok', roundTripMs: 182, backendVersion: '2.4.1' });
            const element = render({ connection: connected });

            testButton(element)?.click();
            await flushPromises();

            expect(text(element, 'test-result')).toBe('The CRM sync service answered in 182 ms (status: ok).');
            await expect(element).toBeAccessible();
        });

        it('shows a dash for what the answer leaves out', async () => {
            jest.mocked(testConnection).mockResolvedValue({});
            const element = render({ connection: connected });

            testButton(element)?.click();
            await flushPromises();

            expect(text(element, 'test-result')).toBe('The CRM sync service answered in — ms (status: —).');
        });

        it('shows the failure with "Try again", which tests again', async () => {
            jest.mocked(testConnection)
                .mockRejectedValueOnce(apexFailure)
                .mockResolvedValueOnce({ status: 'ok', roundTripMs: 95 });
            const element = render({ error: backendDown });

            testButton(element)?.click();
            await flushPromises();

            const alerts = element.shadowRoot?.querySelectorAll('c-crm-sync-error-alert');
            const testAlert = alerts?.[alerts.length - 1];
            expect(alerts).toHaveLength(2);
            expect(testAlert?.shadowRoot?.textContent).toContain('Reference for support: 7c9e6679');
            expect(text(element, 'test-result')).toBe('');
            await expect(element).toBeAccessible();

            testAlert?.dispatchEvent(new CustomEvent('retry'));
            await flushPromises();

            expect(testConnection).toHaveBeenCalledTimes(2);
            expect(text(element, 'test-result')).toBe('The CRM sync service answered in 95 ms (status: ok).');
            expect(element.shadowRoot?.querySelectorAll('c-crm-sync-error-alert')).toHaveLength(1);
        });

        it('disables the button and shows a spinner while it runs, so a double click tests once', async () => {
            const answer = deferred<ConnectionTest>();
            jest.mocked(testConnection).mockReturnValue(answer.promise);
            const element = render({ connection: connected });

            testButton(element)?.click();
            await flushPromises();
            testButton(element)?.click();
            await flushPromises();

            expect(testConnection).toHaveBeenCalledTimes(1);
            expect(testButton(element)?.disabled).toBe(true);
            expect(
                query<HTMLElement & { alternativeText?: string }>(element, 'lightning-spinner')?.alternativeText
            ).toBe('Loading…');
            await expect(element).toBeAccessible();

            answer.resolve({ status: 'ok', roundTripMs: 182 });
            await flushPromises();

            expect(testButton(element)?.disabled).toBe(false);
            expect(query(element, 'lightning-spinner')).toBeNull();
        });
    });

    describe('connect, change and disconnect', () => {
        // The purge choice is made inside the modal (its tests cover both); the card acts on the outcome only.
        it('activates the group: toast, connectionchange and focus back on the button', async () => {
            const open = jest
                .spyOn(CrmSyncConnectModal, 'open')
                .mockResolvedValue({ outcome: 'linked', connection: connected });
            const element = render({ connection: notConnected });
            const { toasts, changes } = listen(element);
            const focus = jest.spyOn(actionButton(element) as HTMLElement, 'focus');

            actionButton(element)?.click();
            await flushPromises();

            expect(open).toHaveBeenCalledWith({ size: 'small', label: 'Connect to CRM', mode: 'connect' });
            expect(toasts).toEqual([{ title: 'This org is now linked to CRM.', variant: 'success' }]);
            expect(changes).toEqual([{ connection: connected }]);
            expect(focus).toHaveBeenCalledTimes(1);
        });

        it('opens "Change CRM connection" while connected and re-links', async () => {
            const open = jest
                .spyOn(CrmSyncConnectModal, 'open')
                .mockResolvedValue({ outcome: 'linked', connection: connected });
            const element = render({ connection: { ...connected, orgMismatch: true } });
            const { changes } = listen(element);

            actionButton(element)?.click();
            await flushPromises();

            expect(open).toHaveBeenCalledWith({ size: 'small', label: 'Change CRM connection', mode: 'change' });
            expect(changes).toEqual([{ connection: connected }]);
        });

        it('deactivates the group: Change → Disable CRM sync → Continue', async () => {
            jest.spyOn(CrmSyncConnectModal, 'open').mockResolvedValue({ outcome: 'disable' });
            const disconnect = jest
                .spyOn(CrmSyncDisconnectModal, 'open')
                .mockResolvedValue({ outcome: 'unlinked', connection: notConnected });
            const element = render({ connection: connected });
            const { toasts, changes } = listen(element);
            const focus = jest.spyOn(actionButton(element) as HTMLElement, 'focus');

            actionButton(element)?.click();
            await flushPromises();

            expect(disconnect).toHaveBeenCalledWith({ size: 'small', label: 'Disable CRM sync' });
            expect(toasts).toEqual([{ title: 'This org is no longer linked to CRM.', variant: 'success' }]);
            expect(changes).toEqual([{ connection: notConnected }]);
            expect(focus).toHaveBeenCalledTimes(1);
        });

        it.each([
            ['the connect modal', undefined],
            ['the disconnect modal', { outcome: 'disable' } as const]
        ])('does nothing but return focus when %s is cancelled', async (_modal, connectResult) => {
            jest.spyOn(CrmSyncConnectModal, 'open').mockResolvedValue(connectResult);
            jest.spyOn(CrmSyncDisconnectModal, 'open').mockResolvedValue(undefined);
            const element = render({ connection: connected });
            const { toasts, changes } = listen(element);
            const focus = jest.spyOn(actionButton(element) as HTMLElement, 'focus');

            actionButton(element)?.click();
            await flushPromises();

            expect(toasts).toEqual([]);
            expect(changes).toEqual([]);
            expect(focus).toHaveBeenCalledTimes(1);
        });

        it('opens the modal once on a double click', async () => {
            const result = deferred<undefined>();
            const open = jest.spyOn(CrmSyncConnectModal, 'open').mockReturnValue(result.promise);
            const element = render({ connection: notConnected });

            actionButton(element)?.click();
            actionButton(element)?.click();
            result.resolve(undefined);
            await flushPromises();

            expect(open).toHaveBeenCalledTimes(1);
        });

        it('keeps focus on the same button when the reloaded connection switches its label', async () => {
            jest.spyOn(CrmSyncConnectModal, 'open').mockResolvedValue({ outcome: 'linked', connection: connected });
            const element = render({ connection: notConnected });
            const button = actionButton(element);
            element.addEventListener('connectionchange', (event) => {
                element.connection = (event as CustomEvent<{ connection: ConnectionView }>).detail.connection;
            });

            button?.click();
            await flushPromises();

            expect(actionButton(element)).toBe(button);
            expect(actionButton(element)?.label).toBe('Change');
            await expect(element).toBeAccessible();
        });
    });
    describe('check setup', () => {
        it('runs every setup check and lists the findings in the card', async () => {
            (checkSetup as jest.Mock).mockResolvedValue({
                status: 'PASS',
                checks: [
                    {
                        check: 'NAMED_CREDENTIAL',
                        code: 'NAMED_CREDENTIAL_OK',
                        status: 'PASS',
                        title: 'Named Credential',
                        message: 'callout:CRM_Sync points to https://sync.example.com.'
                    }
                ]
            });
            const element = render({ connection: connected });

            byId(element, 'check-setup')?.click();
            await flushPromises();

            expect(checkSetup).toHaveBeenCalledTimes(1);
            const doctor = query(element, 'c-crm-sync-setup-doctor');
            expect(doctor?.shadowRoot?.querySelector('li[data-check="NAMED_CREDENTIAL"]')).not.toBeNull();
        });

        it('offers "Check setup" even when the card could not read the connection', () => {
            const element = render({ error: backendDown });

            expect(byId<ButtonElement>(element, 'check-setup')?.label).toBe('Check setup');
        });
    });
    describe('sandbox copy', () => {
        it('explains that the copy sends nothing and offers to link it', async () => {
            const element = render({
                connection: {
                    connected: false,
                    linkedOrgId: '00D000000000001AAA',
                    health: 'unknown',
                    orgMismatch: true,
                    copiedAt: '2026-12-06T08:00:00.000Z'
                }
            });

            expect(text(element, 'org-mismatch')).toContain(
                'This org is a sandbox copied from org 00D000000000001AAA.'
            );
            expect(text(element, 'org-mismatch')).toContain('Connect to CRM');
            expect(actionButton(element)?.label).toBe('Connect to CRM');
            await expect(element).toBeAccessible();
        });
    });
    describe('pause and resume', () => {
        const pausedConnection: ConnectionView = {
            ...connected,
            paused: true,
            pausedReason: 'Data migration until Friday',
            pausedByName: 'Dana Whitfield',
            pausedAt: '2026-12-01T17:30:00.000Z'
        };

        it('offers "Pause sync" while connected, and no "Resume sync"', () => {
            const element = render({ connection: connected });

            expect(byId<ButtonElement>(element, 'pause')?.label).toBe('Pause sync');
            expect(byId(element, 'resume')).toBeNull();
        });

        it('offers neither while not connected', () => {
            const element = render({ connection: notConnected });

            expect(byId(element, 'pause')).toBeNull();
            expect(byId(element, 'resume')).toBeNull();
        });

        it('shows Paused with who paused it, why and when, and offers "Resume sync"', async () => {
            const element = render({ connection: pausedConnection });

            expect(badge(element)?.label).toBe('Paused');
            expect(text(element, 'paused')).toBe(
                'CRM sync is paused by Dana Whitfield. Nothing syncs until it is resumed; changes to users are saved and take effect then.'
            );
            expect(text(element, 'paused-reason')).toBe('Data migration until Friday');
            expect(dateValue(element, 'paused-at')).toBe('2026-12-01T17:30:00.000Z');
            expect(byId<ButtonElement>(element, 'resume')?.label).toBe('Resume sync');
            expect(byId(element, 'pause')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('opens the pause dialog and announces the pause', async () => {
            const open = jest
                .spyOn(CrmSyncPauseModal, 'open')
                .mockResolvedValue({ outcome: 'paused', connection: pausedConnection });
            const element = render({ connection: connected });
            const { toasts, changes } = listen(element);

            byId(element, 'pause')?.click();
            await flushPromises();

            expect(open).toHaveBeenCalledWith({ size: 'small', label: 'Pause CRM sync' });
            expect(toasts).toEqual([expect.objectContaining({ title: 'CRM sync is paused.', variant: 'success' })]);
            expect(changes).toEqual([{ connection: pausedConnection }]);
        });

        it('resumes and announces it', async () => {
            jest.mocked(resumeSync).mockResolvedValue(connected);
            const element = render({ connection: pausedConnection });
            const { toasts, changes } = listen(element);

            byId(element, 'resume')?.click();
            await flushPromises();

            expect(resumeSync).toHaveBeenCalledTimes(1);
            expect(toasts).toEqual([expect.objectContaining({ title: 'CRM sync runs again.' })]);
            expect(changes).toEqual([{ connection: connected }]);
        });

        it('shows why a resume failed, with a retry', async () => {
            jest.mocked(resumeSync).mockRejectedValue(apexFailure);
            const element = render({ connection: pausedConnection });

            byId(element, 'resume')?.click();
            await flushPromises();

            expect(query(element, 'c-crm-sync-error-alert')).not.toBeNull();
        });
    });
});
