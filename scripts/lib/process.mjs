// Running a child process to completion from the gate scripts and their tests.
import { spawn } from 'node:child_process';

/**
 * Runs `command` with `args` and resolves to `{ status, stdout, stderr }` once it has exited, without a size limit on
 * its output (apex-ls prints one JSON document). `options` are spawn's; stdin is closed unless they say otherwise.
 * Rejects when the command cannot be started.
 */
export function runProcess(command, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
}
