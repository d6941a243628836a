// Runs scripts/gate/check-contract.mjs and scripts/generate/apex-fixtures.mjs as CLIs against the real contract and
// against small inputs broken in one way each (scripts/tests/fixtures/contract). A broken spec marks the line the
// finding must point at with a `# finding: <rule>` comment.
// Run: node --test scripts/tests/check-contract.test.mjs
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertExit, assertReports, describeOutput, repoRoot, runScript, tempDirs } from './helpers.mjs';

const FIXTURES = 'scripts/tests/fixtures/contract';
const MINIMAL_SPEC = `${FIXTURES}/minimal.openapi.yaml`;
const MINIMAL_FIXTURES = `${FIXTURES}/fixtures/minimal`;
const CLASSES = 'force-app/main/default/classes';
const CLASS_FILE = 'CrmSyncBackendFixtures.cls';

const tempDir = tempDirs('check-contract-test-');

function checkContract(...args) {
    return runScript('scripts/gate/check-contract.mjs', args);
}

function generateFixtures(...args) {
    return runScript('scripts/generate/apex-fixtures.mjs', args);
}

/** Finding lines (not headers, not the count line, not warnings). */
function errorLines(result) {
    return result.stdout.split('\n').filter((line) => /^[^\s=].*:\d+: [\w/-]+: /.test(line));
}

/** `<spec>:<line>: <rule>` for the line of the spec marked `# finding: <rule>`. */
function markedFinding(specFile) {
    const lines = readFileSync(path.join(repoRoot, specFile), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('# finding: '));
    assert.notEqual(index, -1, `${specFile} has no "# finding: <rule>" marker`);
    const rule = lines[index].split('# finding: ')[1].trim();
    return `${specFile}:${index + 1}: ${rule}:`;
}

async function assertSpecFailsAtMarker(name) {
    const spec = `${FIXTURES}/${name}.openapi.yaml`;
    const result = await checkContract('--spec', spec, '--fixtures', MINIMAL_FIXTURES);
    assertExit(result, 1);
    assertReports(result, markedFinding(spec));
    assert.equal(errorLines(result).length, 1, `expected exactly one error finding\n${describeOutput(result)}`);
}

// Every test spawns its own process and uses its own temporary folder, so they run concurrently.
describe('check-contract', { concurrency: true }, () => {
    // --- the real contract and the minimal one

    test('the real contract and its fixtures pass', async () => {
        const result = await checkContract();
        assertExit(result, 0);
        assertReports(result, 'check:contract: api/crm-sync-backend.openapi.yaml, 15 operation(s),');
        assertReports(result, ' 0 error(s), 0 warning(s) in ');
    });

    test('the minimal spec used by the broken variants passes on its own', async () => {
        const result = await checkContract('--spec', MINIMAL_SPEC, '--fixtures', MINIMAL_FIXTURES);
        assertExit(result, 0);
        assertReports(result, ': PASS');
    });

    // --- broken specs

    test('a response without an example fails with contract/response-example at its media type', async () => {
        await assertSpecFailsAtMarker('missing-example');
    });

    test('a 404 declared as application/json instead of problem+json fails with contract/problem-response', async () => {
        await assertSpecFailsAtMarker('problem-as-json');
    });

    test('a POST that does not reference Idempotency-Key fails with contract/idempotency-key', async () => {
        await assertSpecFailsAtMarker('missing-idempotency-key');
    });

    test('a 429 without a Retry-After header fails with contract/retry-after', async () => {
        await assertSpecFailsAtMarker('missing-retry-after');
    });

    test('an example that does not match its schema fails with contract/example-valid', async () => {
        const spec = `${FIXTURES}/invalid-example.openapi.yaml`;
        const result = await checkContract('--spec', spec, '--fixtures', MINIMAL_FIXTURES);
        assertExit(result, 1);
        // Redocly's own example rule reports it too; the gate's Ajv check is the one that must not miss it.
        assertReports(result, markedFinding(spec));
    });

    // --- broken fixtures

    test('a fixture with a wrong enum value fails, naming the fixture and the line of the value', async () => {
        const fixture = `${FIXTURES}/fixtures/wrong-enum/Health/down.json`;
        const line =
            readFileSync(path.join(repoRoot, fixture), 'utf8')
                .split('\n')
                .findIndex((text) => text.includes('"down"')) + 1;
        const result = await checkContract('--spec', MINIMAL_SPEC, '--fixtures', `${FIXTURES}/fixtures/wrong-enum`);
        assertExit(result, 1);
        assertReports(
            result,
            `${fixture}:${line}: fixture/valid: Health: /status must be equal to one of the allowed values`
        );
        assert.equal(errorLines(result).length, 1, `expected exactly one error finding\n${describeOutput(result)}`);
    });

    test('a fixture under invalid/ that actually validates fails with fixture/invalid-passes', async () => {
        const result = await checkContract(
            '--spec',
            MINIMAL_SPEC,
            '--fixtures',
            `${FIXTURES}/fixtures/valid-under-invalid`
        );
        assertExit(result, 1);
        assertReports(
            result,
            `${FIXTURES}/fixtures/valid-under-invalid/invalid/Health/actually-valid.json:1: fixture/invalid-passes:`
        );
        assert.equal(errorLines(result).length, 1, `expected exactly one error finding\n${describeOutput(result)}`);
    });

    test('a fixture folder that names no component schema fails with fixture/unknown-schema', async () => {
        const result = await checkContract('--spec', MINIMAL_SPEC, '--fixtures', `${FIXTURES}/fixtures/unknown-schema`);
        assertExit(result, 1);
        assertReports(result, `${FIXTURES}/fixtures/unknown-schema/Healthz:1: fixture/unknown-schema:`);
    });

    test('a missing Problem fixture for a ProblemCode fails with fixture/coverage', async () => {
        const dir = tempDir();
        cpSync(path.join(repoRoot, MINIMAL_FIXTURES), dir, { recursive: true });
        rmSync(path.join(dir, 'Problem', 'rate-limited.json'));
        const result = await checkContract('--spec', MINIMAL_SPEC, '--fixtures', dir);
        assertExit(result, 1);
        assertReports(result, 'fixture/coverage: no valid Problem fixture for ProblemCode RATE_LIMITED');
    });
});

describe('generate:fixtures', { concurrency: true }, () => {
    test('generate:fixtures --check passes on the committed class', async () => {
        const result = await generateFixtures('--check');
        assertExit(result, 0);
        assertReports(result, 'fixture constant(s): PASS');
    });

    test('generate:fixtures --check fails when the class was edited by hand', async () => {
        const out = tempDir();
        cpSync(path.join(repoRoot, CLASSES, CLASS_FILE), path.join(out, CLASS_FILE));
        cpSync(path.join(repoRoot, CLASSES, `${CLASS_FILE}-meta.xml`), path.join(out, `${CLASS_FILE}-meta.xml`));
        const copy = path.join(out, CLASS_FILE);
        writeFileSync(copy, readFileSync(copy, 'utf8').replace('"status":"ok"', '"status":"up"'));
        const result = await generateFixtures('--check', '--out', out);
        assertExit(result, 1);
        assertReports(result, `${path.relative(repoRoot, copy)}:1: generate/stale:`);
        assertReports(result, 'run npm run generate:fixtures');
    });

    test('generate:fixtures --check fails when a fixture changed after the class was generated', async () => {
        const fixtures = tempDir();
        cpSync(path.join(repoRoot, 'api/fixtures'), fixtures, { recursive: true });
        const health = path.join(fixtures, 'Health', 'ok.json');
        writeFileSync(health, readFileSync(health, 'utf8').replace('2026.11.3', '2026.12.0'));
        const result = await generateFixtures('--check', '--fixtures', fixtures);
        assertExit(result, 1);
        assertReports(result, `${CLASSES}/${CLASS_FILE}:1: generate/stale:`);
    });

    test('the generated constants escape single quotes and backslashes for Apex', () => {
        const source = readFileSync(path.join(repoRoot, CLASSES, CLASS_FILE), 'utf8');
        const failing = source.split('\n').find((line) => line.includes('CONNECTION_FAILING ='));
        assert.ok(failing, `expected a CONNECTION_FAILING constant in ${CLASSES}/${CLASS_FILE}`);
        assert.ok(failing.includes("O\\'Brien"), `expected the quote in O'Brien escaped as \\' in: ${failing}`);
        assert.ok(failing.includes('\\\\"invalid_grant\\\\"'), `expected JSON's \\" escaped as \\\\" in: ${failing}`);
    });
});
