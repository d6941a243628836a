// Reads an SFDX project: its package directories from sfdx-project.json, the files under them, and the
// .forceignore rules that decide which of those files would be deployed.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} Project
 * @property {string} root          absolute project directory
 * @property {string} configFile    absolute path of sfdx-project.json
 * @property {string[]} packageDirs absolute package directories
 * @property {string} namespace     '' for a no-namespace project
 */

/** @returns {Project} or throws an Error whose message is fit for the user. */
export function readProject(root) {
    const configFile = path.join(root, 'sfdx-project.json');
    if (!fs.existsSync(configFile)) throw new Error(`no sfdx-project.json in ${root}`);
    let config;
    try {
        config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
    } catch (error) {
        throw new Error(`${configFile}: not valid JSON (${error.message})`);
    }
    const dirs = Array.isArray(config.packageDirectories) ? config.packageDirectories : [];
    if (dirs.length === 0) throw new Error(`${configFile}: no packageDirectories`);
    const packageDirs = dirs.map((d) => path.resolve(root, d.path));
    for (const dir of packageDirs) {
        if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
            throw new Error(`package directory ${dir} does not exist`);
    }
    return { root, configFile, packageDirs, namespace: typeof config.namespace === 'string' ? config.namespace : '' };
}

/** Every regular file under `dir`, sorted, as absolute paths. Symlinks are not followed (SDR ignores them too). */
export function listFiles(dir) {
    const out = [];
    const walk = (d) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile()) out.push(full);
        }
    };
    walk(dir);
    return out;
}

/**
 * The project's files split by .forceignore. Uses SDR's own ForceIgnore lookup (upward search from the project
 * directory, plus SDR's built-in dot-file rules) so "deployable" means exactly what `sf project deploy` would send.
 */
export function projectFiles(project, ForceIgnore) {
    const forceIgnore = ForceIgnore.findAndCreate(project.root);
    const all = project.packageDirs.flatMap(listFiles);
    return { all, deployable: all.filter((f) => forceIgnore.accepts(f)) };
}
