// ?scenario=paused: CRM sync paused for the whole org by an admin. The card says who paused it, why and when;
// "Resume sync" runs it again; "Pause sync" asks for the reason first. Both are audited.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { auditEntries, card, definitions, labels, toast, visible } from './support/panel.mjs';

const en = labels.en;
const de = { ...labels.en, ...labels.de };

browserTest('paused: the card says who paused CRM sync, why and when; Resume runs it again', async ({ page, open }) => {
    await open({ scenario: 'paused' });
    const settings = card(page, en.CRM_Sync_Settings_Title);
    await visible(settings.getByText(/^CRM sync is paused by .+\. Nothing syncs until it is resumed;/));
    const details = await definitions(settings);
    assert.equal(details[en.CRM_Sync_Paused_Reason], 'Data migration until Friday');
    assert.ok(details[en.CRM_Sync_Paused_At], 'when it was paused');

    await settings.getByRole('button', { name: en.CRM_Sync_Resume_Sync, exact: true }).click();
    await visible(toast(page, en.CRM_Sync_Resumed_Toast));
    await visible(settings.getByRole('button', { name: en.CRM_Sync_Pause_Sync, exact: true }));
    assert.equal(await settings.getByText(/^CRM sync is paused by/).count(), 0);
    const actions = (await auditEntries(page)).map((entry) => entry.action);
    assert.ok(actions.includes('Resume_Sync'), `audited: ${actions}`);
});

browserTest('Pause sync needs a reason, then pauses with it', async ({ page, open }) => {
    await open();
    const settings = card(page, en.CRM_Sync_Settings_Title);
    await settings.getByRole('button', { name: en.CRM_Sync_Pause_Sync, exact: true }).click();
    const dialog = await visible(page.getByRole('dialog', { name: en.CRM_Sync_Pause_Title }));
    await dialog.getByRole('button', { name: en.CRM_Sync_Pause_Sync, exact: true }).click();
    await visible(dialog.getByText(en.CRM_Sync_Pause_Reason_Invalid.replace('{0}', '255')));

    await dialog.getByRole('textbox', { name: en.CRM_Sync_Pause_Reason }).fill('Quarter-end data load');
    await dialog.getByRole('button', { name: en.CRM_Sync_Pause_Sync, exact: true }).click();
    await visible(toast(page, en.CRM_Sync_Paused_Toast));
    const details = await definitions(settings);
    assert.equal(details[en.CRM_Sync_Paused_Reason], 'Quarter-end data load');
    const pause = (await auditEntries(page)).find((entry) => entry.action === 'Pause_Sync');
    assert.equal(pause?.details, 'Quarter-end data load', 'the reason is in the audit trail');
});

browserTest('paused: German admins read the pause in German', async ({ page, open }) => {
    await open({ scenario: 'paused', lang: 'de' });
    const settings = card(page, de.CRM_Sync_Settings_Title);
    await visible(settings.getByText(/^Die CRM-Synchronisierung wurde von .+ angehalten\./));
    await visible(settings.getByRole('button', { name: de.CRM_Sync_Resume_Sync, exact: true }));
});
