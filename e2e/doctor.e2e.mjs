// "Check setup" in the CRM settings card: each way the setup breaks (?scenario=, ?tenant=) is named by its check,
// with the fix and the Setup page to open, and the checks that cannot run are marked as not checked.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { card, format, labels, visible } from './support/panel.mjs';

const en = labels.en;
const de = { ...labels.en, ...labels.de };

/** Clicks "Check setup" and waits for the summary; returns the list of findings. */
async function checkSetup(page, texts = en) {
    const settings = card(page, texts.CRM_Sync_Settings_Title);
    await settings.getByRole('button', { name: texts.CRM_Sync_Check_Setup, exact: true }).click();
    const results = settings.getByRole('region', { name: texts.CRM_Sync_Doctor_Heading });
    await visible(results.getByRole('listitem').first());
    return results;
}

/** The finding under this check's title. */
function finding(results, title) {
    return results.getByRole('listitem').filter({ has: results.page().getByText(title, { exact: true }) });
}

/** Status word, code and fix link of a finding. */
async function read(results, title) {
    const item = finding(results, title);
    await visible(item);
    const text = await item.innerText();
    const link = item.getByRole('link');
    return {
        text,
        status: (await item.locator('[data-id="status"]').innerText()).trim(),
        code: (await item.locator('[data-id="code"]').innerText()).trim(),
        link:
            (await link.count()) > 0
                ? { name: (await link.innerText()).trim(), href: await link.getAttribute('href') }
                : null
    };
}

const code = (value) => format(en.CRM_Sync_Doctor_Code, value);

browserTest('doctor: a working setup passes every check', async ({ page, open }) => {
    await open();
    const results = await checkSetup(page);
    await visible(results.getByRole('status').filter({ hasText: format(en.CRM_Sync_Doctor_Summary_Pass, 7) }));
    const items = results.getByRole('listitem');
    assert.equal(await items.count(), 7, 'seven checks');
    for (const item of await items.all()) {
        assert.equal(
            (await item.locator('[data-id="status"]').innerText()).trim(),
            en.CRM_Sync_Doctor_Status_Pass,
            await item.innerText()
        );
    }
    assert.equal(await results.getByRole('link').count(), 0, 'nothing to fix, so no Setup page to open');
});

browserTest('doctor: placeholder-url names the Named Credential and opens its Setup page', async ({ page, open }) => {
    await open({ scenario: 'placeholder-url' });
    const results = await checkSetup(page);
    const credential = await read(results, en.CRM_Sync_Doctor_Title_Named_Credential);
    assert.equal(credential.status, en.CRM_Sync_Doctor_Status_Fail);
    assert.equal(credential.code, code('NAMED_CREDENTIAL_PLACEHOLDER'));
    assert.ok(credential.text.includes('https://crm-sync.example.invalid'), credential.text);
    assert.ok(credential.text.includes(en.CRM_Sync_Doctor_NC_Placeholder_Fix), 'the fix is spelled out');
    assert.deepEqual(credential.link, {
        name: en.CRM_Sync_Doctor_Open_Named_Credentials,
        href: '/lightning/setup/NamedCredential/home'
    });
    const call = await read(results, en.CRM_Sync_Doctor_Title_Backend_Call);
    assert.equal(call.status, en.CRM_Sync_Doctor_Status_Skipped, 'no call through a placeholder');
});

browserTest('doctor: no-principal names the missing permission set grant', async ({ page, open }) => {
    await open({ scenario: 'no-principal' });
    const results = await checkSetup(page);
    const access = await read(results, en.CRM_Sync_Doctor_Title_Admin_Access);
    assert.equal(access.code, code('PRINCIPAL_NOT_GRANTED'));
    assert.ok(access.text.includes(en.CRM_Sync_Doctor_Principal_Missing_Fix), access.text);
    assert.deepEqual(access.link, {
        name: en.CRM_Sync_Doctor_Open_Permission_Sets,
        href: '/lightning/setup/PermSets/home'
    });
    const call = await read(results, en.CRM_Sync_Doctor_Title_Backend_Call);
    assert.equal(call.code, code('CREDENTIAL_UNAVAILABLE'), 'Salesforce refused the call before it left the org');
});

browserTest('doctor: key-expiring warns 14 days ahead with the days left', async ({ page, open }) => {
    await open({ scenario: 'key-expiring' });
    const results = await checkSetup(page);
    await visible(results.getByRole('status').filter({ hasText: format(en.CRM_Sync_Doctor_Summary_Problems, 0, 1) }));
    const key = await read(results, en.CRM_Sync_Doctor_Title_Api_Key);
    assert.equal(key.status, en.CRM_Sync_Doctor_Status_Warn);
    assert.equal(key.code, code('API_KEY_EXPIRING'));
    assert.match(key.text, /in 5 days/);
    assert.ok(key.text.includes(en.CRM_Sync_Doctor_Key_Replace_Fix), key.text);
});

browserTest('doctor: unauthorized says the API key was refused and how to replace it', async ({ page, open }) => {
    await open({ scenario: 'unauthorized' });
    const call = await read(await checkSetup(page), en.CRM_Sync_Doctor_Title_Backend_Call);
    assert.equal(call.code, code('API_KEY_REJECTED'));
    assert.ok(call.text.includes(en.CRM_Sync_Doctor_Key_Rejected), call.text);
    assert.equal(call.link?.href, '/lightning/setup/NamedCredential/home');
});

browserTest('doctor: down says the backend did not answer, not that the setup is wrong', async ({ page, open }) => {
    await open({ scenario: 'down' });
    const results = await checkSetup(page);
    const call = await read(results, en.CRM_Sync_Doctor_Title_Backend_Call);
    assert.equal(call.code, code('BACKEND_DOWN'));
    assert.ok(call.text.includes(en.CRM_Sync_Error_Unreachable), call.text);
    const credential = await read(results, en.CRM_Sync_Doctor_Title_Named_Credential);
    assert.equal(credential.status, en.CRM_Sync_Doctor_Status_Pass, 'the URL itself is configured');
});

browserTest('doctor: a refreshed sandbox is recognised as a copy of another org', async ({ page, open }) => {
    await open({ tenant: 'mismatch' });
    const link = await read(await checkSetup(page), en.CRM_Sync_Doctor_Title_Org_Link);
    assert.equal(link.status, en.CRM_Sync_Doctor_Status_Fail);
    assert.equal(link.code, code('ORG_COPY'));
    assert.ok(link.text.includes(en.CRM_Sync_Doctor_Org_Copy_Fix), link.text);
});

browserTest('doctor: German admins read every finding and fix in German', async ({ page, open }) => {
    await open({ lang: 'de', scenario: 'placeholder-url' });
    const results = await checkSetup(page, de);
    const credential = await read(results, de.CRM_Sync_Doctor_Title_Named_Credential);
    assert.equal(credential.status, de.CRM_Sync_Doctor_Status_Fail);
    assert.ok(credential.text.includes(de.CRM_Sync_Doctor_NC_Placeholder_Fix), credential.text);
    assert.equal(credential.link?.name, de.CRM_Sync_Doctor_Open_Named_Credentials);
});
