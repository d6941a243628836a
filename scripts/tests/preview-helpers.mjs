// What the preview tests share: the simulated backend and org bundled from their TypeScript for Node (the same code
// the page runs), their Map-backed storage, and a checker that validates an answer against the OpenAPI contract — the
// status must be one the operation lists, the body must match that response's schema, the required headers must be
// there and match theirs. The whole document is registered with Ajv under one $id (as in check-contract.mjs), so
// `$ref`s resolve as written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { bundleForNode } from '../../preview/build/bundle-for-node.mjs';
import { readLabelTexts } from '../../preview/build/labels.mjs';
import { SPEC_ID, contractAjv } from '../lib/contract-schema.mjs';
import { repoRoot, tempDirs } from './helpers.mjs';

export const labels = readLabelTexts(repoRoot);

/** preview/persist.ts as bundled by the first previewModules() that loaded. */
let persist;

/** Call at the top level of a test file: resolves to the bundled preview modules. */
export function previewModules() {
    const tempDir = tempDirs('preview-test-');
    let loaded;
    return () => {
        loaded ??= (async () => {
            const files = await bundleForNode(tempDir());
            const load = async (name) => import(files[name]);
            const apex = {};
            for (const name of Object.keys(files).filter((entry) => entry.startsWith('apex/'))) {
                apex[name.slice('apex/'.length)] = (await load(name)).default;
            }
            persist ??= await load('persist');
            return {
                ...(await load('backend')),
                ...(await load('org')),
                ...(await load('runtime')),
                ...(await load('seed')),
                ...(await load('ids')),
                ...(await load('params')),
                ...(await load('persist')),
                ...(await load('queue')),
                ...(await load('jobs')),
                ...(await load('seat-release')),
                ...(await load('activity')),
                apex
            };
        })();
        return loaded;
    };
}

/** The preview's own Map-backed storage (preview/persist.ts); call it once the preview modules have loaded. */
export function memoryStorage() {
    if (!persist) {
        throw new Error('memoryStorage() needs the bundled preview: await the previewModules() function first');
    }
    return persist.memoryStorage();
}

const spec = parse(readFileSync(path.join(repoRoot, 'api/crm-sync-backend.openapi.yaml'), 'utf8'));
const ajv = contractAjv(spec);

/** `#/components/…` → the object, following `$ref` chains. */
function resolve(node) {
    let current = node;
    while (current?.$ref) {
        current = current.$ref
            .slice(2)
            .split('/')
            .reduce((value, key) => value[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    }
    return current;
}

const validators = new Map();
function validatorFor(ref) {
    if (!validators.has(ref)) {
        validators.set(ref, ajv.compile({ $ref: `${SPEC_ID}${ref}` }));
    }
    return validators.get(ref);
}

/** operationId → its operation object. */
const operations = new Map();
for (const [specPath, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
        if (operation?.operationId) {
            operations.set(operation.operationId, { ...operation, method: method.toUpperCase(), path: specPath });
        }
    }
}
export const OPERATION_IDS = [...operations.keys()];
/** The parsed contract, and its operations by operationId (method and path added). */
export const CONTRACT = spec;
export const CONTRACT_OPERATIONS = operations;

/** Ajv's findings for `value` against the schema at `ref` (`#/components/schemas/…`); none when it is valid. */
export function schemaErrors(ref, value) {
    const validate = validatorFor(ref);
    return validate(value) ? [] : [...validate.errors];
}

function header(response, name) {
    return Object.entries(response.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Asserts that `response` (from the backend's handle()) is an answer `operationId` may give: a listed status, a
 * body valid against that response's schema, every required header present and valid, X-Correlation-Id echoed.
 * Returns the parsed body.
 */
export function assertContract(operationId, response, requestCorrelationId) {
    const operation = operations.get(operationId);
    assert.ok(operation, `no operation ${operationId} in the contract`);
    const declared = resolve(operation.responses[String(response.status)]);
    assert.ok(declared, `${operationId} does not list status ${response.status}: ${response.body}`);
    const [mediaType, content] = Object.entries(declared.content)[0];
    assert.equal(header(response, 'Content-Type'), mediaType, `${operationId} ${response.status} Content-Type`);
    const body = JSON.parse(response.body);
    const validate = validatorFor(content.schema.$ref);
    assert.ok(
        validate(body),
        `${operationId} ${response.status} body does not match ${content.schema.$ref}: ${ajv.errorsText(validate.errors)}\n${response.body}`
    );
    for (const [name, definition] of Object.entries(declared.headers ?? {})) {
        const headerSpec = resolve(definition);
        const value = header(response, name);
        if (!headerSpec.required && value === undefined) {
            continue;
        }
        assert.notEqual(value, undefined, `${operationId} ${response.status} lacks the required ${name} header`);
        const schema = resolve(headerSpec.schema);
        const typed = schema.type === 'integer' ? Number(value) : value;
        const ref = headerSpec.schema.$ref ?? null;
        const valid = ref ? validatorFor(ref)(typed) : ajv.validate(schema, typed);
        assert.ok(valid, `${operationId} ${response.status} header ${name}: ${value} does not match its schema`);
    }
    if (requestCorrelationId) {
        assert.equal(header(response, 'X-Correlation-Id'), requestCorrelationId, 'X-Correlation-Id is echoed');
    }
    if (response.status >= 400) {
        assert.equal(body.correlationId, header(response, 'X-Correlation-Id'), 'problem correlationId = header');
    }
    return body;
}

/** The operation's method and path with `{salesforceUserId}` filled in. */
export function route(operationId, userId) {
    const operation = operations.get(operationId);
    return { method: operation.method, path: operation.path.replace('{salesforceUserId}', userId ?? '') };
}

/** A problem+json answer outside any operation (an unknown path): valid against the Problem schema. */
export function assertProblem(response) {
    assert.equal(header(response, 'Content-Type'), 'application/problem+json');
    const body = JSON.parse(response.body);
    const validate = validatorFor('#/components/schemas/Problem');
    assert.ok(validate(body), ajv.errorsText(validate.errors));
    return body;
}

/**
 * A linked org with the seeded users, signed in as the admin (or a user without the permission set), installed as
 * the Apex modules' target, with the manual queue standing in for System.enqueueJob. `answer` may replace a backend
 * answer; every request is kept in `requests`.
 */
export async function queuedOrg(preview, { userCount, admin = true, answer = (response) => response }) {
    const modules = await preview();
    const storage = modules.memoryStorage();
    const backend = modules.createBackend({
        userCount,
        seed: 1,
        tenant: 'linked',
        scenario: 'normal',
        storage,
        storageKey: 'backend',
        sleep: async () => {}
    });
    const requests = [];
    const queue = new modules.ManualQueue();
    const org = modules.createOrg({
        userCount,
        seed: 1,
        tenant: 'linked',
        runningUserId: modules.userIdAt(0),
        hasAdminPermission: admin,
        labels: labels.en,
        callout: async (request) => {
            requests.push(request);
            return answer(await backend.handle(request), request);
        },
        storage,
        storageKey: 'org',
        queue
    });
    modules.installOrg(org, { latencyMs: 0 });
    return { apex: modules.apex, modules, org, queue, requests };
}

/** The operations that change state: they carry an Idempotency-Key. */
const MUTATIONS = new Set([
    'linkOrg',
    'unlinkOrg',
    'pauseSync',
    'resumeSync',
    'updateUser',
    'updateUsers',
    'updateAutofillSettings',
    'retrySyncErrors'
]);

/**
 * A simulated backend with a Map storage, a settable clock and a sleep that only records; `call` sends one request as
 * the org's client does and checks the answer against the contract.
 */
export async function simulatedBackend(
    preview,
    { tenant = 'linked', scenario = 'normal', userCount = 200, storage, world } = {}
) {
    const modules = await preview();
    storage ??= modules.memoryStorage();
    const clock = { now: Date.parse('2026-11-29T10:00:00Z') };
    const sleeps = [];
    const backend = modules.createBackend({
        userCount,
        seed: 1,
        tenant,
        scenario,
        storage,
        storageKey: 'backend',
        now: () => clock.now,
        sleep: async (ms) => void sleeps.push(ms),
        world
    });
    /** One request as the org's client sends it; `headers` overrides (undefined removes a header). */
    async function call(operationId, { userId, body, headers = {}, ifMatch, query } = {}) {
        const { method, path: routePath } = route(operationId, userId);
        const path = query ? `${routePath}?${new URLSearchParams(query)}` : routePath;
        const correlationId = randomUUID();
        const all = {
            'X-Salesforce-Org-Id': modules.PREVIEW_ORG_ID,
            'X-Salesforce-User-Id': modules.userIdAt(0),
            'X-Correlation-Id': correlationId,
            Authorization: 'Bearer preview-api-key',
            ...(MUTATIONS.has(operationId) ? { 'Idempotency-Key': randomUUID() } : {}),
            ...(ifMatch ? { 'If-Match': ifMatch } : {}),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers
        };
        const sent = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
        const request = { method, path, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) };
        const response = await backend.handle(request);
        const echoed = sent['X-Correlation-Id'] === correlationId ? correlationId : undefined;
        return { status: response.status, body: assertContract(operationId, response, echoed), response, request };
    }
    return { backend, call, clock, sleeps, modules, storage };
}
