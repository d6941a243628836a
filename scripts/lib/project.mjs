// Shared helpers for the gate scripts: where the project is and which files belong to it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where node_modules and the shared configs live). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reads `--project <dir>` from argv; defaults to the current directory. */
export function projectDirFromArgs(argv = process.argv.slice(2)) {
    const index = argv.indexOf('--project');
    if (index === -1) {
        return process.cwd();
    }
    const value = argv[index + 1];
    if (!value) {
        throw new Error('--project needs a directory');
    }
    return path.resolve(value);
}

/** Absolute paths of the package directories named in the project's sfdx-project.json. */
export function packageDirectories(projectDir) {
    const configPath = path.join(projectDir, 'sfdx-project.json');
    if (!existsSync(configPath)) {
        throw new Error(`${configPath} not found: --project must point at an SFDX project`);
    }
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    return config.packageDirectories.map((entry) => path.join(projectDir, entry.path));
}

/** Every file below `dir`, recursively, skipping node_modules. */
export function walkFiles(dir) {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'node_modules' ? [] : walkFiles(full);
        }
        return [full];
    });
}

/**
 * LWC bundles of the project: `{ name, dir }` for each folder directly inside an `lwc` folder
 * of a package directory.
 */
export function lwcBundles(projectDir) {
    return packageDirectories(projectDir).flatMap((pkgDir) =>
        walkFiles(pkgDir)
            .filter((file) => path.basename(path.dirname(path.dirname(file))) === 'lwc')
            .map((file) => path.dirname(file))
            .filter((dir, index, dirs) => dirs.indexOf(dir) === index)
            .map((dir) => ({ name: path.basename(dir), dir }))
    );
}

/** True for files that are tests or type declarations rather than component sources. */
export function isTestOrDeclaration(file) {
    return file.split(path.sep).includes('__tests__') || file.endsWith('.d.ts');
}

/** A path relative to the working directory, with forward slashes, for `file:line:` findings. */
export function displayPath(file) {
    return path.relative(process.cwd(), file).split(path.sep).join('/');
}
