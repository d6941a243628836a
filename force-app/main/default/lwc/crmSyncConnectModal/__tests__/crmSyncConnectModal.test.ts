import CrmSyncConnectModal from 'c/crmSyncConnectModal';
import type { ConnectModalMode } from 'c/crmSyncConnectModal';
import linkOrg from '@salesforce/apex/CrmSyncAdminController.linkOrg';
import previewConnectionChange from '@salesforce/apex/CrmSyncAdminController.previewConnectionChange';
import type { ConnectionImpact, ConnectionView, LinkResult } from 'crm-sync/apex-types';
import { apexError, deferred, flushPromises, query, renderElement, watchModalClose } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.linkOrg', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.previewConnectionChange', () => ({ default: jest.fn() }), {
    virtual: true
});

type ModalElement = HTMLElement & { mode: ConnectModalMode; label: string; disableClose?: boolean };
type ButtonElement = HTMLElement & { label?: string; disabled?: boolean };

const { closed, reset: resetClosed } = watchModalClose();

const connection: ConnectionView = {
    connected: true,
    linkedOrgId: '00D5g000004SxYzEAK',
    linkedByName: 'Ada Lovelace',
    linkedAt: '2026-11-28T09:12:00.000Z',
    health: 'healthy'
};
const purgeImpact: ConnectionImpact = {
    willDelete: [{ category: 'leads', count: 1200 }],
    willKeep: [{ category: 'audit_history', count: 42 }]
};
const authorizationUrl = 'https://crm-sync.example.invalid/authorize?request=7Hq2xW9pLm';
const backendDown = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};
const apexFailure = apexError(backendDown);

function render(mode: ConnectModalMode = 'connect'): ModalElement {
    // LightningModal.open() sets the label from its config; the card passes the title of the mode.
    return renderElement<ModalElement>('c-crm-sync-connect-modal', CrmSyncConnectModal, {
        mode,
        label: mode === 'change' ? 'Change CRM connection' : 'Connect to CRM'
    });
}

const button = (element: HTMLElement, id: string) => query<ButtonElement>(element, `[data-id="${id}"]`);
const checkbox = (element: HTMLElement) =>
    query<HTMLElement & { label?: string; checked?: boolean; disabled?: boolean }>(element, 'lightning-input');
const impactView = (element: HTMLElement) => query(element, 'c-crm-sync-connection-impact');
const errorAlert = (element: HTMLElement) => query(element, 'c-crm-sync-error-alert');
const bodyText = (element: HTMLElement) => query(element, 'lightning-modal-body')?.textContent ?? '';

function tick(element: HTMLElement, checked: boolean): void {
    checkbox(element)?.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
}

describe('c-crm-sync-connect-modal', () => {
    afterEach(() => {
        document.body.replaceChildren();
        resetClosed();
        jest.clearAllMocks();
        jest.restoreAllMocks();
    });

    it('asks "Connect to CRM" with the purge choice, Cancel and Continue', async () => {
        const element = render('connect');

        expect(query<HTMLElement & { label?: string }>(element, 'lightning-modal-header')?.label).toBe(
            'Connect to CRM'
        );
        expect(bodyText(element)).toContain('Link this Salesforce org to CRM.');
        expect(checkbox(element)?.label).toBe('Yes, delete all previously imported CRM data');
        expect(checkbox(element)?.checked).toBe(false);
        expect(button(element, 'cancel')?.label).toBe('Cancel');
        expect(button(element, 'continue')?.label).toBe('Continue');
        expect(button(element, 'disable')).toBeNull();
        expect(impactView(element)).toBeNull();
        expect(previewConnectionChange).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('offers "Disable CRM sync" with the change intro when changing the connection', async () => {
        const element = render('change');

        expect(query<HTMLElement & { label?: string }>(element, 'lightning-modal-header')?.label).toBe(
            'Change CRM connection'
        );
        expect(bodyText(element)).toContain('Link this org again');
        expect(button(element, 'disable')?.label).toBe('Disable CRM sync');
        await expect(element).toBeAccessible();
    });

    it('loads the dry run when the box is ticked and holds Continue until it is shown', async () => {
        const preview = deferred<ConnectionImpact>();
        jest.mocked(previewConnectionChange).mockReturnValue(preview.promise);
        const element = render();

        tick(element, true);
        await flushPromises();

        expect(previewConnectionChange).toHaveBeenCalledWith({ operation: 'link', purgeImportedData: true });
        expect(impactView(element)?.shadowRoot?.textContent).toBe('Checking what would be deleted and kept…');
        expect(button(element, 'continue')?.disabled).toBe(true);
        await expect(element).toBeAccessible();

        preview.resolve(purgeImpact);
        await flushPromises();

        const impact = impactView(element)?.shadowRoot?.textContent;
        expect(impact).toContain('Will be deleted');
        expect(impact).toContain('Imported leads');
        expect(impact).toContain('Will be kept');
        expect(impact).toContain('Audit history');
        expect(button(element, 'continue')?.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('hides the dry run when the box is cleared and reuses it when ticked again', async () => {
        jest.mocked(previewConnectionChange).mockResolvedValue(purgeImpact);
        const element = render();
        tick(element, true);
        await flushPromises();

        tick(element, false);
        await flushPromises();
        expect(impactView(element)).toBeNull();

        tick(element, true);
        await flushPromises();
        expect(impactView(element)?.shadowRoot?.textContent).toContain('Imported leads');
        expect(previewConnectionChange).toHaveBeenCalledTimes(1);
    });

    it('shows a failed dry run, still lets the admin continue, and retries it', async () => {
        jest.mocked(previewConnectionChange).mockRejectedValueOnce(apexFailure).mockResolvedValueOnce(purgeImpact);
        const element = render();
        tick(element, true);
        await flushPromises();

        const alert = impactView(element)?.shadowRoot?.querySelector('c-crm-sync-error-alert');
        expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(button(element, 'continue')?.disabled).toBe(false);
        await expect(element).toBeAccessible();

        alert?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(previewConnectionChange).toHaveBeenCalledTimes(2);
        expect(impactView(element)?.shadowRoot?.textContent).toContain('Imported leads');
    });

    it('links without purging when the box is not ticked and closes with the connection', async () => {
        jest.mocked(linkOrg).mockResolvedValue({ outcome: 'LINKED', connection });
        const element = render();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(linkOrg).toHaveBeenCalledWith({ purgeImportedData: false });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'linked', connection } });
    });

    it('links with purging when the box is ticked', async () => {
        jest.mocked(previewConnectionChange).mockResolvedValue(purgeImpact);
        jest.mocked(linkOrg).mockResolvedValue({ outcome: 'LINKED', connection });
        const element = render();
        tick(element, true);
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(linkOrg).toHaveBeenCalledWith({ purgeImportedData: true });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'linked', connection } });
    });

    it('reports a link without its connection view as connected', async () => {
        jest.mocked(linkOrg).mockResolvedValue({ outcome: 'LINKED' });
        const element = render();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().value).toEqual({ outcome: 'linked', connection: { connected: true } });
    });

    it('shows a spinner and disables every action while linking, so a double click links once', async () => {
        const link = deferred<LinkResult>();
        jest.mocked(linkOrg).mockReturnValue(link.promise);
        const element = render('change');

        button(element, 'continue')?.click();
        await flushPromises();
        button(element, 'continue')?.click();
        await flushPromises();

        expect(linkOrg).toHaveBeenCalledTimes(1);
        expect(query<HTMLElement & { alternativeText?: string }>(element, 'lightning-spinner')?.alternativeText).toBe(
            'Saving…'
        );
        expect(['cancel', 'disable', 'continue'].map((id) => button(element, id)?.disabled)).toEqual([
            true,
            true,
            true
        ]);
        expect(checkbox(element)?.disabled).toBe(true);
        expect(element.disableClose).toBe(true);
        await expect(element).toBeAccessible();

        link.resolve({ outcome: 'LINKED', connection });
        await flushPromises();
        expect(closed().closed).toBe(true);
    });

    it('walks through authorization and links again with the same purge choice', async () => {
        const open = jest.spyOn(window, 'open').mockReturnValue(null);
        jest.mocked(previewConnectionChange).mockResolvedValue(purgeImpact);
        jest.mocked(linkOrg)
            .mockResolvedValueOnce({ outcome: 'AUTHORIZATION_REQUIRED', authorizationUrl })
            .mockResolvedValueOnce({ outcome: 'LINKED', connection });
        const element = render('change');
        tick(element, true);
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(bodyText(element)).toContain('Authorize access');
        expect(bodyText(element)).toContain('Open the authorization page, sign in and allow access');
        expect(checkbox(element)).toBeNull();
        expect(button(element, 'disable')).toBeNull();
        await expect(element).toBeAccessible();

        const authorize = query<ButtonElement>(element, 'lightning-modal-body lightning-button');
        expect(authorize?.label).toBe('Open authorization page');
        authorize?.click();
        expect(open).toHaveBeenCalledWith(authorizationUrl, '_blank', 'noopener');

        button(element, 'continue')?.click();
        await flushPromises();

        expect(linkOrg).toHaveBeenNthCalledWith(2, { purgeImportedData: true });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'linked', connection } });
    });

    it.each([
        [
            'an authorization page that is not https',
            { outcome: 'AUTHORIZATION_REQUIRED', authorizationUrl: 'http://crm-sync.example.invalid/authorize' }
        ],
        ['an authorization request without a page', { outcome: 'AUTHORIZATION_REQUIRED' }],
        ['an unknown outcome', { outcome: 'QUEUED' }]
    ])('treats %s as an unexpected failure', async (_case, answer: LinkResult) => {
        jest.mocked(linkOrg).mockResolvedValue(answer);
        const element = render();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(bodyText(element)).not.toContain('Authorize access');
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain('Something unexpected went wrong.');
    });

    it('keeps the modal open with the failure and retries from "Try again"', async () => {
        jest.mocked(linkOrg)
            .mockRejectedValueOnce(apexFailure)
            .mockResolvedValueOnce({ outcome: 'LINKED', connection });
        const element = render();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(button(element, 'continue')?.disabled).toBe(false);
        expect(element.disableClose).toBe(false);
        await expect(element).toBeAccessible();

        errorAlert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(linkOrg).toHaveBeenCalledTimes(2);
        expect(closed()).toEqual({ closed: true, value: { outcome: 'linked', connection } });
    });

    it('closes with "disable" when the admin chooses "Disable CRM sync"', () => {
        const element = render('change');

        button(element, 'disable')?.click();

        expect(closed()).toEqual({ closed: true, value: { outcome: 'disable' } });
        expect(linkOrg).not.toHaveBeenCalled();
    });

    it('closes with nothing when cancelled', () => {
        const element = render();

        button(element, 'cancel')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
        expect(linkOrg).not.toHaveBeenCalled();
    });
});
