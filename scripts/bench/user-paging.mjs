// Measures the SIMULATION, not an org: the license table's search, filters and paging over 50,000 users in the
// preview's simulated org (the TypeScript port of CrmSyncUserDirectory, bundled for Node exactly as the page runs
// it), because Apex cannot run here. Its times say the preview and the browser tests stay usable at that size and
// that the port's paging shows every user exactly once; they say nothing about an org's response times. What this
// script does say about the org is the Apex budget of one getUsers call, read from the Apex source by
// scripts/lib/apex-budget.mjs (queries, cursors, DML, callouts the call can reach, and the row bounds set by the
// Apex constants) — to measure an org, run the table there with the debug log's limit usage.
//
// Usage: npm run bench:users [-- --users 50000 --page-size 50]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bundleForNode } from '../../preview/build/bundle-for-node.mjs';
import { readLabelTexts } from '../../preview/build/labels.mjs';
import { readApexConstants } from '../lib/apex-constants.mjs';
import { apexBudget } from '../lib/apex-budget.mjs';
import { readProject, repoRoot } from '../lib/project.mjs';

const { values } = parseArgs({
    options: { users: { type: 'string', default: '50000' }, 'page-size': { type: 'string', default: '50' } }
});
const userCount = Number(values.users);
const pageSize = Number(values['page-size']);

async function timed(run) {
    const started = performance.now();
    const result = await run();
    return { result, ms: performance.now() - started };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const row = (label, text) => console.log(`  ${label.padEnd(46)} ${text}`);

const outDir = mkdtempSync(path.join(os.tmpdir(), 'crm-sync-bench-'));
try {
    const files = await bundleForNode(outDir);
    const modules = {};
    for (const name of ['backend', 'org', 'runtime', 'ids', 'persist']) {
        Object.assign(modules, await import(files[name]));
    }
    const getUsers = (await import(files['apex/CrmSyncAdminController.getUsers'])).default;
    const getPanelState = (await import(files['apex/CrmSyncAdminController.getPanelState'])).default;

    /** A fresh org and backend, signed in as the admin in the locale, installed as the Apex modules' target. */
    const seed = (locale) =>
        timed(async () => {
            const storage = modules.memoryStorage();
            const backend = modules.createBackend({
                userCount,
                seed: 1,
                tenant: 'linked',
                scenario: 'normal',
                storage,
                storageKey: 'backend',
                sleep: async () => {}
            });
            const org = modules.createOrg({
                userCount,
                seed: 1,
                tenant: 'linked',
                runningUserId: modules.userIdAt(0),
                hasAdminPermission: true,
                labels: readLabelTexts(repoRoot).en,
                locale,
                callout: (request) => backend.handle(request),
                storage,
                storageKey: 'org'
            });
            modules.installOrg(org, { latencyMs: 0 });
            return org;
        });
    const seeding = await seed('en_US');

    console.log(
        `User paging over ${userCount.toLocaleString('en')} users, ${pageSize} per page, in the SIMULATED org ` +
            `(preview/org, Node ${process.version}); these times are not an org's`
    );
    row('seed org and backend', `${seeding.ms.toFixed(0)} ms`);
    const panel = await timed(() =>
        getPanelState({ firstPage: { pageSize: 25, sortBy: 'name', sortDirection: 'asc' } })
    );
    row('getPanelState (first paint)', `${panel.ms.toFixed(1)} ms`);

    const pageTimes = [];
    const seen = new Set();
    const first = await timed(() => getUsers({ query: { pageSize, sortBy: 'email' } }));
    row('first page by email (sorts every user once)', `${first.ms.toFixed(1)} ms`);
    let page = first.result;
    page.rows.forEach((user) => seen.add(user.userId));
    while (page.nextCursor) {
        const { result, ms } = await timed(() =>
            getUsers({ query: { pageSize, sortBy: 'email', cursor: page.nextCursor } })
        );
        pageTimes.push(ms);
        page = result;
        page.rows.forEach((user) => seen.add(user.userId));
    }
    pageTimes.sort((a, b) => a - b);
    row(
        `walk every page forwards (${pageTimes.length + 1} pages)`,
        `${pageTimes.reduce((a, b) => a + b, 0).toFixed(0)} ms`
    );
    row(
        '  one page: median / p95 / max',
        `${percentile(pageTimes, 50).toFixed(1)} / ${percentile(pageTimes, 95).toFixed(1)} / ${pageTimes.at(-1).toFixed(1)} ms`
    );
    row(
        '  users seen, each exactly once',
        `${seen.size.toLocaleString('en')} of ${page.totalCountCapped ? 'at least ' : ''}${page.totalCount.toLocaleString('en')} counted`
    );

    for (const [label, query] of [
        ['search "Müller"', { searchTerm: 'Müller' }],
        [
            'filter sync on + licensed + status Error',
            { syncFilter: 'on', licenseFilter: 'licensed', statusFilter: 'Error' }
        ],
        [
            'filter sync off + unlicensed, sort email desc',
            { syncFilter: 'off', licenseFilter: 'unlicensed', sortBy: 'email', sortDirection: 'desc' }
        ],
        ['all users incl. inactive (exact count)', { includeInactive: true }],
        [
            `page 500 by name (token {"start": ${499 * pageSize}})`,
            { cursor: btoa(JSON.stringify({ start: 499 * pageSize })) }
        ]
    ]) {
        const { result, ms } = await timed(() => getUsers({ query: { pageSize, ...query } }));
        const total = `${result.totalCountCapped ? '≥' : ''}${result.totalCount.toLocaleString('en')}`;
        row(label, `${ms.toFixed(1)} ms, ${total} match`);
    }

    // A German user's first page sorts every user again, in the German collation (once per field and locale).
    const german = await seed('de_DE');
    row('seed again, signed in as a de_DE user', `${german.ms.toFixed(0)} ms`);
    const germanFirst = await timed(() => getUsers({ query: { pageSize } }));
    row('first page by name in de_DE (sorts once)', `${germanFirst.ms.toFixed(1)} ms`);
    const germanNext = await timed(() => getUsers({ query: { pageSize, cursor: germanFirst.result.nextCursor } }));
    row('next page by name in de_DE', `${germanNext.ms.toFixed(1)} ms`);

    await printApexBudget('CrmSyncAdminController.getUsers');
} finally {
    rmSync(outDir, { recursive: true, force: true });
}

/** The Apex budget of one call, from the Apex source: every limit-consuming site it can reach, and the row bounds. */
async function printApexBudget(entry) {
    const { packageDirs } = readProject(repoRoot);
    const { methods, sites } = await apexBudget(entry, packageDirs);
    const { constants } = readApexConstants(packageDirs);
    const constant = (name) => constants.find((found) => `${found.className}.${found.name}` === name);
    console.log(`\nApex budget per ${entry} call, read from the Apex (${methods.length} methods reached):`);
    for (const kind of ['soql', 'cursor', 'cursor fetch', 'dml', 'callout', 'enqueue']) {
        const found = sites.filter((site) => site.kind === kind);
        const where = found.map((site) => `${site.site}:${site.line}${site.inLoop ? ' (in a loop)' : ''}`);
        row(`  ${kind}`, `${found.length}${where.length ? `  ${where.join(', ')}` : ''}`);
    }
    for (const name of ['CrmSyncUserDirectory.ROW_LIMIT', 'CrmSyncUserDirectory.MAX_PAGE_SIZE']) {
        row(`  ${name}`, `${constant(name)?.value.value.toLocaleString('en') ?? 'not found'}`);
    }
    console.log(
        '  rows: the cursor holds at most ROW_LIMIT users; a page reads at most MAX_PAGE_SIZE of them and their ' +
            'stored states (one CRM_Sync_User__c per user)'
    );
}
