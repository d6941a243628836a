// The preview's port of the seat release (preview/org/seat-release.ts: CrmSyncUserTriggerHandler, CrmSyncSeatRelease
// and CrmSyncReconciliation): a deactivation queues the release, the release disables sync and removes the license
// of users who still hold either and audits it as automatic, only a CRM Sync admin's release calls the backend, and
// the reconciliation catches up inactive and frozen holders. The manual queue stands in for System.enqueueJob.
// Run: node --test scripts/tests/preview-seat-release.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labels, previewModules, queuedOrg } from './preview-helpers.mjs';

const preview = previewModules();

async function orgFor({ admin = true } = {}) {
    const { apex, modules, org, queue, requests } = await queuedOrg(preview, { userCount: 60, admin });
    /** An active user who holds a license, and one who holds nothing. */
    const holder = org.data.users.find(
        (user) => user.IsActive && user.UserType === 'Standard' && org.data.syncStateOf(user.Id)?.License_Type__c
    );
    const nobody = org.data.users.find(
        (user) => user.IsActive && user.UserType === 'Standard' && !org.data.syncStateOf(user.Id)
    );
    return { apex, modules, org, queue, requests, holder, nobody };
}

test('deactivating a license holder disables sync and removes the license, audited as automatic', async () => {
    const { org, queue, holder } = await orgFor();
    org.updateUserActive([holder.Id], false);
    assert.equal(queue.pending.length, 1, 'the trigger queues one release and does nothing else');
    await queue.drain();
    const state = org.data.syncStateOf(holder.Id);
    assert.equal(state.Sync_Enabled__c, false);
    assert.equal(state.License_Type__c, null);
    const entry = org.data.audit.at(-1);
    assert.equal(entry.action, 'Release_Seats');
    assert.equal(entry.outcome, 'Succeeded');
    assert.deepEqual(entry.targetUserIds, [holder.Id]);
    assert.ok(entry.details.includes(labels.en.CRM_Sync_Audit_Cause_Deactivated), entry.details);
});

test('deactivating a user who holds nothing sends nothing', async () => {
    const { org, queue, requests, nobody } = await orgFor();
    org.updateUserActive([nobody.Id], false);
    await queue.drain();
    assert.deepEqual(requests, []);
});

test('a release queued by someone without CRM Sync Admin waits for the reconciliation', async () => {
    const { org, queue, requests, holder } = await orgFor({ admin: false });
    org.updateUserActive([holder.Id], false);
    await queue.drain();
    assert.deepEqual(requests, [], 'no callout without the permission set that grants the credential');
    assert.ok(org.data.syncStateOf(holder.Id).License_Type__c, 'the seat is still held');
});

test('the reconciliation releases inactive and frozen holders', async () => {
    const { org, queue, holder, modules } = await orgFor();
    org.data.setUserActive(holder.Id, false);
    const frozen = org.data.users.find(
        (user) => user.IsActive && user.Id !== holder.Id && org.data.syncStateOf(user.Id)?.Sync_Enabled__c
    );
    org.data.frozenIds.add(frozen.Id);
    modules.runReconciliation(org);
    await queue.drain();
    for (const user of [holder, frozen]) {
        const state = org.data.syncStateOf(user.Id);
        assert.equal(state.Sync_Enabled__c, false, `${user.Name} has sync off`);
        assert.equal(state.License_Type__c, null, `${user.Name} has no license`);
    }
    assert.ok(org.data.audit.at(-1).details.includes(labels.en.CRM_Sync_Audit_Cause_Reconciliation));
});

test('the reconciliation runs every 1, 2, 3, 4, 6, 8, 12 or 24 hours, and nothing else', async () => {
    const { apex } = await orgFor();
    const scheduled = await apex['CrmSyncJobController.scheduleReconciliation']({ everyHours: 6 });
    assert.equal(scheduled.scheduled, true);
    assert.equal(scheduled.everyHours, 6);
    assert.equal(new Date(scheduled.nextRunAt).getUTCHours() % 6, 0);
    await assert.rejects(apex['CrmSyncJobController.scheduleReconciliation']({ everyHours: 5 }), (rejection) => {
        const error = JSON.parse(rejection.body.message);
        return error.code === 'INVALID_INPUT' && error.message.includes('"5"');
    });
    assert.deepEqual(await apex['CrmSyncJobController.stopReconciliation'](), { scheduled: false });
});

test('a reconciliation scheduled by an admin who lost the permission set releases nothing and says so', async () => {
    const { org, queue, holder, modules } = await orgFor({ admin: false });
    org.data.setUserActive(holder.Id, false);
    modules.runReconciliation(org);
    assert.equal(queue.pending.length, 0, 'nothing is queued');
    const entry = org.data.audit.at(-1);
    assert.equal(entry.action, 'Release_Seats');
    assert.equal(entry.outcome, 'Failed');
    assert.equal(entry.errorCode, 'NOT_PERMITTED');
    assert.equal(entry.details, labels.en.CRM_Sync_Error_Reconciliation_Not_Permitted);
});
