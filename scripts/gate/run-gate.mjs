// `npm test`: runs every offline check in order, stops at the first failing step, and ends with
// one summary line per step, so a red run says at a glance which gate failed.
import { spawnSync } from 'node:child_process';

const STEPS = [
    ['build', 'TypeScript LWC compiled to the .js the platform accepts'],
    ['generate:check', 'generated Apex fixtures, vector tests, port constants and TS declarations are current'],
    ['typecheck', 'tsc strict over components and tests'],
    ['lint', 'ESLint (LWC + typescript-eslint) and Prettier'],
    ['check:lwc', 'Salesforce platform compiler over every bundle'],
    ['check:apex', 'apex-ls semantics, Apex rules, Apex formatting'],
    ['check:analyzer', 'Code Analyzer as AppExchange review runs it: PMD, ESLint, RetireJS, regex, Graph Engine'],
    ['check:metadata', 'metadata types, schema and cross-references'],
    ['check:contract', 'OpenAPI contract lint and every JSON fixture against its schema'],
    ['check:port', "the preview's port is stamped with the Apex it ports; its constants equal the Apex's"],
    ['check:project', 'sfdx-project and scratch definition schemas, shellcheck, CI workflow, sf convert'],
    ['test:unit', 'Jest component tests with coverage thresholds'],
    ['test:gates', 'each gate fails on its broken fixture; the preview runs every behaviour vector and the contract']
];

const results = [];
for (const [step, purpose] of STEPS) {
    console.log(`\n▶ npm run ${step} — ${purpose}`);
    const started = Date.now();
    const { status } = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit' });
    results.push({ step, ok: status === 0, seconds: (Date.now() - started) / 1000 });
    if (status !== 0) {
        break;
    }
}

console.log('\nSummary');
for (const [step] of STEPS) {
    const result = results.find((entry) => entry.step === step);
    const state = result ? (result.ok ? 'PASS' : 'FAIL') : 'SKIP';
    const time = result ? `${result.seconds.toFixed(1)}s` : '';
    console.log(`  ${state}  ${step.padEnd(16)} ${time}`);
}
const failed = results.find((entry) => !entry.ok);
console.log(failed ? `\nnpm test failed at ${failed.step}` : '\nnpm test: all checks passed');
// The plain closing line CI reads: steps passed and failed (skipped steps after a failure are not counted).
console.log(`${results.filter((entry) => entry.ok).length} passed, ${failed ? 1 : 0} failed`);
process.exitCode = failed ? 1 : 0;
