import CrmSyncDisconnectModal from 'c/crmSyncDisconnectModal';
import previewConnectionChange from '@salesforce/apex/CrmSyncAdminController.previewConnectionChange';
import unlinkOrg from '@salesforce/apex/CrmSyncAdminController.unlinkOrg';
import type { ConnectionImpact, ConnectionView, UnlinkResult } from 'crm-sync/apex-types';
import { apexError, deferred, flushPromises, query, renderElement, watchModalClose } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.unlinkOrg', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncAdminController.previewConnectionChange', () => ({ default: jest.fn() }), {
    virtual: true
});

type ModalElement = HTMLElement & { label: string; disableClose?: boolean };
type ButtonElement = HTMLElement & { label?: string; disabled?: boolean };

const { closed, reset: resetClosed } = watchModalClose();

const unlinked: ConnectionView = { connected: false, health: 'unknown' };
const keepImpact: ConnectionImpact = {
    willDelete: [],
    willKeep: [
        { category: 'leads', count: 1200 },
        { category: 'audit_history', count: 42 }
    ]
};
const purgeImpact: ConnectionImpact = {
    willDelete: [{ category: 'leads', count: 1200 }],
    willKeep: [{ category: 'audit_history', count: 42 }]
};
const backendDown = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};
const apexFailure = apexError(backendDown);

/** Answers the dry run for each purge choice as given. */
function previewAnswers(answers: { purge: Promise<ConnectionImpact>; keep: Promise<ConnectionImpact> }): void {
    jest.mocked(previewConnectionChange).mockImplementation(({ purgeImportedData }) => {
        return purgeImportedData ? answers.purge : answers.keep;
    });
}

function render(): ModalElement {
    // LightningModal.open() sets the label from its config.
    return renderElement<ModalElement>('c-crm-sync-disconnect-modal', CrmSyncDisconnectModal, {
        label: 'Disable CRM sync'
    });
}

const button = (element: HTMLElement, id: string) => query<ButtonElement>(element, `[data-id="${id}"]`);
const checkbox = (element: HTMLElement) =>
    query<HTMLElement & { label?: string; checked?: boolean; disabled?: boolean }>(element, 'lightning-input');
const impactText = (element: HTMLElement) =>
    query(element, 'c-crm-sync-connection-impact')?.shadowRoot?.textContent ?? '';
const willDelete = (element: HTMLElement) =>
    query(element, 'c-crm-sync-connection-impact')?.shadowRoot?.querySelector('[data-id="will-delete"]')?.textContent;
const errorAlert = (element: HTMLElement) => query(element, 'c-crm-sync-error-alert');

function tick(element: HTMLElement, checked: boolean): void {
    checkbox(element)?.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
}

describe('c-crm-sync-disconnect-modal', () => {
    afterEach(() => {
        document.body.replaceChildren();
        resetClosed();
        jest.clearAllMocks();
    });

    it('states what unlinking without purging deletes and keeps before the admin confirms', async () => {
        const keep = deferred<ConnectionImpact>();
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: keep.promise });
        const element = render();

        expect(query<HTMLElement & { label?: string }>(element, 'lightning-modal-header')?.label).toBe(
            'Disable CRM sync'
        );
        expect(query(element, 'lightning-modal-body')?.textContent).toContain('CRM sync stops for all users.');
        expect(checkbox(element)?.label).toBe('Yes, delete all previously imported CRM data');
        expect(previewConnectionChange).toHaveBeenCalledWith({ operation: 'unlink', purgeImportedData: false });
        expect(impactText(element)).toBe('Checking what would be deleted and kept…');
        expect(button(element, 'continue')?.disabled).toBe(true);
        await expect(element).toBeAccessible();

        keep.resolve(keepImpact);
        await flushPromises();

        expect(willDelete(element)).toBe('Nothing');
        expect(impactText(element)).toContain('Imported leads');
        expect(button(element, 'continue')?.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('reloads the impact when the box is ticked and reuses both answers afterwards', async () => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        const element = render();
        await flushPromises();

        tick(element, true);
        await flushPromises();
        expect(previewConnectionChange).toHaveBeenLastCalledWith({ operation: 'unlink', purgeImportedData: true });
        expect(willDelete(element)).toContain('Imported leads');

        tick(element, false);
        await flushPromises();
        expect(willDelete(element)).toBe('Nothing');

        tick(element, true);
        await flushPromises();
        expect(willDelete(element)).toContain('Imported leads');
        expect(previewConnectionChange).toHaveBeenCalledTimes(2);
    });

    it('shows the answer for the current choice when an earlier one arrives late', async () => {
        const keep = deferred<ConnectionImpact>();
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: keep.promise });
        const element = render();

        tick(element, true);
        await flushPromises();
        keep.resolve(keepImpact);
        await flushPromises();

        expect(willDelete(element)).toContain('Imported leads');
        expect(button(element, 'continue')?.disabled).toBe(false);
    });

    it('ignores a late failure for a choice the admin has left', async () => {
        const keep = deferred<ConnectionImpact>();
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: keep.promise });
        const element = render();

        tick(element, true);
        await flushPromises();
        keep.reject(apexFailure);
        await flushPromises();

        expect(query(element, 'c-crm-sync-connection-impact c-crm-sync-error-alert')).toBeNull();
        expect(willDelete(element)).toContain('Imported leads');
    });

    it('shows a failed dry run, lets the admin continue, and asks again on "Try again"', async () => {
        jest.mocked(previewConnectionChange).mockRejectedValueOnce(apexFailure).mockResolvedValueOnce(keepImpact);
        const element = render();
        await flushPromises();

        const alert = query(element, 'c-crm-sync-connection-impact')?.shadowRoot?.querySelector(
            'c-crm-sync-error-alert'
        );
        expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(button(element, 'continue')?.disabled).toBe(false);
        await expect(element).toBeAccessible();

        alert?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(previewConnectionChange).toHaveBeenCalledTimes(2);
        expect(impactText(element)).toContain('Imported leads');
    });

    it.each([false, true])('unlinks with purgeImportedData %s and closes with the connection', async (purge) => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        jest.mocked(unlinkOrg).mockResolvedValue({ connection: unlinked, purged: [] });
        const element = render();
        tick(element, purge);
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(unlinkOrg).toHaveBeenCalledWith({ purgeImportedData: purge });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'unlinked', connection: unlinked } });
    });

    it('reports an unlink without its connection view as not connected', async () => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        jest.mocked(unlinkOrg).mockResolvedValue({});
        const element = render();
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().value).toEqual({ outcome: 'unlinked', connection: { connected: false } });
    });

    it('shows a spinner and disables every action while unlinking, so a double click unlinks once', async () => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        const unlink = deferred<UnlinkResult>();
        jest.mocked(unlinkOrg).mockReturnValue(unlink.promise);
        const element = render();
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();
        button(element, 'continue')?.click();
        await flushPromises();

        expect(unlinkOrg).toHaveBeenCalledTimes(1);
        expect(query<HTMLElement & { alternativeText?: string }>(element, 'lightning-spinner')?.alternativeText).toBe(
            'Saving…'
        );
        expect([button(element, 'cancel')?.disabled, button(element, 'continue')?.disabled]).toEqual([true, true]);
        expect(checkbox(element)?.disabled).toBe(true);
        expect(element.disableClose).toBe(true);
        await expect(element).toBeAccessible();

        unlink.resolve({ connection: unlinked });
        await flushPromises();
        expect(closed().closed).toBe(true);
    });

    it('keeps the modal open with the failure and retries from "Try again"', async () => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        jest.mocked(unlinkOrg).mockRejectedValueOnce(apexFailure).mockResolvedValueOnce({ connection: unlinked });
        const element = render();
        await flushPromises();

        button(element, 'continue')?.click();
        await flushPromises();

        expect(closed().closed).toBe(false);
        expect(errorAlert(element)?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(button(element, 'continue')?.disabled).toBe(false);
        expect(element.disableClose).toBe(false);
        await expect(element).toBeAccessible();

        errorAlert(element)?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();

        expect(unlinkOrg).toHaveBeenCalledTimes(2);
        expect(closed()).toEqual({ closed: true, value: { outcome: 'unlinked', connection: unlinked } });
    });

    it('closes with nothing when cancelled', async () => {
        previewAnswers({ purge: Promise.resolve(purgeImpact), keep: Promise.resolve(keepImpact) });
        const element = render();
        await flushPromises();

        button(element, 'cancel')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
        expect(unlinkOrg).not.toHaveBeenCalled();
    });
});
