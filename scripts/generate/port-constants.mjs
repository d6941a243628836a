// Generates preview/org/generated/apex-constants.ts: the constants of the Apex classes and the picklists of the
// objects, for the preview's hand-port of the Apex services (preview/org), so a value changed in Apex or metadata
// changes the port too instead of leaving a stale copy that every check accepts.
//
//   - One exported object per production Apex class holding every static final field, private ones too (the port
//     mirrors the class), each with a comment naming it (`CrmSyncClient.MAX_USERS_PER_CALL`). String, Integer and
//     Long become literals; List a readonly tuple; Set a ReadonlySet and Map a ReadonlyMap (get() is undefined
//     where Apex returns null, and no key reaches Object.prototype); Pattern `{ source, regExp }`, the RegExp
//     anchored at both ends because Matcher.matches() matches the whole string.
//   - One exported object per SObject with picklist fields: each field's values (API names) in metadata order, so
//     `(typeof CRM_Sync_User__c.Status__c)[number]` is the union of its values.
// What the values are read from, and what is refused: scripts/lib/apex-constants.mjs. Any constant it cannot read
// fails the run with `file:line: generate/unreadable-constant: …` and nothing is written.
//
// Usage: node scripts/generate/port-constants.mjs [--check] [--project <dir>] [--out <file>]
//   --check    compare with the file instead of writing it; exit 1 naming each constant that differs
//   --project  the SFDX project to read (default: the working directory)
//   --out      the module (default: <project>/preview/org/generated/apex-constants.ts)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readApexConstants, readPicklists } from '../lib/apex-constants.mjs';
import { formatAs } from '../lib/format.mjs';
import { displayPath, readProject } from '../lib/project.mjs';
import { byFileAndLine, formatFinding } from '../lib/report.mjs';

const DEFAULT_OUT = path.join('preview', 'org', 'generated', 'apex-constants.ts');
const REGENERATE = 'run npm run generate:port-constants';

const { values: args } = parseArgs({
    options: {
        check: { type: 'boolean', default: false },
        project: { type: 'string' },
        out: { type: 'string' }
    }
});
const projectDir = path.resolve(args.project ?? process.cwd());
const outFile = path.resolve(args.out ?? path.join(projectDir, DEFAULT_OUT));

/** Code-unit order: the same on every machine, unlike localeCompare. */
function byText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

function projectPath(file) {
    return path.relative(projectDir, file).split(path.sep).join('/');
}

const literal = (value) => JSON.stringify(value);

/** `^(?:source)$` as a RegExp literal: `/` escaped, control characters as \uXXXX. */
function anchoredRegExp(source) {
    let body = '';
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        if (char === '\\') {
            body += char + source[++i];
        } else if (char === '/') {
            body += '\\/';
        } else if (char < ' ' || char === '\u2028' || char === '\u2029') {
            body += `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
        } else {
            body += char;
        }
    }
    return `/^(?:${body})$/`;
}

function tsValue(value) {
    const type = value.type;
    switch (value.kind) {
        case 'scalar':
            return literal(value.value);
        case 'list':
            return `[${value.values.map(literal).join(', ')}]`;
        case 'set':
            return `new Set<${type}>([${value.values.map(literal).join(', ')}]) as ReadonlySet<${type}>`;
        case 'map': {
            // String values keep their literal union, so assigning them to a picklist's type checks them against it.
            const valueType =
                type === 'string' ? [...new Set(value.entries.map(([, entry]) => literal(entry)))].join(' | ') : type;
            const entries = value.entries.map(([key, entry]) => `[${literal(key)}, ${literal(entry)}]`);
            return `new Map<string, ${valueType}>([${entries.join(', ')}]) as ReadonlyMap<string, ${valueType}>`;
        }
        case 'pattern':
            return `{ source: ${literal(value.source)}, regExp: ${anchoredRegExp(value.source)} }`;
    }
}

/**
 * One `{ members, text }` per exported object: classes by name with their constants in declaration order, then
 * objects by name with their picklists by field name. A member's `label` is its comment, `origin` its file:line.
 */
function exportedObjects(constants, picklists) {
    const groups = new Map();
    const add = (name, member) => groups.set(name, [...(groups.get(name) ?? []), member]);
    for (const constant of [...constants].sort((a, b) => byText(a.className, b.className))) {
        add(constant.className, {
            label: `${constant.className}.${constant.name}${constant.isPublic ? '' : ' (private)'}`,
            origin: `${projectPath(constant.file)}:${constant.line}`,
            text: `${constant.name}: ${tsValue(constant.value)}`
        });
    }
    const byField = (a, b) => byText(a.objectName, b.objectName) || byText(a.fieldName, b.fieldName);
    for (const picklist of [...picklists].sort(byField)) {
        add(picklist.objectName, {
            label: `${picklist.objectName}.${picklist.fieldName} picklist`,
            origin: `${projectPath(picklist.file)}:${picklist.line}`,
            text: `${picklist.fieldName}: [${picklist.values.map(literal).join(', ')}]`
        });
    }
    return [...groups].map(([name, members]) => ({
        members,
        text: `export const ${name} = {\n${members.map((member) => `/** ${member.label} */\n${member.text}`).join(',\n')}\n} as const;`
    }));
}

function header(packageDirs) {
    const dirs = packageDirs.map(projectPath).join(', ');
    return [
        `// Generated by npm run generate:port-constants (scripts/generate/port-constants.mjs) from the Apex classes`,
        `// and object metadata of ${dirs}; do not edit.`,
        '//',
        '// One object per Apex class (every static final field, private ones too) and per SObject with picklists.',
        '// Set and Map are ReadonlySet and ReadonlyMap: get() is undefined where Apex returns null. A Pattern is its',
        '// source and a RegExp anchored at both ends, as Matcher.matches() matches the whole string.'
    ].join('\n');
}

/** label → `{ line, text }` of each member of a generated module: its comment line up to the next member. */
function memberBlocks(text) {
    const blocks = new Map();
    let block = null;
    text.split('\n').forEach((line, index) => {
        const label = /^\s+\/\*\* (.+) \*\/$/.exec(line);
        if (label) {
            block = { line: index + 1, text: '' };
            blocks.set(label[1], block);
        } else if (!line.startsWith(' ')) {
            block = null;
        }
        if (block) {
            block.text += `${line}\n`;
        }
    });
    return blocks;
}

/** What makes `current` differ from `expected`, member by member: `{ line, message }` in `current`. */
function staleMembers(expected, current, objects) {
    const want = memberBlocks(expected);
    const have = memberBlocks(current);
    const stale = [];
    for (const member of objects.flatMap((object) => object.members)) {
        const block = have.get(member.label);
        if (!block) {
            stale.push({ line: 1, message: `${member.label} (${member.origin}) is missing` });
        } else if (block.text !== want.get(member.label).text) {
            stale.push({ line: block.line, message: `${member.label} (${member.origin}) differs` });
        }
    }
    for (const [label, block] of have) {
        if (!want.has(label)) {
            stale.push({ line: block.line, message: `${label} is no longer in the Apex or the metadata` });
        }
    }
    return stale.length > 0 ? stale : [{ line: 1, message: 'the header or layout differs' }];
}

const { packageDirs } = readProject(projectDir);
const apex = readApexConstants(packageDirs);
const metadata = readPicklists(packageDirs);
const findings = [...apex.findings, ...metadata.findings].sort(byFileAndLine);
if (findings.length > 0) {
    findings.forEach((finding) => console.error(formatFinding(finding)));
    console.error(`generate:port-constants: ${findings.length} error(s); ${displayPath(outFile)} not written`);
    process.exit(1);
}

const objects = exportedObjects(apex.constants, metadata.picklists);
const text = await formatAs(
    [header(packageDirs), '', objects.map((object) => object.text).join('\n\n'), ''].join('\n'),
    DEFAULT_OUT
);
const summary = `${apex.constants.length} constant(s), ${metadata.picklists.length} picklist(s)`;

if (args.check) {
    if (!existsSync(outFile)) {
        console.error(`${displayPath(outFile)}:1: generate/stale: the module is missing; ${REGENERATE}`);
        process.exit(1);
    }
    const current = readFileSync(outFile, 'utf8');
    if (current !== text) {
        for (const { line, message } of staleMembers(text, current, objects)) {
            console.error(`${displayPath(outFile)}:${line}: generate/stale: ${message}; ${REGENERATE}`);
        }
        process.exit(1);
    }
    console.log(`generate:port-constants: ${displayPath(outFile)} is current (${summary})`);
} else {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
    console.log(`generate:port-constants: wrote ${displayPath(outFile)} (${summary})`);
}
