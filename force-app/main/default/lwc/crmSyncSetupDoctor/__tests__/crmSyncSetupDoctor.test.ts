import CrmSyncSetupDoctor from 'c/crmSyncSetupDoctor';
import checkSetup from '@salesforce/apex/CrmSyncAdminController.checkSetup';
import type { SetupCheck, SetupReport } from 'crm-sync/apex-types';
import { apexError, captureEvents, deferred, flushPromises, query, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.checkSetup', () => ({ default: jest.fn() }), { virtual: true });

type DoctorElement = HTMLElement & { run(): Promise<void> };

const passed = (check: string, code: string, title: string): SetupCheck => ({
    check,
    code,
    status: 'PASS',
    title,
    message: `${title} is fine.`
});

const placeholderUrl: SetupReport = {
    status: 'FAIL',
    checkedAt: '2026-12-06T09:15:00.000Z',
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    checks: [
        {
            check: 'NAMED_CREDENTIAL',
            code: 'NAMED_CREDENTIAL_PLACEHOLDER',
            status: 'FAIL',
            title: 'Named Credential',
            message: 'The Named Credential CRM_Sync still has the placeholder URL https://crm-sync.example.invalid.',
            fix: 'In Setup, open Named Credentials, edit CRM Sync and enter the URL of your sync backend.',
            fixUrl: '/lightning/setup/NamedCredential/home',
            fixUrlLabel: 'Open Named Credentials'
        },
        passed('ADMIN_ACCESS', 'PRINCIPAL_GRANTED', 'Your access to the credential'),
        {
            check: 'API_KEY_EXPIRY',
            code: 'API_KEY_EXPIRING',
            status: 'WARN',
            title: 'API key expiry',
            message: 'The API key expires on 12/11/2026, in 5 days.'
        },
        {
            check: 'ORG_LINK',
            code: 'SKIPPED',
            status: 'SKIPPED',
            title: 'Linked org',
            message: 'Not checked: fix the Named Credential first.'
        }
    ]
};

const allPassed: SetupReport = {
    status: 'PASS',
    checkedAt: '2026-12-06T09:15:00.000Z',
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    checks: [
        passed('NAMED_CREDENTIAL', 'NAMED_CREDENTIAL_OK', 'Named Credential'),
        passed('ADMIN_ACCESS', 'PRINCIPAL_GRANTED', 'Your access to the credential')
    ]
};

const checkSetupMock = checkSetup as jest.MockedFunction<typeof checkSetup>;

function render(): DoctorElement {
    return renderElement<DoctorElement>('c-crm-sync-setup-doctor', CrmSyncSetupDoctor);
}

async function runWith(report: SetupReport): Promise<DoctorElement> {
    checkSetupMock.mockResolvedValue(report);
    const element = render();
    await element.run();
    await flushPromises();
    return element;
}

const item = (element: HTMLElement, check: string) => query(element, `li[data-check="${check}"]`);
const part = (row: Element | null, id: string) => row?.querySelector<HTMLElement>(`[data-id="${id}"]`);
const summary = (element: HTMLElement) => query(element, '[data-id="doctor-summary"]')?.textContent?.trim();

describe('c-crm-sync-setup-doctor', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('shows nothing before the first check', () => {
        const element = render();

        expect(query(element, 'section')).toBeNull();
        expect(checkSetupMock).not.toHaveBeenCalled();
    });

    it('lists every check in the order Apex returns them, with its status in words', async () => {
        const element = await runWith(placeholderUrl);

        const rows = [...element.shadowRoot!.querySelectorAll<HTMLElement>('li[data-check]')];
        expect(rows.map((row) => row.dataset.check)).toEqual([
            'NAMED_CREDENTIAL',
            'ADMIN_ACCESS',
            'API_KEY_EXPIRY',
            'ORG_LINK'
        ]);
        expect(rows.map((row) => part(row, 'status')?.textContent?.trim())).toEqual([
            'Problem',
            'OK',
            'Warning',
            'Not checked'
        ]);
    });

    it('says how to fix a failed check and links to its Setup page', async () => {
        const element = await runWith(placeholderUrl);

        const row = item(element, 'NAMED_CREDENTIAL');
        expect(part(row, 'message')?.textContent).toContain('https://crm-sync.example.invalid');
        expect(part(row, 'fix')?.textContent).toContain('How to fix it:');
        expect(part(row, 'fix')?.textContent).toContain('enter the URL of your sync backend');
        const link = part(row, 'fix-link') as HTMLAnchorElement;
        expect(link.getAttribute('href')).toBe('/lightning/setup/NamedCredential/home');
        expect(link.textContent?.trim()).toBe('Open Named Credentials');
    });

    it('shows each finding’s stable code for support, and the reference of the calls', async () => {
        const element = await runWith(placeholderUrl);

        expect(part(item(element, 'NAMED_CREDENTIAL'), 'code')?.textContent?.trim()).toBe(
            'Code: NAMED_CREDENTIAL_PLACEHOLDER'
        );
        expect(element.shadowRoot!.textContent).toContain('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    });

    it('offers no fix or link for a check that passed', async () => {
        const element = await runWith(placeholderUrl);

        const row = item(element, 'ADMIN_ACCESS');
        expect(part(row, 'fix')).toBeNull();
        expect(part(row, 'fix-link')).toBeNull();
    });

    it('counts problems and warnings in a live summary', async () => {
        const element = await runWith(placeholderUrl);

        expect(query(element, '[data-id="doctor-summary"]')?.getAttribute('role')).toBe('status');
        expect(summary(element)).toBe(
            'Problems: 1. Warnings: 1. Fix them from the top: later checks depend on earlier ones.'
        );
    });

    it('says when every check passed', async () => {
        const element = await runWith(allPassed);

        expect(summary(element)).toBe('All 2 checks passed.');
    });

    it('tells the card the outcome', async () => {
        checkSetupMock.mockResolvedValue(placeholderUrl);
        const element = render();
        const checked = captureEvents<{ status: string }>(element, 'checked');

        await element.run();

        expect(checked).toEqual([{ status: 'FAIL' }]);
    });

    it('runs once while a check is still running', async () => {
        const pending = deferred<SetupReport>();
        checkSetupMock.mockReturnValue(pending.promise);
        const element = render();

        const first = element.run();
        await element.run();
        pending.resolve(allPassed);
        await first;

        expect(checkSetupMock).toHaveBeenCalledTimes(1);
    });

    it('shows why the check itself failed, with a retry', async () => {
        checkSetupMock.mockRejectedValue(
            apexError({
                code: 'NOT_PERMITTED',
                message: 'You need the CRM Sync Admin permission set.',
                retryable: false,
                correlationId: null
            })
        );
        const element = render();

        await element.run();
        await flushPromises();

        expect(query(element, 'c-crm-sync-error-alert')).not.toBeNull();
        expect(query(element, '[data-id="doctor-checks"]')).toBeNull();
    });

    it('is accessible with findings of every kind', async () => {
        const element = await runWith(placeholderUrl);

        await expect(element).toBeAccessible();
    });
});
