// Rollup plugins of the preview build, shared by preview/rollup.config.mjs and the Node bundle the preview tests
// import (bundle-for-node.mjs):
// - stripTypeScript: Babel with the project's own build config (babel.build.config.json), so the preview runs the
//   same JavaScript `npm run build` produces, decorators left as syntax for the LWC compiler;
// - platformModules: what the Salesforce platform would serve — Apex methods from the simulated org, labels from
//   the metadata in the page's language, toasts, quick actions, refresh, the running user and i18n;
// - copyPageAssets: index.html and the SLDS files the page needs, next to app.js;
// - resolveTypeScript: extension-less relative imports to their .ts, for the bundles Node runs (the preview tests'
//   and the reference backend's, server/bundle.mjs).
import { transformAsync } from '@babel/core';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Relative imports name no extension (`./tenant`); Node needs the file. For the bundles Node runs. */
export const resolveTypeScript = {
    name: 'crm-sync-resolve-typescript',
    resolveId(source, importer) {
        if (importer && source.startsWith('.') && !path.extname(source)) {
            return path.resolve(path.dirname(importer), `${source}.ts`);
        }
        return null;
    }
};

/** Strips `?specifier=…` and similar queries that @lwc/rollup-plugin appends to module ids. */
function fileOf(id) {
    return id.split('?')[0];
}

/**
 * TypeScript → JavaScript before the LWC compiler sees it; without it `.ts` is parsed as Flow and fails.
 * @param {string} repoRoot the project root (holds babel.build.config.json)
 */
export function stripTypeScript(repoRoot) {
    const options = JSON.parse(readFileSync(path.join(repoRoot, 'babel.build.config.json'), 'utf8'));
    return {
        name: 'crm-sync-strip-typescript',
        async transform(code, id) {
            const filename = fileOf(id);
            if (id.startsWith('\0') || !filename.endsWith('.ts')) {
                return null;
            }
            const result = await transformAsync(code, {
                ...options,
                cwd: repoRoot,
                filename,
                sourceMaps: true,
                // Line retention is for the deployed .js; here a source map points back to the .ts.
                retainLines: false
            });
            return { code: result.code, map: result.map };
        }
    };
}

/** Platform modules that are plain TypeScript files of the preview. */
const PLATFORM_FILES = {
    'lightning/platformShowToastEvent': 'platform/toast.ts',
    'lightning/actions': 'platform/actions.ts',
    'lightning/refresh': 'platform/refresh.ts',
    '@salesforce/user/Id': 'platform/userId.ts'
};

/** i18n values lightning-base-components reads; the LBC package stubs them as en-US, the page follows ?lang=. */
const I18N_EXPORTS = {
    lang: 'language',
    locale: 'locale',
    timeZone: 'timeZone',
    'number.decimalSeparator': 'decimalSeparator'
};

/**
 * LBC ships every @salesforce/gate as open. This one makes lightning-combobox call attachInternals(), which synthetic
 * shadow refuses ("attachInternals API is not supported in synthetic shadow"): the filters would not render.
 */
const CLOSED_GATES = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);

const LABEL_PREFIX = '@salesforce/label/c.';
const APEX_PREFIX = '@salesforce/apex/';
const PERMISSION_PREFIX = '@salesforce/customPermission/';
const I18N_PREFIX = '@salesforce/i18n/';
/** Texts from the metadata, as one module: `import { LABEL_TEXTS } from 'virtual:crm-sync-labels'`. */
export const LABELS_MODULE = 'virtual:crm-sync-labels';

/**
 * Resolves the platform's modules to the preview's simulations. An Apex method without a simulation, or a label
 * the metadata does not define, fails the build: the preview must not silently render a blank.
 * @param {{ previewDir: string, labelTexts: Record<string, Record<string, string>>, quickActionLabel: string }} options
 */
export function platformModules({ previewDir, labelTexts, quickActionLabel }) {
    const platformFile = (relative) => JSON.stringify(path.join(previewDir, relative));
    return {
        name: 'crm-sync-platform-modules',
        resolveId(source, importer) {
            if (source === LABELS_MODULE) {
                return '\0crm-sync-labels';
            }
            if (PLATFORM_FILES[source]) {
                return path.join(previewDir, PLATFORM_FILES[source]);
            }
            if (CLOSED_GATES.has(source)) {
                return '\0closed-gate';
            }
            if (source.startsWith(LABEL_PREFIX)) {
                const name = source.slice(LABEL_PREFIX.length);
                if (!(name in labelTexts.en)) {
                    this.error(`${source} (imported by ${importer}): no such label in CustomLabels.labels-meta.xml`);
                }
                return `\0label:${name}`;
            }
            if (source.startsWith(APEX_PREFIX)) {
                const file = path.join(previewDir, 'org/apex', `${source.slice(APEX_PREFIX.length)}.ts`);
                if (!existsSync(file)) {
                    this.error(
                        `${source} (imported by ${importer}): the simulated org has no ${path.relative(previewDir, file)}`
                    );
                }
                return file;
            }
            if (source.startsWith(PERMISSION_PREFIX)) {
                return `\0customPermission:${source.slice(PERMISSION_PREFIX.length)}`;
            }
            if (source.startsWith(I18N_PREFIX) && I18N_EXPORTS[source.slice(I18N_PREFIX.length)]) {
                return `\0i18n:${source.slice(I18N_PREFIX.length)}`;
            }
            return null;
        },
        load(id) {
            if (id === '\0crm-sync-labels') {
                return [
                    `export const LABEL_TEXTS = ${JSON.stringify(labelTexts)};`,
                    `export const QUICK_ACTION_LABEL = ${JSON.stringify(quickActionLabel)};`
                ].join('\n');
            }
            if (id === '\0closed-gate') {
                return 'export default { isOpen: () => false };';
            }
            const [kind, name] = id.startsWith('\0') ? id.slice(1).split(/:(.*)/s) : [];
            if (kind === 'label') {
                return `import { label } from ${platformFile('platform/labels.ts')};\nexport default label(${JSON.stringify(name)});`;
            }
            if (kind === 'customPermission') {
                return `import { hasCustomPermission } from ${platformFile('platform/session.ts')};\nexport default hasCustomPermission(${JSON.stringify(name)});`;
            }
            if (kind === 'i18n') {
                return `import { session } from ${platformFile('platform/session.ts')};\nexport default session.${I18N_EXPORTS[name]};`;
            }
            return null;
        }
    };
}

/**
 * `{ name: 'c/<name>', path }` for every bundle: SFDX folders have no namespace folder, so @lwc/rollup-plugin
 * cannot find `c/…` by itself. The `.ts` source wins over a generated `.js`.
 * @param {string} lwcDir force-app/main/default/lwc
 */
export function componentAliases(lwcDir) {
    return readdirSync(lwcDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map(({ name }) => {
            const ts = path.join(lwcDir, name, `${name}.ts`);
            return { name: `c/${name}`, path: existsSync(ts) ? ts : path.join(lwcDir, name, `${name}.js`) };
        });
}

/** The SLDS files the page links or references: the stylesheet, the images its CSS points at, two icon sprites. */
const SLDS_FILES = [
    'styles/salesforce-lightning-design-system.min.css',
    'images',
    'icons/standard-sprite/svg/symbols.svg',
    'icons/utility-sprite/svg/symbols.svg'
];

/**
 * Empties the output folder at the start, then copies index.html and the SLDS files beside app.js.
 * @param {{ repoRoot: string, previewDir: string, outDir: string }} options
 */
export function copyPageAssets({ repoRoot, previewDir, outDir }) {
    const sldsRoot = path.join(repoRoot, 'node_modules/@salesforce-ux/design-system/assets');
    return {
        name: 'crm-sync-page-assets',
        buildStart() {
            rmSync(outDir, { recursive: true, force: true });
        },
        writeBundle() {
            mkdirSync(outDir, { recursive: true });
            cpSync(path.join(previewDir, 'index.html'), path.join(outDir, 'index.html'));
            for (const relative of SLDS_FILES) {
                cpSync(path.join(sldsRoot, relative), path.join(outDir, 'slds', relative), { recursive: true });
            }
        }
    };
}
