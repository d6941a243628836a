// Runs scripts/generate/port-constants.mjs and scripts/gate/check-port-constants.mjs as the CLI: against the
// repository, against fixture projects (scripts/tests/fixtures/port-constants/), and against temporary copies of the
// repository's classes, contract and components with one value changed.
// Run: node --test scripts/tests/port-constants.test.mjs
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { assertExit, describeOutput, repoRoot, runScript, tempDirs } from './helpers.mjs';

const GENERATOR = 'scripts/generate/port-constants.mjs';
const GATE = 'scripts/gate/check-port-constants.mjs';
const FIXTURES = 'scripts/tests/fixtures/port-constants';
const CLASSES = 'force-app/main/default/classes';
const MODULE = 'preview/org/generated/apex-constants.ts';
const CONTRACT = 'api/crm-sync-backend.openapi.yaml';
const FILTERS_LWC = 'force-app/main/default/lwc/crmSyncUserFilters/crmSyncUserFilters.ts';
const FORMAT_LWC = 'force-app/main/default/lwc/crmSyncFormat/crmSyncFormat.ts';
/** What the gate compares: the classes, the contract and the components that repeat Apex constants. */
const COMPARED = [
    CLASSES,
    'api',
    FILTERS_LWC,
    'force-app/main/default/lwc/crmSyncUserTable',
    'force-app/main/default/lwc/crmSyncFormat',
    'force-app/main/default/lwc/crmSyncJobs',
    'force-app/main/default/lwc/crmSyncPauseModal'
];

const tempDir = tempDirs('port-constants-test-');

/** A temporary project holding copies of `paths` (files or folders) of the repository. */
function projectCopy(paths) {
    const root = tempDir();
    cpSync(path.join(repoRoot, 'sfdx-project.json'), path.join(root, 'sfdx-project.json'));
    mkdirSync(path.join(root, 'force-app-user-action'));
    for (const entry of paths) {
        cpSync(path.join(repoRoot, entry), path.join(root, entry), { recursive: true });
    }
    return root;
}

/** Replaces `from` (which must occur) in the copy's file; returns the 1-based line of the change. */
function replaceIn(root, file, from, to) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const index = text.indexOf(from);
    assert.notEqual(index, -1, `expected ${file} to contain "${from}"`);
    writeFileSync(path.join(root, file), text.replace(from, to));
    return text.slice(0, index).split('\n').length;
}

/** The line of `text` in the repository's `file`. */
function lineIn(file, text) {
    const source = readFileSync(path.join(repoRoot, file), 'utf8');
    return source.slice(0, source.indexOf(text)).split('\n').length;
}

/** A path as the scripts print it: relative to the repository root, where the tests run them. */
const shown = (root, file) => path.relative(repoRoot, path.join(root, file));

function assertContains(haystack, needle, result) {
    assert.ok(haystack.includes(needle), `expected the output to contain\n${needle}\n${describeOutput(result)}`);
}

/** The generated TypeScript of a fixture, and the module it evaluates to (transpiled, imported from a file). */
async function generateFixture(name) {
    const dir = tempDir();
    const out = path.join(dir, 'apex-constants.ts');
    const result = await runScript(GENERATOR, ['--project', `${FIXTURES}/${name}`, '--out', out]);
    assertExit(result, 0);
    const text = readFileSync(out, 'utf8');
    const js = path.join(dir, 'apex-constants.mjs');
    writeFileSync(js, ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext } }).outputText);
    return { text, module: await import(js) };
}

test('the generated module is current', async () => {
    const result = await runScript(GENERATOR, ['--check']);
    assertExit(result, 0);
});

test('the contract and the components agree with the Apex', async () => {
    const result = await runScript(GATE, []);
    assertExit(result, 0);
    assertContains(result.stdout, '0 problem(s): PASS', result);
});

test('each initializer form becomes its value; test classes, instance and non-final fields are left out', async () => {
    const { text, module } = await generateFixture('forms');
    const { OrderLimits, OrderStatus, Order__c } = module;
    assert.equal(OrderLimits.MAX_LINES, 200);
    assert.equal(OrderLimits.MAX_VERSION, Number.MAX_SAFE_INTEGER);
    assert.equal(OrderLimits.MAX_LINES_PER_ORDER, 1000, 'a product of constants is computed');
    assert.equal(OrderLimits.HALF_ORDER, 334, 'Integer division truncates, as in Apex');
    assert.equal(OrderLimits.GREETING, "It's a \\ test\n");
    assert.equal(OrderLimits.DEFAULT_STATUS, OrderStatus.OPEN);
    assert.deepEqual(OrderLimits.SIGNS, ['timed out', OrderLimits.GREETING]);
    assert.deepEqual([...OrderLimits.SUCCESS], [200, 201]);
    assert.deepEqual([...OrderLimits.CLOSED], ['shipped', 'cancelled']);
    assert.deepEqual(
        [...OrderLimits.LABELS],
        [
            ['open', 'Open'],
            ['shipped', 'Shipped']
        ]
    );
    assert.equal(OrderLimits.LABELS.get('constructor'), undefined, 'a missing key is undefined, as Apex gives null');
    assert.deepEqual(
        [...OrderLimits.STATUS_NAMES],
        [
            ['open', 'Order_Status_Open'],
            ['shipped', 'Order_Status_Shipped']
        ],
        "a custom label is its name, which the port renders in its user's language"
    );
    assert.deepEqual(
        [...OrderLimits.WEIGHTS],
        [
            ['small', 1],
            ['large', 200]
        ]
    );
    assert.deepEqual(Order__c.Stage__c, ['Open', 'Shipped']);
    assert.ok(!('instanceValue' in OrderLimits) && !('counter' in OrderLimits), Object.keys(OrderLimits).join());
    assert.ok(!text.includes('OrderStatus_Tests'), 'a test class is not read');
    assert.ok(text.includes('/** OrderLimits.CODE (private) */'), 'each constant names its source');
    assert.ok(text.includes('/** Order__c.Stage__c picklist */'), 'each picklist names its source');
});

test('a Pattern is its source and a RegExp matching the whole string, as Matcher.matches() does', async () => {
    const { module } = await generateFixture('forms');
    const { CODE } = module.OrderLimits;
    assert.equal(CODE.source, '[A-Z][A-Z0-9_/]{1,9}');
    assert.equal(CODE.regExp.test('AB/C'), true);
    assert.equal(CODE.regExp.test('xAB'), false, 'a match that does not start at the beginning');
    assert.equal(CODE.regExp.test('AB '), false, 'a match that does not reach the end');
});

test('a changed Apex constant makes --check fail, naming the constant and its file', async () => {
    const root = projectCopy([`${CLASSES}`, 'force-app/main/default/objects', MODULE]);
    const line = replaceIn(
        root,
        `${CLASSES}/CrmSyncClient.cls`,
        'MAX_USERS_PER_CALL = 200;',
        'MAX_USERS_PER_CALL = 150;'
    );
    const result = await runScript(GENERATOR, ['--project', root, '--check']);
    assertExit(result, 1);
    assertContains(
        result.stderr,
        `generate/stale: CrmSyncClient.MAX_USERS_PER_CALL (${CLASSES}/CrmSyncClient.cls:${line}) differs; run npm run generate:port-constants`,
        result
    );
    assert.match(result.stderr, new RegExp(`^${shown(root, MODULE)}:\\d+: `), 'the stale module is named first');
});

test('an initializer the reader cannot evaluate fails at its line, and nothing is written', async () => {
    const out = path.join(tempDir(), 'apex-constants.ts');
    const result = await runScript(GENERATOR, ['--project', `${FIXTURES}/unreadable`, '--out', out]);
    assertExit(result, 1);
    const file = `${FIXTURES}/unreadable/${CLASSES}/VersionLimits.cls`;
    for (const expected of [
        ':6: generate/unreadable-constant: VersionLimits.MAX_VERSION: Math.pow(2,53).longValue() is not a literal',
        ':7: generate/unreadable-constant: VersionLimits.TOO_BIG: 9007199254740993L is beyond 2^53 - 1',
        ":8: generate/unreadable-constant: VersionLimits.SPACED: the pattern '[A-Z]+\\s[0-9]+' uses \\s",
        ':9: generate/unreadable-constant: VersionLimits.RATIO: the type Decimal is not one the generator reads',
        ':10: generate/unreadable-constant: VersionLimits.NAMES: no initializer',
        ':13: generate/unreadable-constant: a static final field of the inner class VersionLimits.Settings'
    ]) {
        assertContains(result.stderr, `${file}${expected}`, result);
    }
    assert.equal(existsSync(out), false, 'nothing must be written when a constant cannot be read');
});

test('a contract value that differs from the Apex fails with both locations', async () => {
    const root = projectCopy(COMPARED);
    const line = replaceIn(root, CONTRACT, 'pattern: ^[A-Z][A-Z0-9_]{1,39}$', 'pattern: ^[A-Z][A-Z0-9_]{1,30}$');
    const apexLine = lineIn(`${CLASSES}/CrmSyncUserInput.cls`, 'LICENSE_TYPE = Pattern.compile');
    const result = await runScript(GATE, ['--project', root]);
    assertExit(result, 1);
    assertContains(
        result.stdout,
        `${shown(root, CONTRACT)}:${line}: port/contract: LicenseType.pattern '^[A-Z][A-Z0-9_]{1,30}$' ≠ ` +
            `${shown(root, `${CLASSES}/CrmSyncUserInput.cls`)}:${apexLine} '^[A-Z][A-Z0-9_]{1,39}$'`,
        result
    );
    assertContains(result.stdout, '1 problem(s): FAIL', result);
});

test('a component value that differs from the Apex fails with both locations', async () => {
    const root = projectCopy(COMPARED);
    replaceIn(root, FILTERS_LWC, "value: 'Not_Matched'", "value: 'Unmatched'");
    const lwcLine = lineIn(FILTERS_LWC, 'statusOptions');
    const apexLine = lineIn(`${CLASSES}/CrmSyncUserDirectory.cls`, 'STATUS_FILTERS = new Set');
    const result = await runScript(GATE, ['--project', root]);
    assertExit(result, 1);
    assertContains(
        result.stdout,
        `${shown(root, FILTERS_LWC)}:${lwcLine}: port/lwc: crmSyncUserFilters.statusOptions values ` +
            `['all', 'Synced', 'Pending', 'Unmatched', 'Error'] ≠ ${shown(root, `${CLASSES}/CrmSyncUserDirectory.cls`)}:${apexLine}`,
        result
    );
});

test('schedule intervals the cards offer but Apex refuses fail with both locations', async () => {
    const root = projectCopy(COMPARED);
    const line = replaceIn(root, FORMAT_LWC, '12, 24]', '12, 48]');
    const apexLine = lineIn(`${CLASSES}/CrmSyncSchedule.cls`, 'INTERVAL_HOURS = new Set');
    const result = await runScript(GATE, ['--project', root]);
    assertExit(result, 1);
    assertContains(
        result.stdout,
        `${shown(root, FORMAT_LWC)}:${line}: port/lwc: crmSyncFormat INTERVAL_HOURS ` +
            `[1, 2, 3, 4, 6, 8, 12, 48] ≠ ${shown(root, `${CLASSES}/CrmSyncSchedule.cls`)}:${apexLine}`,
        result
    );
    assertContains(result.stdout, '1 problem(s): FAIL', result);
});

test('a compared place that is gone is a finding, not a skipped check', async () => {
    const root = projectCopy(COMPARED);
    replaceIn(root, CONTRACT, '    LicenseType:\n', '    LicenceType:\n');
    const result = await runScript(GATE, ['--project', root]);
    assertExit(result, 1);
    assertContains(
        result.stdout,
        `${shown(root, CONTRACT)}:1: port/contract: no components.schemas.LicenseType.pattern; update CHECKS`,
        result
    );
});
