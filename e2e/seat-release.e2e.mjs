// Seats come back when people leave: the "Seat release" card schedules the check (the reconciliation) and shows
// its next run, and deactivating a licensed user on their record page releases their seat on the org's queue, so the
// admin panel lists them with no license and sync off.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    auditEntries,
    card,
    chooseOption,
    definitions,
    searchUsers,
    toast,
    toggleCheckbox,
    unnamedControls,
    until,
    visible
} from './support/panel.mjs';

/** Seeded user 3 (preview/seed/world.ts): active, a Core license, CRM sync on; her username is unique. */
const kaethe = { id: '0057Q0000000003QAA', name: 'Käthe Müller', username: 'kaethe.mueller@acme-crm.example' };
/** Who the preview signs in as (seeded user 0, the admin). */
const ADMIN_NAME = 'Dana Whitfield';

/** The next full hour divisible by `everyHours` (UTC), as the check's schedule runs from midnight. */
function nextRunAfter(ms, everyHours) {
    const next = new Date(ms);
    next.setUTCMinutes(0, 0, 0);
    next.setUTCHours((Math.floor(next.getUTCHours() / everyHours) + 1) * everyHours);
    return next;
}

/** A date and time as the card shows it to an en-US admin in UTC (the browser tests' locale and time zone). */
const shownAs = (date) =>
    new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'UTC'
    }).format(date);

/** The row's cells as a person reads them. */
const cells = (row) => row.getByRole('cell').allInnerTexts();

browserTest('seat release: schedule the check every 6 hours and see its next run', async ({ page, open }) => {
    await open();
    const seatRelease = card(page, 'Seat release');
    await visible(seatRelease.getByRole('button', { name: 'Schedule', exact: true }));
    assert.equal((await definitions(seatRelease))['Scheduled check'], 'Not scheduled');
    assert.deepEqual(await unnamedControls(seatRelease), []);

    await chooseOption(page, 'How often', 'Every 6 hours');
    const before = Date.now();
    await seatRelease.getByRole('button', { name: 'Schedule', exact: true }).click();
    await visible(toast(page, 'The seat release check is scheduled.'));
    const after = Date.now();

    const shown = await until(
        () => definitions(seatRelease),
        (terms) => terms['Scheduled check'] === 'Scheduled',
        { message: 'the card to show the schedule' }
    );
    assert.equal(shown.Runs, 'Every 6 hours');
    assert.equal(shown['Scheduled by'], ADMIN_NAME);
    // Clicked just before a 6-hour boundary, either side of it is right.
    const expected = [nextRunAfter(before, 6), nextRunAfter(after, 6)].map(shownAs);
    assert.ok(expected.includes(shown['Next run']), `next run ${shown['Next run']} is one of ${expected.join(', ')}`);
    await visible(seatRelease.getByRole('button', { name: 'Change', exact: true }));
    await visible(seatRelease.getByRole('button', { name: 'Stop', exact: true }));
});

browserTest(
    'seat release: deactivating a licensed user releases the seat; the panel shows no license and sync off',
    async ({ page, open }) => {
        await open({ route: `/user/${kaethe.id}` });
        await visible(page.getByRole('heading', { name: kaethe.name, level: 1 }));
        const onPage = card(page, 'CRM Sync');
        await visible(onPage.getByRole('checkbox', { name: 'Enable CRM sync' }));
        const held = await definitions(onPage);
        assert.equal(held.License, 'Core');
        assert.equal(held['CRM sync'], 'On');

        await page.getByRole('button', { name: 'Deactivate user (as in Setup)' }).click();
        await visible(page.getByRole('button', { name: 'Activate user (as in Setup)' }));
        // The User trigger only queues the release; it runs on the org's queue a moment later and audits itself.
        const releases = await until(
            async () =>
                (await auditEntries(page)).filter(
                    (entry) => entry.action === 'Release_Seats' && entry.targetUserIds?.includes(kaethe.id)
                ),
            (entries) => entries.length > 0,
            { message: 'the queued seat release to run' }
        );
        assert.equal(releases[0].outcome, 'Succeeded');

        await page.getByRole('link', { name: 'Admin panel' }).click();
        await visible(page.getByRole('heading', { name: 'CRM Sync', level: 1 }));
        await toggleCheckbox(await visible(page.getByRole('checkbox', { name: 'Include inactive users' })));
        await searchUsers(page, kaethe.username);
        // Her name cell also says "Inactive", so the row is found by a name that is not exact.
        const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: kaethe.name }) });
        await visible(row.getByRole('rowheader').getByText('Inactive', { exact: true }));
        const shown = await until(
            () => cells(row),
            (texts) => texts.includes('No license') && texts.includes('Off'),
            { message: `${kaethe.name}'s row to show no license and sync off` }
        );
        assert.ok(!shown.includes('Core'), 'the Core seat is released');
    }
);
