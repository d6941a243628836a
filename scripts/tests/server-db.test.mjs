// The reference backend's database and API keys (server/db.ts, server/keys.ts) on the embedded PGlite: migrations
// apply once, in order, all or nothing; the data survives closing and opening the folder again; a key is shown once,
// only its hash is stored, and only an active key of this backend names its org.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleServer } from '../../server/bundle.mjs';
import { repoRoot, tempDirs } from './helpers.mjs';

const MIGRATIONS = path.join(repoRoot, 'server/migrations');
const ORG = '00D5g000001AbCdEAF';
const tempDir = tempDirs('server-db-');
let db;
let keys;

// Inside the repository, so the bundle's imports of @electric-sql/pglite and pg resolve to node_modules.
const bundleDir = mkdtempSync(path.join(repoRoot, 'server/dist-test-'));
after(() => rmSync(bundleDir, { recursive: true, force: true }));

before(async () => {
    const files = await bundleServer(bundleDir);
    db = await import(files.db);
    keys = await import(files.keys);
});

describe('migrations', () => {
    test('apply in order once; a second run applies nothing', async () => {
        const database = await db.openDatabase({ dataDir: 'memory://' });
        assert.deepEqual(await db.migrate(database, MIGRATIONS), ['001_initial.sql']);
        assert.deepEqual(await db.migrate(database, MIGRATIONS), [], 'nothing is applied twice');
        const tables = (
            await database.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        ).map((row) => row.table_name);
        for (const table of ['tenants', 'user_states', 'api_keys', 'idempotency_keys', 'request_log']) {
            assert.ok(tables.includes(table), `${table} exists: ${tables}`);
        }
        await database.close();
    });

    test('a migration that fails leaves nothing of itself and is not recorded', async () => {
        const dir = tempDir();
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, '001_good.sql'), 'CREATE TABLE a (id integer);\n');
        writeFileSync(path.join(dir, '002_bad.sql'), 'CREATE TABLE b (id integer);\nINSERT INTO missing VALUES (1);\n');
        const database = await db.openDatabase({ dataDir: 'memory://' });
        await assert.rejects(db.migrate(database, dir), /missing/);
        const recorded = (await database.query('SELECT name FROM schema_migrations')).map((row) => row.name);
        assert.deepEqual(recorded, ['001_good.sql']);
        const b = await database.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'b'");
        assert.equal(b.length, 0, 'the failed migration’s first statement was rolled back');
        await database.close();
    });

    test('statements split at a semicolon ending a line, comments left out', () => {
        assert.deepEqual(db.splitStatements("-- note\nCREATE TABLE a (x text DEFAULT ';');\n\nSELECT 1;\n"), [
            "CREATE TABLE a (x text DEFAULT ';')",
            'SELECT 1'
        ]);
    });
});

describe('the embedded database', () => {
    test('keeps its data when the folder is opened again', async () => {
        const dataDir = tempDir();
        const first = await db.openDatabase({ dataDir });
        await db.migrate(first, MIGRATIONS);
        const created = await keys.createKey(first, ORG);
        await first.close();

        const second = await db.openDatabase({ dataDir });
        assert.deepEqual(await db.migrate(second, MIGRATIONS), [], 'already migrated');
        assert.deepEqual(await keys.verifyKey(second, `Bearer ${created.key}`), { keyId: created.id, orgId: ORG });
        await second.close();
    });
});

describe('API keys', () => {
    let database;
    before(async () => {
        database = await db.openDatabase({ dataDir: 'memory://' });
        await db.migrate(database, MIGRATIONS);
    });
    after(() => database.close());

    test('a new key names its org and is shown once: only its SHA-256 is stored', async () => {
        const created = await keys.createKey(database, ORG);
        assert.match(created.key, /^csk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
        const [row] = await database.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
        assert.equal(row.org_id, ORG);
        const secret = created.key.split('_').slice(2).join('_');
        assert.ok(!JSON.stringify(row).includes(secret), 'the secret itself is nowhere in the row');
        assert.match(row.secret_sha256, /^[0-9a-f]{64}$/);
    });

    test('the key authenticates as its org', async () => {
        const created = await keys.createKey(database, ORG);
        assert.deepEqual(await keys.verifyKey(database, `Bearer ${created.key}`), { keyId: created.id, orgId: ORG });
    });

    test('a wrong secret, another scheme, a malformed or missing token authenticate nobody', async () => {
        const created = await keys.createKey(database, ORG);
        const wrong = `${created.key.slice(0, -1)}${created.key.endsWith('A') ? 'B' : 'A'}`;
        for (const authorization of [`Bearer ${wrong}`, `Basic ${created.key}`, 'Bearer csk_nope', undefined]) {
            assert.equal(await keys.verifyKey(database, authorization), null, String(authorization));
        }
    });

    test('a revoked key authenticates nobody', async () => {
        const created = await keys.createKey(database, ORG);
        assert.equal(await keys.revokeKey(database, created.id), true);
        assert.equal(await keys.verifyKey(database, `Bearer ${created.key}`), null);
        assert.equal(await keys.revokeKey(database, created.id), false, 'revoking twice changes nothing');
    });

    test('a 15-character or malformed org id is refused', async () => {
        for (const orgId of ['00D5g000001AbCd', '0055g000001AbCdEAF', '']) {
            await assert.rejects(keys.createKey(database, orgId), /18-character Salesforce org id/);
        }
    });
});
