// The panel against the reference backend (server/) over real HTTP: `npm run test:e2e -- --backend` starts the
// server on a free port with a key for the preview's org, and the preview forwards the org's callouts to it as the
// Named Credential would. Each step is checked twice: on the page, and by asking the backend itself what it holds.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { browserTest } from '../support/browser-test.mjs';
import {
    USERS,
    assertModalDialog,
    card,
    definitions,
    gone,
    openEditMenu,
    searchUsers,
    toast,
    toggleCheckbox,
    until,
    visible
} from '../support/panel.mjs';

const { E2E_BACKEND_URL: backendUrl, E2E_BACKEND_KEY: apiKey, E2E_BACKEND_ORG: orgId } = process.env;
if (!backendUrl || !apiKey || !orgId) {
    throw new Error('These tests need the reference backend: run them with npm run test:e2e -- --backend');
}
const { oliverBrown: oliver } = USERS;

/** Asks the backend directly, as the org would, with its own correlation id. */
async function backend(method, path, body) {
    const response = await fetch(`${backendUrl}${path}`, {
        method,
        headers: {
            Authorization: `Bearer ${apiKey}`,
            'X-Salesforce-Org-Id': orgId,
            'X-Salesforce-User-Id': oliver.id,
            'X-Correlation-Id': randomUUID(),
            ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
            ...(body ? { 'Content-Type': 'application/json' } : {})
        },
        body: body ? JSON.stringify(body) : undefined
    });
    return { status: response.status, body: await response.json() };
}

browserTest(
    'link the org, enable a user from the Edit menu, unlink deleting the data: the backend holds each change',
    async ({ page, open }) => {
        await open({ tenant: 'unlinked' });
        const settings = card(page, 'CRM settings');
        await settings.getByRole('button', { name: 'Connect to CRM' }).click();
        const connect = await assertModalDialog(page, 'Connect to CRM');
        await connect.getByRole('button', { name: 'Continue' }).click();
        await visible(toast(page, 'This org is now linked to CRM.'));
        const linked = await backend('GET', '/v1/connection');
        assert.equal(linked.body.linkedOrgId, orgId, 'the backend holds the link');

        await searchUsers(page, oliver.username);
        const menu = await openEditMenu(page, oliver.name);
        await menu.getByRole('menuitemcheckbox', { name: 'Enable CRM sync' }).click();
        await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
        const lookup = await backend('POST', '/v1/users/lookup', { salesforceUserIds: [oliver.id] });
        assert.equal(
            lookup.body.users[0]?.syncEnabled,
            true,
            `the backend holds the change: ${JSON.stringify(lookup)}`
        );

        await settings.getByRole('button', { name: 'Change' }).click();
        const change = await assertModalDialog(page, 'Change CRM connection');
        await change.getByRole('button', { name: 'Disable CRM sync' }).click();
        const disable = await assertModalDialog(page, 'Disable CRM sync');
        await toggleCheckbox(disable.getByRole('checkbox', { name: 'Yes, delete all previously imported CRM data' }));
        await disable.getByRole('button', { name: 'Continue' }).click();
        await visible(toast(page, 'This org is no longer linked to CRM.'));
        const unlinked = await backend('GET', '/v1/connection');
        assert.equal(unlinked.body.linkedOrgId, null, 'the backend holds the unlink');
    }
);

browserTest('the User record’s quick action enables sync, and the backend holds it', async ({ page, open }) => {
    // The org of this page starts linked: the backend is linked to it first, as an admin did before.
    const link = await backend('PUT', '/v1/connection', {
        purgeImportedData: false,
        instanceUrl: 'https://acme-preview.my.salesforce.com',
        linkedBy: { userId: oliver.id, name: oliver.name }
    });
    assert.equal(link.status, 200, JSON.stringify(link.body));

    await open({ route: `/user/${oliver.id}` });
    await page.getByRole('button', { name: 'CRM Sync', exact: true }).click();
    const dialog = await assertModalDialog(page, 'CRM Sync');
    await toggleCheckbox(await visible(dialog.getByRole('checkbox', { name: 'Enable CRM sync' })));
    const save = dialog.getByRole('button', { name: 'Save' });
    await until(() => save.isEnabled(), Boolean, { message: 'Save to be enabled' });
    await save.click();
    await visible(toast(page, `CRM sync is now enabled for ${oliver.name}.`));
    await gone(page.getByRole('dialog'));
    await until(
        async () => (await definitions(card(page, 'CRM Sync')))['CRM sync'],
        (sync) => sync === 'On',
        { message: 'the record page to show sync on, read back from the backend' }
    );
    const lookup = await backend('POST', '/v1/users/lookup', { salesforceUserIds: [oliver.id] });
    assert.equal(lookup.body.users[0]?.syncEnabled, true, JSON.stringify(lookup.body));
    assert.ok(lookup.body.users[0]?.licenseType, 'a seat of the default pool was assigned');
});
