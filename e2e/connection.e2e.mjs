// Group activation and deactivation on the admin panel: "Connect to CRM" with and without deleting previously
// imported data (the dry run's impact shown before Continue), the authorization step of a tenant that was never
// authorized, "Change" → "Disable CRM sync" → the dialog's lists → "Continue", and enabling a user after a purge.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    assertModalDialog,
    auditEntries,
    card,
    impactLists,
    isFocused,
    openEditMenu,
    searchUsers,
    seatCounts,
    toast,
    toggleCheckbox,
    unnamedControls,
    until,
    userRow,
    visible
} from './support/panel.mjs';

const { oliverBrown: oliver } = USERS;
const PURGE = 'Yes, delete all previously imported CRM data';
const ALL_IMPORTED = [
    'Imported accounts 1,204',
    'Imported leads 3,310',
    'Imported contacts 5,870',
    'Imported activities 21,455',
    'User mappings 3,313'
];
const ALWAYS_KEPT = ['Settings 2', 'Audit history 918'];

/** The connection card's status text once the card shows this action button. */
async function connectionStatus(page, action) {
    const settings = card(page, 'CRM settings');
    await visible(settings.getByRole('button', { name: action, exact: true }));
    return settings.getByText(/^(Connected|Not connected)$/).innerText();
}

browserTest(
    'activation with "Yes, delete all previously imported CRM data" shows the impact first',
    async ({ page, open }) => {
        await open({ tenant: 'unlinked' });
        assert.equal(await connectionStatus(page, 'Connect to CRM'), 'Not connected');
        assert.deepEqual(await unnamedControls(page.getByRole('main')), [], 'every control on the panel has a name');

        await page.getByRole('button', { name: 'Connect to CRM' }).click();
        const dialog = await assertModalDialog(page, 'Connect to CRM');
        assert.deepEqual(await impactLists(dialog), {}, 'no impact is shown while nothing is to be deleted');

        await toggleCheckbox(dialog.getByRole('checkbox', { name: PURGE }));
        await visible(dialog.getByRole('heading', { name: 'Will be deleted' }));
        assert.deepEqual(await impactLists(dialog), { deleted: ALL_IMPORTED, kept: ALWAYS_KEPT });

        await dialog.getByRole('button', { name: 'Continue' }).click();
        await visible(toast(page, 'This org is now linked to CRM.'));
        await until(
            () => page.getByRole('dialog').count(),
            (count) => count === 0,
            { message: 'the dialog to close' }
        );
        assert.equal(await connectionStatus(page, 'Change'), 'Connected');
        assert.ok(await isFocused(page.getByRole('button', { name: 'Change' })), 'focus is back on the card’s button');

        // The user mappings were deleted, so no seat is assigned any more.
        const seats = await seatCounts(page);
        assert.deepEqual(
            Object.values(seats).map((pool) => pool.Assigned),
            [0, 0]
        );
        const [link] = (await auditEntries(page)).filter((entry) => entry.action === 'Link_Org');
        assert.equal(link.purgeImportedData, true);
        assert.equal(link.outcome, 'Succeeded');
    }
);

browserTest('activation without deleting data keeps the users’ licenses', async ({ page, open }) => {
    await open({ tenant: 'unlinked' });
    await page.getByRole('button', { name: 'Connect to CRM' }).click();
    const dialog = await assertModalDialog(page, 'Connect to CRM');
    assert.equal(await dialog.getByRole('checkbox', { name: PURGE }).isChecked(), false);
    await dialog.getByRole('button', { name: 'Continue' }).click();

    await visible(toast(page, 'This org is now linked to CRM.'));
    assert.equal(await connectionStatus(page, 'Change'), 'Connected');
    const seats = await seatCounts(page);
    assert.ok(
        Object.values(seats).every((pool) => pool.Assigned > 0),
        `seats stay assigned: ${JSON.stringify(seats)}`
    );
    const [link] = (await auditEntries(page)).filter((entry) => entry.action === 'Link_Org');
    assert.equal(link.purgeImportedData, false);
});

browserTest('activation of a tenant that asks for authorization first', async ({ page, context, open }) => {
    await open({ tenant: 'fresh' });
    await page.getByRole('button', { name: 'Connect to CRM' }).click();
    const dialog = await assertModalDialog(page, 'Connect to CRM');
    await dialog.getByRole('button', { name: 'Continue' }).click();

    await visible(dialog.getByRole('heading', { name: 'Authorize access' }));
    const [authorizationPage] = await Promise.all([
        context.waitForEvent('page'),
        dialog.getByRole('button', { name: 'Open authorization page' }).click()
    ]);
    await visible(authorizationPage.getByRole('heading', { name: 'Authorized — return to Salesforce' }));
    await authorizationPage.close();

    // Back on the first tab: the dialog still waits for Continue.
    await page.bringToFront();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await visible(toast(page, 'This org is now linked to CRM.'));
    assert.equal(await connectionStatus(page, 'Change'), 'Connected');
});

browserTest('deactivation: Change → Disable CRM sync → the lists → Continue', async ({ page, open }) => {
    await open();
    assert.equal(await connectionStatus(page, 'Change'), 'Connected');
    await page.getByRole('button', { name: 'Change' }).click();
    const change = await assertModalDialog(page, 'Change CRM connection');
    await change.getByRole('button', { name: 'Disable CRM sync' }).click();

    const dialog = await assertModalDialog(page, 'Disable CRM sync');
    await visible(dialog.getByRole('heading', { name: 'Will be kept' }));
    assert.deepEqual(await impactLists(dialog), { deleted: ['Nothing'], kept: [...ALL_IMPORTED, ...ALWAYS_KEPT] });

    await toggleCheckbox(dialog.getByRole('checkbox', { name: PURGE }));
    const lists = await until(
        () => impactLists(dialog),
        (impact) => impact.deleted?.[0] !== 'Nothing' && impact.kept?.length === ALWAYS_KEPT.length,
        { message: 'the lists to follow the checkbox' }
    );
    assert.deepEqual(lists, { deleted: ALL_IMPORTED, kept: ALWAYS_KEPT });

    await dialog.getByRole('button', { name: 'Continue' }).click();
    await visible(toast(page, 'This org is no longer linked to CRM.'));
    assert.equal(await connectionStatus(page, 'Connect to CRM'), 'Not connected');
    const [unlink] = (await auditEntries(page)).filter((entry) => entry.action === 'Unlink_Org');
    assert.equal(unlink.purgeImportedData, true);
});

browserTest(
    'after disabling CRM sync with deleted data and connecting again, a user can be enabled',
    async ({ page, open }) => {
        await open();
        await page.getByRole('button', { name: 'Change' }).click();
        const change = await assertModalDialog(page, 'Change CRM connection');
        await change.getByRole('button', { name: 'Disable CRM sync' }).click();
        const disable = await assertModalDialog(page, 'Disable CRM sync');
        await toggleCheckbox(disable.getByRole('checkbox', { name: PURGE }));
        await visible(disable.getByRole('heading', { name: 'Will be deleted' }));
        await disable.getByRole('button', { name: 'Continue' }).click();
        await visible(toast(page, 'This org is no longer linked to CRM.'));

        await page.getByRole('button', { name: 'Connect to CRM' }).click();
        const connect = await assertModalDialog(page, 'Connect to CRM');
        await connect.getByRole('button', { name: 'Continue' }).click();
        await visible(toast(page, 'This org is now linked to CRM.'));
        assert.equal(await connectionStatus(page, 'Change'), 'Connected');

        // The purge deleted the user mappings, not the CRM's accounts: Oliver is matched by his email again.
        await searchUsers(page, oliver.username);
        const menu = await openEditMenu(page, oliver.name);
        await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();
        await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
        const row = userRow(page, oliver.name);
        await visible(row.getByRole('cell', { name: 'On', exact: true }));
        await visible(row.getByRole('cell', { name: 'Pending', exact: true }));
    }
);
