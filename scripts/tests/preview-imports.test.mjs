// The preview's port of a CSV import (preview/org/imports.ts and the import parts of preview/org/jobs.ts), driven
// through the same @salesforce/apex modules the components import, with the manual queue standing in for
// System.enqueueJob: staging in chunks, an import that assigns two license types running as one job per type one
// after the other, and the staged rows deleted after the last job.
// Run: node --test scripts/tests/preview-imports.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labels, previewModules, queuedOrg } from './preview-helpers.mjs';

const preview = previewModules();
const IMPORT_KEY = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Active standard users without a license, the import's candidates. */
function unlicensed(org, count) {
    return org.data.users
        .filter(
            (user) => user.UserType === 'Standard' && user.IsActive && !org.data.syncStateOf(user.Id)?.License_Type__c
        )
        .slice(0, count);
}

async function stage(apex, operation, rows) {
    return apex['CrmSyncJobController.stageImport']({ chunk: { importKey: IMPORT_KEY, operation, rows } });
}

test('a chunk stages users named by id, username or email and names the other lines', async () => {
    const { apex, org } = await queuedOrg(preview, { userCount: 300 });
    const [ada, bea] = unlicensed(org, 2);

    const result = await stage(apex, 'Enable_User_Sync', [
        { line: 2, key: ada.Id.slice(0, 15) },
        { line: 3, key: bea.Username.toUpperCase() },
        { line: 4, key: ada.Email },
        { line: 5, key: 'nobody@crm-sync.invalid' }
    ]);

    assert.equal(result.staged, 2);
    assert.deepEqual(
        result.problems.map((problem) => [problem.line, problem.code]),
        [
            [4, 'DUPLICATE'],
            [5, 'UNKNOWN_USER']
        ]
    );
    assert.equal(
        result.problems[0].message,
        labels.en.CRM_Sync_Import_Duplicate.replace('{0}', '4').replace('{1}', ada.Name).replace('{2}', '2')
    );
});

test('an import assigning two license types runs one job per type, one after the other, then deletes its rows', async () => {
    const { apex, org, queue } = await queuedOrg(preview, { userCount: 3000 });
    const { licensePools } = await apex['CrmSyncAdminController.getPanelState']({ firstPage: null });
    const [first, second] = licensePools.map((pool) => pool.licenseType);
    // As many as the pools hold: more would be refused before anything is sent.
    const firstCount = Math.min(150, licensePools[0].available);
    const secondCount = Math.min(5, licensePools[1].available);
    assert.ok(firstCount > 0 && secondCount > 0, JSON.stringify(licensePools));
    const users = unlicensed(org, firstCount + secondCount);
    const rows = users.map((user, index) => ({
        line: index + 2,
        key: user.Username,
        licenseType: index < firstCount ? first : second
    }));
    assert.equal((await stage(apex, 'Assign_License', rows)).staged, users.length);

    const dryRun = await apex['CrmSyncJobController.previewUserJob']({
        request: { operation: 'Assign_License', importKey: IMPORT_KEY }
    });
    assert.deepEqual(
        dryRun.seats.map((need) => [need.licenseType, need.needed]),
        [
            [first, firstCount],
            [second, secondCount]
        ]
    );
    assert.equal(dryRun.runsAsJob, true);

    const start = await apex['CrmSyncJobController.startUserJob']({
        request: { operation: 'Assign_License', importKey: IMPORT_KEY }
    });
    assert.equal(start.mode, 'QUEUED');
    assert.equal(start.job.licenseType, first);
    assert.equal(start.job.total, firstCount);

    await queue.drain();

    // The simulated backend refuses some users (no CRM account, say): a part then completes with failures.
    const ended = ['Completed', 'Completed_With_Failures'];
    assert.deepEqual(
        org.data.jobs.map((job) => [job.License_Type__c, job.Total__c, ended.includes(job.Status__c)]),
        [
            [first, firstCount, true],
            [second, secondCount, true]
        ]
    );
    assert.ok(
        org.data.jobs[1].Started_At__c >= org.data.jobs[0].Finished_At__c,
        'the second part starts when the first has ended'
    );
    assert.ok(
        org.data.jobs.every((job) => job.Processed__c === job.Total__c),
        'each part sent every one of its users'
    );
    const assignedFirst = users
        .slice(0, firstCount)
        .filter((user) => org.data.syncStateOf(user.Id)?.License_Type__c === first);
    assert.equal(assignedFirst.length, org.data.jobs[0].Succeeded__c, 'the first part assigned its own type');
    assert.deepEqual(org.data.importRows, [], 'the rows are deleted after the last job');
});
