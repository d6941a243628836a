import CrmSyncErrorAlert from 'c/crmSyncErrorAlert';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { renderElement } from 'crm-sync/test-utils';

const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

type AlertElement = HTMLElement & { error?: CrmSyncError };

function render(error?: CrmSyncError): AlertElement {
    return renderElement<AlertElement>('c-crm-sync-error-alert', CrmSyncErrorAlert, { error });
}

const button = (element: HTMLElement) =>
    element.shadowRoot?.querySelector<HTMLElement & { label?: string }>('lightning-button');

describe('c-crm-sync-error-alert', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('renders nothing without an error', () => {
        const element = render();

        expect(element.shadowRoot?.querySelector('[role="alert"]')).toBeNull();
    });

    it('announces the message as an alert with the support reference', async () => {
        const element = render(backendDown);

        const alert = element.shadowRoot?.querySelector('[role="alert"]');
        expect(alert?.textContent).toContain(backendDown.message);
        expect(alert?.textContent).toContain('Reference for support: 7c9e6679-7425-40de-944b-e07fc1f90ae7');
        await expect(element).toBeAccessible();
    });

    it('offers "Try again" for a retryable failure and fires retry when clicked', () => {
        const element = render(backendDown);
        const onRetry = jest.fn();
        element.addEventListener('retry', onRetry);

        button(element)?.click();

        expect(button(element)?.label).toBe('Try again');
        expect(onRetry).toHaveBeenCalledTimes(1);
    });

    it('offers no retry when retrying cannot help, and no reference when there is none', async () => {
        const element = render({ ...backendDown, retryable: false, correlationId: null });

        expect(button(element)).toBeNull();
        expect(element.shadowRoot?.textContent).not.toContain('Reference for support');
        await expect(element).toBeAccessible();
    });
});
