// Measures the reference backend (server/) as a team runs it — its own process, `serve` from the bundle — over real
// HTTP on 127.0.0.1 with its embedded database in a temporary folder. After a warm-up (each client's first request,
// timed on its own), it prints three results:
// 1. load: CLIENTS concurrent clients (each with its own API key of the same org, so the per-key rate limit of 600 a
//    minute does not end the run) send REQUESTS_PER_CLIENT requests each — reads of the connection, lookups, and
//    changes of the client's own user — and the run reports throughput and p50/p99 latency;
// 2. idempotency: CLIENTS requests at once with one Idempotency-Key and one body change the user once (its version
//    moves by one) and all get the same answer;
// 3. durability: after the server process is killed (SIGKILL, as in a crash) and started again on the same folder,
//    every user's state is the one the last acknowledged change answered.
// The figures are of this machine and the embedded PGlite; they are a measurement, not a promise.
//
// Usage: npm run bench:backend [-- --clients 50 --requests 40 --tenant-users 0]
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
    ADMIN,
    MIGRATIONS,
    ORG,
    loadReferenceBackend,
    send as sendRequest,
    spawnReferenceBackend
} from '../lib/reference-backend.mjs';

const { values } = parseArgs({
    options: {
        clients: { type: 'string', default: '50' },
        requests: { type: 'string', default: '40' },
        'tenant-users': { type: 'string', default: '0' }
    }
});
const CLIENTS = Number(values.clients);
const REQUESTS_PER_CLIENT = Number(values.requests);
const TENANT_USERS = Number(values['tenant-users']);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-backend-'));
const modules = await loadReferenceBackend();
const userId = (index) => modules['salesforce-id'].userIdAt(index);

/**
 * One API key per client, so the per-key rate limit of 600 a minute does not end the run; and the tenant's other
 * users (--tenant-users), synced users the load does not touch, since every request reads its tenant whole.
 */
async function prepare() {
    const db = await modules.db.openDatabase({ dataDir });
    await modules.db.migrate(db, MIGRATIONS);
    const keys = [];
    for (let client = 0; client < CLIENTS; client++) {
        keys.push((await modules.keys.createKey(db, ORG)).key);
    }
    await modules.operator.configureTenant(db, ORG, {});
    await db.query(
        'INSERT INTO user_states (org_id, user_id, email, sync_enabled, license_type, status, version) SELECT $1, ' +
            "'other' || n, 'other' || n || '@acme.example', true, NULL, 'synced', 1 FROM generate_series(1, $2) AS n",
        [ORG, TENANT_USERS]
    );
    await db.close();
    return keys;
}

const apiKeys = await prepare();
const send = (server, key, method, urlPath, body, headers) =>
    sendRequest(server, { key, method, path: urlPath, body, headers });

const change = (server, key, index, enabled, idempotencyKey = randomUUID()) =>
    send(
        server,
        key,
        'PATCH',
        `/v1/users/${userId(index)}`,
        { email: `user${index}@acme.example`, syncEnabled: enabled },
        { 'Idempotency-Key': idempotencyKey, 'If-Match': '*' }
    );

function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

let server = await spawnReferenceBackend(modules, { dataDir });
try {
    const linked = await send(
        server,
        apiKeys[0],
        'PUT',
        '/v1/connection',
        {
            purgeImportedData: false,
            instanceUrl: 'https://acme.my.salesforce.com',
            linkedBy: { userId: ADMIN, name: 'Ada Admin' }
        },
        { 'Idempotency-Key': randomUUID() }
    );
    assert.ok(linked.status < 300, `link: ${linked.status} ${linked.body}`);

    // 0. Warm-up: the first request of each client at once, so the load below measures the running server, not the
    // start of 50 connections and the first run of each code path; its time is printed on its own.
    const warmUp = performance.now();
    await Promise.all(apiKeys.map((key) => send(server, key, 'GET', '/v1/health')));
    console.log(
        `warm-up: the first request of ${CLIENTS} clients at once answered in ${(performance.now() - warmUp).toFixed(0)} ms`
    );

    // 1. Load.
    const latencies = [];
    const statuses = new Map();
    /** The version each user's last acknowledged change answered. */
    const acknowledged = new Map();
    const loadStarted = performance.now();
    await Promise.all(
        apiKeys.map(async (key, client) => {
            for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
                let answer;
                if (i % 4 === 0) {
                    answer = await send(server, key, 'GET', '/v1/connection');
                } else if (i % 4 === 1) {
                    answer = await send(server, key, 'POST', '/v1/users/lookup', {
                        salesforceUserIds: [userId(client)]
                    });
                } else {
                    answer = await change(server, key, client, i % 4 === 2);
                    if (answer.status === 200) {
                        acknowledged.set(client, JSON.parse(answer.body));
                    }
                }
                latencies.push(answer.ms);
                statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            }
        })
    );
    const seconds = (performance.now() - loadStarted) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
        `load: ${latencies.length} requests from ${CLIENTS} concurrent clients in ${seconds.toFixed(1)} s: ` +
            `${(latencies.length / seconds).toFixed(0)} requests/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
            `p99 ${percentile(latencies, 99).toFixed(1)} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`
    );
    assert.deepEqual([...statuses.keys()], [200], 'every request of the load succeeded');

    // 2. One Idempotency-Key, CLIENTS times at once.
    const key = randomUUID();
    const before = JSON.parse(
        (await send(server, apiKeys[0], 'POST', '/v1/users/lookup', { salesforceUserIds: [userId(CLIENTS)] })).body
    ).users[0];
    const answers = await Promise.all(apiKeys.map((apiKey) => change(server, apiKey, CLIENTS, true, key)));
    const after = JSON.parse(
        (await send(server, apiKeys[0], 'POST', '/v1/users/lookup', { salesforceUserIds: [userId(CLIENTS)] })).body
    ).users[0];
    const bodies = new Set(answers.map((answer) => `${answer.status} ${answer.body}`));
    console.log(
        `idempotency: ${answers.length} concurrent requests with one key → ${bodies.size} distinct answer(s), ` +
            `version ${before?.version ?? 'none'} → ${after.version} (changed ${after.version - (before?.version ?? 0)} time(s))`
    );
    assert.equal(bodies.size, 1, 'every request got the first answer');
    assert.equal(after.version - (before?.version ?? 0), 1, 'the change was applied once');
    acknowledged.set(CLIENTS, after);

    // 3. A crash, and a start on the same folder.
    await server.kill('SIGKILL');
    server = await spawnReferenceBackend(modules, { dataDir });
    const ids = [...acknowledged.keys()].map(userId);
    const lookup = JSON.parse(
        (await send(server, apiKeys[0], 'POST', '/v1/users/lookup', { salesforceUserIds: ids })).body
    );
    const lost = [...acknowledged.entries()].filter(([index, state]) => {
        const found = lookup.users.find((user) => user.salesforceUserId === userId(index));
        return !found || found.version !== state.version || found.syncEnabled !== state.syncEnabled;
    });
    console.log(
        `durability: after a crash (SIGKILL) and a restart, ${acknowledged.size - lost.length} of ${acknowledged.size} users hold the state ` +
            `their last acknowledged change answered; ${lost.length} lost`
    );
    assert.equal(lost.length, 0, 'no acknowledged write is lost');
} finally {
    await server.kill();
    modules.dispose();
    rmSync(dataDir, { recursive: true, force: true });
}
