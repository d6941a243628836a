// Runs background jobs of 1,000, 10,000 and 50,000 users in the SIMULATED org (the TypeScript port of
// CrmSyncJobService and CrmSyncJobStep, bundled for Node exactly as the page runs it) against the simulated backend,
// and prints for each: the batch calls and the queued transactions the job made, whether they match the arithmetic
// of docs/bulk-jobs.md (⌈N/200⌉ calls, ⌈N/1000⌉ steps), and its wall time on a simulated clock that advances by a
// stated model of the platform: a queued step starts QUEUE_PICKUP_S after it was queued, and a batch call of 200
// users takes BATCH_CALL_S (typical) or 20 s (CrmSyncClient's timeout: the worst case a step is sized for). The
// counts are the port's; the times are the model's, not an org's.
//
// Usage: npm run bench:jobs [-- --sizes 1000,10000,50000]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bundleForNode } from '../../preview/build/bundle-for-node.mjs';
import { readLabelTexts } from '../../preview/build/labels.mjs';
import { readApexConstants } from '../lib/apex-constants.mjs';
import { readProject, repoRoot } from '../lib/project.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,50000' } } });
const sizes = values.sizes.split(',').map(Number);

/** The model of the platform's timing (assumptions, stated in the output). */
const QUEUE_PICKUP_S = 2;
const BATCH_CALL_S = 1.5;

const { constants } = readApexConstants(readProject(repoRoot).packageDirs);
const constant = (name) => {
    const found = constants.find((candidate) => `${candidate.className}.${candidate.name}` === name);
    if (!found) {
        throw new Error(`The Apex constant ${name} does not exist`);
    }
    return found.value.value;
};
const USERS_PER_CALL = constant('CrmSyncClient.MAX_USERS_PER_CALL');
const CALLS_PER_STEP = constant('CrmSyncJobStep.CALLS_PER_STEP');
const TIMEOUT_S = constant('CrmSyncClient.TIMEOUT_MS') / 1000;

const row = (cells) => console.log(cells.map((cell, index) => String(cell).padStart(index === 0 ? 8 : 14)).join(''));
const duration = (seconds) =>
    seconds >= 60
        ? `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`
        : `${seconds.toFixed(1)} s`;

/** N users with sync on and an admin with it off: disabling sync for everyone changes exactly N users. */
function worldOf(modules, count) {
    const people = [];
    const states = [];
    for (let index = 0; index <= count; index++) {
        people.push({
            index,
            id: modules.userIdAt(index),
            name: `User ${String(index).padStart(6, '0')}`,
            username: `user${index}@bench.example`,
            email: `user${index}@bench.example`,
            profileName: 'Standard User',
            isActive: true,
            userType: 'Standard',
            hasBackendAccount: true
        });
        states.push({
            syncEnabled: index > 0,
            licenseType: 'CORE',
            status: 'synced',
            lastSyncedAt: null,
            lastError: null,
            version: 1
        });
    }
    const pools = [{ licenseType: 'CORE', label: 'Core', total: count + 1, isDefault: true }];
    return { people, states, pools, imported: {}, linkedAt: '2026-11-01T08:00:00.000Z', lastSyncAt: null };
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'crm-sync-bench-jobs-'));
try {
    const files = await bundleForNode(outDir);
    const modules = {};
    for (const name of ['backend', 'org', 'runtime', 'ids', 'persist', 'queue']) {
        Object.assign(modules, await import(files[name]));
    }
    const startUserJob = (await import(files['apex/CrmSyncJobController.startUserJob'])).default;
    const getUserJob = (await import(files['apex/CrmSyncJobController.getUserJob'])).default;

    console.log(
        `Background jobs in the SIMULATED org (preview/org, Node ${process.version}): disable CRM sync for N users.\n` +
            `Arithmetic (docs/bulk-jobs.md): ${USERS_PER_CALL} users per batch call, ${CALLS_PER_STEP} calls per ` +
            `transaction (${CALLS_PER_STEP} × ${TIMEOUT_S} s timeout = ${CALLS_PER_STEP * TIMEOUT_S} s of the 120 s ` +
            `callout limit), so ⌈N/${USERS_PER_CALL}⌉ calls in ⌈N/${USERS_PER_CALL * CALLS_PER_STEP}⌉ steps.\n` +
            `Wall time on a simulated clock: a step starts ${QUEUE_PICKUP_S} s after it is queued; a batch call takes ` +
            `${BATCH_CALL_S} s (typical) or ${TIMEOUT_S} s (every call at the timeout). Model, not an org's timing.\n`
    );
    row(['users', 'batch calls', 'steps', 'as documented', 'wall typical', 'wall worst', 'node time']);
    for (const count of sizes) {
        let clockMs = Date.UTC(2026, 11, 6, 9, 0, 0);
        const now = () => clockMs;
        const world = worldOf(modules, count);
        const storage = modules.memoryStorage();
        const backend = modules.createBackend({
            userCount: count + 1,
            seed: 1,
            tenant: 'linked',
            scenario: 'normal',
            storage,
            storageKey: 'backend',
            now,
            sleep: async () => {},
            world
        });
        let batchCalls = 0;
        const queue = new modules.ManualQueue();
        const org = modules.createOrg({
            userCount: count + 1,
            seed: 1,
            tenant: 'linked',
            runningUserId: modules.userIdAt(0),
            hasAdminPermission: true,
            labels: readLabelTexts(repoRoot).en,
            callout: (request) => {
                if (request.path === '/v1/users/batch') {
                    batchCalls++;
                    clockMs += BATCH_CALL_S * 1000;
                }
                return backend.handle(request);
            },
            storage,
            storageKey: 'org',
            now,
            world,
            queue
        });
        modules.installOrg(org, { latencyMs: 0 });

        const started = performance.now();
        const start = await startUserJob({
            request: { operation: 'Disable_User_Sync', query: { includeInactive: true } }
        });
        const startedAt = clockMs;
        let steps = 0;
        while (queue.pending.length > 0) {
            clockMs += QUEUE_PICKUP_S * 1000 + queue.pending[0].delayMinutes * 60000;
            await queue.runNext();
            steps++;
        }
        const nodeMs = performance.now() - started;
        const job = await getUserJob();
        if (start.job?.total !== count || job.status !== 'Completed' || job.succeeded !== count) {
            throw new Error(`The job of ${count} users did not complete: ${JSON.stringify(job)}`);
        }
        const expectedCalls = Math.ceil(count / USERS_PER_CALL);
        const expectedSteps = Math.ceil(count / (USERS_PER_CALL * CALLS_PER_STEP));
        const typical = (clockMs - startedAt) / 1000;
        const worst = typical + batchCalls * (TIMEOUT_S - BATCH_CALL_S);
        row([
            count.toLocaleString('en'),
            batchCalls,
            steps,
            batchCalls === expectedCalls && steps === expectedSteps ? 'yes' : `NO (${expectedCalls}, ${expectedSteps})`,
            duration(typical),
            duration(worst),
            `${nodeMs.toFixed(0)} ms`
        ]);
        if (batchCalls !== expectedCalls || steps !== expectedSteps) {
            process.exitCode = 1;
        }
    }
} finally {
    rmSync(outDir, { recursive: true, force: true });
}
