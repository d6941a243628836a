// The same flows with ?lang=de: every label comes from the Translation metadata (German where translated).
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    USERS,
    assertModalDialog,
    card,
    gone,
    impactLists,
    openEditMenu,
    searchUsers,
    toast,
    toggleCheckbox,
    unnamedControls,
    visible
} from './support/panel.mjs';

const { sophieOBrien: sophie, oliverBrown: oliver } = USERS;
const PURGE = 'Ja, alle zuvor importierten CRM-Daten löschen';
const IMPACT = { deleted: 'Wird gelöscht', kept: 'Bleibt erhalten' };

browserTest('German: the panel', async ({ page, open }) => {
    await open({ lang: 'de' });
    const settings = card(page, 'CRM-Einstellungen');
    await visible(settings.getByRole('button', { name: 'Ändern' }));
    await visible(settings.getByRole('button', { name: 'Verbindung testen' }));
    await visible(settings.getByText('Verbunden', { exact: true }));
    await visible(page.getByRole('heading', { name: 'Lizenz-Management' }));
    await visible(page.getByRole('heading', { name: 'Autofüllen' }));
    await visible(page.getByRole('searchbox', { name: 'Benutzer suchen' }));
    await visible(page.getByRole('combobox', { name: 'CRM-Synchronisierung' }));
    await visible(page.getByRole('button', { name: 'Nächste Seite' }));
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.deepEqual(await unnamedControls(page.getByRole('main')), []);
});

browserTest('German: Bearbeiten → CRM-Synchronisierung aktivieren', async ({ page, open }) => {
    await open({ lang: 'de' });
    await searchUsers(page, 'Sophie', { label: 'Benutzer suchen' });
    const menu = await openEditMenu(page, sophie.name, { edit: 'Bearbeiten' });
    const enable = menu.getByRole('menuitemcheckbox', { name: 'CRM-Synchronisierung aktivieren' });
    assert.equal(await enable.getAttribute('aria-checked'), 'false');
    await visible(menu.getByRole('menuitem', { name: 'Lizenz zuweisen: Core' }));
    await visible(menu.getByRole('menuitem', { name: 'Lizenz entfernen' }));
    await enable.click();
    await visible(toast(page, `Die CRM-Synchronisierung ist jetzt für ${sophie.name} aktiviert.`));
    await visible(
        page.getByRole('row', { name: new RegExp(sophie.name) }).getByRole('cell', { name: 'Ein', exact: true })
    );
});

browserTest('German: Ändern → CRM-Synchronisierung deaktivieren → Verknüpfung mit CRM', async ({ page, open }) => {
    await open({ lang: 'de' });
    await page.getByRole('button', { name: 'Ändern' }).click();
    const change = await assertModalDialog(page, 'CRM-Verknüpfung ändern');
    await visible(change.getByRole('checkbox', { name: PURGE }));
    await change.getByRole('button', { name: 'CRM-Synchronisierung deaktivieren' }).click();

    const dialog = await assertModalDialog(page, 'CRM-Synchronisierung deaktivieren');
    await visible(dialog.getByRole('heading', { name: IMPACT.kept }));
    assert.deepEqual((await impactLists(dialog, IMPACT)).deleted, ['Nichts']);
    await toggleCheckbox(dialog.getByRole('checkbox', { name: PURGE }));
    await visible(dialog.getByText('Importierte Accounts'));
    assert.ok((await impactLists(dialog, IMPACT)).deleted.includes('Importierte Accounts 1.204'));
    await dialog.getByRole('button', { name: 'Weiter' }).click();
    await visible(toast(page, 'Die Verknüpfung dieser Organisation mit CRM ist aufgehoben.'));
    await visible(page.getByText('Nicht verbunden', { exact: true }));

    await page.getByRole('button', { name: 'Verknüpfung mit CRM' }).click();
    const connect = await assertModalDialog(page, 'Verknüpfung mit CRM');
    await visible(connect.getByRole('checkbox', { name: PURGE }));
    await connect.getByRole('button', { name: 'Weiter' }).click();
    await visible(toast(page, 'Diese Organisation ist jetzt mit CRM verknüpft.'));
    await visible(page.getByText('Verbunden', { exact: true }));
});

browserTest('German: the user action', async ({ page, open }) => {
    await open({ lang: 'de', route: `/user/${oliver.id}` });
    await page.getByRole('button', { name: 'CRM Sync', exact: true }).click();
    const dialog = await assertModalDialog(page, 'CRM Sync');
    await visible(dialog.getByText('Keine Lizenz', { exact: true }));
    await toggleCheckbox(await visible(dialog.getByRole('checkbox', { name: 'CRM-Synchronisierung aktivieren' })));
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await visible(toast(page, `Die CRM-Synchronisierung ist jetzt für ${oliver.name} aktiviert.`));
    await gone(page.getByRole('dialog'));
});
