// check:port — the preview's simulated org (preview/org) is a hand-port of the Apex, and nothing here can run Apex,
// so a rule changed in Apex alone would leave every other check green. preview/org/ported-from.json records, for
// each production Apex class, the modules that port it and a fingerprint of the class's code as it was when it was
// last ported (SHA-256 over the Apex tokens: comments and formatting do not count). This check fails when:
//   - a class's code changed since it was last ported (port it, then `npm run port:stamp -- <Class>`);
//   - a production class (or trigger) is in neither `ported` nor `notPorted` (with the reason);
//   - a listed class or port module does not exist.
// The behaviour vectors catch the other direction: a rule changed in the port alone fails their preview run.
//
// Usage: node scripts/gate/check-port.mjs [--stamp <Class> ...]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { formatAs } from '../lib/format.mjs';
import { repoRoot } from '../lib/project.mjs';

const RECORD = 'preview/org/ported-from.json';
const SOURCES = [
    { dir: 'force-app/main/default/classes', extension: '.cls' },
    { dir: 'force-app/main/default/triggers', extension: '.trigger' }
];

/** SHA-256 of the code's tokens on the default channel, space-separated: what the code does, not how it looks. */
export function fingerprint(source) {
    const { lexer } = ApexParserFactory.createLexerAndParser(source, new ApexErrorListener());
    const tokens = lexer
        .getAllTokens()
        .filter((token) => token.channel === 0)
        .map((token) => token.text);
    return createHash('sha256').update(tokens.join(' ')).digest('hex');
}

/** Production Apex: every class not marked @IsTest, and every trigger, by name → file. */
function productionApex(root) {
    const found = new Map();
    for (const { dir, extension } of SOURCES) {
        const full = path.join(root, dir);
        if (!existsSync(full)) {
            continue;
        }
        for (const file of readdirSync(full).filter((name) => name.endsWith(extension))) {
            const source = readFileSync(path.join(full, file), 'utf8');
            if (!/@IsTest\b/i.test(source)) {
                found.set(file.slice(0, -extension.length), path.join(dir, file));
            }
        }
    }
    return found;
}

export function checkPort(root = repoRoot) {
    const record = JSON.parse(readFileSync(path.join(root, RECORD), 'utf8'));
    const apex = productionApex(root);
    const findings = [];
    for (const [name, entry] of Object.entries(record.ported)) {
        const file = apex.get(name);
        if (!file) {
            findings.push(`${RECORD}:1: port/unknown-class: ${name} is no production Apex class or trigger`);
            continue;
        }
        for (const module of entry.port) {
            if (!existsSync(path.join(root, module))) {
                findings.push(`${RECORD}:1: port/missing-module: ${name} is ported by ${module}, which does not exist`);
            }
        }
        const now = fingerprint(readFileSync(path.join(root, file), 'utf8'));
        if (now !== entry.fingerprint) {
            findings.push(
                `${file}:1: port/stale: changed since ${entry.port.join(', ')} last ported it ` +
                    `(recorded ${entry.fingerprint.slice(0, 12)}, now ${now.slice(0, 12)}). Change the vector first, ` +
                    `then the Apex, then the port; then run npm run port:stamp -- ${name}`
            );
        }
    }
    for (const name of Object.keys(record.notPorted)) {
        if (!apex.has(name)) {
            findings.push(`${RECORD}:1: port/unknown-class: ${name} is no production Apex class or trigger`);
        }
    }
    for (const [name, file] of apex) {
        if (!(name in record.ported) && !(name in record.notPorted)) {
            findings.push(
                `${file}:1: port/unlisted: ${name} is in neither "ported" nor "notPorted" of ${RECORD}; ` +
                    'port it and stamp it, or say why the preview does without it'
            );
        }
    }
    return { findings, classes: apex.size };
}

async function stamp(root, names) {
    const record = JSON.parse(readFileSync(path.join(root, RECORD), 'utf8'));
    const apex = productionApex(root);
    for (const name of names) {
        if (!record.ported[name] || !apex.has(name)) {
            throw new Error(`${name}: not a ported production class in ${RECORD}; add its entry first`);
        }
        record.ported[name].fingerprint = fingerprint(readFileSync(path.join(root, apex.get(name)), 'utf8'));
    }
    writeFileSync(path.join(root, RECORD), await formatAs(JSON.stringify(record), RECORD));
    console.log(`port:stamp: recorded the current code of ${names.join(', ')} as ported`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
    const { values, positionals } = parseArgs({
        options: { stamp: { type: 'boolean', default: false }, project: { type: 'string', default: repoRoot } },
        allowPositionals: true
    });
    const root = path.resolve(values.project);
    if (values.stamp) {
        if (positionals.length === 0) {
            console.log('port:stamp: name the classes you ported, e.g. npm run port:stamp -- CrmSyncUserInput');
            process.exitCode = 1;
        } else {
            await stamp(root, positionals);
        }
    } else {
        const { findings, classes } = checkPort(root);
        findings.forEach((finding) => console.log(finding));
        console.log(
            `check:port: ${classes} production Apex file(s), ${findings.length} finding(s): ${findings.length ? 'FAIL' : 'PASS'}`
        );
        process.exitCode = findings.length ? 1 : 0;
    }
}
