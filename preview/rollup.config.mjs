// Builds the local preview (npm run preview:build): the real components, Salesforce's lightning-base-components and
// the SLDS stylesheet, with the platform's modules replaced by the simulated org and backend (build/plugins.mjs).
// Output: preview/dist/ (index.html, app.js, slds/). The reason for each setting: preview/README.md, "Build settings
// and why".
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelTexts, readQuickActionLabel } from './build/labels.mjs';
import { componentAliases, copyPageAssets, platformModules, stripTypeScript } from './build/plugins.mjs';

const previewDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(previewDir);
const lwcDir = path.join(repoRoot, 'force-app/main/default/lwc');
const outDir = path.join(previewDir, 'dist');

/**
 * lightning-base-components' own templates warn at build time (LWC1137 duplicate slot names in lightning-card,
 * LWC1057 `type` on a div): Salesforce's code, harmless here, so counted instead of printed.
 */
function isBaseComponentWarning(warning) {
    const where = warning.loc?.file ?? warning.id ?? '';
    return where.includes(`${path.sep}lightning-base-components${path.sep}`);
}

let suppressed = 0;

export default {
    input: path.join(previewDir, 'main.ts'),
    output: {
        file: path.join(outDir, 'app.js'),
        format: 'iife',
        sourcemap: true,
        // LBC loads icon templates with import(); an IIFE cannot split chunks, so they are inlined.
        inlineDynamicImports: true
    },
    plugins: [
        replace({
            preventAssignment: true,
            values: {
                'process.env.NODE_ENV': JSON.stringify('development'),
                // LBC reads import.meta.env.SSR, which the platform compiler rewrites; the browser has no such value.
                'import.meta.env.SSR': 'false'
            }
        }),
        stripTypeScript(repoRoot),
        platformModules({
            previewDir,
            labelTexts: readLabelTexts(repoRoot),
            quickActionLabel: readQuickActionLabel(repoRoot)
        }),
        lwc({
            rootDir: lwcDir,
            // LBC's multiColumnSortingModal uses lwc:is (LWC1188 otherwise).
            enableDynamicComponents: true,
            // The preview's own code is plain TypeScript, not components: only the LWC compiler's time is saved.
            exclude: [`${previewDir}/**`],
            modules: [...componentAliases(lwcDir), { npm: 'lightning-base-components' }]
        }),
        copyPageAssets({ repoRoot, previewDir, outDir })
    ],
    onwarn(warning, warn) {
        if (isBaseComponentWarning(warning)) {
            suppressed++;
            return;
        }
        warn(warning);
    },
    watch: { clearScreen: false }
};

process.on('exit', () => {
    if (suppressed > 0) {
        console.log(`preview:build: ${suppressed} known lightning-base-components template warning(s) not shown`);
    }
});
