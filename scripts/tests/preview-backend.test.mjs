// The preview's simulated sync backend (preview/backend) against api/crm-sync-backend.openapi.yaml: every operation
// and every scenario, each answer validated against the schema the contract gives for its status (problem+json
// bodies included), with the required headers (X-Correlation-Id echo, ETag, Retry-After). Also the behaviour the
// contract describes in prose: Idempotency-Key replay, If-Match, seats, matching by email, authorization, batches.
// Run: node --test scripts/tests/preview-backend.test.mjs
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    OPERATION_IDS,
    assertContract,
    assertProblem,
    previewModules,
    route,
    simulatedBackend
} from './preview-helpers.mjs';

const preview = previewModules();
const backendFor = (options) => simulatedBackend(preview, options);

const priya = (m) => m.userIdAt(2); // no CRM account
const kaethe = (m) => m.userIdAt(3); // pending, CORE, version 3
const oliver = (m) => m.userIdAt(6); // CRM account, never synced
const email = (name) => `${name}@acme.example`;

describe('every operation answers as the contract says', () => {
    test('reads: health, connection, pools, users, settings', async () => {
        const { call, modules } = await backendFor();
        assert.equal((await call('getHealth')).body.status, 'ok');
        const connection = await call('getConnection');
        assert.equal(connection.body.connected, true);
        assert.equal(connection.body.linkedOrgId, modules.PREVIEW_ORG_ID);
        const pools = (await call('listLicensePools')).body.pools;
        assert.deepEqual(
            pools.map((pool) => [pool.licenseType, pool.isDefault]),
            [
                ['CORE', true],
                ['ADVANCED', false]
            ]
        );
        for (const pool of pools) {
            assert.equal(pool.available, pool.total - pool.assigned);
        }
        const lookup = await call('lookupUsers', { body: { salesforceUserIds: [kaethe(modules), oliver(modules)] } });
        assert.deepEqual(
            lookup.body.users.map((user) => [user.salesforceUserId, user.status]),
            [[kaethe(modules), 'pending']],
            'a user the backend does not know is absent, not an error'
        );
        const settings = await call('getAutofillSettings');
        assert.equal(settings.response.headers.ETag, `"${settings.body.version}"`);
    });

    test('updateUser: enabling takes a seat of the default pool, answers the new state with its ETag', async () => {
        const { call, modules } = await backendFor();
        const before = (await call('listLicensePools')).body.pools[0];
        const changed = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        assert.equal(changed.status, 200);
        assert.deepEqual(
            [changed.body.syncEnabled, changed.body.licenseType, changed.body.status, changed.body.version],
            [true, 'CORE', 'pending', 1]
        );
        assert.equal(changed.response.headers.ETag, '"1"');
        const after = (await call('listLicensePools')).body.pools[0];
        assert.equal(after.assigned, before.assigned + 1);
        const released = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '"1"',
            body: { email: email('oliver.brown'), licenseType: null }
        });
        assert.deepEqual([released.body.syncEnabled, released.body.licenseType], [false, null], 'no seat, no sync');
    });

    test('updateUser: stale If-Match → 409 VERSION_CONFLICT with currentVersion; unknown user → 404', async () => {
        const { call, modules } = await backendFor();
        const conflict = await call('updateUser', {
            userId: kaethe(modules),
            ifMatch: '"2"',
            body: { email: email('kaethe.mueller'), syncEnabled: false }
        });
        assert.equal(conflict.status, 409);
        assert.deepEqual([conflict.body.code, conflict.body.currentVersion], ['VERSION_CONFLICT', 3]);
        const unknown = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '"4"',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        assert.equal(unknown.status, 404);
        assert.equal(unknown.body.code, 'NOT_FOUND');
    });

    test('updateUser: an email without a CRM account → 422 USER_NOT_MATCHED', async () => {
        const { call, modules } = await backendFor();
        const result = await call('updateUser', {
            userId: priya(modules),
            ifMatch: '*',
            body: { email: email('priya.raman'), syncEnabled: true }
        });
        assert.equal(result.status, 422);
        assert.equal(result.body.code, 'USER_NOT_MATCHED');
    });

    test('updateUsers: one result per change, in order, with per-item outcomes', async () => {
        const { call, modules } = await backendFor();
        const changes = [
            { salesforceUserId: oliver(modules), email: email('oliver.brown'), syncEnabled: true },
            {
                salesforceUserId: kaethe(modules),
                email: email('kaethe.mueller'),
                syncEnabled: true,
                expectedVersion: 3
            },
            { salesforceUserId: priya(modules), email: email('priya.raman'), syncEnabled: true },
            {
                salesforceUserId: modules.userIdAt(0),
                email: email('dana.whitfield'),
                syncEnabled: false,
                expectedVersion: 9
            },
            { salesforceUserId: modules.userIdAt(1), email: email('juergen.schroeder'), licenseType: 'PLATINUM' }
        ];
        const result = await call('updateUsers', { body: { changes } });
        assert.equal(result.status, 200);
        assert.deepEqual(
            result.body.results.map((item) => [item.salesforceUserId, item.outcome, item.error?.code ?? null]),
            [
                [oliver(modules), 'updated', null],
                [kaethe(modules), 'unchanged', null],
                [priya(modules), 'not_matched', 'USER_NOT_MATCHED'],
                [modules.userIdAt(0), 'conflict', 'VERSION_CONFLICT'],
                [modules.userIdAt(1), 'invalid', 'INVALID_REQUEST']
            ]
        );
    });

    test('updateUsers: more than 200 changes or a repeated user → 400 INVALID_REQUEST', async () => {
        const { call, modules } = await backendFor({ userCount: 300 });
        const change = (index) => ({
            salesforceUserId: modules.userIdAt(index),
            email: 'a@acme.example',
            syncEnabled: false
        });
        const tooMany = await call('updateUsers', {
            body: { changes: Array.from({ length: 201 }, (_, i) => change(i)) }
        });
        assert.equal(tooMany.status, 400);
        const repeated = await call('updateUsers', { body: { changes: [change(7), change(7)] } });
        assert.equal(repeated.status, 400);
        assert.equal(repeated.body.errors[0].pointer, '/changes/1/salesforceUserId');
    });

    test('autofill: PUT with the current version saves and moves the ETag on; a stale one → 409', async () => {
        const { call } = await backendFor();
        const saved = await call('updateAutofillSettings', { ifMatch: '"3"', body: { leads: false, accounts: true } });
        assert.deepEqual(saved.body, { leads: false, accounts: true, version: 4 });
        assert.equal(saved.response.headers.ETag, '"4"');
        const stale = await call('updateAutofillSettings', { ifMatch: '"3"', body: { leads: true, accounts: true } });
        assert.deepEqual([stale.status, stale.body.code, stale.body.currentVersion], [409, 'VERSION_CONFLICT', 4]);
        const wildcard = await call('updateAutofillSettings', { ifMatch: '*', body: { leads: true, accounts: true } });
        assert.equal(wildcard.status, 400, 'settings need a real version');
    });

    test('dry run counts, unlink with and without purge, then data operations answer NOT_LINKED', async () => {
        const { call, modules } = await backendFor();
        const keep = await call('previewConnectionChange', { body: { operation: 'unlink', purgeImportedData: false } });
        assert.deepEqual(keep.body.willDelete, []);
        const purge = await call('previewConnectionChange', { body: { operation: 'unlink', purgeImportedData: true } });
        assert.deepEqual(
            purge.body.willDelete.map((count) => count.category),
            ['accounts', 'leads', 'contacts', 'activities', 'user_mappings']
        );
        assert.ok(purge.body.willDelete.every((count) => Number.isInteger(count.count)));
        const unlinked = await call('unlinkOrg', { body: { purgeImportedData: true } });
        assert.deepEqual(unlinked.body.purged, purge.body, 'the unlink deletes what the dry run said');
        assert.equal(unlinked.body.connection.connected, false);
        assert.equal((await call('unlinkOrg', { body: { purgeImportedData: false } })).body.code, 'NOT_LINKED');
        const lookup = await call('lookupUsers', { body: { salesforceUserIds: [oliver(modules)] } });
        assert.equal(lookup.body.code, 'NOT_LINKED');
        const again = await call('previewConnectionChange', { body: { operation: 'link', purgeImportedData: true } });
        assert.ok(
            again.body.willDelete.every((count) => count.count === 0),
            'purged data is gone'
        );
        const linkedBy = { userId: modules.userIdAt(0), name: 'Dana Whitfield' };
        const linked = await call('linkOrg', {
            body: { purgeImportedData: false, instanceUrl: 'https://acme.my.salesforce.com', linkedBy }
        });
        assert.deepEqual([linked.status, linked.body.connected], [200, true]);
    });

    test('pause keeps the link and says why, who and when; changes still land; resume clears it', async () => {
        const { call, modules } = await backendFor();
        const admin = { userId: modules.userIdAt(0), name: 'Dana Whitfield' };
        const paused = await call('pauseSync', { body: { reason: 'Data migration', pausedBy: admin } });
        assert.equal(paused.status, 200);
        assert.deepEqual(
            [paused.body.connected, paused.body.paused, paused.body.pause.reason, paused.body.pause.pausedBy],
            [true, true, 'Data migration', admin]
        );
        assert.equal(paused.body.pause.pausedAt, '2026-11-29T10:00:00.000Z');
        assert.equal((await call('getConnection')).body.paused, true, 'the connection reports the pause');
        const change = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        assert.equal(change.status, 200, 'a change while paused is stored, to take effect on resume');
        const resumed = await call('resumeSync', { body: { resumedBy: admin } });
        assert.deepEqual([resumed.status, resumed.body.paused, resumed.body.pause], [200, false, null]);
    });

    test('pause: a blank reason → 400 naming /reason; an org not linked → 409 NOT_LINKED', async () => {
        const { call, modules } = await backendFor();
        const admin = { userId: modules.userIdAt(0), name: 'Dana Whitfield' };
        const blank = await call('pauseSync', { body: { reason: '  ', pausedBy: admin } });
        assert.equal(blank.status, 400);
        assert.deepEqual(
            blank.body.errors.map((param) => param.pointer),
            ['/reason']
        );
        await call('unlinkOrg', { body: { purgeImportedData: false } });
        assert.equal((await call('pauseSync', { body: { reason: 'x', pausedBy: admin } })).body.code, 'NOT_LINKED');
        assert.equal((await call('resumeSync', { body: { resumedBy: admin } })).body.code, 'NOT_LINKED');
    });

    test('a purge deletes the user mappings, not the CRM accounts: once linked again, users match by email', async () => {
        const storage = (await preview()).memoryStorage();
        const first = await backendFor({ storage });
        const { modules } = first;
        const link = (purgeImportedData) => ({
            body: {
                purgeImportedData,
                instanceUrl: 'https://acme.my.salesforce.com',
                linkedBy: { userId: modules.userIdAt(0), name: 'Dana Whitfield' }
            }
        });
        assert.equal((await first.call('unlinkOrg', { body: { purgeImportedData: true } })).status, 200);
        // A reload in between: the stored data says the mappings are gone, and the accounts are still the CRM's.
        const { call } = await backendFor({ storage });
        assert.equal((await call('linkOrg', link(false))).status, 200);
        const known = await call('lookupUsers', { body: { salesforceUserIds: [kaethe(modules), oliver(modules)] } });
        assert.deepEqual(known.body.users, [], 'no user mapping is left');

        const enabled = await call('updateUser', {
            userId: kaethe(modules),
            ifMatch: '*',
            body: { email: email('kaethe.mueller'), syncEnabled: true }
        });
        assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
        assert.deepEqual(
            [enabled.body.syncEnabled, enabled.body.licenseType, enabled.body.status, enabled.body.version],
            [true, 'CORE', 'pending', 1]
        );
        const batch = await call('updateUsers', {
            body: {
                changes: [
                    { salesforceUserId: oliver(modules), email: email('oliver.brown'), syncEnabled: true },
                    { salesforceUserId: priya(modules), email: email('priya.raman'), syncEnabled: true }
                ]
            }
        });
        assert.deepEqual(
            batch.body.results.map((item) => item.outcome),
            ['updated', 'not_matched'],
            'matched by email as before; a user without a CRM account still is not'
        );

        // Linking again with purge while linked ("Change" → "Continue") deletes the new mappings, not the accounts.
        assert.equal((await call('linkOrg', link(true))).status, 200);
        const again = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), licenseType: 'ADVANCED' }
        });
        assert.deepEqual([again.status, again.body.licenseType, again.body.version], [200, 'ADVANCED', 1]);
    });
});

describe('a fresh tenant authorizes on its first link', () => {
    test('202 with an https authorization page, the page authorizes, the next link is 200; the old key replays 202', async () => {
        const { call, backend, modules } = await backendFor({ tenant: 'fresh' });
        const body = {
            purgeImportedData: false,
            instanceUrl: 'https://acme.my.salesforce.com',
            linkedBy: { userId: modules.userIdAt(0), name: 'Dana Whitfield' }
        };
        const first = await call('linkOrg', { body });
        assert.equal(first.status, 202);
        const token = new URL(first.body.authorizationUrl).searchParams.get('request');
        assert.equal(backend.authorize(token), 'authorized');
        const replay = await backend.handle(first.request);
        assert.equal(replay.status, 202, 'reusing the key replays the first answer');
        const second = await call('linkOrg', { body });
        assert.deepEqual([second.status, second.body.connected], [200, true]);
        assert.equal(backend.authorize('not-a-token'), 'authorized', 'an authorized tenant stays authorized');
    });
});

describe('Idempotency-Key', () => {
    test('the same key and body replay the first answer exactly; another body → 422 IDEMPOTENCY_KEY_REUSED', async () => {
        const { call, backend, modules } = await backendFor();
        const first = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        const replay = await backend.handle(first.request);
        assert.deepEqual(replay, first.response, 'status, headers and body replayed');
        const reused = await backend.handle({
            ...first.request,
            body: JSON.stringify({ email: email('oliver.brown'), syncEnabled: false })
        });
        assert.equal(reused.status, 422);
        assert.equal(assertContract('updateUser', reused).code, 'IDEMPOTENCY_KEY_REUSED');
    });

    test('a mutation without a key, or a request without its audit headers → 400 naming the header', async () => {
        const { call, modules } = await backendFor();
        const noKey = await call('updateUsers', {
            headers: { 'Idempotency-Key': undefined },
            body: { changes: [{ salesforceUserId: oliver(modules), email: email('oliver.brown'), syncEnabled: true }] }
        });
        assert.deepEqual([noKey.status, noKey.body.errors[0].pointer], [400, 'header:Idempotency-Key']);
        const noCorrelation = await call('getConnection', { headers: { 'X-Correlation-Id': undefined } });
        assert.equal(
            noCorrelation.status,
            400,
            'the answer still carries a correlation id (checked by assertContract)'
        );
        const badOrg = await call('getHealth', { headers: { 'X-Salesforce-Org-Id': '00D7Q000004SbXyAAA' } });
        assert.deepEqual([badOrg.status, badOrg.body.errors[0].pointer], [400, 'header:X-Salesforce-Org-Id']);
        const readOnlyWithKey = await call('lookupUsers', {
            headers: { 'Idempotency-Key': randomUUID() },
            body: { salesforceUserIds: [oliver(modules)] }
        });
        assert.equal(readOnlyWithKey.status, 200, 'a read-only POST ignores a key');
    });

    test('an unknown path → 404 problem', async () => {
        const { backend } = await backendFor();
        const response = await backend.handle({ method: 'GET', path: '/v1/nothing', headers: {} });
        assert.equal(response.status, 404);
        assert.equal(assertProblem(response).code, 'NOT_FOUND');
    });
});

describe('scenarios', () => {
    test('down: every call fails like a refused connection (Apex CalloutException)', async () => {
        const { backend, modules } = await backendFor({ scenario: 'down' });
        for (const operationId of OPERATION_IDS) {
            await assert.rejects(
                backend.handle({ ...route(operationId, modules.userIdAt(0)), headers: {} }),
                (error) => {
                    assert.equal(error.name, 'CalloutException');
                    assert.match(error.message, /refused/i);
                    return true;
                }
            );
        }
    });

    test('unauthorized: every operation answers 401 UNAUTHENTICATED with WWW-Authenticate', async () => {
        const { call, modules } = await backendFor({ scenario: 'unauthorized' });
        for (const operationId of OPERATION_IDS) {
            const result = await call(operationId, { userId: oliver(modules), ifMatch: '*' });
            assert.deepEqual([result.status, result.body.code], [401, 'UNAUTHENTICATED'], operationId);
            assert.match(result.response.headers['WWW-Authenticate'], /^Bearer /);
        }
    });

    test('seats-exhausted: no pool has a free seat; enabling a user without a license → 409 SEATS_EXHAUSTED', async () => {
        const { call, modules } = await backendFor({ scenario: 'seats-exhausted' });
        const pools = (await call('listLicensePools')).body.pools;
        assert.ok(pools.every((pool) => pool.available === 0));
        const result = await call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        assert.deepEqual([result.status, result.body.code, result.body.licenseType], [409, 'SEATS_EXHAUSTED', 'CORE']);
    });

    test('slow: every call waits 2 s first', async () => {
        const { call, sleeps } = await backendFor({ scenario: 'slow' });
        await call('getHealth');
        await call('getConnection');
        assert.deepEqual(sleeps, [2000, 2000]);
        assert.equal((await call('getHealth')).body.status, 'degraded');
    });

    test('conflict: the next change of a known user is refused with the version another admin just saved', async () => {
        const { call, modules } = await backendFor({ scenario: 'conflict' });
        const change = { email: email('kaethe.mueller'), syncEnabled: false };
        const first = await call('updateUser', { userId: kaethe(modules), ifMatch: '"3"', body: change });
        assert.deepEqual([first.status, first.body.code, first.body.currentVersion], [409, 'VERSION_CONFLICT', 4]);
        const retried = await call('updateUser', { userId: kaethe(modules), ifMatch: '"4"', body: change });
        assert.equal(retried.status, 200, 'with the current version the change goes through');
    });

    test('rate-limited: 429 RATE_LIMITED with Retry-After and the same retryAfterSeconds', async () => {
        const { call } = await backendFor({ scenario: 'rate-limited' });
        const result = await call('getConnection');
        assert.deepEqual([result.status, result.body.code], [429, 'RATE_LIMITED']);
        assert.equal(Number(result.response.headers['Retry-After']), result.body.retryAfterSeconds);
    });

    test('the normal limit: the 601st request within 60 s is refused until the window moves on', async () => {
        const { call, clock } = await backendFor();
        for (let i = 0; i < 600; i++) {
            assert.equal((await call('getHealth')).status, 200);
        }
        clock.now += 30000;
        const limited = await call('getHealth');
        assert.deepEqual([limited.status, limited.response.headers['Retry-After']], [429, '30']);
        clock.now += 30000;
        assert.equal((await call('getHealth')).status, 200);
    });

    test('paused: the tenant starts paused once; a resume holds for the next visit', async () => {
        const modules = await preview();
        const storage = modules.memoryStorage();
        const first = await backendFor({ scenario: 'paused', storage });
        const connection = await first.call('getConnection');
        assert.equal(connection.body.paused, true);
        assert.equal(connection.body.pause.reason, 'Data migration until Friday');
        await first.call('resumeSync', {
            body: { resumedBy: { userId: modules.userIdAt(0), name: 'Dana Whitfield' } }
        });
        const again = await backendFor({ scenario: 'paused', storage });
        assert.equal((await again.call('getConnection')).body.paused, false);
    });

    test('a sandbox refreshed from production: data operations → 409 ORG_MISMATCH, connection and health answer', async () => {
        const { call, modules } = await backendFor({ tenant: 'mismatch' });
        const connection = await call('getConnection');
        assert.equal(connection.body.linkedOrgId, modules.OTHER_ORG_ID);
        assert.equal((await call('getHealth')).status, 200);
        for (const operationId of ['listLicensePools', 'getAutofillSettings']) {
            assert.equal((await call(operationId)).body.code, 'ORG_MISMATCH', operationId);
        }
        const dryRun = await call('previewConnectionChange', { body: { operation: 'link', purgeImportedData: false } });
        assert.equal(dryRun.body.code, 'ORG_ALREADY_LINKED');
    });
});

describe('state', () => {
    test('survives a new backend on the same storage; a started sync finishes after 10 s', async () => {
        const storage = (await preview()).memoryStorage();
        const first = await backendFor({ storage });
        await first.call('updateUser', {
            userId: oliver(first.modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        const second = await backendFor({ storage });
        second.clock.now = first.clock.now + 10000;
        const lookup = await second.call('lookupUsers', { body: { salesforceUserIds: [oliver(second.modules)] } });
        assert.deepEqual([lookup.body.users[0].syncEnabled, lookup.body.users[0].status], [true, 'synced']);
    });

    test('50,000 users: the seed is rebuilt, only changes are stored', async () => {
        const storage = (await preview()).memoryStorage();
        const { call, modules } = await backendFor({ userCount: 50000, storage });
        const people = modules.seedWorld(50000, 1, 'linked').people;
        // Each user with the email the org has for them, as the org sends it: nothing new to learn about emails.
        const changes = Array.from({ length: 200 }, (_, i) => ({
            salesforceUserId: modules.userIdAt(1000 + i),
            email: people[1000 + i].email,
            syncEnabled: false
        }));
        assert.equal((await call('updateUsers', { body: { changes } })).status, 200);
        const stored = storage.getItem('backend');
        assert.ok(stored.length < 20000, `stored ${stored.length} characters`);
    });

    test('changes never alter the world a backend starts from: the reference backend reuses it', async () => {
        const modules = await preview();
        const world = modules.seedWorld(200, 1, 'linked');
        const pristine = JSON.stringify(world.states);
        const storage = modules.memoryStorage();
        const first = await backendFor({ storage, world });
        const mappings = async ({ call }) =>
            (
                await call('previewConnectionChange', { body: { operation: 'unlink', purgeImportedData: true } })
            ).body.willDelete.find((count) => count.category === 'user_mappings').count;
        const before = await mappings(first);
        await first.call('updateUser', {
            userId: kaethe(modules),
            ifMatch: '"3"',
            body: { email: email('kaethe.mueller'), syncEnabled: false }
        });
        await first.call('updateUser', {
            userId: oliver(modules),
            ifMatch: '*',
            body: { email: email('oliver.brown'), syncEnabled: true }
        });
        first.clock.now += 10000;
        await first.call('lookupUsers', { body: { salesforceUserIds: [oliver(modules)] } });
        assert.equal(JSON.stringify(world.states), pristine, 'the world is as it was');
        assert.equal(await mappings(first), before + 1, 'one user more: Oliver was never synced before');

        const again = await backendFor({ storage, world });
        again.clock.now = first.clock.now;
        const seen = await again.call('lookupUsers', {
            body: { salesforceUserIds: [kaethe(modules), oliver(modules)] }
        });
        assert.deepEqual(
            seen.body.users.map((user) => [user.syncEnabled, user.version, user.status]),
            [
                [false, 4, 'pending'],
                [true, 1, 'synced']
            ],
            'a backend on the same world and storage sees both changes, Oliver’s sync finished'
        );
        const fresh = await backendFor({ world });
        const original = await fresh.call('lookupUsers', { body: { salesforceUserIds: [kaethe(modules)] } });
        assert.deepEqual(
            [original.body.users[0].version, original.body.users[0].status],
            [3, 'pending'],
            'one on the world alone sees the seed'
        );
    });

    test('the backend keeps the email a change sends when it differs from the one it knew', async () => {
        const storage = (await preview()).memoryStorage();
        const { call, modules } = await backendFor({ storage });
        const changes = [{ salesforceUserId: oliver(modules), email: 'oliver.new@acme.example', syncEnabled: false }];
        assert.equal((await call('updateUsers', { body: { changes } })).status, 200);
        const stored = JSON.parse(storage.getItem('backend'));
        assert.deepEqual(stored.learnedEmails, { [oliver(modules)]: 'oliver.new@acme.example' });
    });
});
