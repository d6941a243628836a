// "Import CSV" in the table's footer: the import dialog checks the file, then the same job dialog as for all matching
// users shows the dry run and starts the change. The table's other behaviour is tested in crmSyncUserTable.test.ts.
import CrmSyncUserTable from 'c/crmSyncUserTable';
import type { JobStartDetail } from 'c/crmSyncUserTable';
import CrmSyncImportDialog from 'c/crmSyncImportDialog';
import CrmSyncJobDialog from 'c/crmSyncJobDialog';
import getUsers from '@salesforce/apex/CrmSyncAdminController.getUsers';
import type { JobView, LicensePool, UserPage } from 'crm-sync/apex-types';
import { captureEvents, flushPromises, renderElement, type BaseComponent } from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncAdminController.getUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncJobController.stageImport', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmSyncJobController.previewUserJob', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/CrmSyncJobController.startUserJob', () => ({ default: jest.fn() }), { virtual: true });

const IMPORT_KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';
const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true }
];
const page: UserPage = {
    rows: [{ userId: '005000000000001AAA', name: 'Ada Lovelace', isActive: true }],
    totalCount: 1
};
const queuedJob: JobView = { id: 'a01000000000001AAA', name: 'JOB-000012', status: 'Queued', active: true, total: 900 };

type TableElement = HTMLElement & { initialPage?: UserPage; licensePools?: LicensePool[]; connected?: boolean };

function render(connected = true): TableElement {
    return renderElement<TableElement>('c-crm-sync-user-table', CrmSyncUserTable, {
        licensePools: pools,
        connected,
        initialPage: page
    });
}

const importButton = (element: HTMLElement) =>
    element.shadowRoot?.querySelector<BaseComponent>('lightning-button[data-id="import"]') ?? null;

describe('c-crm-sync-user-table: Import CSV', () => {
    beforeEach(() => {
        jest.mocked(getUsers).mockResolvedValue(page);
    });

    afterEach(() => {
        document.body.replaceChildren();
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    it('offers Import CSV beside the export, with the seat pools for the license column', async () => {
        const openImport = jest.spyOn(CrmSyncImportDialog, 'open').mockResolvedValue(undefined);
        const element = render();
        await flushPromises();

        expect(importButton(element)?.label).toBe('Import CSV');
        importButton(element)?.click();
        await flushPromises();

        expect(openImport).toHaveBeenCalledWith({ size: 'small', label: 'Import CSV', pools });
        await expect(element).toBeAccessible();
    });

    it('disables Import CSV while the org is not linked', async () => {
        const element = render(false);
        await flushPromises();

        expect(importButton(element)?.disabled).toBe(true);
    });

    it('hands the checked import to the job dialog, and the job it queued to the panel', async () => {
        jest.spyOn(CrmSyncImportDialog, 'open').mockResolvedValue({
            request: { operation: 'Enable_User_Sync', importKey: IMPORT_KEY },
            label: 'Import CSV: Enable CRM sync'
        });
        const openJob = jest.spyOn(CrmSyncJobDialog, 'open').mockResolvedValue({ outcome: 'queued', job: queuedJob });
        const element = render();
        const started = captureEvents<JobStartDetail>(element, 'jobstart');
        await flushPromises();

        importButton(element)?.click();
        await flushPromises();

        expect(openJob).toHaveBeenCalledWith({
            size: 'small',
            label: 'Import CSV: Enable CRM sync',
            request: { operation: 'Enable_User_Sync', importKey: IMPORT_KEY }
        });
        expect(started).toEqual([{ job: queuedJob }]);
    });

    it('opens no job dialog when the import was cancelled', async () => {
        jest.spyOn(CrmSyncImportDialog, 'open').mockResolvedValue(undefined);
        const openJob = jest.spyOn(CrmSyncJobDialog, 'open');
        const element = render();
        await flushPromises();

        importButton(element)?.click();
        await flushPromises();

        expect(openJob).not.toHaveBeenCalled();
    });
});
