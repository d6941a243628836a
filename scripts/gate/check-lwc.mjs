// Compiles every built LWC bundle with Salesforce's platform compiler (bundle type `platform`,
// namespace `c`), the same compiler an org runs on deploy, and fails on any error.
//
// The compiler is not a devDependency: its licence is a Salesforce Terms of Use and it is large,
// so it is installed on demand into .tools/ (git-ignored) at a pinned version.
//
// Usage: node scripts/gate/check-lwc.mjs [--project <dir>]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
    displayPath,
    isTestOrDeclaration,
    lwcBundles,
    projectDirFromArgs,
    repoRoot,
    walkFiles
} from '../lib/project.mjs';

const COMPILER = '@lwc/sfdc-lwc-compiler';
const COMPILER_VERSION = '13.3.30';
const toolDir = path.join(repoRoot, '.tools', 'platform-compiler');
// Files the platform compiles; .ts is dropped by it silently, which is why .js is built and shipped.
const COMPILED_EXTENSIONS = ['.js', '.html', '.css'];

function loadCompiler() {
    const manifest = path.join(toolDir, 'node_modules', COMPILER, 'package.json');
    if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== COMPILER_VERSION) {
        console.log(`check:lwc: installing ${COMPILER}@${COMPILER_VERSION} into .tools/platform-compiler (once)`);
        mkdirSync(toolDir, { recursive: true });
        writeFileSync(path.join(toolDir, 'package.json'), '{ "private": true }\n');
        execFileSync(
            'npm',
            ['install', '--no-save', '--no-package-lock', '--legacy-peer-deps', `${COMPILER}@${COMPILER_VERSION}`],
            { cwd: toolDir, stdio: ['ignore', 'ignore', 'inherit'] }
        );
    }
    return createRequire(path.join(toolDir, 'package.json'))(COMPILER);
}

/**
 * The file a diagnostic is about: the `.ts` a `.js` was built from (the build keeps line
 * numbers), otherwise the file itself, or the bundle folder when the compiler names none.
 */
function sourceOf(bundle, filename) {
    if (!filename) {
        return bundle.dir;
    }
    const file = path.join(bundle.dir, filename);
    const typescript = file.replace(/\.js$/, '.ts');
    return file.endsWith('.js') && existsSync(typescript) ? typescript : file;
}

/** Finding lines for one bundle; empty when the platform compiler accepts it. */
async function compileBundle(compiler, bundle) {
    const sources = walkFiles(bundle.dir).filter((file) => !isTestOrDeclaration(file));
    const missingJs = sources
        .filter((file) => file.endsWith('.ts') && !existsSync(file.replace(/\.ts$/, '.js')))
        .map(
            (file) => `${displayPath(file)}:1: check-lwc/not-built: no generated .js beside it; run \`npm run build\``
        );
    if (missingJs.length > 0) {
        return missingJs;
    }
    const files = Object.fromEntries(
        sources
            .filter((file) => COMPILED_EXTENSIONS.includes(path.extname(file)))
            .map((file) => [path.relative(bundle.dir, file).split(path.sep).join('/'), readFileSync(file, 'utf8')])
    );
    if (Object.keys(files).length === 0) {
        return [];
    }
    const output = await compiler.compile({ bundle: { type: 'platform', name: bundle.name, namespace: 'c', files } });
    const errors = output.diagnostics.filter((diagnostic) => diagnostic.level <= 1);
    if (output.success && errors.length === 0) {
        return [];
    }
    const findings = errors.map((diagnostic) => {
        const line = diagnostic.location?.line ?? 1;
        const code = diagnostic.code ? `LWC${diagnostic.code}` : 'check-lwc/compile';
        const message = diagnostic.message
            .replace(/^LWC\d+:\s*/, '')
            .replace(/\s+/g, ' ')
            .trim();
        return `${displayPath(sourceOf(bundle, diagnostic.filename))}:${line}: ${code}: ${message}`;
    });
    return findings.length > 0
        ? findings
        : [
              `${displayPath(bundle.dir)}:1: check-lwc/compile: the platform compiler rejected the bundle without a diagnostic`
          ];
}

const projectDir = projectDirFromArgs();
const compiler = loadCompiler();
const bundles = lwcBundles(projectDir);
const findings = [];
for (const bundle of bundles) {
    findings.push(...(await compileBundle(compiler, bundle)));
}
findings.forEach((line) => console.error(line));
console.log(
    `check:lwc: ${bundles.length} bundle(s) compiled with ${COMPILER} ${COMPILER_VERSION}, ${findings.length} error(s)`
);
process.exitCode = findings.length > 0 ? 1 : 0;
