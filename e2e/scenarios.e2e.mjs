// The backend's failures and slowness (?scenario=), and a user without the CRM Sync Admin permission set
// (?as=viewer): each shows its own message, in the place the admin looks.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    apexMethods,
    card,
    definitions,
    labelPattern,
    labels,
    openEditMenu,
    searchUsers,
    seatCounts,
    toast,
    until,
    userRow,
    visible
} from './support/panel.mjs';

const { sophieOBrien: sophie, oliverBrown: oliver } = USERS;
const en = labels.en;

/** The error alert in the "CRM settings" card. */
function connectionAlert(page) {
    return card(page, 'CRM settings').getByRole('alert').filter({ hasText: 'That didn’t work' });
}

browserTest('down: the backend cannot be reached', async ({ page, open }) => {
    await open({ scenario: 'down' });
    const alert = await visible(connectionAlert(page));
    assert.match(await alert.innerText(), new RegExp(en.CRM_Sync_Error_Unreachable.replace(/[.()]/g, '\\$&')));
    assert.match(await alert.innerText(), labelPattern(en.CRM_Sync_Reference));
    await visible(alert.getByRole('button', { name: 'Try again' }));
    // Without a connection state the card offers no "Change" or "Connect to CRM".
    assert.equal(await page.getByRole('button', { name: /^(Change|Connect to CRM)$/ }).count(), 0);

    // Without the live pools the License column shows the names stored with the users' states, not the codes.
    await searchUsers(page, 'Sophie');
    await visible(userRow(page, sophie.name).getByRole('cell', { name: 'Advanced', exact: true }));
    assert.equal(await page.getByRole('cell', { name: /^(CORE|ADVANCED)$/ }).count(), 0);
});

browserTest('unauthorized: the API key is rejected', async ({ page, open }) => {
    await open({ scenario: 'unauthorized' });
    const alert = await visible(connectionAlert(page));
    assert.ok((await alert.innerText()).includes(en.CRM_Sync_Error_Credential_Rejected));
    // A rejected key does not go away by retrying.
    assert.equal(await alert.getByRole('button', { name: 'Try again' }).count(), 0);
});

browserTest('seats-exhausted: enabling a user without a license says no seats are left', async ({ page, open }) => {
    await open({ scenario: 'seats-exhausted' });
    const seats = await seatCounts(page);
    assert.deepEqual(
        Object.values(seats).map((pool) => pool.Available),
        [0, 0]
    );
    await searchUsers(page, oliver.username);
    const menu = await openEditMenu(page, oliver.name);
    await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();

    const error = await visible(toast(page, 'That didn’t work'));
    const message = await error.innerText();
    assert.ok(
        labelPattern(en.CRM_Sync_Error_Seats_Exhausted).test(message) ||
            message.includes(en.CRM_Sync_Error_Seats_Exhausted_Default),
        message
    );
    assert.equal(await error.getAttribute('role'), 'alert');
    await visible(userRow(page, oliver.name).getByRole('cell', { name: 'Off', exact: true }));
});

browserTest('slow: a loading state shows until the data arrives', async ({ page, open }) => {
    // The preview's usual Apex latency, plus the backend's 2 s.
    await open({ scenario: 'slow', latency: null });
    // The spinner: SLDS draws its dots outside the zero-height role="status" element, so Playwright calls it
    // hidden; it is in the accessibility tree, announced as "Loading…", and the screenshot shows it.
    await page.getByRole('main').getByRole('status').filter({ hasText: 'Loading…' }).waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('button', { name: 'Change' }).count(), 0, 'no data yet');
    await page.getByRole('button', { name: 'Change' }).waitFor({ timeout: 20_000 });
    assert.equal((await definitions(card(page, 'CRM settings')))['Backend health'], 'Degraded');
    // The first paint, the job progress and the Seat release card included, comes in one call; the Sync errors
    // section loads its first page beside it (docs/sync-errors.md says why it is not part of the panel state).
    assert.deepEqual(
        [...(await apexMethods(page))].sort(),
        ['CrmSyncAdminController.getPanelState', 'CrmSyncAdminController.getSyncErrors'],
        'one Apex call for the panel’s first paint and one for the first page of sync errors'
    );
});

browserTest('conflict: a user changed meanwhile by someone else', async ({ page, open }) => {
    await open({ scenario: 'conflict' });
    await searchUsers(page, 'Sophie');
    const menu = await openEditMenu(page, sophie.name);
    await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();
    const error = await visible(toast(page, 'That didn’t work'));
    assert.ok((await error.innerText()).includes(en.CRM_Sync_Error_Conflict));
    assert.equal(await error.getAttribute('role'), 'alert');
    await visible(userRow(page, sophie.name).getByRole('cell', { name: 'Off', exact: true }));
});

browserTest('read-only: a user without the permission set', async ({ page, open }) => {
    await open({ as: 'viewer' });
    await visible(page.getByRole('heading', { name: 'You can’t manage CRM Sync' }));
    // axe's page-has-heading-one: the panel keeps its header, with the page's one h1, for this user too.
    assert.deepEqual(await page.getByRole('heading', { level: 1 }).allInnerTexts(), ['CRM Sync']);
    assert.ok((await page.getByRole('main').innerText()).includes(format(en.CRM_Sync_Read_Only_Body)));
    assert.equal(await page.getByRole('heading', { name: 'CRM settings' }).count(), 0, 'no connection card');
    assert.equal(await page.getByRole('button', { name: /^(Change|Connect to CRM|Test connection)$/ }).count(), 0);
    assert.equal(await page.getByRole('table').count(), 0, 'no user table');
    await until(
        () => apexMethods(page),
        (methods) => methods.length > 0,
        { message: 'the access check' }
    );
    assert.deepEqual(await apexMethods(page), ['CrmSyncAdminController.getPanelState'], 'nothing else loads');

    await open({ as: 'viewer', route: `/user/${oliver.id}` });
    const onPage = card(page, 'CRM Sync');
    await visible(onPage.getByRole('heading', { name: 'You can’t manage CRM Sync' }));
    assert.equal(await onPage.getByRole('checkbox').count(), 0);
});

/** The read-only text with the permission set's name filled in. */
function format(template) {
    return template.replace('{0}', en.CRM_Sync_Permission_Set_Name);
}
