import CrmSyncUserExport from 'c/crmSyncUserExport';
import exportUsers from '@salesforce/apex/CrmSyncAdminController.exportUsers';
import type { UserExportChunk, UserQuery } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import { apexError, captureToasts, deferred, flushPromises, renderElement } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.exportUsers', () => ({ default: jest.fn() }), { virtual: true });

type ExportElement = HTMLElement & { query?: UserQuery; disabled: boolean };
type Button = HTMLElement & { label: string; disabled: boolean };

const exportMock = exportUsers as unknown as jest.Mock<
    Promise<UserExportChunk>,
    [{ query: UserQuery | null; start: number | null }]
>;
const query: UserQuery = { searchTerm: 'mül', syncFilter: 'on', sortBy: 'name', sortDirection: 'asc', pageSize: 25 };

const first: UserExportChunk = {
    rows: [
        {
            userId: '005000000000001AAA',
            name: 'Jürgen Müller',
            username: 'jm@acme.example',
            email: 'jm@acme.example',
            profileName: 'Sales',
            isActive: true,
            syncEnabled: true,
            licenseType: 'CORE',
            licenseLabel: 'Core',
            status: 'Synced',
            lastSyncedAt: '2026-11-27T08:00:00.000Z'
        }
    ],
    nextStart: 1,
    totalCount: 2
};
const second: UserExportChunk = {
    rows: [
        {
            userId: '005000000000002AAA',
            name: '=cmd|Ana',
            username: 'ana@acme.example',
            isActive: false,
            syncEnabled: false
        }
    ],
    totalCount: 2
};

const timeout: CrmSyncError = {
    code: 'TIMEOUT',
    message: 'The request took too long. Try again.',
    retryable: true,
    correlationId: 'c1d2e3f4-0000-4000-8000-000000000001'
};

let blobs: Blob[];

function render(): ExportElement {
    return renderElement<ExportElement>('c-crm-sync-user-export', CrmSyncUserExport, { query });
}

const button = (element: HTMLElement) => element.shadowRoot?.querySelector<Button>('lightning-button') as Button;
const status = (element: HTMLElement) => element.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim();

function readBlob(blob: Blob): Promise<string> {
    return new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blob);
    });
}

describe('c-crm-sync-user-export', () => {
    beforeEach(() => {
        blobs = [];
        URL.createObjectURL = jest.fn((blob: Blob) => {
            blobs.push(blob);
            return 'blob:export';
        });
        URL.revokeObjectURL = jest.fn();
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
    });

    it('reads the chunks one after the other with the table query until the last one', async () => {
        exportMock.mockResolvedValueOnce(first).mockResolvedValueOnce(second);
        const element = render();
        button(element).click();
        await flushPromises();
        expect(exportMock.mock.calls.map(([params]) => params)).toEqual([
            { query, start: 0 },
            { query, start: 1 }
        ]);
    });

    it('downloads one CSV with the headers in the admin language and a row per user', async () => {
        exportMock.mockResolvedValueOnce(first).mockResolvedValueOnce(second);
        const element = render();
        button(element).click();
        await flushPromises();
        expect(blobs).toHaveLength(1);
        const lines = (await readBlob(blobs[0])).replace('\uFEFF', '').split('\r\n');
        expect(lines).toEqual([
            'Name,Username,Email,Profile,Active,License,CRM sync,Status,Last synced',
            'Jürgen Müller,jm@acme.example,jm@acme.example,Sales,Yes,Core,Yes,Synced,2026-11-27T08:00:00.000Z',
            "'=cmd|Ana,ana@acme.example,,,No,,No,,"
        ]);
    });

    it('says how far it is and keeps the button disabled while it reads', async () => {
        const pending = deferred<UserExportChunk>();
        exportMock.mockResolvedValueOnce(first).mockReturnValueOnce(pending.promise);
        const element = render();
        button(element).click();
        await flushPromises();
        expect(status(element)).toBe('Exporting… 1 of 2 users');
        expect(button(element).disabled).toBe(true);
        pending.resolve(second);
        await flushPromises();
        expect(status(element)).toBe('');
        expect(button(element).disabled).toBe(false);
    });

    it('reports a failed chunk in a sticky toast with the reference, downloads nothing and can run again', async () => {
        exportMock.mockResolvedValueOnce(first).mockRejectedValueOnce(apexError(timeout));
        const element = render();
        const toasts = captureToasts(element);
        button(element).click();
        await flushPromises();
        expect(blobs).toHaveLength(0);
        expect(toasts).toEqual([
            expect.objectContaining({ title: 'The export failed', variant: 'error', mode: 'sticky' })
        ]);
        expect(toasts[0].message).toContain(timeout.correlationId);
        expect(button(element).disabled).toBe(false);
    });

    it('is accessible', async () => {
        const element = render();
        await expect(element).toBeAccessible();
    });
});
