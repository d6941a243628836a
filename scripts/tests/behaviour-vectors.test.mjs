// The behaviour vectors (vectors/*.json) run against the preview's simulated org: every case builds the org it
// states (users, stored states, link record, the backend's answers in order), calls the @AuraEnabled method through
// the same module the components import, and compares the result or error, the requests sent, the stored states,
// the link record and the audit trail. The Apex side runs the same cases through CrmSyncVectors_Tests.
// Run: node --test scripts/tests/behaviour-vectors.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { differences, loadVectors, substitute, syntheticUserIds } from '../lib/vectors.mjs';
import { labels, memoryStorage, previewModules } from './preview-helpers.mjs';

const preview = previewModules();
const { cases, problems } = loadVectors();
/** The token in every vector user's username, which paging cases search for; the Apex runner picks its own. */
const RUN_TOKEN = 'vecrun';
const ADMIN = { alias: 'admin', firstName: 'Vera', lastName: 'Vector' };

const TENANT_OF_LINK = { this: 'linked', other: 'mismatch', copy: 'mismatch', none: 'unlinked' };
const BACKEND_STATUS = { Synced: 'synced', Pending: 'pending', Not_Matched: 'not_matched', Error: 'error' };

function formatter(language) {
    const texts = { ...labels.en, ...labels[language] };
    return (name, values) =>
        texts[name].replace(/\{(\d+)\}/g, (placeholder, index) => values[Number(index)] ?? placeholder);
}

/** The audit trail a case states, as the seed's history: the org recorded it before the call. */
function auditEntriesOf(given, people) {
    const idOf = (alias) => (people.find((person) => person.alias === alias) ?? people[0]).id;
    return (given.auditEntries ?? []).map((entry) => ({
        action: entry.action,
        outcome: entry.outcome,
        actorId: idOf(entry.actor ?? ADMIN.alias),
        targetUserIds: syntheticUserIds(entry.targetCount ?? 0),
        purgeImportedData: false,
        errorCode: entry.errorCode ?? null,
        correlationId: entry.correlationId ?? null,
        occurredAt: new Date(entry.occurredAt).toISOString(),
        details: null
    }));
}

/** The simulated org a case states, signed in as a CRM Sync admin, with the backend answering from its queue. */
async function orgOf(vector) {
    const modules = await preview();
    const given = vector.given;
    const people = [ADMIN, ...(given.users ?? [])].map((user, index) => ({
        index,
        id: modules.userIdAt(index),
        name: `${user.firstName} ${user.lastName}`,
        // Only the case's users carry the run token, so a search for @run finds exactly them.
        username: index === 0 ? 'admin@crmsync.vectors' : `${user.alias}.${RUN_TOKEN}@crmsync.vectors`,
        email: `${user.alias}@example.com`,
        profileName: 'Standard User',
        isActive: user.active ?? true,
        userType: user.userType ?? 'Standard',
        hasBackendAccount: true,
        alias: user.alias
    }));
    const states = people.map((person) => {
        const state = given.states?.[person.alias];
        return state
            ? { ...state, status: BACKEND_STATUS[state.status], lastSyncedAt: null, lastError: null }
            : undefined;
    });
    const context = {
        users: Object.fromEntries(people.map((person) => [person.alias, person])),
        org: modules.PREVIEW_ORG_ID,
        otherOrg: modules.OTHER_ORG_ID,
        run: RUN_TOKEN
    };
    const answers = substitute(given.backend, context);
    const requests = [];
    const language = given.locale === 'de_DE' ? 'de' : 'en';
    const org = modules.createOrg({
        userCount: people.length,
        seed: 1,
        tenant: TENANT_OF_LINK[given.link ?? 'this'],
        runningUserId: people[0].id,
        hasAdminPermission: true,
        labels: { ...labels.en, ...labels[language] },
        locale: given.locale ?? 'en_US',
        userRowLimit: given.rowLimit,
        namedCredentialEndpoint: given.credential?.endpoint,
        principalGrants: given.credential?.adminGranted === false ? new Map() : undefined,
        world: {
            people,
            states,
            pools: [],
            imported: {},
            linkedAt: '2026-11-01T08:00:00.000Z',
            lastSyncAt: null,
            audit: auditEntriesOf(given, people)
        },
        callout: async (request) => {
            requests.push(request);
            const answer = answers.shift();
            if (!answer) {
                throw new Error(`Unexpected callout ${request.method} ${request.path}: no answer queued`);
            }
            const isProblem = answer.status >= 400;
            return {
                status: answer.status,
                headers: {
                    'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
                    'X-Correlation-Id': request.headers['X-Correlation-Id']
                },
                body: JSON.stringify(answer.body)
            };
        },
        storage: memoryStorage(),
        storageKey: 'org',
        // Like CrmSyncQueue in an Apex test: what a call queues is kept, not run.
        queue: new modules.ManualQueue()
    });
    if (given.link === 'copy') {
        org.data.connection = { ...org.data.connection, Copied_At__c: new Date(org.now()).toISOString() };
    }
    // The case's permission sets join the simulated org's setup; its rules and the reasons of its states are stored.
    for (const [index, set] of (given.permissionSets ?? []).entries()) {
        const id = `0PS7Q0000000V${String(index).padStart(2, '0')}AAA`;
        org.data.setup.permissionSets.push({ Id: id, Name: set.label, ParentId: null });
        for (const alias of set.assignees) {
            org.data.setup.permissionSetsOf.get(context.users[alias].id)?.add(id);
        }
        context.users[set.alias] = { id, name: set.label };
    }
    for (const rule of given.rules ?? []) {
        const permissionSet = context.users[rule.permissionSet];
        const saved = org.data.saveRule({
            Name: rule.name,
            Criterion__c: 'Permission_Set',
            Criterion_Id__c: permissionSet.id,
            Criterion_Label__c: permissionSet.name,
            License_Type__c: rule.licenseType,
            Active__c: rule.active !== false
        });
        context.users[rule.alias] = { id: saved.Id, name: saved.Name };
    }
    for (const [alias, state] of Object.entries(given.states ?? {})) {
        const userId = context.users[alias].id;
        org.data.saveSyncStates(
            new Map([
                [
                    userId,
                    {
                        ...org.data.syncStateOf(userId),
                        Sync_Reason__c: state.syncReason ?? null,
                        Rule_Name__c: state.ruleName ?? null
                    }
                ]
            ])
        );
    }
    org.data.insertImportRows(
        (given.importRows ?? []).map((row) => ({
            Import_Key__c: row.importKey,
            User__c: context.users[row.user].id,
            License_Type__c: row.licenseType ?? null,
            Line__c: row.line,
            CreatedDate: new Date(org.now()).toISOString()
        }))
    );
    modules.installOrg(org, { latencyMs: 0 });
    return { modules, org, requests, context: { ...context, formatLabel: formatter(language) } };
}

/** Calls the method; a rejection becomes { error } with the code and message the components would read. */
async function call(modules, method, args) {
    const apexMethod = modules.apex[method];
    assert.ok(apexMethod, `${method} is not a simulated @AuraEnabled method`);
    try {
        return { result: await apexMethod(args) };
    } catch (rejection) {
        if (!rejection?.body?.message) {
            throw rejection;
        }
        const { code, message } = JSON.parse(rejection.body.message);
        return { error: { code, message } };
    }
}

function storedState(org, userId) {
    const record = org.data.syncStateOf(userId);
    return record
        ? {
              syncEnabled: record.Sync_Enabled__c,
              licenseType: record.License_Type__c,
              licenseLabel: record.License_Label__c,
              status: record.Status__c,
              version: record.Backend_Version__c,
              syncReason: record.Sync_Reason__c ?? null,
              ruleName: record.Rule_Name__c ?? null
          }
        : null;
}

function linkOf(org, modules) {
    if (org.data.connection.Copied_At__c) {
        return 'copy';
    }
    const linked = org.data.connection.Linked_Org_Id__c;
    if (!linked) {
        return 'none';
    }
    return linked.slice(0, 15) === modules.PREVIEW_ORG_ID.slice(0, 15) ? 'this' : 'other';
}

function sentRequest(request) {
    return {
        method: request.method,
        path: request.path.replace(/^\/v1/, ''),
        headers: Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])
        ),
        body: request.body ? JSON.parse(request.body) : undefined
    };
}

function expectedRequest(request) {
    return {
        ...request,
        headers: request.headers
            ? Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]))
            : undefined
    };
}

/** Reads the first page and follows when.pages; each page read is compared with then.pages. */
async function readPages(modules, vector, context) {
    const pages = [];
    let query = substitute(vector.when.args.query, context);
    let outcome = await call(modules, vector.when.method, { query });
    pages.push(outcome);
    for (const step of vector.when.pages ?? []) {
        const cursor = outcome.result?.[step === 'next' ? 'nextCursor' : 'previousCursor'];
        assert.ok(cursor, `page ${pages.length} has no ${step}Cursor to follow`);
        query = { ...query, cursor };
        outcome = await call(modules, vector.when.method, { query });
        pages.push(outcome);
    }
    return pages;
}

test('every vector file is well-formed and refers only to what exists', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
});

for (const file of [...new Set(cases.map((vector) => vector.file))]) {
    describe(`vectors/${file}`, () => {
        for (const vector of cases.filter((entry) => entry.file === file)) {
            test(`${vector.id}: ${vector.rule}`, async () => {
                const { modules, org, requests, context } = await orgOf(vector);
                const expect = substitute(vector.then, context);
                const found = [];
                if (expect.pages) {
                    const pages = await readPages(modules, vector, context);
                    found.push(
                        ...differences(
                            expect.pages,
                            pages.map((page) => page.result ?? page),
                            'pages'
                        )
                    );
                } else {
                    const outcome = await call(modules, vector.when.method, substitute(vector.when.args, context));
                    if (expect.error) {
                        found.push(...differences(expect.error, outcome.error ?? outcome, 'error'));
                    } else {
                        found.push(...differences(expect.result, outcome.result ?? outcome, 'result'));
                    }
                }
                if (expect.requests) {
                    found.push(
                        ...differences(expect.requests.map(expectedRequest), requests.map(sentRequest), 'requests')
                    );
                }
                for (const [alias, state] of Object.entries(expect.states ?? {})) {
                    found.push(...differences(state, storedState(org, context.users[alias].id), `states.${alias}`));
                }
                if (expect.link) {
                    found.push(...differences(expect.link, linkOf(org, modules), 'link'));
                }
                if (expect.audit) {
                    found.push(...differences(expect.audit, org.data.audit, 'audit'));
                }
                assert.deepEqual(found, [], `${vector.file} ${vector.id} (${vector.rule}):\n  ${found.join('\n  ')}`);
            });
        }
    });
}
