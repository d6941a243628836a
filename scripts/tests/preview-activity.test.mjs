// The preview's port of Recent activity (preview/org/activity.ts: CrmSyncActivityLog): the seeded org has a varied
// audit trail to show, the panel gets the newest VIEW_SIZE entries and hears that more match, the export's chunks
// list every entry once, newest first, and an action recorded in the preview comes first. The filter rules are in
// vectors/activity.json, which both the Apex and the preview run.
// Run: node --test scripts/tests/preview-activity.test.mjs
import assert from 'node:assert/strict';
import { afterEach, before, test } from 'node:test';
import { previewModules, queuedOrg } from './preview-helpers.mjs';

const preview = previewModules();

/** The sizes as the port has them, restored after a test lowered them. */
let sizes;

before(async () => {
    sizes = { ...(await preview()).activitySizes };
});

afterEach(async () => {
    Object.assign((await preview()).activitySizes, sizes);
});

async function exportAll(apex, query) {
    const rows = [];
    let after = null;
    do {
        const chunk = await apex['CrmSyncAdminController.exportActivity']({ query, after });
        rows.push(...chunk.rows);
        after = chunk.nextAfter ?? null;
    } while (after);
    return rows;
}

test('the seeded org has a varied audit trail: several actions and every kind of outcome', async () => {
    const { apex } = await queuedOrg(preview, { userCount: 60 });
    const rows = await exportAll(apex, null);
    assert.ok(rows.length > 50, `more entries than the panel shows, got ${rows.length}`);
    assert.ok(new Set(rows.map((row) => row.action)).size >= 8, 'many actions');
    for (const outcome of ['Succeeded', 'Failed', 'Partially_Succeeded']) {
        assert.ok(
            rows.some((row) => row.outcome === outcome),
            `an entry with the outcome ${outcome}`
        );
    }
    assert.ok(
        rows.every((row) => row.actorName && row.correlationId),
        'each names its actor and reference'
    );
});

test('the panel shows the newest entries and says that more match', async () => {
    const { apex, modules } = await queuedOrg(preview, { userCount: 60 });
    modules.activitySizes.viewSize = 5;
    const page = await apex['CrmSyncAdminController.getRecentActivity']({ query: null });
    const all = await exportAll(apex, null);
    assert.deepEqual(
        page.entries.map((entry) => entry.id),
        all.slice(0, 5).map((row) => row.id)
    );
    assert.equal(page.hasMore, true);
});

test('the export chunks list every entry once, newest first', async () => {
    const { apex, modules } = await queuedOrg(preview, { userCount: 60 });
    const whole = await exportAll(apex, { outcome: 'Succeeded' });
    modules.activitySizes.exportChunk = 7;
    const chunked = await exportAll(apex, { outcome: 'Succeeded' });
    assert.deepEqual(
        chunked.map((row) => row.id),
        whole.map((row) => row.id)
    );
    const times = chunked.map((row) => Date.parse(row.occurredAt));
    assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a)
    );
});

test('an action recorded in the preview comes first', async () => {
    const { apex } = await queuedOrg(preview, { userCount: 60 });
    await apex['CrmSyncAdminController.pauseSync']({ reason: 'Data migration this weekend' });
    const page = await apex['CrmSyncAdminController.getRecentActivity']({ query: null });
    assert.equal(page.entries[0].action, 'Pause_Sync');
    assert.equal(page.entries[0].actorName, 'Dana Whitfield');
});

test('a user without the CRM Sync Admin permission set reads nothing', async () => {
    const { apex } = await queuedOrg(preview, { userCount: 60, admin: false });
    await assert.rejects(apex['CrmSyncAdminController.getRecentActivity']({ query: null }), (rejection) => {
        assert.equal(JSON.parse(rejection.body.message).code, 'NOT_PERMITTED');
        return true;
    });
});
