// Formatting generated files exactly as the committed ones are formatted, wherever the output goes.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from './project.mjs';

/**
 * Formats with the repository's Prettier config for a file's committed place (a repository-relative path), wherever
 * the output goes, so a copy in a temporary folder is formatted exactly like the committed file.
 */
export async function formatAs(text, committedPath) {
    const canonical = path.join(repoRoot, committedPath);
    const config = (await prettier.resolveConfig(canonical)) ?? {};
    // Prettier resolves plugin names from process.cwd(); resolve them from the repository instead.
    const require = createRequire(path.join(repoRoot, 'package.json'));
    const plugins = (config.plugins ?? []).map((plugin) =>
        typeof plugin === 'string' ? require.resolve(plugin) : plugin
    );
    return prettier.format(text, { ...config, plugins, filepath: canonical });
}
