// Bundles the simulated backend and org for Node, so tests drive exactly the TypeScript the page runs: the backend,
// the org, its runtime and every Apex module, as ES modules in `outDir` (shared code in chunks, so the runtime the
// Apex modules use is the one the test installs the org into).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { readLabelTexts, readQuickActionLabel } from './labels.mjs';
import { platformModules, resolveTypeScript, stripTypeScript } from './plugins.mjs';

const previewDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repoRoot = path.dirname(previewDir);

/**
 * @param {string} outDir where to write backend.js, org.js, runtime.js, seed.js, ids.js, params.js, persist.js, queue.js, jobs.js, seat-release.js, activity.js and
 *   apex/<Class>.<method>.js
 */
export async function bundleForNode(outDir) {
    const apexDir = path.join(previewDir, 'org/apex');
    const input = {
        backend: path.join(previewDir, 'backend/backend.ts'),
        org: path.join(previewDir, 'org/org.ts'),
        runtime: path.join(previewDir, 'org/runtime.ts'),
        seed: path.join(previewDir, 'seed/world.ts'),
        ids: path.join(previewDir, 'seed/salesforce-id.ts'),
        params: path.join(previewDir, 'params.ts'),
        persist: path.join(previewDir, 'persist.ts'),
        queue: path.join(previewDir, 'org/queue.ts'),
        jobs: path.join(previewDir, 'org/jobs.ts'),
        'seat-release': path.join(previewDir, 'org/seat-release.ts'),
        activity: path.join(previewDir, 'org/activity.ts')
    };
    for (const file of readdirSync(apexDir).filter((name) => name.endsWith('.ts'))) {
        input[`apex/${file.slice(0, -3)}`] = path.join(apexDir, file);
    }
    const bundle = await rollup({
        input,
        plugins: [
            resolveTypeScript,
            platformModules({
                previewDir,
                labelTexts: readLabelTexts(repoRoot),
                quickActionLabel: readQuickActionLabel(repoRoot)
            }),
            stripTypeScript(repoRoot)
        ],
        onwarn(warning, warn) {
            warn(warning);
        }
    });
    await bundle.write({
        dir: outDir,
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js'
    });
    await bundle.close();
    return Object.fromEntries(Object.keys(input).map((name) => [name, path.join(outDir, `${name}.js`)]));
}
