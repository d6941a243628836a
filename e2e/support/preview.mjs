// What the browser tests and the screenshot script share outside the browser: a current preview build, and
// Debian's Chromium launched as preview/README.md, "Build settings and why", explains (CHROMIUM_PATH overrides the
// binary, e.g. on a GitHub runner whose Chromium lives elsewhere).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots of failed tests (git-ignored). */
export const RESULTS_DIR = path.join(repoRoot, 'test-results');

const BUILD_OUTPUT = path.join(repoRoot, 'preview/dist/app.js');
/** Everything `npm run preview:build` reads: components, labels, the preview's own code, the build settings. */
const BUILD_INPUTS = [
    'force-app/main/default/lwc',
    'force-app/main/default/labels',
    'force-app/main/default/translations',
    'force-app-user-action/main/default/quickActions',
    'preview',
    'types',
    'babel.build.config.json',
    'package-lock.json'
];
const SKIPPED_DIRS = new Set(['dist', '__tests__', 'node_modules']);

export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
];

/** Options for `chromium.launch` and `chromium.launchServer`. */
export function chromiumOptions() {
    const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!existsSync(executablePath)) {
        throw new Error(
            `Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH`
        );
    }
    return { executablePath, args: CHROMIUM_ARGS, headless: true };
}

export function launchBrowser() {
    return chromium.launch(chromiumOptions());
}

/** The newest modification time under `file` (a file or a folder), in ms. */
function newestMtime(file) {
    if (!existsSync(file)) {
        return 0;
    }
    const stats = statSync(file);
    if (!stats.isDirectory()) {
        return stats.mtimeMs;
    }
    let newest = 0;
    for (const entry of readdirSync(file, { withFileTypes: true })) {
        if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) {
            continue;
        }
        // A component's .js is compiled from its .ts by `npm run build`; the preview reads the .ts.
        if (entry.name.endsWith('.js') && existsSync(path.join(file, entry.name.replace(/\.js$/, '.ts')))) {
            continue;
        }
        newest = Math.max(newest, newestMtime(path.join(file, entry.name)));
    }
    return newest;
}

/** Why the preview must be built again, or null when preview/dist is newer than everything it is built from. */
export function previewBuildOutdated() {
    if (!existsSync(BUILD_OUTPUT)) {
        return 'no build yet';
    }
    const built = statSync(BUILD_OUTPUT).mtimeMs;
    const changed = BUILD_INPUTS.find((input) => newestMtime(path.join(repoRoot, input)) > built);
    return changed ? `${changed} changed since the last build` : null;
}

/** Runs `npm run preview:build` unless a fresh build exists (or `force`); throws when the build fails. */
export function ensurePreviewBuild({ force = false } = {}) {
    const reason = force ? 'rebuild requested' : previewBuildOutdated();
    if (!reason) {
        console.log('preview: using the current build in preview/dist');
        return;
    }
    console.log(`preview: building (${reason})`);
    const { status } = spawnSync('npm', ['run', '--silent', 'preview:build'], { cwd: repoRoot, stdio: 'inherit' });
    if (status !== 0) {
        throw new Error('npm run preview:build failed');
    }
}
