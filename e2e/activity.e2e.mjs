// "Recent activity": the seeded audit trail in the panel, filtered by action and outcome, the links to the full list
// and the reports, and the CSV export of the filtered entries, in English and German.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { card, chooseOption, unnamedControls, until, visible } from './support/panel.mjs';

/** The entries, each as its cells' texts after the time; the heading row has no cells. */
async function entries(table) {
    const rows = await table.getByRole('row').all();
    const cells = await Promise.all(rows.map((row) => row.getByRole('cell').allInnerTexts()));
    return cells.filter((texts) => texts.length > 0).map((texts) => texts.slice(1));
}

/** Waits until every entry shown satisfies `check` (and at least one is shown). */
function untilEntries(table, check, message) {
    return until(
        () => entries(table),
        (rows) => rows.length > 0 && rows.every(check),
        { message }
    );
}

/** Clicks "Export CSV" and returns the downloaded file's lines, without the byte order mark. */
async function exportCsv(page, section, button) {
    const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: button, exact: true }).click()
    ]);
    // The browser runs connected over CDP, so the file is read from the download's stream, not a local path.
    const chunks = [];
    for await (const chunk of await download.createReadStream()) {
        chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return { name: download.suggestedFilename(), lines: text.replace(/^\uFEFF/, '').split('\r\n') };
}

browserTest(
    'recent activity: filter by action and outcome, see who, what, how many and the reference',
    async ({ page, open }) => {
        await open();
        const activity = card(page, 'Recent activity');
        const table = await visible(page.getByRole('table', { name: 'Recent admin actions' }));
        await visible(activity.getByText('The 50 newest entries. The full list and the export have all of them.'));
        assert.equal((await entries(table)).length, 50);
        assert.deepEqual(await unnamedControls(activity), []);

        await chooseOption(activity, 'Outcome', 'Failed');
        const failed = await untilEntries(table, (cells) => cells[3] === 'Failed', 'only failed entries');
        await chooseOption(activity, 'Action', 'Enable CRM sync');
        const both = await untilEntries(
            table,
            (cells) => cells[1] === 'Enable CRM sync' && cells[3] === 'Failed',
            'only failed Enable CRM sync entries'
        );
        assert.ok(both.length < failed.length, 'the action narrows the failures down');
        for (const [who, , users, , reference] of both) {
            assert.ok(who.length > 0, 'who acted');
            assert.match(users, /^\d[\d,]*$/, 'how many users');
            assert.match(reference, /^[0-9a-f]{8}-[0-9a-f]{4}-/, 'the reference for support');
        }
        await visible(activity.getByText(`${both.length} entries`, { exact: true }));

        assert.equal(
            await activity.getByRole('link', { name: 'Open the full list' }).getAttribute('href'),
            '/lightning/o/CRM_Sync_Audit__c/list?filterName=All'
        );
        assert.equal(
            await activity.getByRole('link', { name: /^Create a report/ }).getAttribute('href'),
            '/lightning/o/Report/home'
        );
    }
);

browserTest('recent activity: Export CSV downloads every entry of the filters', async ({ page, open }) => {
    await open();
    const activity = card(page, 'Recent activity');
    const table = await visible(page.getByRole('table', { name: 'Recent admin actions' }));
    await chooseOption(activity, 'Outcome', 'Failed');
    const shown = await untilEntries(table, (cells) => cells[3] === 'Failed', 'only failed entries');

    const { name, lines } = await exportCsv(page, activity, 'Export CSV');
    assert.match(name, /^crm-sync-activity-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(lines[0], 'Entry,When,Who,Action,Users,Outcome,Error code,Reference for support');
    const rows = lines.slice(1).map((line) => line.split(','));
    assert.equal(rows.length, shown.length, 'the file has every failed entry, as the table does below 50');
    assert.ok(
        rows.every((cells) => cells[5] === 'Failed' && /^AUD-\d{7}$/.test(cells[0]) && cells[6] !== ''),
        'each row is a failed entry with its number and error code'
    );
    assert.deepEqual(
        rows.map((cells) => cells[7]),
        shown.map((cells) => cells[4]),
        'the same entries in the same order, newest first'
    );
});

browserTest('recent activity: German labels, and a German CSV', async ({ page, open }) => {
    await open({ lang: 'de' });
    const activity = card(page, 'Letzte Aktivitäten');
    const table = await visible(page.getByRole('table', { name: 'Letzte Admin-Aktionen' }));
    await chooseOption(activity, 'Ergebnis', 'Fehlgeschlagen');
    await chooseOption(activity, 'Aktion', 'Lizenz zuweisen');
    await untilEntries(
        table,
        (cells) => cells[1] === 'Lizenz zuweisen' && cells[3] === 'Fehlgeschlagen',
        'only failed Lizenz zuweisen entries'
    );
    await visible(activity.getByRole('link', { name: 'Vollständige Liste öffnen' }));

    const { name, lines } = await exportCsv(page, activity, 'Als CSV exportieren');
    assert.match(name, /^crm-sync-aktivitaeten-/);
    // German Excel expects ";" where the decimal separator is a comma.
    assert.equal(lines[0], 'Eintrag;Wann;Wer;Aktion;Benutzer;Ergebnis;Fehlercode;Referenz für den Support');
    assert.ok(lines.slice(1).every((line) => line.includes(';Lizenz zuweisen;') && line.includes(';Fehlgeschlagen;')));
});
