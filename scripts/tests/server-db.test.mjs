// The reference backend's database and API keys (server/db.ts, server/keys.ts) on the embedded PGlite: migrations
// apply once, in order, all or nothing; the data survives closing and opening the folder again; a key is shown once,
// only its hash is stored, and only an active key of this backend names its org.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS, loadReferenceBackend } from '../lib/reference-backend.mjs';
import { tempDirs } from './helpers.mjs';

const ORG = '00D5g000001AbCdEAF';
const SANDBOX = '00D7Q000004SbXyUAK';
const tempDir = tempDirs('server-db-');
let modules;
let db;
let keys;

before(async () => {
    modules = await loadReferenceBackend();
    ({ db, keys } = modules);
});
after(() => modules.dispose());

describe('migrations', () => {
    test('apply in order once; a second run applies nothing', async () => {
        const database = await db.openDatabase({ dataDir: 'memory://' });
        const all = db.readMigrations(MIGRATIONS).map((migration) => migration.name);
        assert.equal(all[0], '001_initial.sql');
        assert.deepEqual(await db.migrate(database, MIGRATIONS), all, 'every migration, in order');
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
        assert.deepEqual(await keys.verifyKey(second, `Bearer ${created.key}`), {
            keyId: created.id,
            orgId: ORG,
            tenantOrgId: ORG
        });
        await second.close();
    });

    test('a key created before the key-tenant migration serves its own org’s tenant after it', async () => {
        const dir = tempDir();
        mkdirSync(dir, { recursive: true });
        copyFileSync(path.join(MIGRATIONS, '001_initial.sql'), path.join(dir, '001_initial.sql'));
        const database = await db.openDatabase({ dataDir: 'memory://' });
        await db.migrate(database, dir);
        await database.query("INSERT INTO api_keys (id, org_id, secret_sha256) VALUES ('0123456789abcdef', $1, $2)", [
            ORG,
            'a'.repeat(64)
        ]);
        await db.migrate(database, MIGRATIONS);
        const [row] = await database.query('SELECT tenant_org_id FROM api_keys');
        assert.equal(row.tenant_org_id, ORG);
        await database.close();
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

    test('the key authenticates as its org and serves its org’s tenant', async () => {
        const created = await keys.createKey(database, ORG);
        assert.deepEqual(await keys.verifyKey(database, `Bearer ${created.key}`), {
            keyId: created.id,
            orgId: ORG,
            tenantOrgId: ORG
        });
    });

    test('a sandbox’s key may serve the tenant of production', async () => {
        const created = await keys.createKey(database, SANDBOX, ORG);
        assert.deepEqual(await keys.verifyKey(database, `Bearer ${created.key}`), {
            keyId: created.id,
            orgId: SANDBOX,
            tenantOrgId: ORG
        });
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
            await assert.rejects(keys.createKey(database, ORG, orgId), /18-character Salesforce org id/);
        }
    });
});

describe('what the operator sets', () => {
    let database;
    before(async () => {
        database = await db.openDatabase({ dataDir: 'memory://' });
        await db.migrate(database, MIGRATIONS);
    });
    after(() => database.close());

    test('pools read as TYPE:SEATS, the first the default; a malformed or repeated one is refused', () => {
        assert.deepEqual(modules.operator.parsePools('CORE:3,SALES_PRO:1'), [
            { licenseType: 'CORE', label: 'Core', total: 3, isDefault: true },
            { licenseType: 'SALES_PRO', label: 'Sales pro', total: 1, isDefault: false }
        ]);
        assert.throws(() => modules.operator.parsePools('core:3'), /"core:3" is not TYPE:SEATS/);
        assert.throws(() => modules.operator.parsePools('CORE:-1'), /not TYPE:SEATS/);
        assert.throws(() => modules.operator.parsePools('CORE:1,CORE:2'), /CORE is listed twice/);
    });

    test('CRM account emails are kept in lower case; one that is not an email is refused', () => {
        assert.deepEqual(modules.operator.parseEmails(' Ada@Acme.example, ada@acme.example,bo@acme.example'), [
            'ada@acme.example',
            'bo@acme.example'
        ]);
        assert.throws(() => modules.operator.parseEmails('ada@acme.example,bo'), /"bo" is not an email address/);
    });

    test('pools smaller than the seats already assigned are refused and nothing changes', async () => {
        await modules.operator.configureTenant(database, ORG, { pools: modules.operator.parsePools('CORE:5') });
        await database.query(
            "INSERT INTO user_states (org_id, user_id, sync_enabled, license_type, status, version) VALUES ($1, 'u1', true, 'CORE', 'synced', 1), ($1, 'u2', true, 'CORE', 'synced', 1)",
            [ORG]
        );
        await assert.rejects(
            database.transaction((tx) =>
                modules.operator.configureTenant(tx, ORG, { pools: modules.operator.parsePools('CORE:1,PRO:5') })
            ),
            /2 CORE seat\(s\) are assigned: keep CORE with at least 2/
        );
        const pools = await database.query('SELECT license_type, total FROM license_pools WHERE org_id = $1', [ORG]);
        assert.deepEqual(pools, [{ license_type: 'CORE', total: 5 }]);
    });

    test('listing CRM accounts stops matching every email; --match-all matches every email again', async () => {
        const matchAll = async () =>
            (await database.query('SELECT match_all FROM tenants WHERE org_id = $1', [ORG]))[0].match_all;
        await modules.operator.configureTenant(database, ORG, { crmAccounts: ['ada@acme.example'] });
        assert.equal(await matchAll(), false);
        await modules.operator.configureTenant(database, ORG, { matchAll: true });
        assert.equal(await matchAll(), true);
    });

    test('maintenance counts down from its minutes and ends with --off', async () => {
        const now = Date.parse('2026-12-07T10:00:00Z');
        await modules.operator.setMaintenance(database, 10, now);
        assert.equal(await modules.operator.maintenanceSecondsLeft(database, now + 1000), 599);
        assert.equal(await modules.operator.maintenanceSecondsLeft(database, now + 600_000), 0, 'over by itself');
        await modules.operator.setMaintenance(database, 0, now);
        assert.equal(await modules.operator.maintenanceSecondsLeft(database, now), 0);
        await assert.rejects(modules.operator.setMaintenance(database, -1, now), /minutes from 0 to 1440/);
    });
});
