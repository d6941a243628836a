// Type-checks the project's TypeScript LWC sources and tests (`tsc --noEmit`, strict).
//
// Component imports such as `c/crmSyncErrors` resolve through one `paths` entry per bundle
// (TypeScript allows one `*` per pattern, so `c/*` → `lwc/*/*` is impossible). The entries are
// derived from the lwc folders here, and tsconfig.json must hold the same ones for editors:
// `npm run paths` rewrites them, and this check fails while they are stale.
//
// Usage: node scripts/gate/typecheck.mjs [--project <dir>] [--write-paths]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { displayPath, lwcBundles, projectDirFromArgs, repoRoot, walkFiles } from '../lib/project.mjs';

const projectDir = projectDirFromArgs();
const tsconfigPath = path.join(repoRoot, 'tsconfig.json');
const tsconfigText = readFileSync(tsconfigPath, 'utf8');

/** `{ "c/<name>": ["./<relative path>/<name>.ts"] }` for every bundle that has a `<name>.ts`. */
function componentPaths() {
    const entries = lwcBundles(projectDir)
        .filter((bundle) => existsSync(path.join(bundle.dir, `${bundle.name}.ts`)))
        .map((bundle) => {
            const relative = path.relative(repoRoot, path.join(bundle.dir, `${bundle.name}.ts`));
            return [`c/${bundle.name}`, [`./${relative.split(path.sep).join('/')}`]];
        })
        .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
}

const config = JSON.parse(tsconfigText);
// Only the `c/<name>` entries are derived; other entries (such as the shared test utilities) are kept as written.
const configuredPaths = config.compilerOptions.paths ?? {};
const otherPaths = Object.fromEntries(Object.entries(configuredPaths).filter(([key]) => !key.startsWith('c/')));
const componentOnly = (all) => Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('c/')));
const paths = { ...otherPaths, ...componentPaths() };

if (projectDir === repoRoot) {
    const stale = JSON.stringify(componentOnly(configuredPaths)) !== JSON.stringify(componentOnly(paths));
    if (stale) {
        if (process.argv.includes('--write-paths')) {
            config.compilerOptions.paths = paths;
            const options = await prettier.resolveConfig(tsconfigPath);
            writeFileSync(
                tsconfigPath,
                await prettier.format(JSON.stringify(config), { ...options, filepath: tsconfigPath })
            );
            console.log(`tsconfig.json: paths updated for ${Object.keys(componentOnly(paths)).length} component(s)`);
            process.exit(0);
        }
        console.error('tsconfig.json:1: typecheck/stale-paths: component paths are out of date; run `npm run paths`');
        process.exit(1);
    }
    if (process.argv.includes('--write-paths')) {
        console.log('tsconfig.json: paths already current');
        process.exit(0);
    }
}

const { options, errors } = ts.convertCompilerOptionsFromJson(
    { ...config.compilerOptions, paths },
    repoRoot,
    'tsconfig.json'
);
if (errors.length > 0) {
    throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
}
const declarations = walkFiles(path.join(repoRoot, 'types')).filter((file) => file.endsWith('.d.ts'));
const sources = lwcBundles(projectDir).flatMap((bundle) =>
    walkFiles(bundle.dir).filter((file) => file.endsWith('.ts'))
);
// The local preview's simulated org implements each Apex method against the generated declarations, so it is
// checked with them: a changed controller signature fails here instead of in the browser. Its build output is not.
const previewDir = path.join(projectDir, 'preview');
const previewSources = walkFiles(previewDir).filter(
    (file) => file.endsWith('.ts') && !file.startsWith(path.join(previewDir, 'dist') + path.sep)
);
sources.push(...previewSources);
const program = ts.createProgram([...declarations, ...sources], options);
// The reference backend (server/) runs on Node, not in the browser or Jest: its own program with Node's types.
const serverSources = walkFiles(path.join(projectDir, 'server')).filter((file) => file.endsWith('.ts'));
const serverProgram = ts.createProgram([...declarations, ...serverSources], { ...options, types: ['node'] });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...ts.getPreEmitDiagnostics(serverProgram)];
sources.push(...serverSources);

for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file && diagnostic.start !== undefined) {
        const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
        console.error(`${displayPath(diagnostic.file.fileName)}:${line + 1}: TS${diagnostic.code}: ${message}`);
    } else {
        console.error(`tsconfig.json:1: TS${diagnostic.code}: ${message}`);
    }
}
// Templates are not type-checked, so a misspelt `{labels.x}` would render nothing without any error. Check every
// template's label references against the generated label map.
const labelKeys = new Set(
    [
        ...readFileSync(
            path.join(repoRoot, 'force-app/main/default/lwc/crmSyncLabels/crmSyncLabels.ts'),
            'utf8'
        ).matchAll(/^ {4}(\w+): CRM_Sync_\w+,?$/gm)
    ].map((match) => match[1])
);
let templateErrors = 0;
for (const template of lwcBundles(projectDir).flatMap((bundle) =>
    walkFiles(bundle.dir).filter((f) => f.endsWith('.html'))
)) {
    readFileSync(template, 'utf8')
        .split('\n')
        .forEach((text, index) => {
            for (const [, key] of text.matchAll(/\{labels\.(\w+)\}/g)) {
                if (!labelKeys.has(key)) {
                    templateErrors++;
                    console.error(
                        `${displayPath(template)}:${index + 1}: typecheck/template-label: labels.${key} is not a CRM Sync label`
                    );
                }
            }
        });
}

const errorCount = diagnostics.length + templateErrors;
console.log(`typecheck: ${sources.length} TypeScript file(s), ${errorCount} error(s)`);
process.exitCode = errorCount > 0 ? 1 : 0;
