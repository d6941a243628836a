// Shared helpers for the gate scripts: where the project is, what its sfdx-project.json says, and which files
// belong to it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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

/**
 * @typedef {object} Project
 * @property {string} root          absolute project directory
 * @property {string} configFile    absolute path of sfdx-project.json
 * @property {string[]} packageDirs absolute package directories
 * @property {string[]} packagedDirs those of them that belong to a package (have a `package` key): what a package
 *                                  version contains; the others are deployed but never packaged
 * @property {string} namespace     '' for a no-namespace project
 */

/**
 * The project's sfdx-project.json. Throws an Error whose message is fit for the user when the file is missing or not
 * JSON, names no package directory, or names one that does not exist.
 * @returns {Project}
 */
export function readProject(root) {
    const configFile = path.join(root, 'sfdx-project.json');
    if (!existsSync(configFile)) {
        throw new Error(`no sfdx-project.json in ${root}`);
    }
    let config;
    try {
        config = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (error) {
        throw new Error(`${configFile}: not valid JSON (${error.message})`);
    }
    const dirs = Array.isArray(config.packageDirectories) ? config.packageDirectories : [];
    if (dirs.length === 0) {
        throw new Error(`${configFile}: no packageDirectories`);
    }
    const packageDirs = dirs.map((entry) => path.resolve(root, entry.path));
    for (const dir of packageDirs) {
        if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
            throw new Error(`package directory ${dir} does not exist`);
        }
    }
    const packagedDirs = dirs.filter((entry) => entry.package).map((entry) => path.resolve(root, entry.path));
    const namespace = typeof config.namespace === 'string' ? config.namespace : '';
    return { root, configFile, packageDirs, packagedDirs, namespace };
}

/** Absolute paths of the package directories named in the project's sfdx-project.json. */
export function packageDirectories(projectDir) {
    return readProject(projectDir).packageDirs;
}

/**
 * Every regular file below `dir`, recursively, as absolute paths in a stable order (each folder's entries sorted by
 * name). Skips node_modules; symlinks are not followed (SDR ignores them too).
 */
export function walkFiles(dir) {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                return entry.name === 'node_modules' ? [] : walkFiles(full);
            }
            return entry.isFile() ? [full] : [];
        });
}

/**
 * The project's files split by .forceignore. Uses SDR's own ForceIgnore lookup (upward search from the project
 * directory, plus SDR's built-in dot-file rules) so "deployable" means exactly what `sf project deploy` would send.
 */
export function projectFiles(project, ForceIgnore) {
    const forceIgnore = ForceIgnore.findAndCreate(project.root);
    const all = project.packageDirs.flatMap(walkFiles);
    return { all, deployable: all.filter((file) => forceIgnore.accepts(file)) };
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
