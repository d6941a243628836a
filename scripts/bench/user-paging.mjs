// Measures the license table's server-side search, filters and key paging over 50,000 users (issue: "usable with
// 50,000 users"). It drives the preview's simulated org — the TypeScript port of CrmSyncUserDirectory, bundled for
// Node exactly as the page runs it — because Apex cannot run here; in an org the same queries run as SOQL, and the
// query-row budget printed at the end is what keeps them inside the governor limits.
//
// Usage: npm run bench:users [-- --users 50000 --page-size 50]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bundleForNode } from '../../preview/build/bundle-for-node.mjs';
import { readLabelTexts } from '../../preview/build/labels.mjs';
import { repoRoot } from '../lib/project.mjs';

const { values } = parseArgs({
    options: { users: { type: 'string', default: '50000' }, 'page-size': { type: 'string', default: '50' } }
});
const userCount = Number(values.users);
const pageSize = Number(values['page-size']);

function memoryStorage() {
    const items = new Map();
    return {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, String(value)),
        removeItem: (key) => void items.delete(key)
    };
}

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
    for (const name of ['backend', 'org', 'runtime', 'ids']) {
        Object.assign(modules, await import(files[name]));
    }
    const getUsers = (await import(files['apex/CrmSyncAdminController.getUsers'])).default;
    const getPanelState = (await import(files['apex/CrmSyncAdminController.getPanelState'])).default;

    const seeding = await timed(async () => {
        const storage = memoryStorage();
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
            callout: (request) => backend.handle(request),
            storage,
            storageKey: 'org'
        });
        modules.installOrg(org, { latencyMs: 0 });
        return org;
    });

    console.log(
        `User paging over ${userCount.toLocaleString('en')} users, ${pageSize} per page (simulated org, Node ${process.version})`
    );
    row('seed org and backend', `${seeding.ms.toFixed(0)} ms`);
    const panel = await timed(() =>
        getPanelState({ firstPage: { pageSize: 25, sortBy: 'name', sortDirection: 'asc' } })
    );
    row('getPanelState (first paint)', `${panel.ms.toFixed(1)} ms`);

    const pageTimes = [];
    const seen = new Set();
    let page = (await timed(() => getUsers({ query: { pageSize } }))).result;
    page.rows.forEach((user) => seen.add(user.userId));
    while (page.nextCursor) {
        const { result, ms } = await timed(() => getUsers({ query: { pageSize, cursor: page.nextCursor } }));
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
        `${seen.size.toLocaleString('en')} of ${page.totalCountCapped ? 'more than ' : ''}${page.totalCount.toLocaleString('en')} counted`
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
        ['all users incl. inactive (count capped)', { includeInactive: true }]
    ]) {
        const { result, ms } = await timed(() => getUsers({ query: { pageSize, ...query } }));
        const total = `${result.totalCountCapped ? '>' : ''}${result.totalCount.toLocaleString('en')}`;
        row(label, `${ms.toFixed(1)} ms, ${total} match`);
    }

    // What one getUsers call reads in an org (CrmSyncUserDirectory + CrmSyncDataAccess): the page plus one row to
    // know whether another follows, the page's stored states, and the count up to its cap.
    const rowsRead = pageSize + 1 + pageSize + 10001;
    console.log(
        `Apex budget per getUsers call: 3 SOQL queries (of 100), at most ${rowsRead.toLocaleString('en')} query rows (of 50,000), no OFFSET, no callout`
    );
} finally {
    rmSync(outDir, { recursive: true, force: true });
}
