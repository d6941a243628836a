import CrmSyncPauseModal from 'c/crmSyncPauseModal';
import pauseSync from '@salesforce/apex/CrmSyncAdminController.pauseSync';
import type { ConnectionView } from 'crm-sync/apex-types';
import { apexError, deferred, flushPromises, query, renderElement, watchModalClose } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.pauseSync', () => ({ default: jest.fn() }), { virtual: true });

type ModalElement = HTMLElement & { label: string };
type ButtonElement = HTMLElement & { label?: string; disabled?: boolean };
type TextareaElement = HTMLElement & {
    label?: string;
    required?: boolean;
    maxLength?: number;
    setCustomValidity(message: string): void;
    reportValidity(): boolean;
};

const { closed, reset: resetClosed } = watchModalClose();

const paused: ConnectionView = {
    connected: true,
    paused: true,
    pausedReason: 'Data migration until Friday',
    pausedByName: 'Dana Whitfield',
    pausedAt: '2026-12-01T17:30:00.000Z',
    health: 'healthy'
};

function render(): ModalElement {
    return renderElement<ModalElement>('c-crm-sync-pause-modal', CrmSyncPauseModal, { label: 'Pause CRM sync' });
}

const button = (element: HTMLElement, id: string) => query<ButtonElement>(element, `[data-id="${id}"]`);
const reasonField = (element: HTMLElement) => query<TextareaElement>(element, '[data-id="reason"]') as TextareaElement;

async function typeReason(element: HTMLElement, value: string): Promise<void> {
    reasonField(element).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

describe('c-crm-sync-pause-modal', () => {
    afterEach(() => {
        document.body.replaceChildren();
        resetClosed();
        jest.clearAllMocks();
    });

    it('says what a pause stops and keeps, and asks for a required reason of at most 255 characters', async () => {
        const element = render();

        expect(element.shadowRoot!.textContent).toContain('The link, users, licenses and settings stay as they are.');
        expect(element.shadowRoot!.textContent).toContain('take effect when sync resumes');
        const field = reasonField(element);
        expect(field.label).toBe('Reason');
        expect(field.required).toBe(true);
        expect(field.maxLength).toBe(255);
        await expect(element).toBeAccessible();
    });

    it('pauses with the trimmed reason and closes with the paused connection', async () => {
        jest.mocked(pauseSync).mockResolvedValue(paused);
        const element = render();
        await typeReason(element, '  Data migration until Friday ');

        button(element, 'pause')?.click();
        await flushPromises();

        expect(pauseSync).toHaveBeenCalledWith({ reason: 'Data migration until Friday' });
        expect(closed()).toEqual({ closed: true, value: { outcome: 'paused', connection: paused } });
    });

    it('refuses a blank reason at the field, without calling Apex', async () => {
        const element = render();
        const field = reasonField(element);
        const setValidity = jest.spyOn(field, 'setCustomValidity');
        const report = jest.spyOn(field, 'reportValidity');
        await typeReason(element, '   ');

        button(element, 'pause')?.click();
        await flushPromises();

        expect(setValidity).toHaveBeenLastCalledWith(
            'Enter why you pause CRM sync, in at most 255 characters. Other admins see it.'
        );
        expect(report).toHaveBeenCalled();
        expect(pauseSync).not.toHaveBeenCalled();
        expect(closed().closed).toBe(false);
    });

    it('keeps a failure inside the modal, with a retry that pauses again', async () => {
        jest.mocked(pauseSync).mockRejectedValueOnce(
            apexError({
                code: 'BACKEND_ERROR',
                message: 'The CRM sync service has a problem right now. Nothing was changed.',
                retryable: true,
                correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
            })
        );
        const element = render();
        await typeReason(element, 'Maintenance');
        button(element, 'pause')?.click();
        await flushPromises();

        expect(query(element, 'c-crm-sync-error-alert')).not.toBeNull();
        expect(closed().closed).toBe(false);

        jest.mocked(pauseSync).mockResolvedValue(paused);
        query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
        await flushPromises();
        expect(pauseSync).toHaveBeenCalledTimes(2);
        expect(closed().closed).toBe(true);
    });

    it('pauses once on a double click and disables its buttons meanwhile', async () => {
        const pending = deferred<ConnectionView>();
        jest.mocked(pauseSync).mockReturnValue(pending.promise);
        const element = render();
        await typeReason(element, 'Maintenance');

        button(element, 'pause')?.click();
        button(element, 'pause')?.click();
        await flushPromises();

        expect(pauseSync).toHaveBeenCalledTimes(1);
        expect(button(element, 'pause')?.disabled).toBe(true);
        expect(button(element, 'cancel')?.disabled).toBe(true);
        pending.resolve(paused);
        await flushPromises();
    });

    it('cancels without pausing', () => {
        const element = render();

        button(element, 'cancel')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
        expect(pauseSync).not.toHaveBeenCalled();
    });
});
