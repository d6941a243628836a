// Offline checks of the project files around the package: sfdx-project.json and the scratch definition against
// Salesforce's published JSON schemas, the bash scripts under shellcheck, the CI workflow's shape, and a real
// `sf project convert source` of the built package (what `sf project deploy` does before it uploads).
//
// Usage: node scripts/check-project.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { repoRoot, walkFiles } from './lib/project.mjs';
import { formatFinding } from './lib/report.mjs';

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
    expect(jobs['scratch-org'], 'a job `scratch-org` deploys to a scratch org');
    expect([jobs['scratch-org']?.needs].flat().includes('offline'), 'the scratch-org job needs the offline job');
    expect(/org:deploy|project deploy/.test(stepsOf('scratch-org')), 'the scratch-org job deploys');
    expect(/org:test|apex run test/.test(stepsOf('scratch-org')), 'the scratch-org job runs the Apex tests');
    const cleanup = (jobs['scratch-org']?.steps ?? []).find((step) => /org:delete|org delete/.test(step.run ?? ''));
    expect(cleanup && /always\(\)/.test(String(cleanup.if)), 'the scratch org is deleted with `if: always()`');
}

function checkConvert() {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'crm-sync-convert-'));
    try {
        const result = spawnSync(
            path.join(repoRoot, 'node_modules/.bin/sf'),
            [
                'project',
                'convert',
                'source',
                '--source-dir',
                'force-app',
                '--output-dir',
                path.join(outDir, 'mdapi'),
                '--json'
            ],
            {
                cwd: repoRoot,
                encoding: 'utf8',
                env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
            }
        );
        const output = JSON.parse(result.stdout || '{}');
        if (result.status !== 0 || !existsSync(path.join(outDir, 'mdapi', 'package.xml'))) {
            report(
                'force-app',
                1,
                'project/convert',
                output.message ?? (result.stderr.trim() || 'sf project convert source failed')
            );
        }
    } finally {
        rmSync(outDir, { recursive: true, force: true });
    }
}

const started = Date.now();
checkAgainstSchema(path.join(repoRoot, 'sfdx-project.json'), 'sfdx-project.schema.json');
checkAgainstSchema(path.join(repoRoot, 'config/project-scratch-def.json'), 'project-scratch-def.schema.json');
const scriptCount = checkShellScripts();
checkWorkflow(path.join(repoRoot, '.github/workflows/ci.yml'));
checkConvert();

findings.forEach((line) => console.error(line));
console.log(
    `check:project: schemas, ${scriptCount} shell script(s), CI workflow, sf project convert; ` +
        `${findings.length} problem(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`
);
process.exitCode = findings.length > 0 ? 1 : 0;
