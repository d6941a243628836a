// `npm run test:postgres`: the reference backend's HTTP tests (conformance and server behaviour) on a real PostgreSQL
// server instead of the embedded PGlite, each server start in a database of its own. Needs TEST_DATABASE_URL, a
// postgres://… URL of a role that may create databases; .ci/run starts Debian's PostgreSQL and sets it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadReferenceBackend } from '../lib/reference-backend.mjs';
import { repoRoot } from '../lib/project.mjs';

const FILES = ['scripts/tests/server-conformance.test.mjs', 'scripts/tests/server-http.test.mjs'];

const url = process.env.TEST_DATABASE_URL;
if (!url) {
    console.error(
        'test:postgres: set TEST_DATABASE_URL=postgres://user:password@host:5432/database (a role with CREATEDB)'
    );
    process.exit(1);
}
const modules = await loadReferenceBackend();
try {
    const db = await modules.db.openDatabase({ url, dataDir: '' });
    const [{ server_version: version }] = await db.query('SHOW server_version');
    await db.close();
    console.log(`test:postgres: PostgreSQL ${version} at ${new URL(url).host}`);
} catch (failure) {
    console.error(`test:postgres: cannot reach ${new URL(url).host}: ${failure.message}`);
    process.exit(1);
} finally {
    modules.dispose();
}
const { status } = spawnSync(process.execPath, ['--test', ...FILES.map((file) => path.join(repoRoot, file))], {
    stdio: 'inherit'
});
process.exit(status ?? 1);
