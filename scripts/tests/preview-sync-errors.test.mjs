// The simulated backend's sync errors (preview/backend/sync-errors.ts) against the contract's listSyncErrors and
// retrySyncErrors: every answer validated by the contract, the filters and the cursor paging, what a retry resolves,
// the 400 problems naming the field, and the `retry-busy` scenario's 429 then 503.
// Run: node --test scripts/tests/preview-sync-errors.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { previewModules, simulatedBackend } from './preview-helpers.mjs';

const preview = previewModules();
const backendFor = (options) => simulatedBackend(preview, options);
const bjoern = (m) => m.userIdAt(4); // status error: "the mailbox is full"

async function allErrors(call, query = {}) {
    const errors = [];
    let cursor;
    do {
        const page = await call('listSyncErrors', { query: { ...query, limit: '7', ...(cursor ? { cursor } : {}) } });
        assert.equal(page.status, 200);
        errors.push(...page.body.errors);
        cursor = page.body.nextCursor;
    } while (cursor);
    return errors;
}

describe('listSyncErrors', () => {
    test('lists each failing user once, newest first, and counts every match by cause', async () => {
        const { call, modules } = await backendFor();
        const page = await call('listSyncErrors');
        const errors = await allErrors(call);
        assert.equal(page.body.summary.total, errors.length, 'the total counts every page');
        assert.equal(
            page.body.summary.causes.reduce((sum, cause) => sum + cause.count, 0),
            errors.length,
            'each error is counted under one cause'
        );
        const firstSeen = errors.map((error) => error.firstSeenAt);
        assert.deepEqual(firstSeen, [...firstSeen].sort().reverse(), 'newest first');
        const own = errors.find((error) => error.salesforceUserId === bjoern(modules));
        assert.deepEqual([own.cause, own.recordType], ['record_rejected', 'contact']);
        assert.ok(
            errors.some((error) => error.cause === 'not_matched'),
            'users without a CRM account are listed as not matched'
        );
    });

    test('pages by cursor without repeats or gaps', async () => {
        const { call } = await backendFor();
        const paged = await allErrors(call);
        const whole = (await call('listSyncErrors', { query: { limit: '200' } })).body.errors;
        assert.deepEqual(
            paged.map((error) => error.id),
            whole.map((error) => error.id)
        );
        assert.equal(new Set(paged.map((error) => error.id)).size, paged.length, 'no error twice');
    });

    test('filters by user, cause and the time last seen', async () => {
        const { call, modules } = await backendFor();
        const own = await call('listSyncErrors', { query: { salesforceUserId: bjoern(modules) } });
        assert.deepEqual(
            own.body.errors.map((error) => error.salesforceUserId),
            [bjoern(modules)]
        );
        const unmatched = await allErrors(call, { cause: 'not_matched' });
        assert.ok(unmatched.length > 0 && unmatched.every((error) => error.cause === 'not_matched'));
        const future = await call('listSyncErrors', { query: { since: '2030-01-01T00:00:00Z' } });
        assert.deepEqual([future.body.errors, future.body.summary.total], [[], 0]);
    });

    test('a cursor stays valid when errors before it are resolved', async () => {
        const { call } = await backendFor();
        const first = await call('listSyncErrors', { query: { limit: '5' } });
        const next = { limit: '5', cursor: first.body.nextCursor };
        const before = (await call('listSyncErrors', { query: next })).body.errors.map((error) => error.id);
        const resolvable = first.body.errors.find((error) => error.cause !== 'not_matched');
        await call('retrySyncErrors', { body: { errorIds: [resolvable.id] } });
        const after = (await call('listSyncErrors', { query: next })).body.errors.map((error) => error.id);
        assert.deepEqual(after, before);
    });

    test('malformed parameters are 400 problems naming each one', async () => {
        const { call } = await backendFor();
        for (const [name, value] of [
            ['limit', '0'],
            ['limit', '201'],
            ['cause', 'mailbox_full'],
            ['salesforceUserId', 'nobody'],
            ['since', 'yesterday'],
            ['cursor', 'bm90LWEtY3Vyc29y'],
            ['sort', 'name']
        ]) {
            const answer = await call('listSyncErrors', { query: { [name]: value } });
            assert.equal(answer.status, 400, `${name}=${value}`);
            assert.deepEqual(
                answer.body.errors.map((error) => error.pointer),
                [`query:${name}`]
            );
        }
    });
});

describe('retrySyncErrors', () => {
    test('resolves a fixed error, keeps an unmatched one failing and calls an unknown id unknown', async () => {
        const { call, clock, modules } = await backendFor();
        const unmatched = (await call('listSyncErrors', { query: { cause: 'not_matched', limit: '1' } })).body
            .errors[0];
        const own = `se-${bjoern(modules)}`;
        const retried = await call('retrySyncErrors', { body: { errorIds: [own, unmatched.id, 'se-gone'] } });
        assert.deepEqual(
            retried.body.results.map((result) => [result.errorId, result.outcome]),
            [
                [own, 'resolved'],
                [unmatched.id, 'failed'],
                ['se-gone', 'unknown']
            ]
        );
        assert.equal(retried.body.results[1].error.lastSeenAt, new Date(clock.now).toISOString().replace('.000', ''));
        const state = await call('lookupUsers', { body: { salesforceUserIds: [bjoern(modules)] } });
        assert.deepEqual([state.body.users[0].status, state.body.users[0].lastError], ['synced', null]);
        const again = await call('retrySyncErrors', { body: { errorIds: [own] } });
        assert.equal(again.body.results[0].outcome, 'unknown', 'a resolved error is no longer open');
    });

    test('an empty, repeated or malformed list is a 400 naming the field', async () => {
        const { call } = await backendFor();
        for (const [errorIds, pointer] of [
            [[], '/errorIds'],
            [['se-1', 'se-1'], '/errorIds/1'],
            [['se 1'], '/errorIds/0']
        ]) {
            const answer = await call('retrySyncErrors', { body: { errorIds } });
            assert.equal(answer.status, 400);
            assert.deepEqual(
                answer.body.errors.map((error) => error.pointer),
                [pointer]
            );
        }
    });

    test('retry-busy: the first retry is rate limited, the second meets maintenance, the third goes through', async () => {
        const { call, modules } = await backendFor({ scenario: 'retry-busy' });
        const body = { errorIds: [`se-${bjoern(modules)}`] };
        const limited = await call('retrySyncErrors', { body });
        assert.deepEqual([limited.status, limited.response.headers['Retry-After']], [429, '30']);
        assert.equal((await call('retrySyncErrors', { body })).status, 503);
        assert.equal((await call('retrySyncErrors', { body })).body.results[0].outcome, 'resolved');
    });
});
