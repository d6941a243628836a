// Helpers that act and read the way a person does: by role and visible or accessible name, never by CSS class or
// component tag, so the components can be restructured without breaking the tests. Short labels are written out
// in the tests (they are what a person reads); long messages come from the label metadata, the only copy of the
// texts.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { readLabelTexts } from '../../preview/build/labels.mjs';
import { repoRoot } from './preview.mjs';

/** `labels.en.CRM_Sync_Error_Unreachable`, `labels.de.…` */
export const labels = readLabelTexts(repoRoot);

/** Seeded users (preview/seed/world.ts): their ids are fixed. */
export const USERS = {
    /** Active, has a CRM account, no license, never synced; the "User record" link opens him. */
    oliverBrown: { id: '0057Q0000000006QAA', name: 'Oliver Brown', username: 'oliver.brown@acme-crm.example' },
    /** Active, Advanced license, sync off; the only Sophie in the seed. */
    sophieOBrien: { name: "Sophie O'Brien" }
};

/** A label with `{0}`, `{1}` … filled in. */
export function format(template, ...values) {
    return template.replace(/\{(\d+)\}/g, (placeholder, index) => String(values[Number(index)] ?? placeholder));
}

/** A label with `{0}`, `{1}` … as a RegExp that accepts any value there. */
export function labelPattern(template) {
    const parts = template.split(/\{\d+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(parts.join('.+'));
}

/**
 * Reads `read()` until `check(value)` holds, and returns that value; fails with the last value read.
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} check
 */
export async function until(read, check, { timeout = 10_000, message = 'the expected state' } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
        const value = await read();
        if (check(value)) {
            return value;
        }
        if (Date.now() > deadline) {
            assert.fail(`${message}: still ${JSON.stringify(value)} after ${timeout} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

/** `until` for a value that must become deep-equal to `expected`. */
export function untilEqual(read, expected, message) {
    return until(read, (value) => isDeepStrictEqual(value, expected), {
        message: `${message} (want ${JSON.stringify(expected)})`
    });
}

/** Waits until the element is visible; returns it. */
export async function visible(locator) {
    await locator.waitFor({ state: 'visible' });
    return locator;
}

/** Waits until no element matches (a closing modal and the next one can briefly be there together). */
export async function gone(locator) {
    await until(
        () => locator.count(),
        (count) => count === 0,
        { message: `${locator} to go away` }
    );
}

/** Whether the element has the keyboard focus (`:focus` is the real focus, also inside synthetic shadow). */
export function isFocused(locator) {
    return locator.evaluate((element) => element.matches(':focus'));
}

/**
 * Ticks or unticks a lightning-input checkbox as a keyboard user does: its <input> is a 1×1 px clipped element
 * under the styled box, which takes the click, so Playwright's check() cannot click it. The input flips as soon as
 * Space reaches it; if it did not flip, something took the focus away in between, and it is tried again.
 */
export async function toggleCheckbox(checkbox) {
    const before = await checkbox.isChecked();
    for (let attempt = 1; attempt <= 3; attempt++) {
        await checkbox.focus();
        await checkbox.press('Space');
        const flipped = await until(
            () => checkbox.isChecked(),
            (checked) => checked !== before,
            { timeout: 1_000, message: 'the checkbox to toggle' }
        ).then(
            () => true,
            () => false
        );
        if (flipped) {
            return;
        }
    }
    assert.fail(`${checkbox} did not toggle with Space`);
}

/** A toast with this text (role status for success and info, alert for warnings and errors). */
export function toast(page, text) {
    return page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });
}

/** The section (card) under this heading. */
export function card(page, heading) {
    return page.getByRole('article').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
}

/** The table row of the user with this name (names can repeat: search for something unique first). */
export function userRow(page, name) {
    return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The names in the table's rows, top to bottom. */
export function rowNames(page) {
    return page.getByRole('rowheader').allInnerTexts();
}

/** The table's count line ("5,000 users", or "At least 100,000 users; the list shows the first 100,000. …"). */
export async function countLine(page, pattern = /^[\d,.]+ users$|^At least [\d,.]+ users; /) {
    return (await visible(page.getByText(pattern))).innerText();
}

/** Types into "Search users" and waits until every row shown matches `expectedInRows`. */
export async function searchUsers(page, term, { label = 'Search users', expectedInRows = term } = {}) {
    await page.getByRole('searchbox', { name: label }).fill(term);
    const needle = expectedInRows.toLowerCase();
    return until(
        async () =>
            page
                .getByRole('row')
                // The license table's rows: other tables on the page (the assignment rules) have no checkboxes.
                .filter({ has: page.getByRole('rowheader') })
                .filter({ has: page.getByRole('checkbox') })
                .allInnerTexts(),
        (rows) => rows.length > 0 && rows.every((row) => row.toLowerCase().includes(needle)),
        { message: `rows matching "${term}"` }
    );
}

/** Opens the row's "Edit <name>" menu and returns the menu. */
export async function openEditMenu(page, name, { edit = 'Edit' } = {}) {
    await page.getByRole('button', { name: `${edit} ${name}`, exact: true }).click();
    return visible(page.getByRole('menu'));
}

/** Picks a lightning-combobox option: the combobox opens a listbox of options. */
export async function chooseOption(page, combobox, option) {
    await page.getByRole('combobox', { name: combobox, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await until(
        () => page.getByRole('combobox', { name: combobox, exact: true }).innerText(),
        (text) => text.includes(option),
        { message: `${combobox} to show ${option}` }
    );
}

/**
 * The seat summary as a person reads it: `{ 'Core Default': { Total: 2584, Assigned: 2393, Available: 191 }, … }`,
 * read from the accessibility tree (each pool is a list item: its name, then term/definition pairs).
 * @returns {Promise<Record<string, Record<string, number>>>}
 */
export async function seatCounts(page, { section = 'License management' } = {}) {
    const pools = card(page, section)
        .getByRole('listitem')
        .filter({ has: page.getByRole('term') });
    await visible(pools.first());
    /** @type {Record<string, Record<string, number>>} */
    const result = {};
    for (const pool of await pools.all()) {
        const lines = (await pool.ariaSnapshot()).split('\n');
        const name = lines.map((line) => /- paragraph: (.*)$/.exec(line)?.[1]).find(Boolean) ?? '?';
        const counts = (result[name] = {});
        let term;
        for (const line of lines) {
            term = /- term: (.*)$/.exec(line)?.[1] ?? term;
            const value = /- definition: "?([\d,.]+)"?$/.exec(line)?.[1];
            if (term && value !== undefined) {
                counts[term] = Number(value.replace(/[,.]/g, ''));
            }
        }
    }
    return result;
}

/**
 * What a connection dialog says will be deleted and kept, read from its accessibility tree: the entries under
 * the "Will be deleted" and "Will be kept" headings, e.g. `['Imported accounts 1,204', …]`, or `['Nothing']`.
 */
export async function impactLists(dialog, { deleted = 'Will be deleted', kept = 'Will be kept' } = {}) {
    const snapshot = await dialog.ariaSnapshot();
    /** @type {Record<string, string[]>} */
    const sections = {};
    let current;
    for (const line of snapshot.split('\n')) {
        const heading = /- heading "(.*)"/.exec(line);
        if (heading) {
            current = heading[1] === deleted ? 'deleted' : heading[1] === kept ? 'kept' : undefined;
            if (current) {
                sections[current] = [];
            }
            continue;
        }
        const entry = /- (?:listitem|paragraph): (.*)$/.exec(line);
        if (current && entry) {
            sections[current].push(entry[1].replace(/^"|"$/g, ''));
        } else if (/- button/.test(line)) {
            current = undefined;
        }
    }
    return sections;
}

const INTERACTIVE = 'button|link|checkbox|combobox|searchbox|textbox|menuitem|menuitemcheckbox|radio|switch|tab';

/**
 * A light accessibility check without an axe package: the controls in this part of the page's accessibility
 * tree that have no accessible name (a name is what a screen reader announces and what these tests click).
 */
export async function unnamedControls(locator) {
    const snapshot = await locator.ariaSnapshot();
    const unnamed = new RegExp(`^\\s*- (${INTERACTIVE})( \\[[^\\]]*\\])*:?( .*)?$`);
    return snapshot.split('\n').filter((line) => unnamed.test(line) && !/^\s*- \w+ "/.test(line));
}

/**
 * Asserts that a modal dialog with this name is open, that its controls have names, that the page behind it is
 * hidden from readers, and that the focus is in the dialog; returns the dialog.
 */
export async function assertModalDialog(page, name) {
    const dialog = await visible(page.getByRole('dialog', { name, exact: true }));
    assert.equal(await dialog.getAttribute('aria-modal'), 'true', `"${name}" has aria-modal="true"`);
    assert.deepEqual(await unnamedControls(dialog), [], `every control in "${name}" has a name`);
    assert.equal(await page.getByRole('dialog').count(), 1, 'one dialog is open');
    // A dialog that opened as another closed: that one is removed only after its closing animation, and then
    // gives the focus back to its opener once more (LightningModal returns focus on close and on removal); this
    // dialog takes it back at once. Keys pressed before that would go astray.
    const dialogsInPage = page.getByRole('dialog', { includeHidden: true });
    await until(
        () => dialogsInPage.count(),
        (count) => count === 1,
        { message: 'the previous dialog to go' }
    );
    // While a modal is open, the page behind it is hidden from readers: LightningModal sets aria-hidden on it (so
    // role queries no longer find it), the preview's quick-action dialog makes it inert (which browsers keep out of
    // the accessibility tree, but Playwright's role queries do not know).
    const main = page.getByRole('main');
    const hidden =
        (await main.count()) === 0 || (await main.evaluate((element) => Boolean(element.closest('[inert]'))));
    assert.ok(hidden, 'the page behind the dialog is hidden from readers');
    // The focus moves into the dialog (and stays there: keys pressed next must reach the dialog).
    await focusSettledIn(page, dialog);
    return dialog;
}

/** What the page did, from window.crmSyncPreview (preview/main.ts). */
export function apexMethods(page) {
    return page.evaluate(() => window.crmSyncPreview.apexCalls.map((call) => call.method));
}

export function auditEntries(page) {
    return page.evaluate(() => JSON.parse(JSON.stringify(window.crmSyncPreview.audit())));
}

/** The CRM Sync alerts the page's org sent (CrmSyncNotifier), oldest first. */
export function notifications(page) {
    return page.evaluate(() => JSON.parse(JSON.stringify(window.crmSyncPreview.notifications())));
}

/**
 * A definition list as a person reads it, from the accessibility tree: `{ License: 'No license', … }` (the first
 * line of each definition).
 * @returns {Promise<Record<string, string>>}
 */
export async function definitions(locator) {
    /** @type {Record<string, string>} */
    const result = {};
    let term;
    for (const line of (await locator.ariaSnapshot()).split('\n')) {
        const termMatch = /- term: (.*)$/.exec(line);
        if (termMatch) {
            term = termMatch[1];
            continue;
        }
        const inline = /- definition: (.+)$/.exec(line);
        const child = /- (?:text|paragraph): (.+)$/.exec(line);
        const value = inline?.[1] ?? (term && !(term in result) ? child?.[1] : undefined);
        if (term && value !== undefined && !(term in result)) {
            result[term] = value.replace(/^"|"$/g, '');
        }
    }
    return result;
}

/**
 * Waits until the focus has stayed inside `locator` for a moment. A dialog opened right after another one closed
 * gets the focus, loses it to the first dialog's opener, and takes it back (LightningModal restores and traps
 * focus asynchronously); keys pressed in between would go astray.
 */
export async function focusSettledIn(page, locator, quietMs = 300) {
    await page.evaluate(() => {
        const state = /** @type {{ e2eLastFocus?: number }} */ (/** @type {unknown} */ (window));
        if (state.e2eLastFocus === undefined) {
            state.e2eLastFocus = performance.now();
            document.addEventListener('focusin', () => (state.e2eLastFocus = performance.now()), true);
        }
    });
    await until(
        () =>
            locator.evaluate(
                (element, quiet) =>
                    element.matches(':focus-within') &&
                    performance.now() -
                        /** @type {{ e2eLastFocus: number }} */ (/** @type {unknown} */ (window)).e2eLastFocus >
                        quiet,
                quietMs
            ),
        Boolean,
        { message: 'the focus to settle in the dialog' }
    );
}

/** Presses Tab until `locator` has the focus, as a keyboard user does; fails after `max` presses. */
export async function tabTo(page, locator, { max = 40, key = 'Tab' } = {}) {
    await locator.waitFor();
    for (let presses = 0; presses < max; presses++) {
        await page.keyboard.press(key);
        if (await isFocused(locator)) {
            return presses + 1;
        }
    }
    return assert.fail(`${locator} did not get the focus after ${max} × ${key}`);
}
