// The license table: a user's "Edit <name>" menu (the "Enable CRM sync" checkbox item, assigning and removing a
// license; one Apex call per change, the seats included), bulk enable on a filtered page, and search, paging and
// sorting over the 5,000 seeded users.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    apexMethods,
    chooseOption,
    countLine,
    gone,
    openEditMenu,
    rowNames,
    searchUsers,
    seatCounts,
    toast,
    toggleCheckbox,
    unnamedControls,
    until,
    untilEqual,
    userRow,
    visible
} from './support/panel.mjs';

const { sophieOBrien: sophie, oliverBrown: oliver } = USERS;

/** The number in the count line ("4564 users"). */
function usersIn(line) {
    return Number(/^([\d,.]+) users$/.exec(line)?.[1].replace(/[,.]/g, '') ?? NaN);
}

/** The row's "CRM sync" column: the only cell that reads exactly On or Off. */
async function syncShown(row) {
    const cells = await row.getByRole('cell').allInnerTexts();
    return cells.find((text) => text === 'On' || text === 'Off');
}

browserTest('single user: Edit → "Enable CRM sync" turns sync on, then off', async ({ page, open }) => {
    await open();
    await searchUsers(page, 'Sophie');
    const row = userRow(page, sophie.name);
    assert.equal(await syncShown(row), 'Off');

    let menu = await openEditMenu(page, sophie.name);
    assert.deepEqual(await unnamedControls(menu), []);
    const enable = menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' });
    assert.equal(await enable.getAttribute('aria-checked'), 'false');
    await enable.click();
    await visible(toast(page, `CRM sync is now enabled for ${sophie.name}.`));
    await untilEqual(() => syncShown(row), 'On', 'the row to show sync on');

    menu = await openEditMenu(page, sophie.name);
    assert.equal(
        await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).getAttribute('aria-checked'),
        'true'
    );
    await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();
    await visible(toast(page, `CRM sync is now disabled for ${sophie.name}.`));
    await untilEqual(() => syncShown(row), 'Off', 'the row to show sync off');
});

browserTest(
    'one Apex call per change: enabling sync takes a seat, and the seat summary follows',
    async ({ page, open }) => {
        await open();
        const before = await seatCounts(page);
        const core = Object.keys(before).find((pool) => pool.startsWith('Core'));
        await searchUsers(page, oliver.username);
        const row = userRow(page, oliver.name);
        await visible(row.getByRole('cell', { name: 'No license', exact: true }));
        const callsBefore = (await apexMethods(page)).length;

        const menu = await openEditMenu(page, oliver.name);
        await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();
        await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
        await visible(row.getByRole('cell', { name: 'Core', exact: true }));
        const after = await until(
            () => seatCounts(page),
            (seats) => seats[core].Assigned === before[core].Assigned + 1,
            { message: 'the Core seats to count the seat that enabling sync took' }
        );
        assert.equal(after[core].Available, before[core].Available - 1);
        assert.deepEqual(
            (await apexMethods(page)).slice(callsBefore),
            ['CrmSyncAdminController.setUserSync'],
            'the change and the seats it changed come in one Apex call'
        );
    }
);

browserTest('assign and remove a license through the Edit menu; the seat summary follows', async ({ page, open }) => {
    await open();
    const before = await seatCounts(page);
    await searchUsers(page, oliver.username);
    const row = userRow(page, oliver.name);
    await visible(row.getByRole('cell', { name: 'No license', exact: true }));

    let menu = await openEditMenu(page, oliver.name);
    assert.equal(await menu.getByRole('menuitem', { name: 'Remove license' }).count(), 0, 'nothing to remove yet');
    await menu.getByRole('menuitem', { name: 'Assign license: Core' }).click();
    await visible(toast(page, `${oliver.name} now holds a Core license.`));
    await visible(row.getByRole('cell', { name: 'Core', exact: true }));
    const core = Object.keys(before).find((pool) => pool.startsWith('Core'));
    const assigned = await until(
        () => seatCounts(page),
        (seats) => seats[core].Assigned === before[core].Assigned + 1,
        { message: 'the Core seats to count the new license' }
    );
    assert.equal(assigned[core].Available, before[core].Available - 1);

    menu = await openEditMenu(page, oliver.name);
    await menu.getByRole('menuitem', { name: 'Remove license' }).click();
    await visible(toast(page, `${oliver.name} no longer holds a license.`));
    await visible(row.getByRole('cell', { name: 'No license', exact: true }));
    await untilEqual(() => seatCounts(page), before, 'the seats to be as before');
});

browserTest('bulk enable on a filtered page', async ({ page, open }) => {
    await open();
    await visible(page.getByRole('button', { name: 'Change' }));
    // Licensed users with sync off: each has a CRM account, so all of them can be enabled.
    const firstBefore = (await rowNames(page))[0];
    await chooseOption(page, 'CRM sync', 'CRM sync off');
    await chooseOption(page, 'License', 'Licensed');
    const rows = page.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await until(
        () => rows.getByRole('cell').allInnerTexts(),
        (cells) => !cells.includes('On') && cells.length > 0,
        {
            message: 'only rows with sync off'
        }
    );
    assert.notEqual((await rowNames(page))[0], firstBefore, 'the filter changed the rows');

    const chosen = [rows.nth(0), rows.nth(1)];
    for (const row of chosen) {
        await toggleCheckbox(row.getByRole('checkbox'));
    }
    await visible(page.getByText('2 selected'));
    await page.getByRole('button', { name: 'Enable CRM sync', exact: true }).click();

    await visible(toast(page, 'CRM sync updated for 2 users.'));
    for (const row of chosen) {
        await untilEqual(() => syncShown(row), 'On', 'a chosen row to show sync on');
        assert.equal(await row.getByRole('checkbox').isChecked(), false, 'the selection is cleared');
    }
    assert.equal(await syncShown(rows.nth(2)), 'Off', 'rows not chosen stay off');
    await gone(page.getByText('2 selected'));
});

browserTest('bulk: "Select all users on this page" selects the whole page', async ({ page, open }) => {
    await open();
    await chooseOption(page, 'CRM sync', 'CRM sync off');
    await toggleCheckbox(page.getByRole('checkbox', { name: 'Select all users on this page' }));
    await visible(page.getByText('25 selected'));
    await toggleCheckbox(page.getByRole('checkbox', { name: 'Select all users on this page' }));
    await gone(page.getByText('25 selected'));
});

browserTest('search for a German name', async ({ page, open }) => {
    await open();
    const total = await countLine(page);
    // 5,000 seeded users; the table lists the active internal ones unless "Include inactive users" is ticked.
    assert.ok(usersIn(total) > 4000 && usersIn(total) <= 5000, total);
    const rows = await searchUsers(page, 'Müller');
    assert.ok(rows.length > 1, 'several Müllers');
    assert.ok(rows.length <= 25);
    const found = await until(
        () => countLine(page),
        (text) => text !== total,
        { message: 'the count to change' }
    );
    assert.ok(usersIn(found) > 1 && usersIn(found) < 200, found);
    await searchUsers(page, 'käthe müller', { expectedInRows: 'Käthe Müller' });
    await visible(page.getByRole('rowheader', { name: 'Käthe Müller', exact: true }).first());

    // One character is not enough: the table keeps its rows and says why.
    await page.getByRole('searchbox', { name: 'Search users' }).fill('M');
    await visible(page.getByText('Type at least 2 characters to search.'));
    assert.equal((await usersIn(await countLine(page))) < usersIn(found), true, 'the last search still applies');
});

browserTest('paging over 5,000 users, and sorting by name', async ({ page, open }) => {
    await open();
    await visible(page.getByRole('button', { name: 'Change' }));
    const total = await countLine(page);
    assert.ok(usersIn(total) > 4000, total);
    const previous = page.getByRole('button', { name: 'Previous page' });
    const next = page.getByRole('button', { name: 'Next page' });
    assert.equal(await previous.isDisabled(), true, 'no page before the first');

    const first = await rowNames(page);
    assert.equal(first.length, 25);
    await next.click();
    const second = await until(
        () => rowNames(page),
        (names) => names.join() !== first.join(),
        {
            message: 'the next page'
        }
    );
    assert.equal(second.length, 25);
    assert.ok(second[0].localeCompare(first[24]) >= 0, 'the next page continues the order');
    await until(() => previous.isEnabled(), Boolean, { message: 'Previous page to be enabled' });
    await next.click();
    const third = await until(
        () => rowNames(page),
        (names) => names.join() !== second.join(),
        {
            message: 'the third page'
        }
    );
    await previous.click();
    await untilEqual(() => rowNames(page), second, 'back on the second page');
    await previous.click();
    await untilEqual(() => rowNames(page), first, 'back on the first page');
    assert.notDeepEqual(third, first);
    assert.equal(await countLine(page), total, 'paging keeps the count');

    const nameHeader = page.getByRole('columnheader', { name: 'Sort by Name' });
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await until(
        () => nameHeader.getAttribute('aria-sort'),
        (sort) => sort === 'descending',
        {
            message: 'descending order'
        }
    );
    const descending = await until(
        () => rowNames(page),
        (names) => names[0] !== first[0],
        {
            message: 'rows in descending order'
        }
    );
    assert.ok(descending[0].localeCompare(first[0]) > 0);
    assert.ok(descending[0].localeCompare(descending[24]) >= 0);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await untilEqual(() => rowNames(page), first, 'ascending again');
});
