// Generates CrmSyncBackendFixtures.cls: the JSON fixtures of api/fixtures as Apex string constants, because Apex
// tests cannot read files. One `public static final String` per valid fixture (api/fixtures/invalid is skipped),
// named <SCHEMA>_<CASE> (Connection/linked.json → CONNECTION_LINKED), holding the minified JSON.
// check-contract validates the fixtures; this script only converts them.
//
// Usage: node scripts/generate/apex-fixtures.mjs [--check] [--fixtures <dir>] [--out <dir>]
//   --check     write nothing; exit 1 with a `path:1: generate/stale: …` line when a file differs from the output
//   --fixtures  fixture directory (default api/fixtures)
//   --out       directory of the class and its -meta.xml (default force-app/main/default/classes)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLASSES_DIR, apexString, writeOrCheckClass } from '../lib/generated-apex.mjs';
import { displayPath } from '../lib/project.mjs';

const CLASS_NAME = 'CrmSyncBackendFixtures';
const DEFAULT_FIXTURES = 'api/fixtures';
const INVALID_DIR = 'invalid';
const APEX_IDENTIFIER = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function parseCommandLine() {
    const { values } = parseArgs({
        options: {
            check: { type: 'boolean', default: false },
            fixtures: { type: 'string', default: DEFAULT_FIXTURES },
            out: { type: 'string', default: CLASSES_DIR }
        }
    });
    return { check: values.check, fixturesDir: path.resolve(values.fixtures), outDir: path.resolve(values.out) };
}

/** `UserSyncState` → `USER_SYNC_STATE`, `seats-exhausted` → `SEATS_EXHAUSTED`. */
function upperSnake(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .toUpperCase();
}

/** The valid fixtures, sorted by constant name; throws on a name clash or a file that is not JSON. */
function readFixtures(fixturesDir) {
    if (!existsSync(fixturesDir)) {
        throw new Error(`${displayPath(fixturesDir)}: fixtures directory not found`);
    }
    const constants = [];
    for (const schema of readdirSync(fixturesDir, { withFileTypes: true })) {
        if (!schema.isDirectory() || schema.name === INVALID_DIR) {
            continue;
        }
        for (const file of readdirSync(path.join(fixturesDir, schema.name))) {
            if (!file.endsWith('.json')) {
                continue;
            }
            const full = path.join(fixturesDir, schema.name, file);
            const name = `${upperSnake(schema.name)}_${upperSnake(file.slice(0, -'.json'.length))}`;
            let json;
            try {
                json = JSON.stringify(JSON.parse(readFileSync(full, 'utf8')));
            } catch (error) {
                throw new Error(`${displayPath(full)}: not JSON: ${error.message}`);
            }
            if (!APEX_IDENTIFIER.test(name)) {
                throw new Error(`${displayPath(full)}: "${name}" is not a valid Apex constant name`);
            }
            constants.push({ name, json, source: `${DEFAULT_FIXTURES}/${schema.name}/${file}` });
        }
    }
    constants.sort((a, b) => a.name.localeCompare(b.name));
    // Apex identifiers are case-insensitive; the upper-case form is the one that must be unique.
    for (let index = 1; index < constants.length; index++) {
        if (constants[index].name === constants[index - 1].name) {
            throw new Error(
                `${constants[index - 1].source} and ${constants[index].source} both become ${constants[index].name}`
            );
        }
    }
    return constants;
}

function classSource(constants) {
    const fields = constants.map(
        ({ name, json, source }) =>
            `    /** @description Body of ${source}. */\n    public static final String ${name} = ${apexString(json)};`
    );
    return [
        '// GENERATED FILE: do not edit. Generated from api/fixtures by scripts/generate/apex-fixtures.mjs;',
        '// change the JSON fixtures and run `npm run generate:fixtures`. The gate fails when this file is stale.',
        '/**',
        ' * @description Sync backend contract fixtures for Apex tests (Apex cannot read files): one minified JSON body',
        ' * per valid fixture of api/fixtures, each checked against api/crm-sync-backend.openapi.yaml by check:contract.',
        ' */',
        '@IsTest',
        `public class ${CLASS_NAME} {`,
        fields.join('\n\n'),
        '}',
        ''
    ].join('\n');
}

async function main() {
    const { check, fixturesDir, outDir } = parseCommandLine();
    let constants;
    try {
        constants = readFixtures(fixturesDir);
    } catch (error) {
        console.log(`generate:fixtures: ${error.message}`);
        return 1;
    }
    const status = await writeOrCheckClass({
        className: CLASS_NAME,
        source: classSource(constants),
        outDir,
        check,
        command: 'npm run generate:fixtures',
        generatedFrom: displayPath(fixturesDir)
    });
    const verb = check ? '--check' : `wrote ${displayPath(path.join(outDir, `${CLASS_NAME}.cls`))} with`;
    console.log(`generate:fixtures ${verb} ${constants.length} fixture constant(s): ${status === 0 ? 'PASS' : 'FAIL'}`);
    return status;
}

process.exitCode = await main();
