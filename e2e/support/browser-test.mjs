// The harness every browser test file uses: `browserTest(name, fn)` runs `fn` in a new browser context (its own
// localStorage, so every test starts from the seed and tests do not depend on each other), fails the test on any
// page error or console error, and leaves a full-page screenshot in test-results/<test name>.png when it fails.
//
// `npm run test:e2e` (e2e/run.mjs) starts the preview server and one Chromium for all files and passes them in
// E2E_BASE_URL and E2E_WS_ENDPOINT; a file run on its own (node --test e2e/users.e2e.mjs) starts its own.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../preview/serve.mjs';
import { RESULTS_DIR, ensurePreviewBuild, launchBrowser, repoRoot } from './preview.mjs';

export const VIEWPORT = { width: 1280, height: 900 };
/** How long one step may wait for the page (a state that should appear, a control to act on). */
const STEP_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 60_000;

/** @type {Promise<{ browser: import('playwright-core').Browser, baseUrl: string, close: () => Promise<void> }>} */
let environment;

function sharedEnvironment() {
    environment ??= (async () => {
        const { E2E_BASE_URL: baseUrl, E2E_WS_ENDPOINT: wsEndpoint } = process.env;
        if (baseUrl && wsEndpoint) {
            const browser = await chromium.connect(wsEndpoint);
            return { browser, baseUrl, close: () => browser.close() };
        }
        ensurePreviewBuild();
        const server = await startServer({ port: 0 });
        const browser = await launchBrowser();
        return {
            browser,
            baseUrl: server.url,
            close: async () => {
                await browser.close();
                await server.close();
            }
        };
    })();
    return environment;
}

after(async () => {
    if (environment) {
        await (await environment).close();
    }
});

/** `Edit Sophie O'Brien: toggles sync` → `edit-sophie-o-brien-toggles-sync`. */
export function fileNameFor(testName) {
    return (
        testName
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 100) || 'test'
    );
}

/**
 * @typedef {object} PreviewOptions
 * @property {string} [route] the hash route: '/admin' (default), '/user/<id>', '/user/<id>/action'
 * @property {string} [lang]
 * @property {string} [scenario]
 * @property {string} [as]
 * @property {string} [tenant]
 * @property {string} [users]
 * @property {string} [seed]
 * @property {string | null} [latency] '0' unless given; null leaves the preview's default (150 ms)
 */

/**
 * @typedef {object} BrowserTestContext
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').BrowserContext} context
 * @property {(options?: PreviewOptions) => Promise<void>} open opens the preview with these URL parameters
 * @property {(options?: PreviewOptions) => string} urlFor
 */

/**
 * Registers a browser test.
 * @param {string} name
 * @param {(t: BrowserTestContext) => Promise<void>} fn
 * @param {{ timeout?: number }} [options]
 */
export function browserTest(name, fn, { timeout = TEST_TIMEOUT_MS } = {}) {
    test(name, { timeout }, async () => {
        const { browser, baseUrl } = await sharedEnvironment();
        // UTC and en-US: dates and numbers render the same on every machine (the page's language is ?lang=).
        const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        /** @type {string[]} */
        const problems = [];
        const watched = new Set();
        const watch = (/** @type {import('playwright-core').Page} */ target) => {
            if (watched.has(target)) {
                return;
            }
            watched.add(target);
            target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
            target.on('console', (message) => {
                if (message.type() === 'error') {
                    problems.push(`console error: ${message.text()}`);
                }
            });
        };
        // The main page and any page it opens (the authorization page).
        context.on('page', watch);
        const page = await context.newPage();
        watch(page);
        const urlFor = ({ route = '/admin', latency = '0', ...params } = {}) => {
            const query = new URLSearchParams(params);
            if (latency !== null) {
                query.set('latency', latency);
            }
            return `${baseUrl}?${query}#${route}`;
        };
        try {
            await fn({
                page,
                context,
                urlFor,
                open: async (options) => {
                    await page.goto(urlFor(options));
                }
            });
            assert.deepEqual(problems, [], 'the page reported errors');
        } catch (error) {
            if (problems.length > 0) {
                console.log(`the page reported:\n${problems.join('\n')}`);
            }
            await saveFailureScreenshot(page, name);
            throw error;
        } finally {
            await context.close();
        }
    });
}

async function saveFailureScreenshot(page, testName) {
    const file = path.join(RESULTS_DIR, `${fileNameFor(testName)}.png`);
    try {
        mkdirSync(RESULTS_DIR, { recursive: true });
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        console.log(`screenshot of the failure: ${path.relative(repoRoot, file)}`);
    } catch (error) {
        console.log(`no screenshot of the failure (${error.message.split('\n')[0]})`);
    }
}
