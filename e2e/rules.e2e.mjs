// Assignment rules: a new rule for a permission set says how many users it matches before it is saved, is listed
// with what selects its users, and "Apply now" goes through the dry run to a job that switches them on. A user an
// admin switched off by hand stays off.
import assert from 'node:assert/strict';
import { browserTest } from './support/browser-test.mjs';
import {
    card,
    format,
    labels,
    labelPattern,
    openEditMenu,
    searchUsers,
    toast,
    untilEqual,
    userRow,
    visible
} from './support/panel.mjs';

const L = labels.en;
/** Seeded (preview/seed/world.ts and preview/org/setup.ts): holds the Marketing Analyst permission set, sync off. */
const SOPHIE = "Sophie O'Brien";

const syncShown = (row) => row.locator('[data-cell="sync"]').innerText();

/** Edit → "Enable CRM sync" twice: on, then off again, by hand. */
async function switchOffByHand(page) {
    await searchUsers(page, 'Sophie');
    const row = userRow(page, SOPHIE);
    for (const state of ['enabled', 'disabled']) {
        const menu = await openEditMenu(page, SOPHIE);
        await menu.getByRole('menuitemcheckbox', { name: L.CRM_Sync_Enable_Sync }).click();
        await visible(toast(page, `CRM sync is now ${state} for ${SOPHIE}.`));
    }
    await untilEqual(() => syncShown(row), 'Off', 'Sophie to be off');
}

browserTest(
    "a rule's match count before saving, then Apply now: a user switched off by hand stays off",
    async ({ page, open }) => {
        await open();
        await switchOffByHand(page);
        const rules = card(page, L.CRM_Sync_Rules_Title);
        await visible(rules.getByText(L.CRM_Sync_Rules_None));
        await rules.getByRole('button', { name: L.CRM_Sync_Rules_New }).click();

        const dialog = await visible(page.getByRole('dialog', { name: L.CRM_Sync_Rule_Dialog_New }));
        await dialog.getByRole('textbox', { name: L.CRM_Sync_Rule_Name }).fill('Marketing analysts');
        // SLDS draws the radio over its hidden input: a person clicks the option's words.
        await dialog.getByText(L.CRM_Sync_Rule_By_Permission_Set, { exact: true }).click();
        assert.equal(await dialog.getByRole('radio', { name: L.CRM_Sync_Rule_By_Permission_Set }).isChecked(), true);
        await dialog.getByRole('combobox', { name: L.CRM_Sync_Rule_Criterion_Value }).click();
        await dialog.getByRole('option', { name: 'Marketing Analyst', exact: true }).click();
        const matches = await visible(dialog.getByText(labelPattern(L.CRM_Sync_Rule_Matches)));
        const count = Number((await matches.innerText()).replace(/\D/g, ''));
        assert.ok(count > 0, `the permission set has holders: ${await matches.innerText()}`);
        await dialog.getByRole('button', { name: L.CRM_Sync_Save, exact: true }).click();

        const row = rules.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Marketing analysts' }) });
        await visible(
            row.getByRole('cell', { name: format(L.CRM_Sync_Rules_Criterion_Permission_Set, 'Marketing Analyst') })
        );
        await visible(row.getByRole('cell', { name: L.CRM_Sync_Rules_Scheduled }));

        await row.getByRole('button', { name: format(L.CRM_Sync_Rules_Apply, 'Marketing analysts') }).click();
        const dryRun = await visible(
            page.getByRole('dialog', { name: format(L.CRM_Sync_Apply_Rule, 'Marketing analysts') })
        );
        await visible(dryRun.getByText(L.CRM_Sync_Job_Intro_Rule));
        const counts = await dryRun.locator('dl').first().innerText();
        const number = (term) => Number(counts.match(new RegExp(`${term}\\s+([\\d,]+)`))?.[1].replace(/,/g, ''));
        // The dry run counts inactive holders too, as skipped; the dialog counted the active ones.
        assert.equal(number(L.CRM_Sync_Job_Matching) - number('Skipped: inactive[^\\n]*'), count, counts);
        assert.match(counts, /Switched off by hand \(left off\)\s+1/, counts);
        await dryRun.getByRole('button', { name: L.CRM_Sync_Job_Start, exact: true }).click();
        await untilEqual(() => page.getByRole('dialog').count(), 0, 'the dry run to close');
        // More than 200 users: a job, whose end reloads the panel.
        await visible(toast(page, 'is done'));

        await searchUsers(page, 'Sophie');
        assert.equal(
            await syncShown(userRow(page, SOPHIE)),
            'Off',
            'the rule leaves a user switched off by hand alone'
        );
    }
);
