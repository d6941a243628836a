// Health monitoring: the scheduled health check runs the setup checks and, when the result changes, alerts the CRM
// Sync admins and shows "failing since" at the top of the panel. The preview does not fire schedules, so "Check now"
// does what a scheduled run does.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { auditEntries, card, chooseOption, format, labels, notifications, toast, visible } from './support/panel.mjs';

const en = labels.en;

browserTest('health: a failing check alerts the admins and shows failing since', async ({ page, open }) => {
    await open({ scenario: 'placeholder-url' });
    const monitor = card(page, en.CRM_Sync_Health_Title);
    await chooseOption(page, en.CRM_Sync_Health_Frequency, 'Every hour');
    await visible(toast(page, en.CRM_Sync_Health_Scheduled_Toast));

    await monitor.getByRole('button', { name: en.CRM_Sync_Health_Check_Now, exact: true }).click();
    const banner = await visible(page.locator('[data-id="health-banner"]'));
    const text = await banner.innerText();
    assert.ok(text.startsWith(en.CRM_Sync_Health_Failing_Since), text);
    assert.ok(text.includes('https://crm-sync.example.invalid'), 'the finding is named');
    assert.ok(text.includes(en.CRM_Sync_Health_Banner_Fix), 'and where the fix is');

    const [alert] = await notifications(page);
    assert.equal(alert?.title, format(en.CRM_Sync_Notify_Health_Fail_Title, en.CRM_Sync_Doctor_Title_Named_Credential));
    assert.ok(alert?.body.includes(en.CRM_Sync_Doctor_NC_Placeholder_Fix), 'the alert says how to fix it');
    const change = (await auditEntries(page)).find((entry) => entry.action === 'Health_Change');
    assert.equal(change?.errorCode, 'NAMED_CREDENTIAL_PLACEHOLDER');

    // A second failing check is no news: no second alert.
    await monitor.getByRole('button', { name: en.CRM_Sync_Health_Check_Now, exact: true }).click();
    await visible(monitor.getByRole('button', { name: en.CRM_Sync_Health_Check_Now, exact: true }));
    assert.equal((await notifications(page)).length, 1);
});

browserTest('health: a first check that passes shows OK and alerts nobody', async ({ page, open }) => {
    await open();
    const monitor = card(page, en.CRM_Sync_Health_Title);
    await monitor.getByRole('button', { name: en.CRM_Sync_Health_Check_Now, exact: true }).click();
    await visible(monitor.locator('[data-id="result"]').getByText(en.CRM_Sync_Doctor_Status_Pass, { exact: true }));
    assert.equal(await page.locator('[data-id="health-banner"]').count(), 0);
    assert.equal((await notifications(page)).length, 0);
});

browserTest('health: key-expiring warns in the banner 14 days ahead', async ({ page, open }) => {
    await open({ scenario: 'key-expiring' });
    await card(page, en.CRM_Sync_Health_Title)
        .getByRole('button', { name: en.CRM_Sync_Health_Check_Now, exact: true })
        .click();
    const banner = await visible(page.locator('[data-id="health-banner"]'));
    assert.ok((await banner.innerText()).startsWith(en.CRM_Sync_Health_Warning_Since));
    assert.match(await banner.innerText(), /in 5 days/);
});
