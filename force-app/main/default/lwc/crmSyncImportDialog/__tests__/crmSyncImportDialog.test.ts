import CrmSyncImportDialog from 'c/crmSyncImportDialog';
import { PROBLEMS_SHOWN } from 'c/crmSyncImportDialog';
import stageImport from '@salesforce/apex/CrmSyncJobController.stageImport';
import type { ImportChunk, ImportStage, LicensePool } from 'crm-sync/apex-types';
import type { CrmSyncError } from 'c/crmSyncErrors';
import {
    apexError,
    deferred,
    flushPromises,
    query,
    renderElement,
    watchModalClose,
    type BaseComponent
} from 'crm-sync/test-utils';

jest.mock('@salesforce/apex/CrmSyncJobController.stageImport', () => ({ default: jest.fn() }), { virtual: true });

type ModalElement = HTMLElement & { pools?: LicensePool[] };
type Combobox = BaseComponent & { options?: { label: string; value: string }[] };

const { closed, reset: resetClosed } = watchModalClose();

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 50, assigned: 10, available: 40, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 10, assigned: 2, available: 8, isDefault: false }
];
const IMPORT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const backendDown: CrmSyncError = {
    code: 'UNEXPECTED',
    message: 'Something unexpected went wrong.',
    retryable: true,
    correlationId: 'corr-stage'
};

function render(): ModalElement {
    return renderElement<ModalElement>('c-crm-sync-import-dialog', CrmSyncImportDialog, { pools });
}

/** What Apex answers for a chunk: every line staged, except those given as problems. */
function answerStaging(problemsOf: (chunk: ImportChunk) => ImportStage['problems'] = () => []): void {
    jest.mocked(stageImport).mockImplementation(({ chunk }) => {
        const problems = chunk ? (problemsOf(chunk) ?? []) : [];
        return Promise.resolve({ staged: (chunk?.rows?.length ?? 0) - problems.length, problems });
    });
}

const combobox = (element: HTMLElement, name: string) =>
    query<Combobox>(element, `lightning-combobox[data-id="${name}"]`);
const text = (element: HTMLElement, id: string) => query(element, `[data-id="${id}"]`)?.textContent?.trim();
const continueButton = (element: HTMLElement) => query<BaseComponent>(element, 'lightning-button[data-id="continue"]');
/** The chunks sent to stageImport; the dialog never sends null. */
const chunks = () => jest.mocked(stageImport).mock.calls.map(([params]) => params.chunk as ImportChunk);

/** Lets the file be read (FileReader answers in a task of its own) and Apex's answers arrive. */
async function settle(): Promise<void> {
    await flushPromises();
    await flushPromises();
    await flushPromises();
}

async function choose(element: HTMLElement, name: string, value: string): Promise<void> {
    combobox(element, name)?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await settle();
}

/** Chooses a file in the file input, as the browser's file picker does, and waits until it is checked. */
async function chooseFile(element: HTMLElement, content: BlobPart, name = 'users.csv'): Promise<void> {
    const input = query(element, 'lightning-input[data-id="file"]');
    Object.defineProperty(input, 'files', { value: [new File([content], name)], configurable: true });
    input?.dispatchEvent(new CustomEvent('change'));
    await settle();
}

describe('c-crm-sync-import-dialog', () => {
    afterEach(() => {
        document.body.replaceChildren();
        jest.clearAllMocks();
        resetClosed();
    });

    it('offers the four operations, enabling first, and asks for the license of lines without one only when assigning', async () => {
        const element = render();
        await flushPromises();

        expect(combobox(element, 'operation')?.value).toBe('Enable_User_Sync');
        expect(combobox(element, 'operation')?.options?.map((option) => option.label)).toEqual([
            'Enable CRM sync',
            'Disable CRM sync',
            'Assign license: as in the file',
            'Remove license'
        ]);
        expect(combobox(element, 'license')).toBeNull();

        await choose(element, 'operation', 'Assign_License');

        expect(combobox(element, 'license')?.value).toBe('CORE');
        expect(combobox(element, 'license')?.options).toEqual([
            { label: 'Core', value: 'CORE' },
            { label: 'Professional', value: 'PRO' }
        ]);
        expect(continueButton(element)?.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('checks the lines of a German Excel file in Apex and lists the lines left out by line number', async () => {
        answerStaging(() => [
            { line: 4, code: 'UNKNOWN_USER', message: 'Line 4: no user nobody@example.com was found.' }
        ]);
        const element = render();

        await chooseFile(
            element,
            '\uFEFFBenutzername;Lizenz\r\nada@example.com;Core\r\nGrace Hopper;Core\r\nnobody@example.com;\r\n'
        );

        expect(chunks()).toEqual([
            {
                importKey: expect.stringMatching(IMPORT_KEY),
                operation: 'Enable_User_Sync',
                rows: [
                    { line: 2, key: 'ada@example.com' },
                    { line: 4, key: 'nobody@example.com' }
                ]
            }
        ]);
        expect(text(element, 'found')).toBe('1 user found in users.csv.');
        expect(text(element, 'problems')).toContain('Lines left out (2)');
        expect(
            Array.from(query(element, '[data-id="problems"]')?.querySelectorAll('li') ?? []).map((li) => li.textContent)
        ).toEqual([
            'Line 3: "Grace Hopper" is not a user ID, username or email address.',
            'Line 4: no user nobody@example.com was found.'
        ]);
        expect(continueButton(element)?.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('sends 1,000 lines per call, one call after the other, all under one import key', async () => {
        answerStaging();
        const element = render();
        const lines = Array.from({ length: 1001 }, (_, index) => `user${index}@example.com`);

        await chooseFile(element, lines.join('\n'));

        expect(chunks().map((chunk) => chunk.rows?.length)).toEqual([1000, 1]);
        expect(chunks()[1].rows?.[0]).toEqual({ line: 1001, key: 'user1000@example.com' });
        expect(new Set(chunks().map((chunk) => chunk.importKey)).size).toBe(1);
        expect(text(element, 'found')).toBe('1,001 users found in users.csv.');
    });

    it('says how far the check is while Apex checks the lines', async () => {
        const answer = deferred<ImportStage>();
        jest.mocked(stageImport).mockReturnValue(answer.promise);
        const element = render();

        await chooseFile(element, 'a@example.com\nb@example.com\n');

        expect(text(element, 'checking')).toBe('Checking lines… 0 of 2');
        expect(continueButton(element)?.disabled).toBe(true);
        answer.resolve({ staged: 2, problems: [] });
        await flushPromises();
        expect(query(element, '[data-id="checking"]')).toBeNull();
    });

    it('sends each line its license type when assigning, and the chosen license to lines without one', async () => {
        answerStaging();
        const element = render();
        await choose(element, 'operation', 'Assign_License');
        await choose(element, 'license', 'PRO');

        await chooseFile(element, 'Username,License\na@example.com,Core\nb@example.com,\n');

        expect(chunks()[0]).toMatchObject({
            operation: 'Assign_License',
            rows: [
                { line: 2, key: 'a@example.com', licenseType: 'CORE' },
                { line: 3, key: 'b@example.com', licenseType: 'PRO' }
            ]
        });
    });

    it('checks the file again for another operation', async () => {
        answerStaging();
        const element = render();
        await chooseFile(element, 'a@example.com\n');

        await choose(element, 'operation', 'Disable_User_Sync');

        expect(chunks().map((chunk) => chunk.operation)).toEqual(['Enable_User_Sync', 'Disable_User_Sync']);
        expect(chunks()[0].importKey).not.toBe(chunks()[1].importKey);
    });

    it('refuses a file that is not UTF-8, saying how to save it, without calling Apex', async () => {
        const element = render();

        await chooseFile(element, new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x40, 0x78, 0x2e, 0x64, 0x65]));

        expect(query(element, '[data-id="file-problem"]')?.getAttribute('role')).toBe('alert');
        expect(text(element, 'file-problem')).toContain('save it as "CSV UTF-8 (Comma delimited)"');
        expect(stageImport).not.toHaveBeenCalled();
        expect(continueButton(element)?.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('lists the first 100 lines left out and counts the others', async () => {
        const element = render();
        const lines = Array.from({ length: PROBLEMS_SHOWN + 5 }, (_, index) => `not a user ${index}`);
        answerStaging();

        await chooseFile(element, ['a@example.com', ...lines].join('\n'));

        expect(query(element, '[data-id="problems"]')?.querySelectorAll('li')).toHaveLength(PROBLEMS_SHOWN);
        expect(text(element, 'more-problems')).toBe('…and 5 more lines');
    });

    it('says so and keeps Continue disabled when no line names a user', async () => {
        answerStaging((chunk) =>
            (chunk.rows ?? []).map((row) => ({ line: row.line, code: 'UNKNOWN_USER', message: `Line ${row.line}` }))
        );
        const element = render();

        await chooseFile(element, 'nobody@example.com\n');

        expect(text(element, 'no-users')).toBe('No line of the file names a user who can be changed.');
        expect(continueButton(element)?.disabled).toBe(true);
    });

    it('shows why Apex could not check the lines, and "Try again" checks the file again', async () => {
        jest.mocked(stageImport).mockRejectedValueOnce(apexError(backendDown));
        const element = render();
        await chooseFile(element, 'a@example.com\n');

        expect(query<HTMLElement & { error?: CrmSyncError }>(element, 'c-crm-sync-error-alert')?.error).toEqual(
            backendDown
        );
        answerStaging();
        query(element, 'c-crm-sync-error-alert')?.dispatchEvent(new CustomEvent('retry'));
        await settle();

        expect(stageImport).toHaveBeenCalledTimes(2);
        expect(text(element, 'found')).toBe('1 user found in users.csv.');
    });

    it('closes with the request for the dry run and its title', async () => {
        answerStaging();
        const element = render();
        await choose(element, 'operation', 'Assign_License');
        await chooseFile(element, 'a@example.com\n');

        continueButton(element)?.click();

        expect(closed()).toEqual({
            closed: true,
            value: {
                request: { operation: 'Assign_License', importKey: chunks()[0].importKey },
                label: 'Import CSV: Assign license: as in the file'
            }
        });
    });

    it('closes with nothing on Cancel', async () => {
        const element = render();

        query<HTMLElement>(element, 'lightning-button:not([data-id])')?.click();

        expect(closed()).toEqual({ closed: true, value: undefined });
    });
});
