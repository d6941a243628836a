// Changes for every user matching a filter: "Select all N matching users" → the dry run in the dialog → a background
// job whose progress shows above the table until it is done, after a reload too; cancelling a running job; and a
// change for few enough users to be applied at once. The preview's queue runs the job's steps in the page.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import { chooseOption, format, labels, toast, until, visible } from './support/panel.mjs';

const L = labels.en;

/** Filters the table, selects the page, then every matching user; returns N of "Select all N matching users". */
async function selectAllMatching(page, filters) {
    for (const [combobox, option] of filters) {
        await chooseOption(page, combobox, option);
    }
    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check({ force: true });
    const selectAll = await visible(page.getByRole('button', { name: /^Select all [\d,]+ matching users$/ }));
    const count = Number((await selectAll.innerText()).replace(/\D/g, ''));
    await selectAll.click();
    await visible(page.getByText(format(L.CRM_Sync_Bulk_All_Matching_Selected, count.toLocaleString('en'))));
    return count;
}

/** The dialog's "Will change" count, once the dry run is shown. */
async function dryRunChanging(dialog) {
    const term = dialog.getByRole('term').filter({ hasText: L.CRM_Sync_Job_Changing });
    await visible(term);
    return Number((await dialog.getByRole('definition').first().innerText()).replace(/\D/g, ''));
}

/** "x of N users" of the job section. */
async function processed(page) {
    const text = await page.locator('[data-id="processed"]').innerText();
    const [done, total] = text.replace(/,/g, '').match(/\d+/g).map(Number);
    return { done, total };
}

browserTest(
    'select all matching users → dry run → a background job with progress until it is done, after a reload too',
    async ({ page, open }) => {
        await open({ users: '50000' });
        const matching = await selectAllMatching(page, [
            [L.CRM_Sync_Filter_License, L.CRM_Sync_Filter_Licensed],
            [L.CRM_Sync_Filter_Sync, L.CRM_Sync_Filter_Sync_Off]
        ]);
        assert.ok(matching > 1000, `expected a job of several steps, found ${matching} users`);

        await page.getByRole('button', { name: L.CRM_Sync_Enable_Sync, exact: true }).click();
        const dialog = await visible(page.getByRole('dialog'));
        assert.equal(await dryRunChanging(dialog), matching, 'licensed users with sync off all change');
        await visible(dialog.getByText(L.CRM_Sync_Job_Runs_As_Job));
        await dialog.getByRole('button', { name: L.CRM_Sync_Job_Start, exact: true }).click();

        const progress = await visible(page.getByRole('progressbar'));
        assert.match(await progress.getAttribute('aria-label'), /^Progress of job JOB-\d+$/);
        await until(
            () => processed(page),
            ({ done }) => done > 0,
            { message: 'the first step to be done' }
        );

        // The job is the org's, not the page's: after a reload it shows again and goes on to the end.
        await page.reload();
        await visible(page.getByRole('progressbar'));
        const { total } = await until(
            () => processed(page),
            ({ done, total: all }) => done === all,
            { timeout: 60_000, message: 'every matching user to be processed after the reload' }
        );
        assert.equal(total, matching);
        await visible(page.locator('[data-id="status"]').getByText(L.CRM_Sync_Job_Status_Completed));
    },
    { timeout: 120_000 }
);

browserTest(
    'cancel midway: the job stops after its running step and says how far it got',
    async ({ page, open }) => {
        await open({ users: '50000' });
        const matching = await selectAllMatching(page, [[L.CRM_Sync_Filter_Sync, L.CRM_Sync_Filter_Sync_On]]);
        await page.getByRole('button', { name: 'Disable CRM sync', exact: true }).click();
        const dialog = await visible(page.getByRole('dialog'));
        assert.equal(await dryRunChanging(dialog), matching);
        await dialog.getByRole('button', { name: L.CRM_Sync_Job_Start, exact: true }).click();

        await until(
            () => processed(page),
            ({ done }) => done > 0,
            { message: 'the job to start' }
        );
        // The page itself plays the platform's queue: while a step of 1,000 of 50,000 users runs, it answers late, more
        // so on a busy CI machine; the platform would run the step on its servers and the click would land at once.
        await page.getByRole('button', { name: L.CRM_Sync_Job_Cancel, exact: true }).click({ timeout: 30_000 });
        await page
            .locator('[data-id="status"]')
            .getByText(L.CRM_Sync_Job_Status_Cancelled)
            .waitFor({ state: 'visible', timeout: 30_000 });
        const { done, total } = await processed(page);
        assert.ok(done < total, `cancelled before the end: ${done} of ${total}`);
        await visible(toast(page, 'was cancelled after'));
    },
    { timeout: 120_000 }
);

browserTest('a change for at most 200 matching users is applied at once, without a job', async ({ page, open }) => {
    await open();
    const matching = await selectAllMatching(page, [[L.CRM_Sync_Filter_Status, 'Not matched']]);
    assert.ok(matching > 25 && matching <= 200, `expected more than a page and at most 200 users, found ${matching}`);
    await page.getByRole('button', { name: L.CRM_Sync_Enable_Sync, exact: true }).click();
    const dialog = await visible(page.getByRole('dialog'));
    await visible(dialog.getByText(L.CRM_Sync_Job_Runs_At_Once));
    await dialog.getByRole('button', { name: L.CRM_Sync_Job_Start, exact: true }).click();
    await until(
        () => page.getByRole('dialog').count(),
        (count) => count === 0,
        { message: 'the dialog to close' }
    );
    assert.equal(await page.getByRole('progressbar').count(), 0, 'no job is shown');
});
