// Keyboard only: Tab to a control, Enter or Space to use it, arrow keys in menus, Space for checkboxes, Escape
// to close; after a dialog closes, the focus is back on the button that opened it.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    assertModalDialog,
    gone,
    impactLists,
    isFocused,
    tabTo,
    toast,
    until,
    userRow,
    visible
} from './support/panel.mjs';

const { sophieOBrien: sophie, oliverBrown: oliver } = USERS;

browserTest('keyboard: the Edit menu', async ({ page, open }) => {
    await open();
    const search = page.getByRole('searchbox', { name: 'Search users' });
    await tabTo(page, search, { max: 30 });
    await page.keyboard.type('Sophie');
    const trigger = page.getByRole('button', { name: `Edit ${sophie.name}`, exact: true });
    await visible(trigger);
    await tabTo(page, trigger, { max: 15 });

    await page.keyboard.press('Enter');
    const menu = await visible(page.getByRole('menu'));
    const enable = menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' });
    const assignCore = menu.getByRole('menuitem', { name: 'Assign license: Core' });
    await until(() => isFocused(enable), Boolean, { message: 'the first item to get the focus' });
    await page.keyboard.press('ArrowDown');
    await until(() => isFocused(assignCore), Boolean, { message: 'ArrowDown to move to the next item' });
    await page.keyboard.press('ArrowUp');
    await until(() => isFocused(enable), Boolean, { message: 'ArrowUp to move back' });
    await page.keyboard.press('Enter');
    await visible(toast(page, `CRM sync is now enabled for ${sophie.name}.`));
    await visible(userRow(page, sophie.name).getByRole('cell', { name: 'On', exact: true }));

    // Space opens it too; Escape closes it and gives the focus back to the trigger.
    await until(() => trigger.isEnabled(), Boolean, { message: 'the row to finish saving' });
    await trigger.focus();
    await page.keyboard.press('Space');
    await visible(page.getByRole('menu'));
    assert.equal(await enable.getAttribute('aria-checked'), 'true');
    await page.keyboard.press('Escape');
    await gone(page.getByRole('menu'));
    assert.ok(await isFocused(trigger), 'the focus is back on the Edit button');
});

browserTest('keyboard: the disconnect dialog', async ({ page, open }) => {
    await open();
    const change = page.getByRole('button', { name: 'Change', exact: true });
    await tabTo(page, change, { max: 20 });
    await page.keyboard.press('Enter');
    let dialog = await assertModalDialog(page, 'Change CRM connection');
    await tabTo(page, dialog.getByRole('button', { name: 'Disable CRM sync' }), { max: 10 });
    await page.keyboard.press('Enter');

    dialog = await assertModalDialog(page, 'Disable CRM sync');
    const purge = dialog.getByRole('checkbox', { name: 'Yes, delete all previously imported CRM data' });
    await tabTo(page, purge, { max: 10 });
    await page.keyboard.press('Space');
    await until(() => purge.isChecked(), Boolean, { message: 'Space to tick the checkbox' });
    await until(
        () => impactLists(dialog),
        (impact) => impact.deleted?.[0]?.startsWith('Imported accounts'),
        {
            message: 'the lists to follow the checkbox'
        }
    );
    await page.keyboard.press('Escape');
    await gone(page.getByRole('dialog'));
    await until(() => isFocused(change), Boolean, { message: 'the focus to return to Change' });
    assert.equal(await toast(page, 'This org is no longer linked to CRM.').count(), 0, 'nothing changed');

    // Cancel, chosen with the keyboard, closes it the same way.
    await page.keyboard.press('Enter');
    dialog = await assertModalDialog(page, 'Change CRM connection');
    await tabTo(page, dialog.getByRole('button', { name: 'Cancel', exact: true }), { max: 10 });
    await page.keyboard.press('Enter');
    await gone(page.getByRole('dialog'));
    await until(() => isFocused(change), Boolean, { message: 'the focus to return to Change after Cancel' });
});

browserTest('keyboard: the user action', async ({ page, open }) => {
    await open({ route: `/user/${oliver.id}` });
    const action = page.getByRole('button', { name: 'CRM Sync', exact: true });
    await tabTo(page, action, { max: 20 });
    await page.keyboard.press('Enter');
    let dialog = await assertModalDialog(page, 'CRM Sync');
    await page.keyboard.press('Escape');
    await gone(page.getByRole('dialog'));
    assert.ok(await isFocused(action), 'Escape gives the focus back to the action');

    await page.keyboard.press('Enter');
    dialog = await assertModalDialog(page, 'CRM Sync');
    const checkbox = dialog.getByRole('checkbox', { name: 'Enable CRM sync' });
    await tabTo(page, checkbox, { max: 10 });
    await page.keyboard.press('Space');
    await until(() => checkbox.isChecked(), Boolean, { message: 'Space to tick the checkbox' });
    await tabTo(page, dialog.getByRole('button', { name: 'Save' }), { max: 5 });
    await page.keyboard.press('Enter');
    await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
    await gone(page.getByRole('dialog'));
    assert.ok(await isFocused(action), 'the focus is back on the action after saving');
});
