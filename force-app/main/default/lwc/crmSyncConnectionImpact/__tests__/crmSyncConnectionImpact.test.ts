import CrmSyncConnectionImpact from 'c/crmSyncConnectionImpact';
import type { ConnectionImpact } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { renderElement } from 'crm-sync/test-utils';

type ImpactElement = HTMLElement & { impact?: ConnectionImpact; loading: boolean; error?: CrmSyncError };

const purgeImpact: ConnectionImpact = {
    willDelete: [
        { category: 'leads', count: 1200 },
        { category: 'accounts', count: 310 }
    ],
    willKeep: [{ category: 'audit_history', count: 42 }]
};

const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

function render(props: Partial<Pick<ImpactElement, 'impact' | 'loading' | 'error'>>): ImpactElement {
    return renderElement<ImpactElement>('c-crm-sync-connection-impact', CrmSyncConnectionImpact, props);
}

const section = (element: HTMLElement, id: string) => element.shadowRoot?.querySelector(`[data-id="${id}"]`);

/** "label=count" per listed category, read from the rendered rows. */
function rows(element: HTMLElement, id: string): string[] {
    return Array.from(section(element, id)?.querySelectorAll('li') ?? []).map((row) => {
        const count = row.querySelector<HTMLElement & { value?: number }>('lightning-formatted-number')?.value;
        return `${row.querySelector('span')?.textContent}=${count}`;
    });
}

describe('c-crm-sync-connection-impact', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('lists what will be deleted and kept with their counts', async () => {
        const element = render({ impact: purgeImpact });

        expect(element.shadowRoot?.textContent).toContain('Will be deleted');
        expect(element.shadowRoot?.textContent).toContain('Will be kept');
        expect(rows(element, 'will-delete')).toEqual(['Imported leads=1200', 'Imported accounts=310']);
        expect(rows(element, 'will-keep')).toEqual(['Audit history=42']);
        await expect(element).toBeAccessible();
    });

    it('says "Nothing" for an empty or missing list', async () => {
        const element = render({ impact: { willDelete: [] } });

        expect(section(element, 'will-delete')?.textContent).toBe('Nothing');
        expect(section(element, 'will-keep')?.textContent).toBe('Nothing');
        await expect(element).toBeAccessible();
    });

    it('shows an unknown category by its code and a category-less row as unavailable', () => {
        const element = render({ impact: { willDelete: [{ category: 'notes', count: 3 }, { count: 1 }] } });

        expect(rows(element, 'will-delete')).toEqual(['notes=3', '—=1']);
    });

    it('announces that the dry run is loading', async () => {
        const element = render({ loading: true, impact: purgeImpact });

        expect(element.shadowRoot?.querySelector('[role="status"]')?.textContent).toBe(
            'Checking what would be deleted and kept…'
        );
        expect(section(element, 'will-delete')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a failed dry run and re-fires its retry', async () => {
        const element = render({ error: backendDown });
        const onRetry = jest.fn();
        element.addEventListener('retry', onRetry);

        const alert = element.shadowRoot?.querySelector('c-crm-sync-error-alert');
        alert?.dispatchEvent(new CustomEvent('retry'));

        expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(onRetry).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('renders nothing before there is an impact', () => {
        const element = render({});

        expect(element.shadowRoot?.childElementCount).toBe(0);
    });
});
