// The preview's simulated org (preview/org), called through the same @salesforce/apex modules the components
// import: it must enforce what the Apex enforces (permission, validation, purge choice, org-id guard, batch size),
// talk to the backend as CrmSyncClient does, turn failures into the same codes and label messages, and page
// through users as CrmSyncUserDirectory does (one pagination cursor per page view, sorted in the user's locale).
// Run: node --test scripts/tests/preview-org.test.mjs
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from './helpers.mjs';
import { labels, previewModules } from './preview-helpers.mjs';

const preview = previewModules();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An org signed in as the admin (or the viewer), installed as the target of the Apex modules. */
async function orgFor({
    tenant = 'linked',
    scenario = 'normal',
    userCount = 200,
    viewer = false,
    language = 'en',
    locale = undefined,
    userRowLimit = undefined,
    answer = (response) => response
} = {}) {
    const modules = await preview();
    const storage = modules.memoryStorage();
    const backend = modules.createBackend({
        userCount,
        seed: 1,
        tenant,
        scenario,
        storage,
        storageKey: 'backend',
        sleep: async () => {}
    });
    const requests = [];
    const org = modules.createOrg({
        userCount,
        seed: 1,
        tenant,
        runningUserId: modules.userIdAt(viewer ? 1 : 0),
        hasAdminPermission: !viewer,
        labels: { ...labels.en, ...labels[language] },
        locale,
        userRowLimit,
        callout: async (request) => {
            requests.push(request);
            return answer(await backend.handle(request), request, modules);
        },
        storage,
        storageKey: 'org'
    });
    const calls = modules.installOrg(org, { latencyMs: 0 });
    return { ...modules.apex, modules, org, requests, calls };
}

/** The error a rejected Apex call carries, parsed as c/crmSyncErrors does. */
async function apexError(promise) {
    try {
        await promise;
    } catch (rejection) {
        assert.equal(rejection.status, 500);
        return JSON.parse(rejection.body.message);
    }
    assert.fail('the Apex call succeeded');
}

function hasNull(value) {
    if (value === null) {
        return true;
    }
    return typeof value === 'object' && Object.values(value).some(hasNull);
}

describe('every Apex method the components can import is simulated', () => {
    test('one module per @salesforce/apex declaration in types/generated/apex.d.ts', () => {
        const declared = [
            ...readFileSync(path.join(repoRoot, 'types/generated/apex.d.ts'), 'utf8').matchAll(
                /declare module '@salesforce\/apex\/([\w.]+)'/g
            )
        ].map((match) => match[1]);
        const simulated = readdirSync(path.join(repoRoot, 'preview/org/apex')).map((file) => file.replace(/\.ts$/, ''));
        assert.deepEqual(simulated.sort(), declared.sort());
    });

    test('every label the simulated Apex names exists in CustomLabels', () => {
        const dir = path.join(repoRoot, 'preview/org');
        const used = readdirSync(dir)
            .filter((file) => file.endsWith('.ts'))
            .flatMap((file) => [
                ...readFileSync(path.join(dir, file), 'utf8').matchAll(/'(CRM_Sync_[A-Z][a-z]+_\w+)'/g)
            ])
            .map((match) => match[1]);
        assert.ok(used.length > 30);
        assert.deepEqual(
            used.filter((name) => !(name in labels.en)),
            []
        );
    });
});

describe('permission: CRM Sync Admin', () => {
    test('a viewer gets getAccess false and only the access from getPanelState', async () => {
        const apex = await orgFor({ viewer: true });
        assert.deepEqual(await apex['CrmSyncAdminController.getAccess'](), {
            canManage: false,
            requiredPermissionSet: 'CRM Sync Admin'
        });
        assert.deepEqual(Object.keys(await apex['CrmSyncAdminController.getPanelState']({ firstPage: null })), [
            'access'
        ]);
        assert.equal((await apex['CrmSyncUserActionController.getAccess']()).canManage, false);
    });

    test('every other method refuses a viewer with NOT_PERMITTED before any callout', async () => {
        const apex = await orgFor({ viewer: true });
        const userIds = [apex.modules.userIdAt(6)];
        const refused = [
            apex['CrmSyncAdminController.getUsers']({ query: null }),
            apex['CrmSyncAdminController.getConnection'](),
            apex['CrmSyncAdminController.testConnection'](),
            apex['CrmSyncAdminController.previewConnectionChange']({ operation: 'link', purgeImportedData: true }),
            apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: false }),
            apex['CrmSyncAdminController.unlinkOrg']({ purgeImportedData: false }),
            apex['CrmSyncAdminController.refreshUserStates']({ userIds }),
            apex['CrmSyncAdminController.setUserSync']({ userIds, enabled: true }),
            apex['CrmSyncAdminController.setUserLicense']({ userIds, licenseType: 'CORE' }),
            apex['CrmSyncAdminController.getAutofillSettings'](),
            apex['CrmSyncAdminController.saveAutofillSettings']({ leads: true, accounts: true, version: 3 }),
            apex['CrmSyncUserActionController.getUserState']({ userId: userIds[0] }),
            apex['CrmSyncUserActionController.setUserSync']({ userId: userIds[0], enabled: true })
        ];
        for (const call of refused) {
            assert.deepEqual(await apexError(call), {
                code: 'NOT_PERMITTED',
                message: labels.en.CRM_Sync_Error_Not_Permitted,
                retryable: false,
                correlationId: null
            });
        }
        assert.equal(apex.requests.length, 0);
    });

    test('messages follow the user language', async () => {
        const apex = await orgFor({ viewer: true, language: 'de' });
        const error = await apexError(apex['CrmSyncAdminController.getConnection']());
        assert.equal(error.message, labels.de.CRM_Sync_Error_Not_Permitted);
    });
});

describe('validation, as in the Apex', () => {
    test('purge must be an explicit true or false', async () => {
        const apex = await orgFor();
        for (const call of [
            apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: null }),
            apex['CrmSyncAdminController.unlinkOrg']({ purgeImportedData: null }),
            apex['CrmSyncAdminController.previewConnectionChange']({ operation: 'unlink', purgeImportedData: null })
        ]) {
            const error = await apexError(call);
            assert.deepEqual(
                [error.code, error.message],
                ['INVALID_INPUT', labels.en.CRM_Sync_Error_Purge_Choice_Required]
            );
        }
        const operation = await apexError(
            apex['CrmSyncAdminController.previewConnectionChange']({ operation: 'LINK', purgeImportedData: true })
        );
        assert.equal(operation.message, labels.en.CRM_Sync_Error_Invalid_Operation);
        assert.equal(apex.requests.length, 0, 'refused before any callout');
    });

    test('users: none, too many, unknown, not internal, inactive when enabling', async () => {
        const apex = await orgFor({ userCount: 300 });
        const { userIdAt } = apex.modules;
        const setUserSync = apex['CrmSyncAdminController.setUserSync'];
        const message = async (userIds, enabled = true) => (await apexError(setUserSync({ userIds, enabled }))).message;
        assert.equal(await message([]), labels.en.CRM_Sync_Error_No_Users);
        const many = Array.from({ length: 201 }, (_, i) => userIdAt(i));
        assert.equal(await message(many), labels.en.CRM_Sync_Error_Too_Many_Users.replace('{0}', '200'));
        assert.equal(
            await message(['001000000000001']),
            labels.en.CRM_Sync_Error_Not_A_User.replace('{0}', '001000000000001')
        );
        const automated = userIdAt(300); // the first non-standard user after the 300 standard ones
        assert.equal(
            await message([automated]),
            labels.en.CRM_Sync_Error_Not_Standard_User.replace('{0}', 'Automated Process')
        );
        const inactive = userIdAt(5); // Zoë Schäfer
        assert.equal(await message([inactive]), labels.en.CRM_Sync_Error_User_Inactive.replace('{0}', 'Zoë Schäfer'));
        const disabled = await setUserSync({ userIds: [inactive], enabled: false });
        assert.equal(disabled.succeeded, 1, 'disabling stays possible for an inactive user');
        const noChoice = await apexError(setUserSync({ userIds: [userIdAt(6)], enabled: null }));
        assert.equal(noChoice.message, labels.en.CRM_Sync_Error_Sync_Choice_Required);
        const license = await apexError(
            apex['CrmSyncAdminController.setUserLicense']({ userIds: [userIdAt(6)], licenseType: 'core' })
        );
        assert.equal(license.message, labels.en.CRM_Sync_Error_Invalid_License_Type.replace('{0}', 'core'));
    });

    test('the user list: short search, unknown filter, page size, altered cursor', async () => {
        const apex = await orgFor();
        const getUsers = (query) => apexError(apex['CrmSyncAdminController.getUsers']({ query }));
        assert.equal((await getUsers({ searchTerm: ' a ' })).message, labels.en.CRM_Sync_Error_Search_Too_Short);
        assert.equal(
            (await getUsers({ statusFilter: 'synced' })).message,
            labels.en.CRM_Sync_Error_Invalid_Filter.replace('{0}', 'synced')
        );
        assert.equal(
            (await getUsers({ pageSize: 51 })).message,
            labels.en.CRM_Sync_Error_Page_Size.replace('{0}', '50')
        );
        assert.equal((await getUsers({ cursor: 'bm90IGpzb24=' })).message, labels.en.CRM_Sync_Error_Invalid_Cursor);
    });
});

describe('the org-id guard', () => {
    test('before the org is linked, user changes and autofill answer NOT_LINKED without a callout; after linking they work', async () => {
        const apex = await orgFor({ tenant: 'unlinked' });
        const userIds = [apex.modules.userIdAt(6)];
        const before = apex.requests.length;
        for (const call of [
            apex['CrmSyncAdminController.setUserSync']({ userIds, enabled: true }),
            apex['CrmSyncAdminController.setUserLicense']({ userIds, licenseType: 'CORE' }),
            apex['CrmSyncAdminController.saveAutofillSettings']({ leads: true, accounts: true, version: 3 }),
            apex['CrmSyncUserActionController.setUserSync']({ userId: userIds[0], enabled: true })
        ]) {
            const error = await apexError(call);
            assert.deepEqual([error.code, error.message], ['NOT_LINKED', labels.en.CRM_Sync_Error_Not_Linked]);
        }
        assert.equal(apex.requests.length, before);
        const linked = await apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: false });
        assert.deepEqual(
            [linked.outcome, linked.connection.connected, linked.connection.orgMismatch],
            ['LINKED', true, false]
        );
        const enabled = await apex['CrmSyncAdminController.setUserSync']({ userIds, enabled: true });
        assert.deepEqual([enabled.succeeded, enabled.results[0].state.syncEnabled], [1, true]);
    });

    test('a refreshed sandbox (linked as another org) cannot change users or unlink production', async () => {
        const apex = await orgFor({ tenant: 'mismatch' });
        const state = await apex['CrmSyncAdminController.getPanelState']({ firstPage: null });
        assert.equal(state.connection.orgMismatch, true);
        assert.equal(state.licensePoolsError.code, 'ORG_MISMATCH');
        const unlink = await apexError(apex['CrmSyncAdminController.unlinkOrg']({ purgeImportedData: false }));
        assert.equal(unlink.code, 'ORG_MISMATCH');
        const link = await apexError(apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: false }));
        assert.deepEqual(
            [link.code, link.message],
            ['ORG_ALREADY_LINKED', labels.en.CRM_Sync_Error_Org_Already_Linked]
        );
    });

    test('a fresh tenant: the first link asks for authorization, the next one links', async () => {
        const apex = await orgFor({ tenant: 'fresh' });
        const first = await apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: true });
        assert.equal(first.outcome, 'AUTHORIZATION_REQUIRED');
        assert.match(first.authorizationUrl, /^https:\/\/sync\.crm-vendor\.example\.com\/authorize\?request=/);
        assert.equal(apex.org.data.connection.Linked_Org_Id__c, null, 'nothing recorded yet');
        const entry = apex.org.data.audit.at(-1);
        assert.deepEqual([entry.action, entry.outcome], ['Link_Org', 'Authorization_Required'], 'one entry says so');
    });

    test("an authorization page on a host other than the backend's is refused and audited, never returned", async () => {
        const foreign = (response) =>
            response.status === 202
                ? {
                      ...response,
                      body: JSON.stringify({ authorizationUrl: 'https://sync.crm-vendor.example.com.evil.test/x' })
                  }
                : response;
        const apex = await orgFor({ tenant: 'fresh', answer: foreign });
        const error = await apexError(apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: false }));
        assert.deepEqual(
            [error.code, error.message, error.retryable],
            ['UNTRUSTED_AUTHORIZATION_PAGE', labels.en.CRM_Sync_Error_Untrusted_Authorization_Page, false]
        );
        const entry = apex.org.data.audit.at(-1);
        assert.deepEqual(
            [entry.action, entry.outcome, entry.errorCode, entry.correlationId],
            ['Link_Org', 'Failed', 'UNTRUSTED_AUTHORIZATION_PAGE', error.correlationId]
        );
    });
});

describe('stored user states, as CrmSyncUserService and CrmSyncConnectionService keep them', () => {
    test('after a CONFLICT, refreshUserStates stores the version the backend holds, so the change then works', async () => {
        const apex = await orgFor({ scenario: 'conflict' });
        const userId = apex.modules.userIdAt(3); // Käthe Müller, stored version 3
        const setUserSync = apex['CrmSyncAdminController.setUserSync'];
        const refused = await apexError(setUserSync({ userIds: [userId], enabled: false }));
        assert.equal(refused.code, 'CONFLICT');
        assert.equal(apex.org.data.syncStateOf(userId).Backend_Version__c, 3, 'the failed change stored nothing');

        const [state] = await apex['CrmSyncAdminController.refreshUserStates']({ userIds: [userId] });
        assert.equal(state.userId, userId);
        assert.equal(apex.org.data.syncStateOf(userId).Backend_Version__c, 4);

        const changed = await setUserSync({ userIds: [userId], enabled: false });
        assert.deepEqual([changed.succeeded, changed.results[0].state.syncEnabled], [1, false]);
        const patch = apex.requests.findLast((request) => request.method === 'PATCH');
        assert.equal(patch.headers['If-Match'], '"4"');
    });

    test('unlinking with purge deletes every stored state; without purge they stay', async () => {
        for (const purgeImportedData of [false, true]) {
            const apex = await orgFor();
            const userId = apex.modules.userIdAt(3);
            assert.equal(apex.org.data.syncStateOf(userId).Backend_Version__c, 3);

            await apex['CrmSyncAdminController.unlinkOrg']({ purgeImportedData });

            const page = await apex['CrmSyncAdminController.getUsers']({ query: { syncFilter: 'on' } });
            if (purgeImportedData) {
                assert.equal(apex.org.data.syncStateOf(userId), undefined);
                assert.equal(page.totalCount, 0, 'nobody shows "On" after the backend deleted its user mappings');
            } else {
                assert.equal(apex.org.data.syncStateOf(userId).Backend_Version__c, 3);
                assert.ok(page.totalCount > 0);
            }
        }
    });

    test('the states stay deleted when the org is read from storage again; states stored later are kept', async () => {
        const apex = await orgFor();
        const { userIdAt } = apex.modules;
        await apex['CrmSyncAdminController.unlinkOrg']({ purgeImportedData: true });
        await apex['CrmSyncAdminController.linkOrg']({ purgeImportedData: false });
        await apex['CrmSyncAdminController.setUserSync']({ userIds: [userIdAt(6)], enabled: true });

        apex.org.data.load();

        assert.equal(apex.org.data.syncStateOf(userIdAt(3)), undefined);
        assert.equal(apex.org.data.syncStateOf(userIdAt(6)).Sync_Enabled__c, true);
    });
});

describe("the license pool's name stored with each state, as CrmSyncUserService keeps it", () => {
    const POOL_NAMES = { CORE: 'Core', ADVANCED: 'Advanced' };

    test('while the pools cannot be read, the rows still carry the names stored with the states', async () => {
        const apex = await orgFor({ scenario: 'down' });
        const state = await apex['CrmSyncAdminController.getPanelState']({ firstPage: { pageSize: 50 } });
        assert.equal(state.licensePools, undefined, 'no live pool list');
        const licensed = state.users.rows.filter((row) => row.licenseType);
        assert.ok(licensed.length > 0, 'the first page shows licensed users');
        for (const row of licensed) {
            assert.equal(row.licenseLabel, POOL_NAMES[row.licenseType], `${row.name}: not the code`);
        }
    });

    test('stored when the pools were read in the same call, kept for the same license, never guessed', async () => {
        // The backend's own answers, except that GET /licenses fails with 503 while poolsDown is set.
        let poolsDown = false;
        const unavailable = (response, request) =>
            poolsDown && request.method === 'GET' && request.path === '/v1/licenses'
                ? {
                      status: 503,
                      headers: { 'Content-Type': 'application/problem+json' },
                      body: JSON.stringify({
                          type: 'https://crm-sync.example.invalid/problems/unavailable',
                          title: 'Service unavailable',
                          status: 503,
                          code: 'UNAVAILABLE',
                          retryable: true,
                          correlationId: request.headers['X-Correlation-Id']
                      })
                  }
                : response;
        const apex = await orgFor({ answer: unavailable });
        const { userIdAt } = apex.modules;
        const label = (index) => apex.org.data.syncStateOf(userIdAt(index))?.License_Label__c;
        const sophie = userIdAt(7); // ADVANCED, sync off
        apex.org.data.saveSyncStates(
            new Map([[sophie, { ...apex.org.data.syncStateOf(sophie), License_Label__c: null }]])
        );

        // The User record action reads the pools first: the state is stored with the pool's name.
        const read = await apex['CrmSyncUserActionController.getUserState']({ userId: sophie });
        assert.deepEqual([read.licenseType, read.licenseLabel, label(7)], ['ADVANCED', 'Advanced', 'Advanced']);

        // Same license: the name stays, also in the row the change returns.
        const enabled = await apex['CrmSyncAdminController.setUserSync']({ userIds: [sophie], enabled: true });
        assert.deepEqual([enabled.results[0].state.licenseLabel, label(7)], ['Advanced', 'Advanced']);

        // Another license: the pools read right after the change name it.
        const moved = await apex['CrmSyncAdminController.setUserLicense']({ userIds: [sophie], licenseType: 'CORE' });
        assert.deepEqual([moved.results[0].state.licenseLabel, label(7)], ['Core', 'Core']);

        // Another license while the pools cannot be read: the old name is not the new license's.
        poolsDown = true;
        const back = await apex['CrmSyncAdminController.setUserLicense']({
            userIds: [sophie],
            licenseType: 'ADVANCED'
        });
        assert.deepEqual(
            [back.succeeded, back.results[0].state.licenseType, back.results[0].state.licenseLabel],
            [1, 'ADVANCED', undefined]
        );
        assert.equal(back.licensePoolsError.code, 'BACKEND_ERROR', 'the change succeeded; the pools say why not');
        assert.equal(label(7), null);

        // Oliver had no state: enabling takes a CORE seat, whose name is not known while the pools are down.
        await apex['CrmSyncAdminController.setUserSync']({ userIds: [userIdAt(6)], enabled: true });
        assert.equal(label(6), null);
        poolsDown = false;
        await apex['CrmSyncUserActionController.getUserState']({ userId: userIdAt(6) });
        assert.equal(label(6), 'Core');
    });

    test('the live pools name the license whenever they can be read', async () => {
        const apex = await orgFor();
        const userId = apex.modules.userIdAt(7);
        const record = apex.org.data.syncStateOf(userId);
        apex.org.data.saveSyncStates(new Map([[userId, { ...record, License_Label__c: 'Advanced (renamed since)' }]]));
        const state = await apex['CrmSyncUserActionController.getUserState']({ userId });
        assert.equal(state.licenseLabel, 'Advanced');
        assert.equal(apex.org.data.syncStateOf(userId).License_Label__c, 'Advanced', 'and the stored name follows');
    });
});

describe('callouts as CrmSyncClient sends them', () => {
    test('org, user and correlation headers on every request; Idempotency-Key on every non-GET; If-Match on PATCH', async () => {
        const apex = await orgFor();
        const userId = apex.modules.userIdAt(3); // Käthe Müller, stored version 3
        // The change sends the PATCH and then reads the pools (a GET).
        await apex['CrmSyncAdminController.setUserSync']({ userIds: [userId], enabled: false });
        await apex['CrmSyncAdminController.previewConnectionChange']({ operation: 'unlink', purgeImportedData: true });
        const [patch, get, dryRun] = apex.requests;
        for (const request of apex.requests) {
            assert.equal(request.headers['X-Salesforce-Org-Id'], apex.org.orgId);
            assert.equal(request.headers['X-Salesforce-User-Id'], apex.modules.userIdAt(0));
            assert.match(request.headers['X-Correlation-Id'], UUID);
            assert.equal(request.headers.Authorization, 'Bearer preview-api-key');
        }
        assert.deepEqual(
            [patch.method, patch.path, patch.headers['If-Match']],
            ['PATCH', `/v1/users/${userId}`, '"3"']
        );
        assert.match(patch.headers['Idempotency-Key'], UUID);
        assert.match(dryRun.headers['Idempotency-Key'], UUID, 'Apex sends a key on every non-GET');
        assert.equal(get.headers['Idempotency-Key'], undefined);
        assert.deepEqual(JSON.parse(patch.body), { email: 'kaethe.mueller@acme.example', syncEnabled: false });
    });

    test('many users go in one batch call of at most 200, with expectedVersion where one is stored', async () => {
        const apex = await orgFor();
        const userIds = [3, 6, 7].map((index) => apex.modules.userIdAt(index));
        const summary = await apex['CrmSyncAdminController.setUserSync']({ userIds, enabled: true });
        assert.deepEqual(
            apex.requests.map((request) => `${request.method} ${request.path}`),
            ['POST /v1/users/batch', 'GET /v1/licenses'],
            'one batch call for all users, then the pools'
        );
        const changes = JSON.parse(apex.requests[0].body).changes;
        assert.deepEqual(
            changes.map((change) => [change.salesforceUserId, change.expectedVersion]),
            [
                [userIds[0], 3],
                [userIds[1], undefined],
                [userIds[2], 3]
            ]
        );
        assert.equal(summary.succeeded, 3);
        assert.equal(hasNull(summary), false, 'Apex leaves null fields out of what the component receives');
    });
});

describe('failures reach the components as the Apex reports them', () => {
    test('down: the panel still paints; every backend section shares one UNREACHABLE error', async () => {
        const apex = await orgFor({ scenario: 'down' });
        const state = await apex['CrmSyncAdminController.getPanelState']({ firstPage: { pageSize: 25 } });
        assert.equal(state.connectionError.code, 'UNREACHABLE');
        assert.equal(state.connectionError.retryable, true);
        assert.equal(state.connectionError.message, labels.en.CRM_Sync_Error_Unreachable);
        assert.deepEqual(state.licensePoolsError, state.connectionError);
        assert.deepEqual(state.autofillError, state.connectionError);
        assert.equal(state.users.rows.length, 25, 'the user table reads stored state, no callout');
        assert.equal(apex.requests.length, 1, 'after one failure the other sections do not call again');
    });

    test('unauthorized, rate-limited, seats-exhausted and conflict map to their codes and messages', async () => {
        const cases = [
            ['unauthorized', 'CREDENTIAL_REJECTED', labels.en.CRM_Sync_Error_Credential_Rejected, false],
            ['rate-limited', 'RATE_LIMITED', labels.en.CRM_Sync_Error_Rate_Limited.replace('{0}', '30'), true],
            [
                'seats-exhausted',
                'SEATS_EXHAUSTED',
                labels.en.CRM_Sync_Error_Seats_Exhausted.replace('{0}', 'CORE'),
                false
            ],
            ['conflict', 'CONFLICT', labels.en.CRM_Sync_Error_Conflict, false]
        ];
        for (const [scenario, code, message, retryable] of cases) {
            const apex = await orgFor({ scenario });
            // Käthe has a stored version (conflict needs one) and no free seat is needed to disable her.
            const userId = apex.modules.userIdAt(scenario === 'seats-exhausted' ? 6 : 3);
            const error = await apexError(
                apex['CrmSyncAdminController.setUserSync']({
                    userIds: [userId],
                    enabled: scenario === 'seats-exhausted'
                })
            );
            assert.deepEqual(
                error,
                { code, message, retryable, correlationId: apex.requests[0].headers['X-Correlation-Id'] },
                scenario
            );
        }
    });

    test("a callout refused in words of the org's language is an honest, non-retryable credential or connection problem", async () => {
        const refused = (response, request, modules) => {
            throw new modules.CalloutError('Wir konnten nicht auf die Anmeldeinformation(en) zugreifen.');
        };
        const apex = await orgFor({ answer: refused });
        const error = await apexError(apex['CrmSyncAdminController.testConnection']());
        assert.deepEqual(
            [error.code, error.message, error.retryable],
            ['UNEXPECTED', labels.en.CRM_Sync_Error_Callout_Failed, false]
        );
        assert.equal(error.correlationId, apex.requests[0].headers['X-Correlation-Id']);
    });

    test('a batch reports per-user failures with the single-user messages; the audit records the outcome', async () => {
        const apex = await orgFor();
        const { userIdAt } = apex.modules;
        const summary = await apex['CrmSyncAdminController.setUserSync']({
            userIds: [userIdAt(6), userIdAt(2)],
            enabled: true
        });
        assert.deepEqual([summary.succeeded, summary.failed], [1, 1]);
        assert.deepEqual(
            [summary.results[1].errorCode, summary.results[1].message],
            ['USER_NOT_MATCHED', labels.en.CRM_Sync_Error_User_Not_Matched]
        );
        const entry = apex.org.data.audit.at(-1);
        assert.deepEqual(
            [entry.action, entry.outcome, entry.details],
            ['Enable_User_Sync', 'Partially_Succeeded', '1 succeeded, 1 failed.']
        );
    });

    test('a failure after the backend changed a user still leaves one audit entry, UNEXPECTED with the reference', async () => {
        const apex = await orgFor();
        const { userIdAt } = apex.modules;
        apex.org.data.saveSyncStates = () => {
            throw new TypeError('storing failed');
        };
        const error = await apexError(
            apex['CrmSyncAdminController.setUserSync']({ userIds: [userIdAt(6)], enabled: true })
        );
        assert.deepEqual([error.code, error.message], ['UNEXPECTED', labels.en.CRM_Sync_Error_Unexpected]);
        assert.match(error.correlationId, UUID, 'the admin gets the reference');
        const entries = apex.org.data.audit.filter((entry) => entry.correlationId === error.correlationId);
        assert.equal(entries.length, 1, 'exactly one entry');
        assert.deepEqual([entries[0].outcome, entries[0].errorCode], ['Failed', 'UNEXPECTED']);
        assert.match(entries[0].details, /TypeError: storing failed/, 'the entry says what broke');
    });

    test('a user state whose version or license type breaks the contract is malformed, audited and not stored', async () => {
        const cases = [
            ['version', { version: 2 ** 53 }],
            ['license type', { licenseType: 'X'.repeat(41) }]
        ];
        for (const [what, override] of cases) {
            const broken = (response, request) =>
                request.method === 'PATCH'
                    ? { ...response, body: JSON.stringify({ ...JSON.parse(response.body), ...override }) }
                    : response;
            const apex = await orgFor({ answer: broken });
            const userId = apex.modules.userIdAt(6);
            const before = apex.org.data.getSyncStates([userId]).get(userId);
            const error = await apexError(
                apex['CrmSyncAdminController.setUserSync']({ userIds: [userId], enabled: true })
            );
            assert.equal(error.code, 'MALFORMED_RESPONSE', what);
            assert.deepEqual(apex.org.data.getSyncStates([userId]).get(userId), before, `${what}: nothing stored`);
            const entry = apex.org.data.audit.at(-1);
            assert.deepEqual([entry.outcome, entry.errorCode], ['Failed', 'MALFORMED_RESPONSE'], what);
        }
    });

    test("a backend correlationId that is not a UUID is replaced by the request's own", async () => {
        const longId = (response) =>
            response.status >= 400
                ? { ...response, body: JSON.stringify({ ...JSON.parse(response.body), correlationId: 'x'.repeat(60) }) }
                : response;
        const apex = await orgFor({ scenario: 'seats-exhausted', answer: longId });
        const { userIdAt } = apex.modules;
        const error = await apexError(
            apex['CrmSyncAdminController.setUserSync']({ userIds: [userIdAt(6)], enabled: true })
        );
        assert.equal(error.code, 'SEATS_EXHAUSTED');
        assert.match(error.correlationId, UUID);
        assert.equal(apex.requests.at(-1).headers['X-Correlation-Id'], error.correlationId, 'ours, as sent');
    });

    test('the user action reads one user and changes one user', async () => {
        const apex = await orgFor();
        const userId = apex.modules.userIdAt(6);
        const state = await apex['CrmSyncUserActionController.getUserState']({ userId });
        assert.deepEqual([state.name, state.syncEnabled], ['Oliver Brown', false]);
        const result = await apex['CrmSyncUserActionController.setUserSync']({ userId, enabled: true });
        assert.deepEqual([result.succeeded, result.state.syncEnabled, result.state.licenseType], [true, true, 'CORE']);
        assert.deepEqual(
            apex.calls.map((call) => [call.method, call.ok]),
            [
                ['CrmSyncUserActionController.getUserState', true],
                ['CrmSyncUserActionController.setUserSync', true]
            ]
        );
    });
});

describe('the user list pages over one pagination cursor per page view, as CrmSyncUserDirectory does', () => {
    const STATUS_OF = { Synced: 'synced', Pending: 'pending', Not_Matched: 'not_matched', Error: 'error' };

    /**
     * An org of an admin (signed in, not searched for) and users with these names, each carrying `run` in its
     * username; `states` by user index: [syncEnabled, licenseType, status].
     */
    async function orgWithUsers(names, { locale, userRowLimit, states = {}, inactive = [] } = {}) {
        const modules = await preview();
        const people = ['Ada Admin', ...names].map((name, index) => ({
            index,
            id: modules.userIdAt(index),
            name,
            username: index === 0 ? 'admin@crmsync.test' : `u${index}.run@crmsync.test`,
            email: `u${index}@example.com`,
            profileName: 'Standard User',
            isActive: !inactive.includes(index - 1),
            userType: 'Standard',
            hasBackendAccount: true
        }));
        const world = {
            people,
            states: people.map((person, index) => {
                const state = states[index - 1];
                return state
                    ? {
                          syncEnabled: state[0],
                          licenseType: state[1],
                          status: STATUS_OF[state[2]],
                          lastSyncedAt: null,
                          lastError: null,
                          version: 1
                      }
                    : undefined;
            }),
            pools: [],
            imported: {},
            linkedAt: '2026-11-01T08:00:00.000Z',
            lastSyncAt: null
        };
        const org = modules.createOrg({
            userCount: people.length,
            seed: 1,
            tenant: 'linked',
            runningUserId: people[0].id,
            hasAdminPermission: true,
            labels: labels.en,
            locale,
            userRowLimit,
            world,
            callout: async (request) => assert.fail(`the user list calls out: ${request.method} ${request.path}`),
            storage: modules.memoryStorage(),
            storageKey: 'org'
        });
        modules.installOrg(org, { latencyMs: 0 });
        const ids = people.slice(1).map((person) => person.id);
        return { getUsers: (query) => modules.apex['CrmSyncAdminController.getUsers']({ query }), org, ids };
    }

    /** Every page from the first, following nextCursor. */
    async function readForward(getUsers, query) {
        const pages = [await getUsers(query)];
        while (pages.at(-1).nextCursor && pages.length < 2000) {
            pages.push(await getUsers({ ...query, cursor: pages.at(-1).nextCursor }));
        }
        return pages;
    }

    const rowIds = (pages) => pages.flatMap((page) => page.rows?.map((row) => row.userId) ?? []);
    const sizes = (pages) => pages.map((page) => page.rows?.length ?? 0);
    const token = (json) => btoa(json);

    /** The order ORDER BY <field>, Id gives for a user of the locale: collation with case and accents, then Id. */
    function byCollation(users, field, bcp47Tag) {
        const compare = new Intl.Collator(bcp47Tag, { sensitivity: 'variant' }).compare;
        return [...users].sort((a, b) => compare(a[field], b[field]) || (a.Id < b.Id ? -1 : 1)).map((user) => user.Id);
    }

    const ACCENTED = [
        'Zoë Weiß',
        'Zoe Weiss',
        'Äbel Öztürk',
        'Abel Oztürk',
        'Käthe Müller',
        'Kathe Muller',
        'Jürgen Groß',
        'Jurgen Gross',
        'jürgen groß',
        'Jürgen Groß'
    ];
    const SEVEN = [
        'Greta Gerber',
        'Anton Adler',
        'Emil Engel',
        'Clara Claussen',
        'Fritz Fuchs',
        'Berta Bauer',
        'Dora Dietrich'
    ];

    for (const [locale, tag] of [
        ['en_US', 'en-US'],
        ['de_DE', 'de-DE']
    ]) {
        test(`5,000 seeded users read by a ${locale} user: every listed user once, in that collation, and back`, async () => {
            const apex = await orgFor({ userCount: 5000, locale });
            const getUsers = apex['CrmSyncAdminController.getUsers'];
            const listed = apex.org.data.users.filter((user) => user.UserType === 'Standard' && user.IsActive);
            const pages = await readForward((query) => getUsers({ query }), { pageSize: 50 });
            assert.deepEqual(rowIds(pages), byCollation(listed, 'Name', tag), 'every user once, by name and id');
            assert.ok(pages.every((page) => page.totalCount === listed.length && !page.totalCountCapped));
            assert.equal(pages[0].previousCursor, undefined);
            const back = await getUsers({ query: { pageSize: 50, cursor: pages.at(-1).previousCursor } });
            assert.deepEqual(back.rows, pages.at(-2).rows, 'the page before the last one, again');
        });
    }

    test('accented and duplicate names read by a German user: every user once, in the German order', async () => {
        const { getUsers, org, ids } = await orgWithUsers(ACCENTED, { locale: 'de_DE' });
        const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 3 });
        assert.deepEqual(sizes(pages), [3, 3, 3, 1]);
        const users = ids.map((id) => org.data.usersById.get(id));
        assert.deepEqual(rowIds(pages), byCollation(users, 'Name', 'de-DE'));
        const names = rowIds(pages).map((id) => org.data.usersById.get(id).Name);
        assert.deepEqual(names.slice(0, 2), ['Abel Oztürk', 'Äbel Öztürk'], 'Ä sorts with A in German, after it');
        assert.deepEqual(names.slice(-2), ['Zoe Weiss', 'Zoë Weiß'], 'ë with e');
    });

    test('the order follows the running user locale: Swedish sorts Ä after Z', async () => {
        const { getUsers, org } = await orgWithUsers(['Äbel Öztürk', 'Zoe Weiss', 'Anton Adler'], { locale: 'sv_SE' });
        const [page] = await readForward(getUsers, { searchTerm: 'run' });
        const names = page.rows.map((row) => org.data.usersById.get(row.userId).Name);
        assert.deepEqual(names, ['Anton Adler', 'Zoe Weiss', 'Äbel Öztürk']);
    });

    test('a descending sort pages the exact reverse, names and ids', async () => {
        const { getUsers, org, ids } = await orgWithUsers(ACCENTED, { locale: 'de_DE' });
        const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 3, sortDirection: 'desc' });
        const users = ids.map((id) => org.data.usersById.get(id));
        assert.deepEqual(rowIds(pages), byCollation(users, 'Name', 'de-DE').reverse());
    });

    test('the exact count on every page, the last partial page, and tokens that are the starts of the pages', async () => {
        const { getUsers } = await orgWithUsers(SEVEN);
        const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 3 });
        assert.deepEqual(sizes(pages), [3, 3, 1], 'seven users in pages of three; the last holds the one left');
        assert.ok(pages.every((page) => page.totalCount === 7 && page.totalCountCapped === false));
        assert.deepEqual(
            pages.map((page) => [page.previousCursor, page.nextCursor]),
            [
                [undefined, token('{"start":3}')],
                [token('{"start":0}'), token('{"start":6}')],
                [token('{"start":3}'), undefined]
            ]
        );
    });

    test('users filling the last page exactly leave no next page', async () => {
        const { getUsers } = await orgWithUsers(SEVEN.slice(0, 6));
        const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 3 });
        assert.deepEqual(sizes(pages), [3, 3]);
        assert.equal(pages[1].nextCursor, undefined);
    });

    test('beyond the row limit the count is capped and the pages end at the limit', async () => {
        const { getUsers, org, ids } = await orgWithUsers(SEVEN.slice(0, 5), { userRowLimit: 3 });
        const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 2 });
        const users = ids.map((id) => org.data.usersById.get(id));
        assert.deepEqual(rowIds(pages), byCollation(users, 'Name', 'en-US').slice(0, 3), 'the first three by name');
        assert.deepEqual(sizes(pages), [2, 1]);
        assert.ok(pages.every((page) => page.totalCount === 3 && page.totalCountCapped === true));
    });

    test('each filter pages over exactly its users', async () => {
        const states = {
            0: [true, 'CORE', 'Synced'],
            1: [true, 'CORE', 'Error'],
            2: [false, 'CORE', 'Pending'],
            3: [false, null, 'Not_Matched'],
            4: [true, 'CORE', 'Synced']
        };
        const { getUsers, org, ids } = await orgWithUsers(SEVEN, { states, inactive: [6] });
        const expect = async (filters, indexes) => {
            const pages = await readForward(getUsers, { searchTerm: 'run', pageSize: 2, ...filters });
            const users = indexes.map((index) => org.data.usersById.get(ids[index]));
            assert.deepEqual(rowIds(pages), byCollation(users, 'Name', 'en-US'), JSON.stringify(filters));
            assert.equal(pages[0].totalCount, indexes.length, JSON.stringify(filters));
        };
        await expect({}, [0, 1, 2, 3, 4, 5]);
        await expect({ includeInactive: true }, [0, 1, 2, 3, 4, 5, 6]);
        await expect({ syncFilter: 'on' }, [0, 1, 4]);
        await expect({ syncFilter: 'off' }, [2, 3, 5]);
        await expect({ licenseFilter: 'licensed' }, [0, 1, 2, 4]);
        await expect({ licenseFilter: 'unlicensed' }, [3, 5]);
        await expect({ statusFilter: 'Synced' }, [0, 4]);
        await expect({ statusFilter: 'Error' }, [1]);
        await expect({ statusFilter: 'Pending' }, [2]);
        await expect({ statusFilter: 'Not_Matched' }, [3]);
        await expect({ syncFilter: 'on', licenseFilter: 'licensed', statusFilter: 'Synced' }, [0, 4]);
    });

    test('% and _ in the search match only themselves', async () => {
        const names = ['Una run_a', 'Udo runXa', 'Ulla run_a', 'Paul run%b', 'Pia runXYb', 'Peer run%b'];
        const { getUsers, ids } = await orgWithUsers(names);
        const found = async (searchTerm) => new Set(rowIds(await readForward(getUsers, { searchTerm, pageSize: 1 })));
        assert.deepEqual(await found('run_a'), new Set([ids[0], ids[2]]));
        assert.deepEqual(await found('run%b'), new Set([ids[3], ids[5]]));
    });

    test('page tokens: beyond the end shows the last page; not a number, negative, a fraction or the limit are refused', async () => {
        const { getUsers, org, ids } = await orgWithUsers(SEVEN);
        const last = await getUsers({ searchTerm: 'run', pageSize: 3, cursor: token('{"start": 20}') });
        const users = ids.map((id) => org.data.usersById.get(id));
        assert.deepEqual(
            last.rows.map((row) => row.userId),
            byCollation(users, 'Name', 'en-US').slice(4)
        );
        assert.deepEqual([last.previousCursor, last.nextCursor, last.totalCount], [token('{"start":1}'), undefined, 7]);
        for (const json of [
            '{"start": "3"}',
            '{"start": -3}',
            '{"start": 1.5}',
            '{"start": 100000}',
            '{"value": "x"}',
            '[3]'
        ]) {
            const error = await apexError(getUsers({ searchTerm: 'run', cursor: token(json) }));
            assert.deepEqual(
                [error.code, error.message],
                ['INVALID_INPUT', labels.en.CRM_Sync_Error_Invalid_Cursor],
                json
            );
        }
    });

    test('50,000 users: an exact count far beyond the former cap; search, filters and a descending sort', async () => {
        const apex = await orgFor({ userCount: 50000 });
        const getUsers = apex['CrmSyncAdminController.getUsers'];
        const standard = apex.org.data.users.filter((user) => user.UserType === 'Standard');
        const all = await getUsers({ query: { includeInactive: true } });
        assert.deepEqual([all.totalCount, all.totalCountCapped], [standard.length, false]);
        const found = await getUsers({
            query: { searchTerm: 'Müller', sortBy: 'email', sortDirection: 'desc', pageSize: 50 }
        });
        const müllers = standard.filter(
            (user) =>
                user.IsActive &&
                [user.Name, user.Username, user.Email].some((value) => value.toLowerCase().includes('müller'))
        );
        assert.equal(found.totalCount, müllers.length);
        assert.deepEqual(
            found.rows.map((row) => row.userId),
            byCollation(müllers, 'Email', 'en-US').reverse().slice(0, 50)
        );
        const errors = await getUsers({
            query: { statusFilter: 'Error', licenseFilter: 'licensed', syncFilter: 'on' }
        });
        assert.ok(errors.rows.every((row) => row.status === 'Error' && row.licenseType && row.syncEnabled));
        const unlicensed = await getUsers({ query: { licenseFilter: 'unlicensed', syncFilter: 'off' } });
        assert.ok(unlicensed.rows.every((row) => !row.licenseType && !row.syncEnabled));
    });
});
