// The reference backend (server/) as its tests and its benchmark run it: bundled from its TypeScript into a folder
// inside the repository (so the bundle's imports of fastify, pg and PGlite resolve to node_modules), started on a
// free port of 127.0.0.1 over a database in a folder or in memory, and called with the headers the org's client sends.
//
// With TEST_DATABASE_URL (postgres://… of a role that may create databases), each in-memory start gets a database of
// its own on that PostgreSQL server instead, dropped when it stops: the same tests then run on a real server.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleServer } from '../../server/bundle.mjs';
import { repoRoot } from './project.mjs';

export const MIGRATIONS = path.join(repoRoot, 'server/migrations');
/** The org and the admin the tests and the benchmark call as. */
export const ORG = '00D5g00000AbCdEEAV';
export const ADMIN = '0055g00000XyZ12AAF';

/**
 * The bundled server modules (db, keys, operator, app, main, salesforce-id), `files` (their paths) and `dispose()`,
 * which removes the bundle.
 */
export async function loadReferenceBackend() {
    const dir = mkdtempSync(path.join(repoRoot, 'server/dist-test-'));
    const files = await bundleServer(dir);
    const modules = {};
    for (const [name, file] of Object.entries(files)) {
        modules[name] = await import(file);
    }
    return { ...modules, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts a server on a free port over the database in `dataDir`. `keys` names the API keys to create: name → the
 * org id, or [org id, tenant org id]; `reuseKeys` (from an earlier start on the same folder) creates none.
 * `rateLimit` and `publicUrl` are the server's options of those names.
 * @returns {Promise<{ db, keys: Record<string, string>, base: string, stop: () => Promise<void> }>}
 */
export async function startReferenceBackend(
    modules,
    { dataDir = 'memory://', keys = { own: ORG }, reuseKeys, rateLimit, publicUrl } = {}
) {
    const scratch = dataDir === 'memory://' ? await scratchPostgres(modules) : undefined;
    const db = await modules.db.openDatabase({ dataDir, url: scratch?.url });
    await modules.db.migrate(db, MIGRATIONS);
    const issued = { ...reuseKeys };
    if (!reuseKeys) {
        for (const [name, orgs] of Object.entries(keys)) {
            const [orgId, tenantOrgId = orgId] = [orgs].flat();
            issued[name] = (await modules.keys.createKey(db, orgId, tenantOrgId)).key;
        }
    }
    const app = modules.app.buildServer({ db, rateLimit, publicUrl });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
        db,
        keys: issued,
        base: `http://127.0.0.1:${app.server.address().port}`,
        async stop() {
            await app.close();
            await db.close();
            await scratch?.drop();
        }
    };
}

/** A new, empty database on TEST_DATABASE_URL's server, or undefined when it is not set. */
async function scratchPostgres(modules) {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
        return undefined;
    }
    const name = `crm_sync_test_${randomUUID().replace(/-/g, '')}`;
    const admin = await modules.db.openDatabase({ url: adminUrl, dataDir: '' });
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        async drop() {
            await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
            await admin.close();
        }
    };
}

/**
 * Sends one request as the org's client does (API key, org, admin, a new correlation id; Content-Type with a body);
 * `headers` adds or overrides. Answers the status, headers, body text, the correlation id sent and the time taken.
 */
export async function send(server, { key = server.keys.own, method, path: urlPath, body, raw, headers = {} }) {
    const correlationId = randomUUID();
    const sent = {
        Authorization: `Bearer ${key}`,
        'X-Salesforce-Org-Id': ORG,
        'X-Salesforce-User-Id': ADMIN,
        'X-Correlation-Id': correlationId,
        ...(body !== undefined || raw !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers
    };
    const started = performance.now();
    const response = await fetch(`${server.base}${urlPath}`, {
        method,
        headers: sent,
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body))
    });
    const text = await response.text();
    return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: text,
        correlationId: sent['X-Correlation-Id'],
        ms: performance.now() - started
    };
}

/**
 * Runs `npm run backend`'s serve command from the bundle in a process of its own, on a free port over the embedded
 * database in `dataDir`, as a team runs it. Resolves once it listens; `kill('SIGKILL')` ends it as a crash would.
 * @returns {Promise<{ base: string, kill: (signal?: NodeJS.Signals) => Promise<void> }>}
 */
export function spawnReferenceBackend(modules, { dataDir }) {
    const env = { ...process.env, BACKEND_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.PORT;
    const child = spawn(
        process.execPath,
        [
            '--input-type=module',
            '-e',
            "const { main } = await import(process.argv[1]); await main(['serve', '--port', '0'], process.argv[2]);",
            modules.files.main,
            repoRoot
        ],
        { env, stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return new Promise((resolve, reject) => {
        let output = '';
        const onData = (chunk) => {
            output += chunk;
            const listening = /reference backend on (http:\/\/\S+)\/v1/.exec(output);
            if (listening) {
                // The request log goes on; it is read and dropped so the pipe never fills.
                child.stdout.off('data', onData);
                child.stdout.resume();
                resolve({
                    base: listening[1],
                    async kill(signal = 'SIGTERM') {
                        child.kill(signal);
                        await exited;
                    }
                });
            }
        };
        child.stdout.setEncoding('utf8').on('data', onData);
        exited.then((code) => reject(new Error(`the backend exited (${code}) before it listened:\n${output}`)));
    });
}
