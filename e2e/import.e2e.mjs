// "Import CSV": a file as German Excel saves it (byte order mark, ";" and CRLF, German headers) with good and bad
// lines → the lines left out, each with its line number → the same dry run as for all matching users → the change.
// And a file in Excel's old "CSV (MS-DOS)" encoding, refused in German with how to save it instead.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { format, labels, searchUsers, toast, userRow, visible } from './support/panel.mjs';

const L = labels.en;
const D = labels.de;

/** Seeded users (preview/seed/world.ts). */
const OLIVER = { id: '0057Q0000000006QAA', username: 'oliver.brown@acme-crm.example' };

/** What Excel writes for "CSV UTF-8 (Trennzeichen-getrennt)" in a German locale. */
function germanExcel(lines) {
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function chooseFile(dialog, label, name, buffer) {
    await dialog.getByLabel(label).setInputFiles({ name, mimeType: 'text/csv', buffer });
}

browserTest(
    'import a German Excel file: the lines left out by line number, then the dry run and the change',
    async ({ page, open }) => {
        await open();
        await page.getByRole('button', { name: L.CRM_Sync_Import_Csv, exact: true }).click();
        const dialog = await visible(page.getByRole('dialog', { name: L.CRM_Sync_Import_Csv }));

        await chooseFile(
            dialog,
            L.CRM_Sync_Import_File,
            'Benutzer.csv',
            germanExcel([
                'Benutzername;Lizenz',
                `${OLIVER.username};`,
                'SOPHIE.OBRIEN@acme-crm.example;',
                'zoe.schaefer@acme-crm.example;',
                'niemand@acme-crm.example;',
                'Jürgen Schröder;',
                `${OLIVER.id};`,
                'juergen.schroeder@acme-crm.example;'
            ])
        );

        await visible(dialog.getByText(format(L.CRM_Sync_Import_Found, '3 users', 'Benutzer.csv')));
        const leftOut = dialog
            .getByRole('region')
            .or(dialog.locator('section'))
            .filter({
                hasText: format(L.CRM_Sync_Import_Problems_Title, 4)
            });
        const lines = await leftOut.getByRole('listitem').allInnerTexts();
        assert.deepEqual(
            lines.map((line) => line.match(/^Line (\d+):/)?.[1]),
            ['4', '5', '6', '7'],
            `one line per problem, in file order: ${lines.join(' | ')}`
        );
        assert.match(lines[0], /Zoë Schäfer is inactive/);
        assert.match(lines[1], /no user niemand@acme-crm\.example was found/);
        assert.match(lines[2], /"Jürgen Schröder" is not a user ID, username or email address/);
        assert.match(lines[3], /Oliver Brown is listed in line 2 already/);

        await dialog.getByRole('button', { name: L.CRM_Sync_Import_Continue }).click();
        const dryRun = await visible(page.getByRole('dialog', { name: 'Import CSV: Enable CRM sync' }));
        await visible(dryRun.getByText(L.CRM_Sync_Job_Intro_Import));
        const counts = await dryRun.locator('dl').first().innerText();
        assert.match(counts, /Matching users\s+3/, counts);
        assert.match(counts, /Will change\s+2/, counts);
        await dryRun.getByRole('button', { name: L.CRM_Sync_Job_Start, exact: true }).click();

        await visible(toast(page, '2 users changed.'));
        await searchUsers(page, OLIVER.username, { expectedInRows: 'Oliver Brown' });
        await visible(userRow(page, 'Oliver Brown').getByRole('cell', { name: 'On', exact: true }));
    }
);

browserTest('a file that is not UTF-8 is refused, in German, with how to save it', async ({ page, open }) => {
    await open({ lang: 'de' });
    await page.getByRole('button', { name: D.CRM_Sync_Import_Csv, exact: true }).click();
    const dialog = await visible(page.getByRole('dialog', { name: D.CRM_Sync_Import_Csv }));

    // "Müller" as Windows-1252, what Excel's "CSV (MS-DOS)" writes.
    await chooseFile(
        dialog,
        D.CRM_Sync_Import_File,
        'alt.csv',
        Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0d, 0x0a])
    );

    await visible(dialog.getByRole('alert').filter({ hasText: D.CRM_Sync_Import_Wrong_Encoding }));
    assert.equal(await dialog.getByRole('button', { name: D.CRM_Sync_Import_Continue }).isDisabled(), true);
});
