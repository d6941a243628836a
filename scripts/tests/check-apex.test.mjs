// Runs scripts/gate/check-apex.mjs as the CLI against small fixture projects, each broken in one way.
// Run: node --test scripts/tests/check-apex.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apexGate, assertExit, assertJavaRequired, assertReports, tempDirs } from './helpers.mjs';

const FIXTURES = 'scripts/tests/fixtures/apex';
const JAVA_MESSAGE =
    'check:apex needs Java 11 or newer on PATH (for example: apt-get install -y openjdk-17-jre-headless).';

const tempDir = tempDirs('check-apex-test-');

const { runGate, runFixture, classPath } = apexGate('scripts/gate/check-apex.mjs', FIXTURES);

test('a clean, formatted class passes with no findings', async () => {
    const result = await runFixture('clean');
    assertExit(result, 0);
    assertReports(result, 'check:apex: 2 Apex file(s), 0 error(s), 0 warning(s)');
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

test('a file prettier cannot parse is a prettier finding', async () => {
    const result = await runFixture('syntax-error');
    assertReports(result, `${classPath('syntax-error', 'MissingSemicolon')}:1: prettier: cannot parse`);
});

test('an unformatted class fails with a prettier finding', async () => {
    const result = await runFixture('unformatted');
    assertExit(result, 1);
    assertReports(result, `${classPath('unformatted', 'Unformatted')}:1: prettier: not formatted; run npm run format`);
});

test('apex-ls warnings are printed as warnings and pass', async () => {
    const result = await runFixture('warnings-only');
    assertExit(result, 0);
    assertReports(result, `warning ${classPath('warnings-only', 'WarningsOnly')}:5: apex-ls/Warning`);
});

test('a callout after a DML call in the same Test.startTest() block fails with apex/callout-after-dml', async () => {
    const result = await runFixture('callout-after-dml');
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath('callout-after-dml', 'OrderService_Tests')}:14: apex/callout-after-dml: OrderService.send makes a ` +
            'callout after OrderService.save (line 13) wrote records in the same transaction'
    );
});

test('DML reached through a test helper and two classes still fails apex/callout-after-dml', async () => {
    const result = await runFixture('callout-after-dml-transitive');
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath('callout-after-dml-transitive', 'OrderService_Tests')}:12: apex/callout-after-dml: ` +
            'OrderService.send makes a callout after OrderService_Tests.saveAccount (line 11) wrote records'
    );
});

test('tests that keep DML and callouts in separate segments pass apex/callout-after-dml', async () => {
    const result = await runFixture('callout-after-dml-clean');
    assertExit(result, 0);
    assertReports(result, '== apex/callout-after-dml (callouts after uncommitted work): 0 error(s)');
});

/** No apex/callout-after-dml finding in one test class of the callout-after-dml-clean fixture. */
async function assertNoCalloutFinding(className) {
    const result = await runFixture('callout-after-dml-clean');
    const file = classPath('callout-after-dml-clean', className);
    const findings = result.stdout
        .split('\n')
        .filter((line) => line.startsWith(`${file}:`) && line.includes('apex/callout-after-dml'));
    assert.deepEqual(findings, [], `expected no apex/callout-after-dml finding in ${file}`);
}

test('Test.stopTest() between the DML and the callout ends the transaction segment', async () => {
    await assertNoCalloutFinding('OrderService_StopTestTests');
});

test('DML before Test.startTest() does not hold back a callout inside the block', async () => {
    await assertNoCalloutFinding('OrderService_StartTestTests');
});

test('DML in @TestSetup is committed before the test method calls out', async () => {
    await assertNoCalloutFinding('OrderService_TestSetupTests');
});

test('a callout before the DML in the same block passes', async () => {
    await assertNoCalloutFinding('OrderService_CalloutFirstTests');
});

test('a production class without a test class of its own fails with apex/test-class-missing', async () => {
    const result = await runFixture('missing-test-class');
    assertExit(result, 1);
    assertReports(result, `${classPath('missing-test-class', 'Untested')}:1: apex/test-class-missing`);
});

test('a class named like a test class but without @IsTest is no test class', async () => {
    const result = await runFixture('missing-test-class');
    assertReports(result, `${classPath('missing-test-class', 'Untested_Helper')}:1: apex/test-class-missing`);
});

const NEWER = 'newer-platform-types';

test('a correct use of the API 66.0 pagination cursor types in a class at apiVersion 66.0 passes', async () => {
    const result = await runFixture(NEWER);
    assertExit(result, 0);
    assertReports(result, 'check:apex: 2 Apex file(s), 0 error(s), 0 warning(s)');
    assertReports(result, 'finding(s) about API 66.0 types dropped: apex/newer-platform-type checks them');
});

test('a method the pagination cursor does not have fails with apex/newer-platform-type', async () => {
    const result = await runFixture(`${NEWER}-misuse`);
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath(`${NEWER}-misuse`, 'ContactPager')}:16: apex/newer-platform-type: Database.PaginationCursor has ` +
            'no method fetch(); its methods (API 66.0) are getNumRecords(), fetchPage(Integer start, Integer pageSize), ' +
            'fetchDeleted(Integer start, Integer pageSize)'
    );
});

test('a method of a chained fetch result that does not exist fails with apex/newer-platform-type', async () => {
    const result = await runFixture(`${NEWER}-misuse`);
    assertReports(
        result,
        `${classPath(`${NEWER}-misuse`, 'ContactPager')}:24: apex/newer-platform-type: Database.CursorFetchResult ` +
            'has no method records()'
    );
});

test('a cursor method with the wrong number of arguments fails with apex/newer-platform-type', async () => {
    const result = await runFixture(`${NEWER}-misuse`);
    assertReports(
        result,
        `${classPath(`${NEWER}-misuse`, 'ContactPager')}:17: apex/newer-platform-type: ` +
            'Database.PaginationCursor.fetchPage takes 2 arguments (Integer start, Integer pageSize), not 1'
    );
});

test('Database.getPaginationCursor with the wrong number of arguments fails with apex/newer-platform-type', async () => {
    const result = await runFixture(`${NEWER}-misuse`);
    assertReports(
        result,
        `${classPath(`${NEWER}-misuse`, 'ContactPager')}:18: apex/newer-platform-type: ` +
            'Database.getPaginationCursor takes 2 arguments (String query, AccessLevel accessLevel), not 1'
    );
});

test('arguments of the wrong type keep apex-ls finding for Database.getPaginationCursorWithBinds', async () => {
    const result = await runFixture(`${NEWER}-misuse`);
    assertReports(
        result,
        `${classPath(`${NEWER}-misuse`, 'ContactPager')}:19: apex-ls/Missing: No matching method found for ` +
            "'getPaginationCursorWithBinds' on 'System.Database' taking arguments 'System.String, " +
            "System.Map<System.String, System.Integer>, System.AccessLevel'"
    );
});

test('the pagination cursor types in a class at apiVersion 65.0 still fail with apex-ls finding', async () => {
    const result = await runFixture(`${NEWER}-old-api`);
    assertExit(result, 1);
    const file = classPath(`${NEWER}-old-api`, 'ContactPager');
    assertReports(result, `${file}:5: apex-ls/Missing: No type declaration found for 'Database.PaginationCursor'`);
    assertReports(
        result,
        `${file}:16: apex-ls/Missing: No matching method found for 'getPaginationCursorWithBinds' on 'System.Database'`
    );
    assert.ok(!result.stdout.includes('API 66.0 types dropped'), 'nothing is dropped below apiVersion 66.0');
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
    await assertJavaRequired(runGate, `${FIXTURES}/clean`, tempDir(), JAVA_MESSAGE);
});
