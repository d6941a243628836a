import CrmSyncSeatSummary from 'c/crmSyncSeatSummary';
import type { LicensePool } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { renderElement } from 'crm-sync/test-utils';

type SeatSummaryElement = HTMLElement & { pools?: LicensePool[]; error?: CrmSyncError };

const core: LicensePool = { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true };
const pro: LicensePool = {
    licenseType: 'PRO',
    label: 'Professional',
    total: 5,
    assigned: 5,
    available: 0,
    isDefault: false
};
const backendDown: CrmSyncError = {
    code: 'BACKEND_ERROR',
    message: 'The CRM sync service has a problem right now. Nothing was changed.',
    retryable: true,
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7'
};

function render(props: { pools?: LicensePool[]; error?: CrmSyncError }): SeatSummaryElement {
    return renderElement<SeatSummaryElement>('c-crm-sync-seat-summary', CrmSyncSeatSummary, props);
}

function tiles(element: HTMLElement): HTMLElement[] {
    return Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('li') ?? []);
}

function seats(tile: HTMLElement, kind: 'total' | 'assigned' | 'available'): HTMLElement | null {
    return tile.querySelector<HTMLElement>(`[data-seats="${kind}"]`);
}

describe('c-crm-sync-seat-summary', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows each pool with its total, assigned and available seats and marks the default pool', async () => {
        const element = render({ pools: [core, pro] });

        const [coreTile, proTile] = tiles(element);
        expect(tiles(element)).toHaveLength(2);
        expect(coreTile.textContent).toContain('Core');
        expect(coreTile.querySelector('.slds-badge')?.textContent).toBe('Default');
        expect(coreTile.textContent).toContain('Total');
        expect(seats(coreTile, 'total')?.textContent).toBe('10');
        expect(coreTile.textContent).toContain('Assigned');
        expect(seats(coreTile, 'assigned')?.textContent).toBe('4');
        expect(coreTile.textContent).toContain('Available');
        expect(seats(coreTile, 'available')?.textContent).toBe('6');
        expect(proTile.textContent).toContain('Professional');
        expect(proTile.querySelector('.slds-badge')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('writes seat numbers with the digit grouping of the user’s locale', () => {
        const element = render({
            pools: [{ licenseType: 'CORE', label: 'Core', total: 12000, assigned: 4564, available: 7436 }]
        });
        const [coreTile] = tiles(element);

        expect(seats(coreTile, 'total')?.textContent).toBe('12,000');
        expect(seats(coreTile, 'assigned')?.textContent).toBe('4,564');
        expect(seats(coreTile, 'available')?.textContent).toBe('7,436');
    });

    it('highlights a pool without available seats', () => {
        const element = render({ pools: [core, pro] });

        const [coreTile, proTile] = tiles(element);
        expect(seats(proTile, 'available')?.textContent).toBe('0');
        expect(seats(proTile, 'available')?.classList).toContain('slds-text-color_error');
        expect(seats(coreTile, 'available')?.classList).not.toContain('slds-text-color_error');
    });

    it('shows a pool the backend described only partly by its type, with zero seats', () => {
        const element = render({ pools: [{ licenseType: 'LEGACY' }, {}] });

        const [legacyTile, unnamedTile] = tiles(element);
        expect(legacyTile.textContent).toContain('LEGACY');
        expect(seats(legacyTile, 'total')?.textContent).toBe('0');
        expect(seats(legacyTile, 'assigned')?.textContent).toBe('0');
        expect(seats(legacyTile, 'available')?.classList).toContain('slds-text-color_error');
        expect(unnamedTile.textContent).toContain('—');
    });

    it('says so when the CRM account has no licenses', async () => {
        const element = render({ pools: [] });

        expect(tiles(element)).toHaveLength(0);
        expect(element.shadowRoot?.textContent).toContain('No licenses are available for this CRM account.');
        await expect(element).toBeAccessible();
    });

    it('shows nothing before the panel has read the pools', () => {
        const element = render({});

        expect(element.shadowRoot?.textContent).toBe('');
    });

    it('shows the failure with its reference instead of the pools', async () => {
        const element = render({ pools: [core], error: backendDown });

        const alert = element.shadowRoot?.querySelector('c-crm-sync-error-alert');
        expect(alert?.shadowRoot?.textContent).toContain(backendDown.message);
        expect(alert?.shadowRoot?.textContent).toContain('Reference for support: 7c9e6679-7425-40de-944b-e07fc1f90ae7');
        expect(tiles(element)).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it('fires refresh when the admin clicks "Try again"', () => {
        const element = render({ error: backendDown });
        const onRefresh = jest.fn();
        element.addEventListener('refresh', onRefresh);

        const alert = element.shadowRoot?.querySelector('c-crm-sync-error-alert');
        const retry = alert?.shadowRoot?.querySelector<HTMLElement & { label?: string }>('lightning-button');
        expect(retry?.label).toBe('Try again');
        retry?.click();

        expect(onRefresh).toHaveBeenCalledTimes(1);
    });
});
