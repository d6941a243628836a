// The preview's port of the background jobs (preview/org/jobs.ts: CrmSyncJobService, CrmSyncJobStep and
// CrmSyncJobRecovery), driven through the same @salesforce/apex modules the components import, with the manual queue
// standing in for System.enqueueJob: the dry run's counts, a job's batches and idempotency keys, the one-job rule,
// cancel, and what 429, 5xx, 401 and an interruption do to a running job.
// Run: node --test scripts/tests/preview-jobs.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labels, previewModules, queuedOrg } from './preview-helpers.mjs';

const preview = previewModules();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENABLE = 'Enable_User_Sync';

/** An admin's org with `userCount` seeded users and a manual queue; `answer` may replace backend answers. */
async function orgFor({ userCount = 3000, answer } = {}) {
    const context = await queuedOrg(preview, { userCount, answer });
    const batchCalls = () => context.requests.filter((request) => request.path === '/v1/users/batch');
    return { ...context, batchCalls };
}

async function apexError(promise) {
    try {
        await promise;
    } catch (rejection) {
        return JSON.parse(rejection.body.message);
    }
    assert.fail('the Apex call succeeded');
}

const enableAll = { request: { operation: ENABLE, query: { includeInactive: true } } };
/** With 3,000 seeded users, 1,625 have sync on: a job of two steps and nine batches that needs no seats. */
const disableAll = { request: { operation: 'Disable_User_Sync', query: { includeInactive: true } } };

function problem(status, code, headers = {}) {
    return {
        status,
        headers: { 'Content-Type': 'application/problem+json', ...headers },
        body: JSON.stringify({ type: 'about:blank', title: code, status, code })
    };
}

describe('the dry run', () => {
    test('matching users split into changing, already enabled and inactive, and seats come from the default pool', async () => {
        const { apex, org } = await orgFor();
        const dryRun = await apex['CrmSyncJobController.previewUserJob'](enableAll);
        const [already, inactive] = dryRun.skipped;
        assert.equal(dryRun.matching, dryRun.changing + already.count + inactive.count, JSON.stringify(dryRun));
        const users = org.data.users.filter((user) => user.UserType === 'Standard');
        assert.equal(dryRun.matching, users.length, 'includeInactive lists every standard user');
        assert.equal(inactive.count, users.filter((user) => !user.IsActive).length);
        assert.equal(
            already.count,
            users.filter((user) => user.IsActive && org.data.syncStateOf(user.Id)?.Sync_Enabled__c).length
        );
        assert.equal(dryRun.seats.length, 1, 'enabling takes seats of the default pool only');
        assert.equal(
            dryRun.seats[0].needed,
            users.filter(
                (user) =>
                    user.IsActive &&
                    !org.data.syncStateOf(user.Id)?.Sync_Enabled__c &&
                    !org.data.syncStateOf(user.Id)?.License_Type__c
            ).length
        );
    });

    test('the calls and transactions follow ⌈N/200⌉ and ⌈N/1000⌉', async () => {
        const { apex } = await orgFor();
        const dryRun = await apex['CrmSyncJobController.previewUserJob'](enableAll);
        assert.equal(dryRun.runsAsJob, dryRun.changing > 200);
        assert.equal(dryRun.callouts, Math.ceil(dryRun.changing / 200));
        assert.equal(dryRun.transactions, Math.ceil(dryRun.changing / 1000));
    });

    test('disabling reads no pools and takes no seats', async () => {
        const { apex, requests } = await orgFor();
        const dryRun = await apex['CrmSyncJobController.previewUserJob']({
            request: { operation: 'Disable_User_Sync', query: {} }
        });
        assert.deepEqual(dryRun.seats, []);
        assert.deepEqual(requests, [], 'nothing is sent for a dry run that takes no seats');
    });

    test('an unknown operation is refused with the label naming it', async () => {
        const { apex } = await orgFor();
        const error = await apexError(
            apex['CrmSyncJobController.previewUserJob']({ request: { operation: 'Delete_Everything' } })
        );
        assert.equal(error.code, 'INVALID_INPUT');
        assert.equal(error.message, labels.en.CRM_Sync_Error_Invalid_Job_Operation.replace('{0}', 'Delete_Everything'));
    });
});

describe('a job', () => {
    test('sends ⌈N/200⌉ batches in ⌈N/1000⌉ steps, each batch with its own key derived from the job', async () => {
        const { apex, queue, batchCalls, org, modules } = await orgFor();
        const start = await apex['CrmSyncJobController.startUserJob'](disableAll);
        assert.equal(start.mode, 'QUEUED');
        const total = start.job.total;
        const steps = await queue.drain();
        assert.equal(steps, Math.ceil(total / 1000), 'one step per 1,000 users');
        assert.equal(batchCalls().length, Math.ceil(total / 200), 'one batch call per 200 users');
        const keys = batchCalls().map((request) => request.headers['Idempotency-Key']);
        assert.ok(
            keys.every((key) => UUID.test(key)),
            keys.join()
        );
        assert.equal(new Set(keys).size, keys.length, 'every batch has its own key');
        const seed = org.data.getJob(start.job.id).Batch_Seed__c;
        assert.equal(keys[2], await modules.batchKey(seed, 2));
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Completed');
        assert.equal(job.processed, total);
        assert.equal(job.succeeded, total);
        assert.equal(job.active, false);
    });

    test('a second job is refused while one is active, naming it', async () => {
        const { apex } = await orgFor();
        const start = await apex['CrmSyncJobController.startUserJob'](disableAll);
        const error = await apexError(
            apex['CrmSyncJobController.startUserJob']({ request: { operation: 'Disable_User_Sync', query: {} } })
        );
        assert.equal(error.code, 'JOB_RUNNING');
        assert.ok(error.message.includes(start.job.name), error.message);
    });

    test('cancel stops the job after the step that runs; the users sent keep their change', async () => {
        const { apex, queue, org } = await orgFor();
        const start = await apex['CrmSyncJobController.startUserJob'](disableAll);
        await queue.runNext();
        await apex['CrmSyncJobController.cancelUserJob']({ jobId: start.job.id });
        await queue.drain();
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Cancelled');
        assert.equal(job.processed, 1000);
        assert.equal(job.succeeded, 1000);
        assert.equal(org.data.audit.at(-1).outcome, 'Cancelled', 'a cancel is audited as such');
    });

    test('a 429 keeps the batches before it and waits as Retry-After asks, then sends the batch again with its key', async () => {
        let refused = false;
        const { apex, queue, batchCalls } = await orgFor({
            answer: (response, request) => {
                if (request.path === '/v1/users/batch' && !refused && batchCalls().length === 3) {
                    refused = true;
                    return problem(429, 'RATE_LIMITED', { 'Retry-After': '90' });
                }
                return response;
            }
        });
        await apex['CrmSyncJobController.startUserJob'](disableAll);
        await queue.runNext();
        const waiting = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(waiting.processed, 400, 'the two batches before the 429 are kept');
        assert.ok(waiting.nextAttemptAt, 'the job says when it goes on');
        assert.equal(queue.history.at(-1).delayMinutes, 2, '90 seconds wait in whole minutes');
        await queue.drain();
        const keys = batchCalls().map((request) => request.headers['Idempotency-Key']);
        assert.equal(keys[2], keys[3], 'the refused batch is sent again with the same key');
        assert.equal((await apex['CrmSyncJobController.getUserJob']()).status, 'Completed');
    });

    test('a failing backend is retried with backoff, then the job fails visibly', async () => {
        const { apex, queue } = await orgFor({
            answer: (response, request) =>
                request.path === '/v1/users/batch' ? problem(503, 'BACKEND_UNAVAILABLE') : response
        });
        await apex['CrmSyncJobController.startUserJob'](disableAll);
        await queue.drain();
        assert.deepEqual(
            queue.history.slice(1).map((job) => job.delayMinutes),
            [1, 2, 4, 8],
            'waits 1, 2, 4 and 8 minutes between attempts'
        );
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Failed');
        assert.equal(job.errorCode, 'BACKEND_ERROR');
        assert.equal(job.processed, 0);
    });

    test('a rejected credential stops the job at once with the credential message', async () => {
        const { apex, queue } = await orgFor({
            answer: (response, request) =>
                request.path === '/v1/users/batch' ? problem(401, 'UNAUTHORIZED') : response
        });
        await apex['CrmSyncJobController.startUserJob'](disableAll);
        assert.equal(await queue.drain(), 1, 'no retry after a 401');
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Failed');
        assert.equal(job.errorCode, 'CREDENTIAL_REJECTED');
        assert.equal(job.errorMessage, labels.en.CRM_Sync_Error_Credential_Rejected);
    });

    test('an interrupted step runs again a minute later from where the job stands', async () => {
        let thrown = false;
        const { apex, queue, batchCalls } = await orgFor({
            answer: (response, request) => {
                if (request.path === '/v1/users/batch' && !thrown && batchCalls().length === 6) {
                    thrown = true;
                    throw new Error('System.LimitException: Apex CPU time limit exceeded');
                }
                return response;
            }
        });
        await apex['CrmSyncJobController.startUserJob'](disableAll);
        await queue.runNext();
        await queue.runNext();
        assert.equal(queue.history.at(-1).delayMinutes, 1);
        await queue.drain();
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Completed');
        assert.equal(job.succeeded, job.total, 'no user is counted twice or lost');
    });

    test('seats short of the need are refused before anything is sent, and no job is created', async () => {
        const { apex, batchCalls } = await orgFor();
        const error = await apexError(apex['CrmSyncJobController.startUserJob'](enableAll));
        assert.equal(error.code, 'SEATS_EXHAUSTED');
        assert.deepEqual(batchCalls(), []);
        assert.equal(await apex['CrmSyncJobController.getUserJob'](), null);
    });

    test('a change for at most 200 users is applied at once, without a job', async () => {
        const { apex, queue } = await orgFor({ userCount: 150 });
        const start = await apex['CrmSyncJobController.startUserJob'](enableAll);
        assert.equal(start.mode, 'APPLIED');
        assert.ok(start.summary.succeeded > 0);
        assert.equal(queue.history.length, 0);
    });

    test('a reloaded page resumes the active job where its record stands', async () => {
        const { apex, queue, org, modules } = await orgFor();
        await apex['CrmSyncJobController.startUserJob'](disableAll);
        await queue.runNext();
        org.commit();
        org.data.load();
        queue.pending.length = 0;
        modules.resumeActiveJob(org);
        await queue.drain();
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(job.status, 'Completed');
        assert.equal(job.succeeded, job.total);
    });
});

describe('"Retry all" of a cause with more open errors than one call takes', () => {
    /** 50,000 seeded users: 556 "CRM account locked" errors (resolved by a retry), 1,525 "Not matched" (not). */
    const orgWithManyErrors = () => orgFor({ userCount: 50000 });
    const isList = (request) => request.path.startsWith('/v1/sync-errors?');
    const isRetry = (request) => request.path === '/v1/sync-errors/retry';
    const retriedIds = (requests) => requests.filter(isRetry).flatMap((request) => JSON.parse(request.body).errorIds);

    test('starts a job after one listing and retries nothing in the request', async () => {
        const { apex, requests } = await orgWithManyErrors();
        const result = await apex['CrmSyncAdminController.retrySyncErrorCause']({ cause: 'crm_user_locked' });
        assert.equal(result.job?.total, 556, JSON.stringify(result));
        assert.equal(requests.filter(isList).length, 1);
        assert.equal(requests.filter(isRetry).length, 0, 'the request only starts the job');
    });

    test('each step lists at most 200 errors last seen before the job started, and retries each error once', async () => {
        const { apex, queue, requests } = await orgWithManyErrors();
        await apex['CrmSyncAdminController.retrySyncErrorCause']({ cause: 'crm_user_locked' });
        const sentBefore = requests.length;
        await queue.drain();
        const job = await apex['CrmSyncJobController.getUserJob']();
        const steps = requests.slice(sentBefore);
        for (const list of steps.filter(isList)) {
            const query = new URLSearchParams(list.path.split('?')[1]);
            assert.equal(query.get('cause'), 'crm_user_locked');
            assert.equal(query.get('until'), job.startedAt, 'errors seen after the start are not this job’s');
            assert.ok(Number(query.get('limit')) <= 200, list.path);
        }
        const ids = retriedIds(steps);
        assert.deepEqual(
            steps.filter(isRetry).map((request) => JSON.parse(request.body).errorIds.length),
            [200, 200, 156]
        );
        assert.equal(new Set(ids).size, 556, 'every error of the cause, none twice');
        assert.deepEqual([job.status, job.processed, job.failed], ['Completed', 556, 0]);
    });

    test('errors that fail again are the job’s failures, grouped by cause with the fix, and Retry failed is refused', async () => {
        const { apex, queue, requests } = await orgWithManyErrors();
        await apex['CrmSyncAdminController.retrySyncErrorCause']({ cause: 'not_matched' });
        const sentBefore = requests.length;
        await queue.drain();
        const job = await apex['CrmSyncJobController.getUserJob']();
        assert.equal(new Set(retriedIds(requests.slice(sentBefore))).size, 1525, 'each error retried once');
        assert.deepEqual([job.status, job.processed, job.failed], ['Completed_With_Failures', 1525, 1525]);
        const [group] = job.failures;
        assert.equal(group.count, 1525);
        assert.match(group.message, /email has no CRM account/, 'the fix is named with the failures');
        const refused = await apexError(apex['CrmSyncJobController.retryFailedUsers']({ jobId: job.id }));
        assert.equal(refused.message, labels.en.CRM_Sync_Error_Retry_Job_Failed_Again);
    });
});
