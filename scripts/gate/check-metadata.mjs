#!/usr/bin/env node
// Offline metadata gate: `node scripts/gate/check-metadata.mjs [--project <dir>]`.
//
// Runs three checks over an SFDX project without an org and prints every problem as
//   relative/path/file:LINE: rule: message
// under one header per check, then a count. Exit 0 when clean, 1 on any finding, 2 on a usage or project error.
//   1. resolution   every file is metadata SDR understands, has its -meta.xml, and has the right root element
//   2. schema       every metadata XML is well-formed and matches the Metadata API types (@salesforce/types)
//   3. references   permission sets, credentials, tabs, apps, actions, FlexiPages, list views, report types,
//                   translations and LWC `@salesforce/*` imports point at things the project defines
// See docs/offline-gate.md (section check:metadata) for what this does not catch.
import path from 'node:path';
import { displayPath, projectFiles, readProject } from '../lib/project.mjs';
import { Findings } from './metadata/findings.mjs';
import { checkRoots, resolveFiles } from './metadata/resolution.mjs';
import { checkXmlFiles } from './metadata/xml-files.mjs';
import { Inventory } from './metadata/inventory.mjs';
import { checkMetadataReferences } from './metadata/crossrefs.mjs';
import { checkLwcImports, lwcSources } from './metadata/lwc-imports.mjs';

function parseArgs(argv) {
    const args = { project: process.cwd() };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--project' && argv[i + 1]) args.project = path.resolve(argv[++i]);
        else if (argv[i].startsWith('--project=')) args.project = path.resolve(argv[i].slice('--project='.length));
        else throw new Error(`unknown argument ${argv[i]} (usage: check-metadata.mjs [--project <dir>])`);
    }
    return args;
}

async function main() {
    const started = Date.now();
    const { project: root } = parseArgs(process.argv.slice(2));
    const project = readProject(root);

    // @salesforce/core (under SDR) otherwise writes a log file to ~/.sf on every run.
    process.env.SF_DISABLE_LOG_FILE ??= 'true';
    const sdr = await import('@salesforce/source-deploy-retrieve');

    let total = 0;
    const section = (title, findings) => {
        console.log(`== ${title}: ${findings.count} problem(s)`);
        for (const line of findings.format()) console.log(line);
        total += findings.count;
    };

    const shown = (dir) => displayPath(dir) || '.';
    const dirs = project.packageDirs.map(shown).join(', ');
    console.log(`check:metadata ${shown(project.root)} (package directories: ${dirs})`);

    const files = projectFiles(project, sdr.ForceIgnore);
    const resolution = new Findings();
    const components = resolveFiles(files.deployable, sdr, resolution);
    checkRoots(components, resolution);
    section(
        `resolution (${files.deployable.length} deployable files, ${files.all.length - files.deployable.length} forceignored, ${components.length} components)`,
        resolution
    );

    const schema = new Findings();
    const xml = await checkXmlFiles(files.deployable, components, schema);
    const model = `@salesforce/types ${xml.modelVersion}, type model ${xml.modelCached ? 'cached' : 'built'}`;
    const untyped = xml.untyped.length ? `; not in the type model, so not validated: ${xml.untyped.join(', ')}` : '';
    section(`xml + schema (${xml.checked} XML files, ${model}${untyped})`, schema);

    const references = new Findings();
    const inventory = new Inventory(components, project.namespace);
    checkMetadataReferences(inventory, references);
    const sources = lwcSources(files.all);
    checkLwcImports(sources, inventory, references);
    section(`cross-references (metadata XML and ${sources.length} LWC sources)`, references);

    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    const verdict = total === 0 ? 'PASS' : 'FAIL';
    console.log(`check:metadata: ${components.length} component(s), ${total} problem(s) in ${elapsed} s: ${verdict}`);
    return total === 0 ? 0 : 1;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        console.error(`check:metadata: ${error.message}`);
        process.exitCode = 2;
    }
);
