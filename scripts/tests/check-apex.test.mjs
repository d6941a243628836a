// Runs scripts/check-apex.mjs as the CLI against small fixture projects, each broken in one way.
// Run: node --test scripts/tests/check-apex.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { assertExit, assertReports, runScript, tempDirs } from './helpers.mjs';

const FIXTURES = 'scripts/tests/fixtures/apex';
const CLASSES = 'force-app/main/default/classes';
const JAVA_MESSAGE =
    'check:apex needs Java 11 or newer on PATH (for example: apt-get install -y openjdk-17-jre-headless).';

const tempDir = tempDirs('check-apex-test-');

function runGate(projectDir, env = process.env) {
    return runScript('scripts/check-apex.mjs', ['--project', projectDir], { env });
}

// Each run takes about 3 s (two JVMs), so a fixture is run once and shared by the tests that read it.
const runs = new Map();
function runFixture(name) {
    if (!runs.has(name)) {
        runs.set(name, runGate(`${FIXTURES}/${name}`));
    }
    return runs.get(name);
}

function classPath(fixture, className) {
    return `${FIXTURES}/${fixture}/${CLASSES}/${className}.cls`;
}

test('a clean, formatted class passes with no findings', async () => {
    const result = await runFixture('clean');
    assertExit(result, 0);
    assertReports(result, 'check:apex: 1 Apex file(s), 0 error(s), 0 warning(s)');
});

test('a call to an undeclared method fails with apex-ls/Missing at the call', async () => {
    const result = await runFixture('undefined-method');
    assertExit(result, 1);
    assertReports(result, `${classPath('undefined-method', 'UndefinedMethod')}:11: apex-ls/Missing`);
});

test('a missing semicolon fails with apex-ls/Syntax at the next statement', async () => {
    const result = await runFixture('syntax-error');
    assertExit(result, 1);
    assertReports(result, `${classPath('syntax-error', 'MissingSemicolon')}:11: apex-ls/Syntax`);
});

test('a PMD parse error (sent only as a log event) is reported as pmd/ParseError', async () => {
    const result = await runFixture('syntax-error');
    assertReports(result, `${classPath('syntax-error', 'MissingSemicolon')}:11: pmd/ParseError`);
});

test('a file prettier cannot parse is a prettier finding', async () => {
    const result = await runFixture('syntax-error');
    assertReports(result, `${classPath('syntax-error', 'MissingSemicolon')}:1: prettier: cannot parse`);
});

test('concatenating input into dynamic SOQL fails with pmd/ApexSOQLInjection', async () => {
    const result = await runFixture('soql-injection');
    assertExit(result, 1);
    assertReports(result, `${classPath('soql-injection', 'DynamicQuery')}:11: pmd/ApexSOQLInjection`);
});

test('an unformatted class fails with a prettier finding', async () => {
    const result = await runFixture('unformatted');
    assertExit(result, 1);
    assertReports(result, `${classPath('unformatted', 'Unformatted')}:1: prettier: not formatted; run npm run format`);
});

test('PMD severity 3-5 and apex-ls warnings are printed as warnings and pass', async () => {
    const result = await runFixture('warnings-only');
    assertExit(result, 0);
    assertReports(result, `warning ${classPath('warnings-only', 'WarningsOnly')}:4: pmd/ApexDoc`);
    assertReports(result, `warning ${classPath('warnings-only', 'WarningsOnly')}:5: apex-ls/Warning`);
});

test('a project without Apex files says so and passes', async () => {
    const projectDir = tempDir();
    mkdirSync(path.join(projectDir, 'force-app'));
    writeFileSync(
        path.join(projectDir, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' })
    );
    const result = await runGate(projectDir);
    assertExit(result, 0);
    assertReports(result, 'no Apex classes or triggers');
});

test('without java on PATH it prints one sentence and exits 1', async () => {
    const binDir = tempDir();
    symlinkSync(process.execPath, path.join(binDir, 'node'));
    const result = await runGate(`${FIXTURES}/clean`, { ...process.env, PATH: binDir });
    assertExit(result, 1);
    assert.equal(result.stderr.trim(), JAVA_MESSAGE, 'expected exactly the Java sentence on stderr');
    assert.equal(result.stdout, '', 'expected nothing on stdout');
});
