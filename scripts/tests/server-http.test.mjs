// The reference backend over real HTTP (server/app.ts on a free port of 127.0.0.1, embedded PGlite): API keys and
// the org they belong to, the body rules, unknown paths, Idempotency-Key replay from the database, and state that
// survives a restart. Every answer is checked against the contract.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ADMIN, ORG, loadReferenceBackend, send, startReferenceBackend } from '../lib/reference-backend.mjs';
import { tempDirs } from './helpers.mjs';
import { assertContract, assertProblem, route } from './preview-helpers.mjs';

const OTHER_ORG = '00D7Q000004SbXyUAK';
const ALI = '0055g00000XyZ14AAF';
const tempDir = tempDirs('server-http-');
let modules;

before(async () => (modules = await loadReferenceBackend()));
after(() => modules.dispose());

/** A server on a free port over the database in `dataDir`, with a key for ORG and one for OTHER_ORG. */
const startServer = (dataDir = 'memory://', reuseKeys = undefined) =>
    startReferenceBackend(modules, { dataDir, keys: { own: ORG, other: OTHER_ORG }, reuseKeys });

/** Calls an operation; answers like the simulated backend's handle(): status, headers, body text. */
function call(server, operationId, { key, body, userId, extra = {}, raw } = {}) {
    const { method, path } = route(operationId, userId);
    return send(server, { key, method, path, body, raw, headers: extra });
}

const link = (server) =>
    call(server, 'linkOrg', {
        body: {
            purgeImportedData: false,
            instanceUrl: 'https://acme.my.salesforce.com',
            linkedBy: { userId: ADMIN, name: 'Ada Admin' }
        },
        extra: { 'Idempotency-Key': randomUUID() }
    });

describe('API keys', () => {
    let server;
    before(async () => (server = await startServer()));
    after(() => server.stop());

    test('a request without a valid key is refused with 401 problem+json', async () => {
        const answer = await call(server, 'getHealth', { key: 'csk_0000000000000000_nope' });
        const body = assertContract('getHealth', answer, answer.correlationId);
        assert.equal(answer.status, 401);
        assert.equal(body.code, 'UNAUTHENTICATED');
    });

    test('a key of another org is refused with 403', async () => {
        const answer = await call(server, 'getHealth', { key: server.keys.other });
        const body = assertProblem(answer);
        assert.equal(answer.status, 403);
        assert.equal(body.code, 'FORBIDDEN');
        assert.match(body.detail, new RegExp(OTHER_ORG));
    });

    test('the org’s own key is served', async () => {
        const answer = await call(server, 'getHealth');
        assert.equal(assertContract('getHealth', answer, answer.correlationId).status, 'ok');
    });
});

describe('bad requests get their problem and the server keeps serving', () => {
    let server;
    before(async () => {
        server = await startServer();
        await link(server);
    });
    after(() => server.stop());

    test('malformed JSON', async () => {
        const answer = await call(server, 'lookupUsers', { raw: '{"salesforceUserIds": [' });
        assert.equal(answer.status, 400);
        assert.equal(assertProblem(answer).code, 'INVALID_REQUEST');
    });

    test('a body that is not JSON', async () => {
        const answer = await call(server, 'lookupUsers', {
            raw: 'users=1',
            extra: { 'Content-Type': 'application/x-www-form-urlencoded' }
        });
        assert.equal(answer.status, 400);
        assert.equal(assertProblem(answer).errors[0].pointer, 'header:Content-Type');
    });

    test('a body over the limit', async () => {
        const answer = await call(server, 'lookupUsers', {
            raw: JSON.stringify({ salesforceUserIds: 'x'.repeat(300_000) })
        });
        assert.equal(answer.status, 400);
        assert.match(assertProblem(answer).detail, /larger than/);
    });

    test('an unknown path', async () => {
        const answer = await send(server, { method: 'GET', path: '/v2/nothing' });
        assert.equal(answer.status, 404);
        assert.equal(assertProblem(answer).code, 'NOT_FOUND');
    });

    test('and then a good request still works', async () => {
        const answer = await call(server, 'getConnection');
        assert.equal(assertContract('getConnection', answer, answer.correlationId).linkedOrgId, ORG);
    });
});

describe('state', () => {
    test('an Idempotency-Key replays the first answer and refuses another body', async () => {
        const server = await startServer();
        try {
            await link(server);
            const key = randomUUID();
            const change = { email: 'ali@example.com', syncEnabled: true };
            const first = await call(server, 'updateUser', {
                userId: ALI,
                body: change,
                extra: { 'Idempotency-Key': key, 'If-Match': '*' }
            });
            const again = await call(server, 'updateUser', {
                userId: ALI,
                body: change,
                extra: { 'Idempotency-Key': key, 'If-Match': '*' }
            });
            assert.equal(first.status, 200, first.body);
            assert.equal(again.body, first.body, 'the same answer, replayed');
            const versions = await server.db.query('SELECT version FROM user_states WHERE user_id = $1', [ALI]);
            assert.deepEqual(
                versions.map((row) => row.version),
                [1],
                'applied once'
            );
            const other = await call(server, 'updateUser', {
                userId: ALI,
                body: { ...change, syncEnabled: false },
                extra: { 'Idempotency-Key': key, 'If-Match': '*' }
            });
            assert.equal(other.status, 422);
            assert.equal(assertProblem(other).code, 'IDEMPOTENCY_KEY_REUSED');
        } finally {
            await server.stop();
        }
    });

    test('a change survives a restart of the server on the same data folder', async () => {
        const dataDir = tempDir();
        const first = await startServer(dataDir);
        await link(first);
        const changed = await call(first, 'updateUser', {
            userId: ALI,
            body: { email: 'ali@example.com', syncEnabled: true },
            extra: { 'Idempotency-Key': randomUUID(), 'If-Match': '*' }
        });
        assert.equal(changed.status, 200, changed.body);
        await first.stop();

        const second = await startServer(dataDir, first.keys);
        try {
            const answer = await call(second, 'lookupUsers', { body: { salesforceUserIds: [ALI] } });
            const body = assertContract('lookupUsers', answer, answer.correlationId);
            assert.equal(body.users[0].syncEnabled, true, JSON.stringify(body));
        } finally {
            await second.stop();
        }
    });

    test('two server processes on one database each see the changes the other made', async () => {
        const first = await startServer();
        // A second server over the same database keeps its own tenants, as another process would.
        const app = modules.app.buildServer({ db: first.db });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const second = { ...first, base: `http://127.0.0.1:${app.server.address().port}` };
        try {
            await link(first);
            const enable = (server, syncEnabled) =>
                call(server, 'updateUser', {
                    userId: ALI,
                    body: { email: 'ali@example.com', syncEnabled },
                    extra: { 'Idempotency-Key': randomUUID(), 'If-Match': '*' }
                });
            const syncOf = async (server) =>
                JSON.parse((await call(server, 'lookupUsers', { body: { salesforceUserIds: [ALI] } })).body).users[0]
                    ?.syncEnabled;
            assert.equal(await syncOf(second), undefined, 'the second server has loaded the tenant before the change');
            assert.equal((await enable(first, true)).status, 200);
            assert.equal(await syncOf(second), true, 'the second server sees the first one’s change');
            assert.equal((await enable(second, false)).status, 200);
            assert.equal(await syncOf(first), false, 'and the first one sees the second one’s');
        } finally {
            await app.close();
            await first.stop();
        }
    });

    test('what the operator sets reaches a server that has the tenant loaded', async () => {
        const server = await startServer();
        try {
            await link(server);
            await modules.operator.configureTenant(server.db, ORG, { crmAccounts: ['someone@example.com'] });
            const answer = await call(server, 'updateUser', {
                userId: ALI,
                body: { email: 'ali@example.com', syncEnabled: true },
                extra: { 'Idempotency-Key': randomUUID(), 'If-Match': '*' }
            });
            assert.equal(assertProblem(answer).code, 'USER_NOT_MATCHED');
        } finally {
            await server.stop();
        }
    });

    test('the request log names the org, route and correlation id, never the key, a user id or an email', async () => {
        const server = await startServer();
        try {
            await link(server);
            await call(server, 'updateUser', {
                userId: ALI,
                body: { email: 'ali@example.com', syncEnabled: true },
                extra: { 'Idempotency-Key': randomUUID(), 'If-Match': '*' }
            });
            const rows = await server.db.query('SELECT * FROM request_log ORDER BY id');
            assert.ok(rows.length >= 2);
            const text = JSON.stringify(rows);
            // The secret is what follows `csk_<16 hex>_`; it may itself contain "_".
            const secret = server.keys.own.slice('csk_0123456789abcdef_'.length);
            assert.ok(!text.includes(secret), 'no key secret');
            assert.ok(!text.includes(server.keys.own), 'no key');
            assert.ok(!text.includes('ali@example.com'), 'no email');
            assert.ok(!text.includes(ALI), 'no user id');
            assert.equal(rows.at(-1).route, '/v1/users/{salesforceUserId}', 'the route, not the user’s path');
            assert.equal(rows.at(-1).org_id, ORG);
        } finally {
            await server.stop();
        }
    });
});
