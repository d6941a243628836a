// The gates that tie the preview's port to the Apex: check:port (fingerprints of ported classes) and
// generate:vectors (the generated Apex vector tests and the runner's dispatch). Each must fail on its broken input.
// Run: node --test scripts/tests/port-and-vectors-gates.test.mjs
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checkPort, fingerprint } from '../gate/check-port.mjs';
import { assertExit, describeOutput, repoRoot, runScript, tempDirs } from './helpers.mjs';

const tempDir = tempDirs('port-gates-test-');
const INPUT = 'force-app/main/default/classes/CrmSyncUserInput.cls';
const RUNNER = 'force-app/main/default/classes/CrmSyncVectorRunner.cls';

/** A copy of what check:port reads: the classes, the triggers and the port record with its modules. */
function projectCopy() {
    const root = tempDir();
    for (const dir of ['force-app/main/default/classes', 'force-app/main/default/triggers', 'preview/org']) {
        cpSync(path.join(repoRoot, dir), path.join(root, dir), { recursive: true });
    }
    return root;
}

test('a fingerprint ignores comments and formatting but not code', () => {
    const code = 'public class A {\n    Integer limit = 200;\n}\n';
    assert.equal(fingerprint(code), fingerprint('/** why */ public class A { Integer limit = 200; } // note\n'));
    assert.notEqual(fingerprint(code), fingerprint(code.replace('200', '201')));
});

test('check:port passes on the repository', () => {
    assert.deepEqual(checkPort().findings, []);
});

test('check:port fails when a ported class changes in Apex only, naming its port', () => {
    const root = projectCopy();
    const file = path.join(root, INPUT);
    writeFileSync(file, readFileSync(file, 'utf8').replace('if (mustBeActive && !user.IsActive)', 'if (false)'));
    const { findings } = checkPort(root);
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /CrmSyncUserInput\.cls:1: port\/stale: changed since preview\/org\/users\.ts/);
    assert.match(findings[0], /npm run port:stamp -- CrmSyncUserInput/);
});

test('check:port ignores a changed comment', () => {
    const root = projectCopy();
    const file = path.join(root, INPUT);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Validates what the browser sends', 'Checks what arrives'));
    assert.deepEqual(checkPort(root).findings, []);
});

test('check:port fails on a production class the record does not list', () => {
    const root = projectCopy();
    writeFileSync(
        path.join(root, 'force-app/main/default/classes/CrmSyncNewRule.cls'),
        'public with sharing class CrmSyncNewRule {}\n'
    );
    const { findings } = checkPort(root);
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /CrmSyncNewRule\.cls:1: port\/unlisted: CrmSyncNewRule is in neither/);
});

test('generate:vectors --check passes on the repository', async () => {
    const result = await runScript('scripts/generate/apex-vectors.mjs', ['--check']);
    assertExit(result, 0);
});

test('generate:vectors --check fails on a stale generated class', async () => {
    const out = tempDir();
    const generated = await runScript('scripts/generate/apex-vectors.mjs', ['--out', out]);
    assertExit(generated, 0);
    const file = path.join(out, 'CrmSyncVectors_Tests.cls');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {4}@IsTest\n[\s\S]*?\n {4}}\n/, '\n'));
    const result = await runScript('scripts/generate/apex-vectors.mjs', ['--check', '--out', out]);
    assertExit(result, 1);
    assert.match(result.stdout, /CrmSyncVectors_Tests\.cls:1: generate\/stale: differs from what vectors\/ generates/);
});

test('generate:vectors fails on a case whose method the Apex runner cannot call', async () => {
    const runner = path.join(tempDir(), 'CrmSyncVectorRunner.cls');
    const source = readFileSync(path.join(repoRoot, RUNNER), 'utf8');
    writeFileSync(runner, source.replace("when 'CrmSyncAdminController.linkOrg' {", "when 'Removed.linkOrg' {"));
    const result = await runScript('scripts/generate/apex-vectors.mjs', ['--check', '--runner', runner]);
    assertExit(result, 1);
    assert.match(
        result.stdout,
        /vectors\/connection\.json:1: generate\/vectors: link-records-this-org: .*cannot run 'CrmSyncAdminController\.linkOrg'/,
        describeOutput(result)
    );
});
