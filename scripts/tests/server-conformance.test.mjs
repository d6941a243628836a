// Conformance of the reference backend (server/) over real HTTP, on a free port of 127.0.0.1: every operation of
// api/crm-sync-backend.openapi.yaml, every success status it lists, every problem code, every request fixture in
// api/fixtures sent as a request (the valid ones accepted, the invalid ones refused with a 400 naming the field).
// Every answer is validated against the contract. The last tests check that the suite reached everything the
// contract lists, so an operation, a status, a code or a fixture added to the contract fails here until the server
// serves it and this suite sends it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ORG, loadReferenceBackend, send, startReferenceBackend } from '../lib/reference-backend.mjs';
import { repoRoot } from './helpers.mjs';
import { CONTRACT, CONTRACT_OPERATIONS, assertContract, route, schemaErrors } from './preview-helpers.mjs';

const FIXTURES = path.join(repoRoot, 'api/fixtures');
/** A sandbox of ORG whose key serves ORG's tenant: the org that is not the linked one. */
const SANDBOX = '00D7Q000004SbXyUAK';
const PUBLIC_URL = 'https://crm-sync-reference.test';
const USERS = {
    dana: '0055g00000XyZ12AAF',
    li: '0055g00000XyZ13AAF',
    priya: '0055g00000XyZ14AAF',
    marco: '0055g00000XyZ16AAF',
    tom: '0055g00000XyZ17AAF'
};

/** operationId → the request schema's name, from the contract. */
const requestSchemaOf = new Map(
    [...CONTRACT_OPERATIONS].flatMap(([operationId, operation]) => {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        return ref ? [[operationId, ref.split('/').pop()]] : [];
    })
);
const operationFor = new Map([...requestSchemaOf].map(([operationId, schema]) => [schema, operationId]));
const needsIdempotencyKey = (operationId) =>
    (CONTRACT_OPERATIONS.get(operationId).parameters ?? []).some((parameter) =>
        parameter.$ref?.endsWith('/IdempotencyKey')
    );

function fixtureFiles(...parts) {
    const dir = path.join(FIXTURES, ...parts);
    return readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => path.join(dir, name));
}
const fixture = (schema, name) => JSON.parse(readFileSync(path.join(FIXTURES, schema, `${name}.json`), 'utf8'));

/** What the suite reached: statuses per operation, problem codes, fixture files sent. */
const reached = new Map([...CONTRACT_OPERATIONS.keys()].map((operationId) => [operationId, new Set()]));
const codes = new Set();
const sentFixtures = new Set();

let modules;
before(async () => (modules = await loadReferenceBackend()));
after(() => modules.dispose());

/**
 * Calls an operation as the org's client does (a new Idempotency-Key for a state-changing one), validates the answer
 * against the contract and records its status and code. `fixtureFile` marks a request fixture as sent.
 */
async function call(server, operationId, { key, userId, body, headers = {}, query, orgId, fixtureFile } = {}) {
    const { method, path: operationPath } = route(operationId, userId);
    if (fixtureFile) {
        sentFixtures.add(fixtureFile);
    }
    const answer = await send(server, {
        key,
        method,
        path: query ? `${operationPath}?${new URLSearchParams(query)}` : operationPath,
        body: fixtureFile ? JSON.parse(readFileSync(fixtureFile, 'utf8')) : body,
        headers: {
            ...(needsIdempotencyKey(operationId) ? { 'Idempotency-Key': randomUUID() } : {}),
            ...(orgId ? { 'X-Salesforce-Org-Id': orgId } : {}),
            ...headers
        }
    });
    const json = assertContract(operationId, answer, answer.correlationId);
    reached.get(operationId).add(answer.status);
    if (answer.status >= 400) {
        codes.add(json.code);
    }
    return { ...answer, json };
}

/** Sends a valid request fixture and expects a 2xx answer. */
async function accepted(server, schema, name, options = {}) {
    const operationId = operationFor.get(schema);
    const answer = await call(server, operationId, {
        ...options,
        fixtureFile: path.join(FIXTURES, schema, `${name}.json`)
    });
    assert.ok(answer.status < 300, `${schema}/${name}.json → ${operationId}: ${answer.status} ${answer.body}`);
    return answer;
}

const etag = (version) => `"${version}"`;

describe('an admin’s whole journey, every valid request fixture', () => {
    let server;
    before(async () => {
        server = await startReferenceBackend(modules, { publicUrl: PUBLIC_URL });
    });
    after(() => server.stop());

    test('before the link, health and connection answer and data operations answer NOT_LINKED', async () => {
        const health = (await call(server, 'getHealth')).json;
        assert.equal(health.status, 'ok');
        assert.match(health.backendVersion, /-reference$/, 'the health check says which backend answered');
        assert.equal((await call(server, 'getConnection')).json.linkedOrgId, null);
        const lookup = await call(server, 'lookupUsers', { body: fixture('UserLookupRequest', 'three-users') });
        assert.equal(lookup.json.code, 'NOT_LINKED');
    });

    test('a tenant that requires authorization answers 202; its page allows access; the link then succeeds', async () => {
        await modules.operator.configureTenant(server.db, ORG, { requireAuthorization: true });
        const first = await accepted(server, 'LinkRequest', 'first-link');
        assert.equal(first.status, 202);
        const url = new URL(first.json.authorizationUrl);
        assert.equal(url.origin, PUBLIC_URL, 'the page is served at the backend’s public address');

        const pageUrl = `${server.base}${url.pathname}${url.search}`;
        const shown = await fetch(pageUrl);
        const html = await shown.text();
        assert.equal(shown.status, 200, html);
        assert.equal(shown.headers.get('x-frame-options'), 'DENY', 'the consent page cannot be framed');
        assert.match(html, /<form method="post" action="\/authorize">/);
        assert.match(html, new RegExp(ORG), 'the page names the tenant’s org');

        const allowed = await fetch(`${server.base}/authorize`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ request: url.searchParams.get('request') })
        });
        assert.match(await allowed.text(), /Access allowed/);
        const again = await fetch(pageUrl);
        assert.equal(again.status, 404, 'a used link is unknown afterwards');

        const linked = await accepted(server, 'LinkRequest', 'first-link');
        assert.equal(linked.status, 200);
        assert.equal(linked.json.linkedOrgId, ORG);
    });

    test('reads: the seat pools and the autofill settings', async () => {
        assert.ok((await call(server, 'listLicensePools')).json.pools.length > 0);
        assert.equal((await call(server, 'getAutofillSettings')).status, 200);
    });

    test('dry runs of a link and an unlink say what a purge would delete', async () => {
        for (const name of ['link-with-purge', 'unlink-with-purge']) {
            await accepted(server, 'DryRunRequest', name);
        }
    });

    test('user changes: enable, assign and remove a license, disable; then one batch', async () => {
        for (const [name, user] of [
            ['enable', USERS.li],
            ['assign-license', USERS.priya],
            ['remove-license', USERS.tom],
            ['disable', USERS.dana]
        ]) {
            const answer = await accepted(server, 'UserChange', name, { userId: user, headers: { 'If-Match': '*' } });
            assert.equal(answer.json.salesforceUserId, user);
            assert.equal(answer.headers.etag, etag(answer.json.version), 'the ETag is the new version');
        }
        const batch = await accepted(server, 'UserBatch', 'mixed');
        assert.equal(batch.json.results.length, fixture('UserBatch', 'mixed').changes.length, 'one result per change');
        const lookup = await accepted(server, 'UserLookupRequest', 'three-users');
        assert.ok(lookup.json.users.length > 0, 'the changed users are known now');
    });

    test('autofill: each update with the current version saves it', async () => {
        for (const name of ['both', 'leads-only']) {
            const current = await call(server, 'getAutofillSettings');
            const saved = await accepted(server, 'AutofillSettingsUpdate', name, {
                headers: { 'If-Match': etag(current.json.version) }
            });
            assert.equal(saved.json.version, current.json.version + 1);
        }
    });

    test('sync errors: a page of them, and a retry of ids the backend may not know', async () => {
        assert.equal((await call(server, 'listSyncErrors', { query: { limit: '50' } })).status, 200);
        const retried = await accepted(server, 'SyncErrorRetryRequest', 'two-errors');
        assert.equal(retried.json.results.length, 2);
    });

    test('pause and resume keep the link', async () => {
        await accepted(server, 'PauseRequest', 'data-migration');
        await accepted(server, 'ResumeRequest', 'resume');
        assert.equal((await call(server, 'getConnection')).json.linkedOrgId, ORG);
    });

    test('unlink keeping the data, link again purging what was imported, unlink purging', async () => {
        await accepted(server, 'UnlinkRequest', 'keep');
        await accepted(server, 'LinkRequest', 'purge-previous');
        const purged = await accepted(server, 'UnlinkRequest', 'purge');
        assert.equal(purged.status, 200);
        assert.equal((await call(server, 'getConnection')).json.linkedOrgId, null);
    });
});

describe('every problem code, each from a real cause', () => {
    let server;
    before(async () => {
        server = await startReferenceBackend(modules, {
            publicUrl: PUBLIC_URL,
            keys: { own: ORG, sandbox: [SANDBOX, ORG] }
        });
        await call(server, 'linkOrg', { body: fixture('LinkRequest', 'first-link') });
    });
    after(() => server.stop());

    const code = async (expected, answerPromise) => {
        const answer = await answerPromise;
        assert.equal(answer.json.code, expected, answer.body);
        return answer;
    };

    test('UNAUTHENTICATED: an unknown key, with WWW-Authenticate', async () => {
        const answer = await code('UNAUTHENTICATED', call(server, 'getHealth', { key: 'csk_0123456789abcdef_nope' }));
        assert.match(answer.headers['www-authenticate'], /^Bearer/);
    });

    test('FORBIDDEN: a key used for another org than its own', async () => {
        await code('FORBIDDEN', call(server, 'getHealth', { key: server.keys.sandbox, orgId: ORG }));
    });

    test('ORG_MISMATCH and ORG_ALREADY_LINKED: a sandbox on production’s tenant, which stays linked to production', async () => {
        const options = { key: server.keys.sandbox, orgId: SANDBOX };
        const connection = await call(server, 'getConnection', options);
        assert.equal(connection.json.linkedOrgId, ORG, 'the connection says which org is linked');
        await code(
            'ORG_MISMATCH',
            call(server, 'lookupUsers', { ...options, body: { salesforceUserIds: [USERS.li] } })
        );
        await code(
            'ORG_ALREADY_LINKED',
            call(server, 'linkOrg', { ...options, body: fixture('LinkRequest', 'first-link') })
        );
    });

    test('NOT_FOUND: a change with a version of a user the backend does not know', async () => {
        await code(
            'NOT_FOUND',
            call(server, 'updateUser', {
                userId: USERS.marco,
                body: { email: 'marco.rossi@acme.example', syncEnabled: true },
                headers: { 'If-Match': etag(4) }
            })
        );
    });

    test('VERSION_CONFLICT: a change with a stale version, answered with the current one', async () => {
        const change = { email: 'li.wei@acme.example', syncEnabled: true };
        const first = await call(server, 'updateUser', {
            userId: USERS.li,
            body: change,
            headers: { 'If-Match': '*' }
        });
        const stale = await code(
            'VERSION_CONFLICT',
            call(server, 'updateUser', {
                userId: USERS.li,
                body: { ...change, syncEnabled: false },
                headers: { 'If-Match': etag(first.json.version + 5) }
            })
        );
        assert.equal(stale.json.currentVersion, first.json.version);
    });

    test('SEATS_EXHAUSTED: a license from a pool the operator gave no seats', async () => {
        const pools = (await call(server, 'listLicensePools')).json.pools;
        const text = [...pools.map((pool) => `${pool.licenseType}:${pool.total}`), 'SOLO:0'].join(',');
        await modules.operator.configureTenant(server.db, ORG, { pools: modules.operator.parsePools(text) });
        await code(
            'SEATS_EXHAUSTED',
            call(server, 'updateUser', {
                userId: USERS.priya,
                body: { email: 'priya.raman@acme.example', licenseType: 'SOLO' },
                headers: { 'If-Match': '*' }
            })
        );
    });

    test('USER_NOT_MATCHED: an email the tenant’s CRM has no account for', async () => {
        await modules.operator.configureTenant(server.db, ORG, { crmAccounts: ['dana.whitfield@acme.example'] });
        await code(
            'USER_NOT_MATCHED',
            call(server, 'updateUser', {
                userId: USERS.tom,
                body: { email: 'tom.okafor@acme.example', syncEnabled: true },
                headers: { 'If-Match': '*' }
            })
        );
        await modules.operator.configureTenant(server.db, ORG, { matchAll: true });
    });

    test('IDEMPOTENCY_KEY_REUSED: one key, another body', async () => {
        const key = randomUUID();
        const change = (syncEnabled) =>
            call(server, 'updateUser', {
                userId: USERS.dana,
                body: { email: 'dana.whitfield@acme.example', syncEnabled },
                headers: { 'If-Match': '*', 'Idempotency-Key': key }
            });
        assert.equal((await change(true)).status, 200);
        await code('IDEMPOTENCY_KEY_REUSED', change(false));
    });

    test('UNAVAILABLE: scheduled maintenance, with Retry-After; afterwards the server serves again', async () => {
        await modules.operator.setMaintenance(server.db, 5, Date.now());
        const answer = await code('UNAVAILABLE', call(server, 'getConnection'));
        assert.ok(Number(answer.headers['retry-after']) > 290, answer.headers['retry-after']);
        await modules.operator.setMaintenance(server.db, 0, Date.now());
        assert.equal((await call(server, 'getConnection')).status, 200);
    });

    test('RATE_LIMITED: over the limit per key, with Retry-After', async () => {
        const limited = await startReferenceBackend(modules, { rateLimit: 2 });
        try {
            await call(limited, 'getHealth');
            await call(limited, 'getHealth');
            const answer = await code('RATE_LIMITED', call(limited, 'getHealth'));
            assert.equal(answer.headers['retry-after'], String(answer.json.retryAfterSeconds));
        } finally {
            await limited.stop();
        }
    });

    test('INTERNAL: a tenant that requires authorization on a server with no public address', async () => {
        const nowhere = await startReferenceBackend(modules);
        try {
            await modules.operator.configureTenant(nowhere.db, ORG, { requireAuthorization: true });
            await code('INTERNAL', call(nowhere, 'linkOrg', { body: fixture('LinkRequest', 'first-link') }));
        } finally {
            await nowhere.stop();
        }
    });
});

/** Where Ajv says the fixture goes wrong: the missing or unknown property, or the value's own path. */
function expectedPointers(schema, value) {
    return schemaErrors(`#/components/schemas/${schema}`, value)
        .filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword))
        .map((error) => {
            const field = error.params.missingProperty ?? error.params.additionalProperty;
            return field === undefined ? error.instancePath : `${error.instancePath}/${field}`;
        });
}

describe('every invalid request fixture is refused with 400 naming the field', () => {
    let server;
    before(async () => {
        server = await startReferenceBackend(modules);
        await call(server, 'linkOrg', { body: fixture('LinkRequest', 'first-link') });
    });
    after(() => server.stop());

    for (const [operationId, schema] of requestSchemaOf) {
        for (const file of fixtureFiles('invalid', schema)) {
            test(`${schema}/${path.basename(file)} → ${operationId}`, async () => {
                const value = JSON.parse(readFileSync(file, 'utf8'));
                const expected = expectedPointers(schema, value);
                assert.ok(expected.length > 0, `${file} is valid against ${schema}; an invalid fixture must not be`);
                // A valid If-Match where the operation takes one, so only the body can be wrong.
                const settings = (await call(server, 'getAutofillSettings')).json;
                const answer = await call(server, operationId, {
                    userId: USERS.li,
                    fixtureFile: file,
                    headers: { 'If-Match': operationId === 'updateAutofillSettings' ? etag(settings.version) : '*' }
                });
                assert.equal(answer.status, 400, answer.body);
                assert.equal(answer.json.code, 'INVALID_REQUEST');
                const named = answer.json.errors.map((error) => error.pointer);
                assert.ok(
                    named.some((pointer) =>
                        expected.some((field) => pointer === field || pointer.startsWith(`${field}/`))
                    ),
                    `the answer names ${JSON.stringify(named)}; the contract finds ${JSON.stringify(expected)}`
                );
            });
        }
    }
});

describe('the suite reached the whole contract', () => {
    test('every success status each operation lists was answered', () => {
        const missing = [...CONTRACT_OPERATIONS].flatMap(([operationId, operation]) =>
            Object.keys(operation.responses)
                .filter((status) => status.startsWith('2') && !reached.get(operationId).has(Number(status)))
                .map((status) => `${operationId} ${status}`)
        );
        assert.deepEqual(missing, [], 'success answers no test reached');
    });

    test('every problem code of the contract was answered', () => {
        const all = CONTRACT.components.schemas.ProblemCode.enum;
        assert.deepEqual(
            all.filter((problemCode) => !codes.has(problemCode)),
            [],
            'problem codes no test reached'
        );
    });

    test('every request fixture, valid and invalid, was sent', () => {
        const all = [...requestSchemaOf.values()].flatMap((schema) => [
            ...fixtureFiles(schema),
            ...fixtureFiles('invalid', schema)
        ]);
        assert.deepEqual(
            all.filter((file) => !sentFixtures.has(file)).map((file) => path.relative(FIXTURES, file)),
            [],
            'request fixtures no test sent'
        );
    });
});
