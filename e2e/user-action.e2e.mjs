// The User record page: the "CRM Sync" quick action (a dialog with the user's license and sync state and the
// "Enable CRM sync" checkbox, Save and Cancel) and the same component placed on the page.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    apexMethods,
    assertModalDialog,
    card,
    definitions,
    gone,
    isFocused,
    toast,
    toggleCheckbox,
    unnamedControls,
    until,
    visible
} from './support/panel.mjs';

const { oliverBrown: oliver } = USERS;

browserTest('record page: the CRM Sync component shows the user', async ({ page, open }) => {
    await open({ route: `/user/${oliver.id}` });
    await visible(page.getByRole('heading', { name: oliver.name, level: 1 }));
    const onPage = card(page, 'CRM Sync');
    await visible(onPage.getByRole('checkbox', { name: 'Enable CRM sync' }));
    const shown = await definitions(onPage);
    assert.equal(shown.Name, oliver.name);
    assert.equal(shown.License, 'No license');
    assert.equal(shown['CRM sync'], 'Off');
    assert.equal(await onPage.getByRole('button', { name: 'Save' }).isDisabled(), true, 'nothing to save yet');
    assert.deepEqual(await unnamedControls(page.getByRole('main')), []);
});

browserTest('user action: tick "Enable CRM sync" → Save → toast, the dialog closes', async ({ page, open }) => {
    await open({ route: `/user/${oliver.id}` });
    const action = page.getByRole('button', { name: 'CRM Sync', exact: true });
    await action.click();
    const dialog = await assertModalDialog(page, 'CRM Sync');
    const checkbox = await visible(dialog.getByRole('checkbox', { name: 'Enable CRM sync' }));
    const before = await definitions(dialog);
    assert.equal(before.License, 'No license');
    assert.equal(before['CRM sync'], 'Off');
    assert.equal(await checkbox.isChecked(), false);

    await toggleCheckbox(checkbox);
    const save = dialog.getByRole('button', { name: 'Save' });
    await until(() => save.isEnabled(), Boolean, { message: 'Save to be enabled' });
    await save.click();
    await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
    await gone(page.getByRole('dialog'));
    assert.ok(await isFocused(action), 'focus is back on the action button');
    assert.ok((await apexMethods(page)).includes('CrmSyncUserActionController.setUserSync'));
    // The page's refresh reaches the component on the record page, which reads the user again.
    const onPage = card(page, 'CRM Sync');
    await until(
        async () => (await definitions(onPage))['CRM sync'],
        (sync) => sync === 'On',
        { message: 'the record page’s component to show sync on' }
    );

    // Opened again, the action reads the saved state: sync on, with a seat of the default pool.
    await action.click();
    const reopened = await assertModalDialog(page, 'CRM Sync');
    await visible(reopened.getByRole('checkbox', { name: 'Enable CRM sync', checked: true }));
    const after = await definitions(reopened);
    assert.equal(after['CRM sync'], 'On');
    assert.notEqual(after.License, 'No license');
});

browserTest('user action: Cancel closes without a change', async ({ page, open }) => {
    // The quick action's own address opens the dialog at once.
    await open({ route: `/user/${oliver.id}/action` });
    const dialog = await assertModalDialog(page, 'CRM Sync');
    await toggleCheckbox(await visible(dialog.getByRole('checkbox', { name: 'Enable CRM sync' })));
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await gone(page.getByRole('dialog'));

    assert.ok(!(await apexMethods(page)).some((method) => method.endsWith('.setUserSync')), 'nothing was saved');
    assert.equal(await toast(page, 'CRM sync').count(), 0, 'no toast');
    await page.getByRole('button', { name: 'CRM Sync', exact: true }).click();
    const reopened = await assertModalDialog(page, 'CRM Sync');
    await visible(reopened.getByRole('checkbox', { name: 'Enable CRM sync', checked: false }));
    assert.equal((await definitions(reopened))['CRM sync'], 'Off');
});
