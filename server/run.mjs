// `npm run backend`: bundles the reference backend (server/bundle.mjs) into server/dist and runs its command.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from './bundle.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const files = await bundleServer(path.join(repoRoot, 'server/dist'));
const { main } = await import(files.main);
const code = await main(process.argv.slice(2), repoRoot);
if (code !== 0) {
    process.exit(code);
}
