// ?scenario=sandbox-copy: a sandbox copied from a linked org, after the package's post-copy class ran. Nothing is
// sent from it; the panel says why and how to give it a tenant of its own; the admins were notified; the copy is in
// the audit trail; Check setup names it without calling out.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { auditEntries, card, format, labels, notifications, visible } from './support/panel.mjs';

const en = labels.en;

function backendRequests(page) {
    return page.evaluate(() => window.crmSyncPreview.backendRequests.length);
}

browserTest('sandbox-copy: the panel explains the copy and sends nothing', async ({ page, open }) => {
    await open({ scenario: 'sandbox-copy' });
    const settings = card(page, en.CRM_Sync_Settings_Title);
    const warning = await visible(settings.getByText(/^This org is a sandbox copied from org 00D/));
    assert.ok((await warning.innerText()).includes('Connect to CRM'), 'it says how to link the sandbox');
    await visible(settings.getByRole('button', { name: en.CRM_Sync_Connect, exact: true }));
    // The seat pools would have been read from the other org's tenant: the section says why it has none.
    await visible(card(page, 'License management').getByText(en.CRM_Sync_Error_Sandbox_Copy).first());
    assert.equal(await backendRequests(page), 0, 'no call left the sandbox');
});

browserTest('sandbox-copy: the admins are notified and the copy is audited', async ({ page, open }) => {
    await open({ scenario: 'sandbox-copy' });
    await visible(page.getByRole('button', { name: en.CRM_Sync_Connect, exact: true }));
    const [notification] = await notifications(page);
    assert.equal(notification?.title, format(en.CRM_Sync_Notify_Copy_Title, 'uat'));
    assert.equal(notification?.target, 'CRM_Sync_Admin', 'it opens the CRM Sync tab');
    const copies = (await auditEntries(page)).filter((entry) => entry.action === 'Sandbox_Copy');
    assert.equal(copies.length, 1, 'one audit entry for the copy');
    assert.match(copies[0].details, /^Copied from 00D\w{15} as sandbox uat/);
    // Reloading does not run the post-copy class again.
    await page.reload();
    await visible(page.getByRole('button', { name: en.CRM_Sync_Connect, exact: true }));
    assert.equal((await notifications(page)).length, 1, 'notified once');
});

browserTest('sandbox-copy: Check setup names the copy without calling out', async ({ page, open }) => {
    await open({ scenario: 'sandbox-copy' });
    const settings = card(page, en.CRM_Sync_Settings_Title);
    await settings.getByRole('button', { name: en.CRM_Sync_Check_Setup, exact: true }).click();
    const results = settings.getByRole('region', { name: en.CRM_Sync_Doctor_Heading });
    const link = results.getByRole('listitem').filter({ hasText: en.CRM_Sync_Doctor_Title_Org_Link });
    await visible(link.getByText(format(en.CRM_Sync_Doctor_Code, 'ORG_COPY')));
    const call = results.getByRole('listitem').filter({ hasText: en.CRM_Sync_Doctor_Title_Backend_Call });
    await visible(call.getByText(en.CRM_Sync_Doctor_Skipped_Copy));
    assert.equal(await backendRequests(page), 0, 'still no call left the sandbox');
});
