// `npm run screenshots`: regenerates the README's pictures of the main states in docs/screenshots/ from the local
// preview — the same seed, no simulated latency, UTC, a 1280×900 viewport and no animations, so a run without a
// product change gives the same pictures. `npm run screenshots -- sync-errors.png` takes only the pictures named.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../preview/serve.mjs';
import { ensurePreviewBuild, launchBrowser, repoRoot } from './support/preview.mjs';
import { toggleCheckbox, visible } from './support/panel.mjs';

const OUT_DIR = path.join(repoRoot, 'docs/screenshots');
const VIEWPORT = { width: 1280, height: 900 };
/** Oliver Brown (preview/seed/world.ts): the user the "User record" link opens. */
const RECORD_USER = '0057Q0000000006QAA';

/** @type {{ file: string, params?: Record<string, string>, route?: string, fixedTime?: string, prepare: (page: import('playwright-core').Page) => Promise<void> }[]} */
const SHOTS = [
    {
        file: 'panel-connected.png',
        prepare: (page) => panelReady(page, 'Change')
    },
    {
        file: 'panel-not-connected.png',
        params: { tenant: 'unlinked' },
        prepare: (page) => panelReady(page, 'Connect to CRM')
    },
    {
        file: 'disconnect-dialog.png',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            await page.getByRole('button', { name: 'Change' }).click();
            await page
                .getByRole('dialog', { name: 'Change CRM connection' })
                .getByRole('button', { name: 'Disable CRM sync' })
                .click();
            const dialog = await visible(page.getByRole('dialog', { name: 'Disable CRM sync' }));
            await visible(dialog.getByRole('heading', { name: 'Will be kept' }));
            await toggleCheckbox(
                dialog.getByRole('checkbox', { name: 'Yes, delete all previously imported CRM data' })
            );
            await visible(dialog.getByText('Imported accounts'));
        }
    },
    {
        file: 'edit-menu.png',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            // The table at the top of the window, and a row near its top, so the whole menu fits below the row;
            // this user is licensed with sync on.
            await page
                .getByRole('heading', { name: 'License management' })
                .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
            await page.getByRole('button', { name: 'Edit Amelia Braun', exact: true }).click();
            await visible(page.getByRole('menuitemcheckbox', { name: 'Enable CRM sync', checked: true }));
        }
    },
    {
        file: 'user-action.png',
        route: `/user/${RECORD_USER}/action`,
        prepare: async (page) => {
            await visible(
                page.getByRole('dialog', { name: 'CRM Sync' }).getByRole('checkbox', { name: 'Enable CRM sync' })
            );
            // The component on the record page behind the dialog has loaded too.
            await visible(page.getByRole('checkbox', { name: 'Enable CRM sync' }).nth(1));
        }
    },
    {
        file: 'job-dialog.png',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            await selectAllMatchingLicensedWithSyncOff(page);
            await page.getByRole('button', { name: 'Enable CRM sync', exact: true }).click();
            await visible(page.getByRole('dialog').getByText('Will change'));
        }
    },
    {
        // The slow backend (2 s a request) holds the job after its first step of 1,000 users long enough for the
        // picture, and the page's clock is fixed so the start time reads the same on every run.
        file: 'job-running.png',
        params: { users: '50000', scenario: 'slow' },
        fixedTime: '2026-12-06T09:00:00Z',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            await selectAllMatchingLicensedWithSyncOff(page);
            await page.getByRole('button', { name: 'Enable CRM sync', exact: true }).click();
            const dialog = page.getByRole('dialog');
            await visible(dialog.getByText('Will change'));
            await dialog.getByRole('button', { name: 'Start', exact: true }).click();
            await visible(page.getByText(/^1,000 of [\d,]+ users$/));
            await page
                .getByRole('heading', { name: /^Change for many users/ })
                .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
        }
    },
    {
        // A file as German Excel saves it, with good lines and lines the check leaves out.
        file: 'import-dialog.png',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            await page.getByRole('button', { name: 'Import CSV', exact: true }).click();
            const dialog = page.getByRole('dialog', { name: 'Import CSV' });
            const lines = [
                'Benutzername;Lizenz',
                'oliver.brown@acme-crm.example;',
                'sophie.obrien@acme-crm.example;',
                'zoe.schaefer@acme-crm.example;',
                'niemand@acme-crm.example;',
                'Jürgen Schröder;',
                '0057Q0000000006QAA;'
            ];
            await dialog.getByLabel(/^CSV file/).setInputFiles({
                name: 'Benutzer.csv',
                mimeType: 'text/csv',
                buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
            });
            await visible(dialog.getByText('2 users found in Benutzer.csv.'));
        }
    },
    {
        // A new rule for a permission set, with the count of the users it matches before it is saved.
        file: 'rule-dialog.png',
        prepare: async (page) => {
            await panelReady(page, 'Change');
            await page.getByRole('button', { name: 'New rule', exact: true }).click();
            const dialog = page.getByRole('dialog', { name: 'New assignment rule' });
            await dialog.getByRole('textbox', { name: 'Rule name' }).fill('Sales Cloud users');
            await dialog.getByText('Permission set', { exact: true }).click();
            await dialog.getByRole('combobox', { name: 'Which one' }).click();
            await dialog.getByRole('option', { name: 'Sales Cloud User', exact: true }).click();
            await visible(dialog.getByText(/active users match this rule\.$/));
        }
    },
    {
        // "Check setup" on a fresh install: the Named Credential still has the shipped placeholder URL.
        file: 'setup-doctor.png',
        params: { scenario: 'placeholder-url' },
        prepare: async (page) => {
            await visible(page.getByRole('button', { name: 'Check setup', exact: true }));
            await page.getByRole('button', { name: 'Check setup', exact: true }).click();
            const results = page.getByRole('region', { name: 'Setup check' });
            await visible(results.getByRole('listitem').last());
            await results.evaluate((region) => region.scrollIntoView({ block: 'center' }));
        }
    },
    {
        // The health check found the placeholder URL: the banner at the top of the panel.
        file: 'health-failing.png',
        params: { scenario: 'placeholder-url' },
        prepare: async (page) => {
            await page.getByRole('button', { name: 'Check now', exact: true }).click();
            await visible(page.getByText('CRM Sync is failing since'));
            await page.evaluate(() => window.scrollTo(0, 0));
        }
    },
    {
        file: 'panel-paused.png',
        params: { scenario: 'paused' },
        prepare: (page) => panelReady(page, 'Resume sync')
    },
    {
        // From Björn Weiß's "Error" status in the license table to his error, its cause and its fix.
        file: 'sync-errors.png',
        prepare: async (page) => {
            await page.getByRole('searchbox', { name: 'Search users' }).fill('Björn Weiß');
            const status = page.getByRole('button', { name: 'Error: show the sync errors of Björn Weiß' });
            await status.click();
            const note = page.getByText('Showing the sync errors of Björn Weiß.', { exact: true });
            await visible(note);
            await visible(page.getByRole('cell', { name: 'CRM refused the contact owner: the mailbox is full.' }));
            // Björn's row of the license table above, his error below.
            await status.evaluate((element) => element.scrollIntoView({ block: 'start' }));
            await page.evaluate(() => window.scrollBy(0, -120));
        }
    },
    {
        // Recent activity: the seeded audit trail's newest failures, with the filters, links and export.
        file: 'recent-activity.png',
        prepare: async (page) => {
            const table = page.getByRole('table', { name: 'Recent admin actions' });
            await visible(table);
            await page.getByRole('combobox', { name: 'Outcome', exact: true }).click();
            await page.getByRole('option', { name: 'Failed', exact: true }).click();
            await visible(page.getByText(/^\d+ entries$/));
            await page
                .getByRole('heading', { name: 'Recent activity', exact: true })
                .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
        }
    },
    {
        file: 'panel-german.png',
        params: { lang: 'de' },
        prepare: (page) => panelReady(page, 'Ändern')
    }
];

/** Filters the table to licensed users with sync off and selects all of them, not just the page. */
async function selectAllMatchingLicensedWithSyncOff(page) {
    for (const [combobox, option] of [
        ['License', 'Licensed'],
        ['CRM sync', 'CRM sync off']
    ]) {
        await page.getByRole('combobox', { name: combobox, exact: true }).click();
        await page.getByRole('option', { name: option, exact: true }).click();
    }
    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check({ force: true });
    await page.getByRole('button', { name: /^Select all [\d,]+ matching users$/ }).click();
}

/** The panel has its data: the card's action button and the first rows of the table. */
async function panelReady(page, action) {
    await visible(page.getByRole('button', { name: action, exact: true }));
    await visible(page.getByRole('rowheader').first());
}

ensurePreviewBuild();
mkdirSync(OUT_DIR, { recursive: true });
const server = await startServer({ port: 0 });
const browser = await launchBrowser();
let failures = 0;
try {
    const only = process.argv.slice(2);
    for (const shot of SHOTS.filter((candidate) => only.length === 0 || only.includes(candidate.file))) {
        const context = await browser.newContext({
            viewport: VIEWPORT,
            locale: 'en-US',
            timezoneId: 'UTC',
            reducedMotion: 'reduce'
        });
        context.setDefaultTimeout(30_000);
        const page = await context.newPage();
        if (shot.fixedTime) {
            await page.clock.setFixedTime(new Date(shot.fixedTime));
        }
        try {
            const query = new URLSearchParams({ latency: '0', ...shot.params });
            await page.goto(`${server.url}?${query}#${shot.route ?? '/admin'}`);
            await shot.prepare(page);
            await page.evaluate(() => document.fonts.ready);
            const file = path.join(OUT_DIR, shot.file);
            await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
            console.log(`${path.relative(repoRoot, file)}  ${Math.round(statSync(file).size / 1024)} KB`);
        } catch (error) {
            failures++;
            console.error(`${shot.file}: ${error.message}`);
        } finally {
            await context.close();
        }
    }
} finally {
    await browser.close();
    await server.close();
}
process.exitCode = failures > 0 ? 1 : 0;
