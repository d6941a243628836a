// Bundles the reference backend's TypeScript (server/*.ts, and the simulated backend it serves from
// preview/backend) into ES modules Node runs, with the same TypeScript stripping as the preview. The npm packages
// and Node's own modules stay imports.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { resolveTypeScript, stripTypeScript } from '../preview/build/plugins.mjs';

const serverDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(serverDir);

/** The entry modules, by the name their bundle gets: the server's own, and the ids the tests and benchmark need. */
export const SERVER_ENTRIES = {
    db: 'server/db.ts',
    keys: 'server/keys.ts',
    operator: 'server/operator.ts',
    app: 'server/app.ts',
    main: 'server/main.ts',
    'salesforce-id': 'preview/seed/salesforce-id.ts'
};

/**
 * @param {string} outDir where to write one `<entry>.mjs` per SERVER_ENTRIES
 * @returns {Promise<Record<string, string>>} entry → bundled file
 */
export async function bundleServer(outDir) {
    const input = Object.fromEntries(
        Object.entries(SERVER_ENTRIES).map(([name, file]) => [name, path.join(repoRoot, file)])
    );
    const bundle = await rollup({
        input,
        external: (id) => id.startsWith('node:') || /^(@electric-sql\/pglite|pg|fastify)(\/|$)/.test(id),
        plugins: [resolveTypeScript, stripTypeScript(repoRoot)]
    });
    // .mjs: the package is CommonJS by default, and Node would otherwise guess each file's module type.
    await bundle.write({
        dir: outDir,
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/[name].mjs'
    });
    await bundle.close();
    return Object.fromEntries(Object.keys(SERVER_ENTRIES).map((name) => [name, path.join(outDir, `${name}.mjs`)]));
}
