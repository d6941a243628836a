// Offline checks of the project files around the package: sfdx-project.json and the scratch definition against
// Salesforce's published JSON schemas, the bash scripts under shellcheck, the CI workflow's shape, and a real
// `sf project convert source` of each package directory (what `sf project deploy` does before it uploads; org:deploy
// deploys them one by one), with no component of an unpackaged directory also in the package, and no file that sends
// the reader outside the repository.
//
// Usage: node scripts/gate/check-project.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'yaml';
import { readProject, repoRoot, walkFiles } from '../lib/project.mjs';
import { formatFinding } from '../lib/report.mjs';

const require = createRequire(import.meta.url);
const findings = [];
const report = (file, line, rule, message) => findings.push(formatFinding({ file, line, rule, message }));

function checkAgainstSchema(file, schemaFile) {
    const schema = JSON.parse(readFileSync(require.resolve(`@salesforce/schemas/${schemaFile}`), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    if (!validate(data)) {
        for (const error of validate.errors ?? []) {
            report(file, 1, 'project/schema', `${error.instancePath || '(root)'} ${error.message}`);
        }
    }
}

function checkShellScripts() {
    const scripts = walkFiles(path.join(repoRoot, 'scripts')).filter(
        (file) => file.endsWith('.sh') && !file.includes(`${path.sep}fixtures${path.sep}`)
    );
    const result = spawnSync('shellcheck', ['-x', '-P', 'SCRIPTDIR', '--format=gcc', ...scripts], { encoding: 'utf8' });
    if (result.error) {
        report('scripts', 1, 'project/shellcheck', 'shellcheck is not installed (apt-get install -y shellcheck)');
        return scripts.length;
    }
    // gcc format: file:line:column: severity: message [SCcode]
    for (const line of result.stdout.split('\n').filter(Boolean)) {
        const match = /^(.+?):(\d+):\d+: \w+: (.*) \[(SC\d+)\]$/.exec(line);
        if (match) {
            report(match[1], match[2], `shellcheck/${match[4]}`, match[3]);
        }
    }
    if (result.status !== 0 && findings.length === 0) {
        report('scripts', 1, 'project/shellcheck', result.stderr.trim() || `shellcheck exited ${result.status}`);
    }
    return scripts.length;
}

function checkWorkflow(file) {
    if (!existsSync(file)) {
        report(file, 1, 'project/workflow', 'the CI workflow is missing');
        return;
    }
    const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
    for (const error of document.errors) {
        report(file, error.linePos?.[0]?.line ?? 1, 'project/workflow-yaml', error.message.split('\n')[0]);
    }
    const workflow = document.toJS() ?? {};
    const jobs = workflow.jobs ?? {};
    const stepsOf = (job) => (jobs[job]?.steps ?? []).map((step) => step.run ?? step.uses ?? '').join('\n');
    const expect = (condition, message) => condition || report(file, 1, 'project/workflow', message);
    expect(jobs.offline, 'a job `offline` runs the checks that need no org');
    expect(/npm ci/.test(stepsOf('offline')), 'the offline job runs `npm ci`');
    expect(/npm test/.test(stepsOf('offline')), 'the offline job runs `npm test`');
    expect(/npm run test:e2e/.test(stepsOf('offline')), 'the offline job runs the browser tests');
    expect(
        /npm run test:e2e -- --backend/.test(stepsOf('offline')),
        'the offline job runs the browser tests against the reference backend'
    );
    expect(jobs['scratch-org'], 'a job `scratch-org` deploys to a scratch org');
    expect([jobs['scratch-org']?.needs].flat().includes('offline'), 'the scratch-org job needs the offline job');
    expect(/org:deploy|project deploy/.test(stepsOf('scratch-org')), 'the scratch-org job deploys');
    expect(/org:test|apex run test/.test(stepsOf('scratch-org')), 'the scratch-org job runs the Apex tests');
    const cleanup = (jobs['scratch-org']?.steps ?? []).find((step) => /org:delete|org delete/.test(step.run ?? ''));
    expect(cleanup && /always\(\)/.test(String(cleanup.if)), 'the scratch org is deleted with `if: always()`');
}

const packageXmlParser = new XMLParser({
    isArray: (name) => name === 'types' || name === 'members',
    parseTagValue: false
});

/** `Type member` of every component a converted package.xml lists. */
function componentsOf(packageXml) {
    const types = packageXmlParser.parse(readFileSync(packageXml, 'utf8')).Package?.types ?? [];
    return new Set(types.flatMap((type) => type.members.map((member) => `${type.name} ${member}`)));
}

/** Converts each package directory on its own; returns its components by directory (absolute path). */
function convertEach(dirs) {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'crm-sync-convert-'));
    const contents = new Map();
    try {
        dirs.forEach((dir, index) => {
            const mdapiDir = path.join(outDir, `mdapi-${index}`);
            const result = spawnSync(
                path.join(repoRoot, 'node_modules/.bin/sf'),
                ['project', 'convert', 'source', '--source-dir', dir, '--output-dir', mdapiDir, '--json'],
                {
                    cwd: repoRoot,
                    encoding: 'utf8',
                    env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
                }
            );
            const packageXml = path.join(mdapiDir, 'package.xml');
            if (result.status !== 0 || !existsSync(packageXml)) {
                const output = JSON.parse(result.stdout || '{}');
                const message = output.message ?? (result.stderr.trim() || 'sf project convert source failed');
                report(dir, 1, 'project/convert', message);
                return;
            }
            contents.set(dir, componentsOf(packageXml));
        });
    } finally {
        rmSync(outDir, { recursive: true, force: true });
    }
    return contents;
}

// A component kept in a directory without a `package` key (the User quick action, until an org has accepted it)
// must not also be in a packaged one: the package version would carry it after all.
function checkPackageContent(project, contents) {
    for (const dir of project.packageDirs.filter((d) => !project.packagedDirs.includes(d))) {
        for (const component of contents.get(dir) ?? []) {
            const packagedDir = project.packagedDirs.find((d) => contents.get(d)?.has(component));
            if (packagedDir) {
                const heldBack = path.relative(repoRoot, dir);
                const message = `${component} is also in ${heldBack}, which is kept out of the package: keep one copy`;
                report(packagedDir, 1, 'project/package-content', message);
            }
        }
    }
}

/**
 * The project stands alone: no file sends a reader to the team's private notes beside the repository, which a
 * newcomer, CI and every clone lack. What a reader needs belongs in docs/.
 */
function checkStandsAlone() {
    const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
        cwd: repoRoot,
        encoding: 'utf8'
    });
    const files = listed.status === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
    const outside = /\.\.\/shared\/|shared\/notes\//;
    for (const file of files.filter((name) => !/\.(png|jpe?g|gif|ico|woff2?)$/i.test(name))) {
        const absolute = path.join(repoRoot, file);
        if (!existsSync(absolute)) {
            continue;
        }
        readFileSync(absolute, 'utf8')
            .split('\n')
            .forEach((text, index) => {
                if (outside.test(text)) {
                    report(file, index + 1, 'project/outside-reference', 'points outside the project; say it in docs/');
                }
            });
    }
    return files.length;
}

const started = Date.now();
checkAgainstSchema(path.join(repoRoot, 'sfdx-project.json'), 'sfdx-project.schema.json');
checkAgainstSchema(path.join(repoRoot, 'config/project-scratch-def.json'), 'project-scratch-def.schema.json');
const scriptCount = checkShellScripts();
checkWorkflow(path.join(repoRoot, '.github/workflows/ci.yml'));
const project = readProject(repoRoot);
checkPackageContent(project, convertEach(project.packageDirs));
const fileCount = checkStandsAlone();

findings.forEach((line) => console.error(line));
console.log(
    `check:project: schemas, ${scriptCount} shell script(s), CI workflow, ` +
        `sf project convert (${project.packageDirs.length} package directories), ${fileCount} file(s) self-contained; ` +
        `${findings.length} problem(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`
);
process.exitCode = findings.length > 0 ? 1 : 0;
