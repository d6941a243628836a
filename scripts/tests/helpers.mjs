// What the gate tests share: temporary folders removed after the test file, running a script of this repository
// as CI does (from the repository root) and showing its output when an assertion fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { runProcess } from '../lib/process.mjs';
import { repoRoot } from '../lib/project.mjs';

export { repoRoot };

/**
 * Call at the top level of a test file: returns `tempDir()`, which creates a new temporary folder named
 * `<prefix>XXXXXX`; every folder it created is removed once the file's tests have run.
 */
export function tempDirs(prefix) {
    const dirs = [];
    after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    return () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
        dirs.push(dir);
        return dir;
    };
}

/** Runs `node <script> <args…>` from the repository root; resolves to `{ status, stdout, stderr }`. */
export function runScript(script, args = [], options = {}) {
    return runProcess(process.execPath, [script, ...args], { cwd: repoRoot, ...options });
}

/** `runScript`, waiting for the script to exit: `{ status, stdout, stderr }`. */
export function runScriptSync(script, args = [], options = {}) {
    const { status, stdout, stderr } = spawnSync(process.execPath, [script, ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        ...options
    });
    return { status, stdout, stderr };
}

/** A run's stdout and stderr, for an assertion message. */
export function describeOutput(result) {
    return `--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}`;
}

export function assertExit(result, expected) {
    assert.equal(result.status, expected, `expected exit ${expected}, got ${result.status}\n${describeOutput(result)}`);
}

export function assertReports(result, expected) {
    assert.ok(result.stdout.includes(expected), `expected stdout to contain "${expected}"\n${describeOutput(result)}`);
}

/**
 * An Apex gate run against its fixture projects under `fixturesDir`: `runGate(projectDir, env)` runs the script
 * once per call, `runFixture(name)` once per fixture (its JVMs take seconds, so tests that read the same fixture
 * share the run), and `classPath(fixture, className)` names a fixture's class as findings print it.
 */
export function apexGate(script, fixturesDir) {
    const runGate = (projectDir, env = process.env) => runScript(script, ['--project', projectDir], { env });
    const runs = new Map();
    return {
        runGate,
        runFixture(name) {
            if (!runs.has(name)) {
                runs.set(name, runGate(`${fixturesDir}/${name}`));
            }
            return runs.get(name);
        },
        classPath: (fixture, className) => `${fixturesDir}/${fixture}/force-app/main/default/classes/${className}.cls`
    };
}

/** Runs a JVM-based gate with only `node` on PATH (in `binDir`) and asserts it says exactly `message` and exits 1. */
export async function assertJavaRequired(runGate, projectDir, binDir, message) {
    symlinkSync(process.execPath, path.join(binDir, 'node'));
    const result = await runGate(projectDir, { ...process.env, PATH: binDir });
    assertExit(result, 1);
    assert.equal(result.stderr.trim(), message, 'expected exactly the Java sentence on stderr');
    assert.equal(result.stdout, '', 'expected nothing on stdout');
}
