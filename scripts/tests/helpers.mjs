// What the gate tests share: temporary folders removed after the test file, running a script of this repository
// as CI does (from the repository root) and showing its output when an assertion fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
