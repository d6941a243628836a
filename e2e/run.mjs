// `npm run test:e2e`: the browser tests. Builds the preview unless preview/dist is newer than its sources, serves
// it on a free port, launches Chromium once for all test files, runs e2e/*.e2e.mjs with Node's test runner and
// ends with one "N passed, N failed" line; exits non-zero when a test fails. A failing test leaves a full-page
// screenshot in test-results/.
//
//   npm run test:e2e                                   every test
//   npm run test:e2e -- e2e/users.e2e.mjs              some files
//   npm run test:e2e -- --grep keyboard                tests whose name matches
//   npm run test:e2e -- --backend                      e2e/reference-backend/*.e2e.mjs against the reference
//                                                      backend (server/) on a free port, callouts over real HTTP
//   E2E_REBUILD=1 npm run test:e2e                     build the preview even if it looks current
//   CHROMIUM_PATH=/usr/bin/chromium-browser npm run test:e2e
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { finished } from 'node:stream/promises';
import { chromium } from 'playwright-core';
import { loadReferenceBackend, startReferenceBackend } from '../scripts/lib/reference-backend.mjs';
import { PREVIEW_ORG_ID, startServer } from '../preview/serve.mjs';
import { RESULTS_DIR, chromiumOptions, ensurePreviewBuild, repoRoot } from './support/preview.mjs';

const e2eDir = path.join(repoRoot, 'e2e');
/** Two files at a time: two pages keep both cores of a CI runner busy without starving the preview's timers. */
const CONCURRENCY = Number(process.env.E2E_CONCURRENCY ?? 2);

function parseArgs(argv) {
    const files = [];
    const patterns = [];
    let backend = false;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--grep') {
            patterns.push(argv[++i]);
        } else if (argv[i] === '--backend') {
            backend = true;
        } else {
            files.push(path.resolve(argv[i]));
        }
    }
    const dir = backend ? path.join(e2eDir, 'reference-backend') : e2eDir;
    const all = readdirSync(dir)
        .filter((name) => name.endsWith('.e2e.mjs'))
        .sort()
        .map((name) => path.join(dir, name));
    return { files: files.length > 0 ? files : all, patterns, backend };
}

/** The reference backend on a free port, over an in-memory database, with a key for the preview's org. */
async function startBackend() {
    const modules = await loadReferenceBackend();
    if (modules['salesforce-id'].PREVIEW_ORG_ID !== PREVIEW_ORG_ID) {
        throw new Error(`preview/serve.mjs names org ${PREVIEW_ORG_ID}, the simulated org is another`);
    }
    const backend = await startReferenceBackend(modules, { keys: { preview: PREVIEW_ORG_ID } });
    process.env.E2E_BACKEND_URL = backend.base;
    process.env.E2E_BACKEND_KEY = backend.keys.preview;
    process.env.E2E_BACKEND_ORG = PREVIEW_ORG_ID;
    console.log(`reference backend: ${backend.base}`);
    return {
        forPreview: { url: backend.base, apiKey: backend.keys.preview },
        close: async () => {
            await backend.stop();
            modules.dispose();
        }
    };
}

const { files, patterns, backend: withBackend } = parseArgs(process.argv.slice(2));
let browserOptions;
try {
    browserOptions = chromiumOptions();
    ensurePreviewBuild({ force: process.env.E2E_REBUILD === '1' });
} catch (error) {
    console.error(`test:e2e: ${error.message}`);
    process.exit(1);
}
rmSync(RESULTS_DIR, { recursive: true, force: true });

const backend = withBackend ? await startBackend() : undefined;
const server = await startServer({ port: 0, backend: backend?.forPreview });
const browserServer = await chromium.launchServer(browserOptions).catch(async (error) => {
    await server.close();
    await backend?.close();
    throw error;
});
// The test files run in their own processes and reach the server and the browser through these.
process.env.E2E_BASE_URL = server.url;
process.env.E2E_WS_ENDPOINT = browserServer.wsEndpoint();

let passed = 0;
let failed = 0;
try {
    const stream = run({
        files,
        concurrency: CONCURRENCY,
        ...(patterns.length > 0 ? { testNamePatterns: patterns } : {})
    });
    stream.on('test:pass', (event) => {
        if (!event.skip && !event.todo) {
            passed++;
        }
    });
    stream.on('test:fail', () => failed++);
    const report = stream.compose(spec);
    report.pipe(process.stdout, { end: false });
    await finished(report);
} finally {
    await browserServer.close();
    await server.close();
    await backend?.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
