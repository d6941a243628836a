// "Sync errors": from a user's Error status in the license table to the cause, its fix and a successful retry;
// retrying a whole cause, a selection that still fails, an error another admin resolved meanwhile, a busy backend
// (?scenario=retry-busy: 429, then 503) that loses nothing, and German. Every retry is audited.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    auditEntries,
    card,
    definitions,
    format,
    isFocused,
    labels,
    searchUsers,
    toggleCheckbox,
    until,
    userRow,
    visible
} from './support/panel.mjs';

const en = labels.en;
const de = { ...labels.en, ...labels.de };
const BJOERN = 'Björn Weiß';

/** The outcome line a retry leaves: resolved, still failing, no longer open. */
const outcome = (resolved, failed, unknown) => format(en.CRM_Sync_Sync_Errors_Outcome, resolved, failed, unknown);

function section(page, language = en) {
    return card(page, language.CRM_Sync_Sync_Errors_Title);
}

/** The sync error rows: the ones with a Retry button. */
function errorRows(page) {
    return section(page)
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: en.CRM_Sync_Sync_Errors_Retry_Button, exact: true }) });
}

browserTest("from a user's Error status to the cause, its fix and a successful retry", async ({ page, open }) => {
    await open();
    await searchUsers(page, BJOERN);
    const status = userRow(page, BJOERN).getByRole('button', {
        name: format(en.CRM_Sync_Sync_Errors_Show_For_User, 'Error', BJOERN),
        exact: true
    });
    await status.click();

    const errors = section(page);
    const note = errors.getByText(format(en.CRM_Sync_Sync_Errors_Of_User, BJOERN), { exact: true });
    await visible(note);
    await until(
        () => isFocused(note),
        (focused) => focused,
        { message: 'the focus on whose errors are shown' }
    );
    await visible(errors.getByRole('heading', { name: en.CRM_Sync_Error_Cause_Rejected, exact: true }));
    await visible(errors.getByText(en.CRM_Sync_Error_Fix_Rejected));
    const row = errorRows(page);
    assert.equal(await row.count(), 1, 'one open error');
    await visible(row.getByRole('link', { name: BJOERN, exact: true }));
    await visible(row.getByText('CRM refused the contact owner: the mailbox is full.'));

    await row.getByRole('button', { name: en.CRM_Sync_Sync_Errors_Retry_Button, exact: true }).click();
    await visible(errors.getByRole('status').getByText(outcome(1, 0, 0)));
    await visible(errors.getByText(format(en.CRM_Sync_Sync_Errors_None_For_User, BJOERN)));
    await visible(userRow(page, BJOERN).getByRole('cell', { name: 'Synced', exact: true }));
    const retry = (await auditEntries(page)).find((entry) => entry.action === 'Retry_Sync_Errors');
    assert.equal(retry?.outcome, 'Succeeded');
});

browserTest('the link of a user in an error opens that user', async ({ page, open }) => {
    await open();
    await searchUsers(page, BJOERN);
    await userRow(page, BJOERN)
        .getByRole('button', { name: format(en.CRM_Sync_Sync_Errors_Show_For_User, 'Error', BJOERN) })
        .click();
    await errorRows(page).getByRole('link', { name: BJOERN, exact: true }).click();
    await page.waitForURL(/#\/user\/0057Q0000000004QAA$/);
});

browserTest('Retry all of a cause the admin fixed resolves every error of it', async ({ page, open }) => {
    await open();
    const errors = section(page);
    const cause = en.CRM_Sync_Error_Cause_User_Locked;
    await errors.getByRole('button', { name: format(en.CRM_Sync_Sync_Errors_Retry_All, cause), exact: true }).click();
    await visible(errors.getByRole('status').getByText(/^Retry finished\. Resolved: [1-9]\d*\. Still failing: 0\./));
    await until(
        () => errors.getByRole('heading', { name: cause, exact: true }).count(),
        (count) => count === 0,
        { message: 'the cause gone from the groups' }
    );
});

browserTest(
    'Retry all of a cause with more than 200 errors runs as a background job until every error of it is retried',
    async ({ page, open }) => {
        await open({ users: '50000' });
        const errors = section(page);
        const cause = en.CRM_Sync_Error_Cause_User_Locked;
        const groupCount = await errors.locator('[data-cause="crm_user_locked"] [data-id="group-count"]').innerText();
        const count = Number(groupCount.match(/\d+/)[0]);
        assert.ok(count > 200, `expected more errors than one call takes, found ${count}`);

        await errors
            .getByRole('button', { name: format(en.CRM_Sync_Sync_Errors_Retry_All, cause), exact: true })
            .click();
        const started = await visible(errors.getByRole('status').getByText(/in the background as job JOB-\d+/));
        assert.match(await started.innerText(), new RegExp(`^${count.toLocaleString('en-US')} errors are retried`));
        await visible(page.getByRole('heading', { name: format(en.CRM_Sync_Job_Heading_Retry, cause), exact: true }));
        await visible(page.getByRole('progressbar'));
        await until(
            () => page.locator('[data-id="processed"]').innerText(),
            (text) =>
                text ===
                format(en.CRM_Sync_Job_Processed_Errors, count.toLocaleString('en-US'), count.toLocaleString('en-US')),
            { timeout: 60_000, message: 'every error of the cause to be retried' }
        );
        await visible(page.locator('[data-id="status"]').getByText(en.CRM_Sync_Job_Status_Completed));
        // The job's end reads the errors again: the cause is gone.
        await until(
            () => errors.getByRole('heading', { name: cause, exact: true }).count(),
            (headings) => headings === 0,
            { message: 'the cause gone from the groups' }
        );
        const retry = (await auditEntries(page)).find((entry) => entry.action === 'Retry_Sync_Errors');
        assert.equal(retry?.outcome, 'Succeeded', 'the job is audited when it ends');
    },
    { timeout: 120_000 }
);

browserTest('a not matched user still fails until the CRM has an account for the email', async ({ page, open }) => {
    await open();
    const errors = section(page);
    await errors
        .getByRole('button', {
            name: format(en.CRM_Sync_Sync_Errors_Show_Cause, en.CRM_Sync_Error_Cause_Not_Matched),
            exact: true
        })
        .click();
    await visible(
        errors.getByText(format(en.CRM_Sync_Sync_Errors_Of_Cause, en.CRM_Sync_Error_Cause_Not_Matched), {
            exact: true
        })
    );
    const first = errorRows(page).first();
    await toggleCheckbox(first.getByRole('checkbox'));
    await toggleCheckbox(errorRows(page).nth(1).getByRole('checkbox'));
    await errors.getByRole('button', { name: format(en.CRM_Sync_Sync_Errors_Retry_Selected, 2), exact: true }).click();
    await visible(errors.getByRole('status').getByText(outcome(0, 2, 0)));
});

browserTest(
    'an error another admin resolved meanwhile is reported as no longer open',
    async ({ page, context, urlFor }) => {
        await page.goto(urlFor());
        const other = await context.newPage();
        await other.goto(urlFor());
        const retryFirst = (target) =>
            errorRows(target)
                .filter({ hasNotText: en.CRM_Sync_Error_Cause_Not_Matched })
                .first()
                .getByRole('button', { name: en.CRM_Sync_Sync_Errors_Retry_Button, exact: true });
        const name = await errorRows(page)
            .filter({ hasNotText: en.CRM_Sync_Error_Cause_Not_Matched })
            .first()
            .getByRole('link')
            .innerText();
        await visible(errorRows(other).filter({ hasText: name }).first());

        await retryFirst(page).click();
        await visible(
            section(page)
                .getByRole('status')
                .getByText(outcome(1, 0, 0))
        );
        await errorRows(other)
            .filter({ hasText: name })
            .first()
            .getByRole('button', { name: en.CRM_Sync_Sync_Errors_Retry_Button, exact: true })
            .click();
        await visible(
            section(other)
                .getByRole('status')
                .getByText(outcome(0, 0, 1))
        );
    }
);

browserTest(
    'retry-busy: a rate limit and maintenance say so, keep the selection, and Try again goes through',
    async ({ page, open }) => {
        await open({ scenario: 'retry-busy' });
        const errors = section(page);
        await toggleCheckbox(errorRows(page).first().getByRole('checkbox'));
        const retrySelected = errors.getByRole('button', {
            name: format(en.CRM_Sync_Sync_Errors_Retry_Selected, 1),
            exact: true
        });
        await retrySelected.click();
        await visible(errors.getByText(format(en.CRM_Sync_Error_Rate_Limited, 30)));
        await visible(retrySelected);

        await errors.getByRole('button', { name: en.CRM_Sync_Retry, exact: true }).click();
        await visible(errors.getByText(en.CRM_Sync_Error_Backend));
        await visible(retrySelected);

        await errors.getByRole('button', { name: en.CRM_Sync_Retry, exact: true }).click();
        await visible(errors.getByRole('status').getByText(/^Retry finished\./));
        const outcomes = (await auditEntries(page))
            .filter((entry) => entry.action === 'Retry_Sync_Errors')
            .map((entry) => entry.outcome);
        assert.equal(outcomes.length, 3, `three attempts audited: ${outcomes}`);
        assert.deepEqual(outcomes.slice(0, 2), ['Failed', 'Failed']);
    }
);

browserTest('German admins read the causes, fixes and outcome in German', async ({ page, open }) => {
    await open({ lang: 'de' });
    const errors = section(page, de);
    await visible(errors.getByRole('heading', { name: de.CRM_Sync_Error_Cause_Not_Matched, exact: true }));
    await visible(errors.getByText(de.CRM_Sync_Error_Fix_Not_Matched));
    await visible(errors.getByText(format(de.CRM_Sync_Sync_Errors_Total, '375')));
});

browserTest(
    "the User record action shows the user's errors with cause and fix, and Retry sync resolves them",
    async ({ page, open }) => {
        await open({ route: '/user/0057Q0000000004QAA' });
        await page.getByRole('button', { name: 'CRM Sync', exact: true }).click();
        const dialog = await visible(page.getByRole('dialog', { name: 'CRM Sync' }));
        await visible(dialog.getByRole('heading', { name: en.CRM_Sync_Sync_Errors_Title, exact: true }));
        await visible(dialog.getByText(en.CRM_Sync_Error_Cause_Rejected, { exact: true }));
        await visible(dialog.getByText(en.CRM_Sync_Error_Fix_Rejected));

        await dialog.getByRole('button', { name: en.CRM_Sync_User_Errors_Retry, exact: true }).click();
        await visible(dialog.getByRole('status').getByText(outcome(1, 0, 0)));
        const shown = await definitions(dialog);
        assert.equal(shown.Status, 'Synced', 'the new state replaces the error');
        const retry = (await auditEntries(page)).find((entry) => entry.action === 'Retry_Sync_Errors');
        assert.equal(retry?.outcome, 'Succeeded');
    }
);
