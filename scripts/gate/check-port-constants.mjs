// check:port-constants: the copies of Apex constants that cannot import the generated module
// (preview/org/generated/apex-constants.ts) must still agree with the Apex: the OpenAPI contract's license-type
// pattern, batch sizes, version limit and enums, and the components' filter values, page size, sort fields and
// reconciliation intervals.
// Each place and the Apex constant it must match are listed in CHECKS; a place that is gone or no longer has the
// expected shape is a finding too, so a rename cannot turn a check off silently.
//
// Output: one `path:line: port/<what>: <place> <value> ≠ <apex file>:<line> <value> (…)` line per disagreement,
// then a count line ending in PASS or FAIL. Exit 1 on any finding, 2 when the project cannot be read.
//
// Usage: node scripts/gate/check-port-constants.mjs [--project <dir>]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { LineCounter, parseDocument } from 'yaml';
import { readApexConstants } from '../lib/apex-constants.mjs';
import { displayPath, projectDirFromArgs, readProject } from '../lib/project.mjs';
import { byFileAndLine, formatFinding } from '../lib/report.mjs';

const CONTRACT = 'api/crm-sync-backend.openapi.yaml';
const FILTERS_LWC = 'force-app/main/default/lwc/crmSyncUserFilters/crmSyncUserFilters.ts';
const TABLE_LWC = 'force-app/main/default/lwc/crmSyncUserTable/crmSyncUserTable.ts';
const FORMAT_LWC = 'force-app/main/default/lwc/crmSyncFormat/crmSyncFormat.ts';
const JOBS_LWC = 'force-app/main/default/lwc/crmSyncJobs/crmSyncJobs.ts';
const PAUSE_LWC = 'force-app/main/default/lwc/crmSyncPauseModal/crmSyncPauseModal.ts';

const valuesOf = (value) => (value.kind === 'scalar' ? [value.value] : value.values);
const keysOf = (value) => value.entries.map(([key]) => key);
const mapValuesOf = (value) => value.entries.map(([, entry]) => entry);

/** A contract value at `components/schemas/<schema>/…`, labelled `<schema>.<rest>` as a reader finds it. */
const schema = (...keys) => ({ file: CONTRACT, at: ['components', 'schemas', ...keys], label: keys.join('.') });
const maxUsers = (...keys) => ({
    place: schema(...keys, 'maxItems'),
    apex: ['CrmSyncClient.MAX_USERS_PER_CALL'],
    expect: ([max]) => max.value.value
});
const maxVersion = (...keys) => ({
    place: schema(...keys, 'maximum'),
    apex: ['CrmSyncClient.MAX_VERSION'],
    expect: ([max]) => max.value.value
});

/**
 * `place`: where the copy is; `apex`: the constants it copies; `expect`: their values → what the place must hold;
 * `relation`: 'equal' (sets compare without order), 'subset' (the place may hold fewer), 'superset' (the place may
 * hold more) or 'at most'; `what`: how the expected value is derived, when it is not the constant itself.
 */
const CHECKS = [
    {
        place: schema('LicenseType', 'pattern'),
        apex: ['CrmSyncUserInput.LICENSE_TYPE'],
        expect: ([pattern]) => `^${pattern.value.source}$`,
        what: 'anchored as Matcher.matches() matches'
    },
    maxUsers('UserLookupRequest', 'properties', 'salesforceUserIds'),
    maxUsers('UserStates', 'properties', 'users'),
    maxUsers('UserBatch', 'properties', 'changes'),
    maxUsers('UserBatchResult', 'properties', 'results'),
    maxVersion('UserSyncState', 'properties', 'version'),
    maxVersion('UserBatchChange', 'properties', 'expectedVersion'),
    maxVersion('AutofillSettings', 'properties', 'version'),
    maxVersion('Problem', 'properties', 'currentVersion'),
    {
        place: schema('UserSyncState', 'properties', 'status', 'enum'),
        apex: ['CrmSyncUserService.STATUS_VALUES'],
        expect: ([statuses]) => keysOf(statuses.value),
        what: 'keys'
    },
    {
        place: schema('UserBatchItemResult', 'properties', 'outcome', 'enum'),
        apex: ['CrmSyncUserService.SUCCESSFUL_OUTCOMES', 'CrmSyncUserService.OUTCOME_PROBLEMS'],
        expect: ([successful, problems]) => [...valuesOf(successful.value), ...keysOf(problems.value)],
        what: 'with the keys of the second'
    },
    {
        place: schema('UserBatchItemResult', 'if', 'properties', 'outcome', 'enum'),
        apex: ['CrmSyncUserService.SUCCESSFUL_OUTCOMES'],
        expect: ([successful]) => valuesOf(successful.value)
    },
    {
        place: schema('ProblemCode', 'enum'),
        apex: ['CrmSyncUserService.OUTCOME_PROBLEMS'],
        expect: ([problems]) => mapValuesOf(problems.value),
        relation: 'superset',
        what: 'values'
    },
    {
        place: schema('DryRunRequest', 'properties', 'operation', 'enum'),
        apex: ['CrmSyncConnectionService.LINK', 'CrmSyncConnectionService.UNLINK'],
        expect: (operations) => operations.map((operation) => operation.value.value)
    },
    ...[
        ['syncOptions', 'SYNC_FILTERS'],
        ['licenseOptions', 'LICENSE_FILTERS'],
        ['statusOptions', 'STATUS_FILTERS']
    ].map(([property, filters]) => ({
        place: { file: FILTERS_LWC, read: optionValues(property), label: `crmSyncUserFilters.${property} values` },
        apex: [`CrmSyncUserDirectory.${filters}`],
        expect: ([allowed]) => valuesOf(allowed.value)
    })),
    {
        place: { file: TABLE_LWC, read: numberConstant('PAGE_SIZE'), label: 'crmSyncUserTable PAGE_SIZE' },
        apex: ['CrmSyncUserDirectory.MAX_PAGE_SIZE'],
        expect: ([max]) => max.value.value,
        relation: 'at most'
    },
    {
        place: { file: TABLE_LWC, read: stringUnion('SortField'), label: 'crmSyncUserTable SortField' },
        apex: ['CrmSyncUserDirectory.SORT_FIELDS'],
        expect: ([fields]) => keysOf(fields.value),
        relation: 'subset',
        what: 'keys'
    },
    {
        place: {
            file: FORMAT_LWC,
            read: numberListConstant('INTERVAL_HOURS'),
            label: 'crmSyncFormat INTERVAL_HOURS'
        },
        apex: ['CrmSyncSchedule.INTERVAL_HOURS'],
        expect: ([intervals]) => valuesOf(intervals.value)
    },
    {
        place: { file: PAUSE_LWC, read: numberConstant('MAX_REASON'), label: 'crmSyncPauseModal MAX_REASON' },
        apex: ['CrmSyncConnectionService.MAX_PAUSE_REASON'],
        expect: ([max]) => max.value.value
    },
    ...[
        ['ENABLE_USER_SYNC', 'CrmSyncAuditLog.ENABLE_USER_SYNC'],
        ['DISABLE_USER_SYNC', 'CrmSyncAuditLog.DISABLE_USER_SYNC'],
        ['ASSIGN_LICENSE', 'CrmSyncAuditLog.ASSIGN_LICENSE'],
        ['REMOVE_LICENSE', 'CrmSyncAuditLog.REMOVE_LICENSE'],
        ['APPLY_RULE', 'CrmSyncAuditLog.APPLY_RULE'],
        ['APPLIED', 'CrmSyncJobService.APPLIED'],
        ['QUEUED', 'CrmSyncJobService.QUEUED'],
        ['SKIP_ALREADY', 'CrmSyncJobService.SKIP_ALREADY'],
        ['SKIP_INACTIVE', 'CrmSyncJobService.SKIP_INACTIVE'],
        ['SKIP_MANUAL', 'CrmSyncJobService.SKIP_MANUAL']
    ].map(([name, constant]) => ({
        place: { file: JOBS_LWC, read: stringConstant(name), label: `crmSyncJobs ${name}` },
        apex: [constant],
        expect: ([value]) => value.value.value
    }))
];

// ---------------------------------------------------------------------------------------------------------------
// Reading the places

/** The first node below `node` that `test` accepts, depth first. */
function findNode(node, test) {
    return test(node) ? node : ts.forEachChild(node, (child) => findNode(child, test));
}

function lineOf(sourceFile, node) {
    return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** A class property `name = [{ …, value: '…' }, …]`: the values in order. */
function optionValues(name) {
    return (sourceFile) => {
        const property = findNode(
            sourceFile,
            (node) => ts.isPropertyDeclaration(node) && node.name.getText(sourceFile) === name
        );
        const elements =
            property?.initializer && ts.isArrayLiteralExpression(property.initializer)
                ? property.initializer.elements
                : null;
        const values = elements?.map((element) => {
            const value = ts.isObjectLiteralExpression(element)
                ? element.properties.find((entry) => entry.name?.getText(sourceFile) === 'value')
                : null;
            return value && ts.isPropertyAssignment(value) && ts.isStringLiteral(value.initializer)
                ? value.initializer.text
                : null;
        });
        return values && !values.includes(null)
            ? { value: values, line: lineOf(sourceFile, property) }
            : { problem: `no property ${name} = [{ value: '…' }, …]` };
    };
}

/** `const name = <number>;` */
function numberConstant(name) {
    return (sourceFile) => {
        const declaration = findNode(
            sourceFile,
            (node) => ts.isVariableDeclaration(node) && node.name.getText(sourceFile) === name
        );
        return declaration?.initializer && ts.isNumericLiteral(declaration.initializer)
            ? { value: Number(declaration.initializer.text), line: lineOf(sourceFile, declaration) }
            : { problem: `no const ${name} = <number>` };
    };
}

/** `const name = '<text>';` */
function stringConstant(name) {
    return (sourceFile) => {
        const declaration = findNode(
            sourceFile,
            (node) => ts.isVariableDeclaration(node) && node.name.getText(sourceFile) === name
        );
        return declaration?.initializer && ts.isStringLiteral(declaration.initializer)
            ? { value: declaration.initializer.text, line: lineOf(sourceFile, declaration) }
            : { problem: `no const ${name} = '<text>'` };
    };
}

/** `const name = [<number>, …];` */
function numberListConstant(name) {
    return (sourceFile) => {
        const declaration = findNode(
            sourceFile,
            (node) => ts.isVariableDeclaration(node) && node.name.getText(sourceFile) === name
        );
        const elements =
            declaration?.initializer && ts.isArrayLiteralExpression(declaration.initializer)
                ? declaration.initializer.elements
                : null;
        return elements?.every((element) => ts.isNumericLiteral(element))
            ? { value: elements.map((element) => Number(element.text)), line: lineOf(sourceFile, declaration) }
            : { problem: `no const ${name} = [<number>, …]` };
    };
}

/** `type name = 'a' | 'b';` */
function stringUnion(name) {
    return (sourceFile) => {
        const alias = findNode(sourceFile, (node) => ts.isTypeAliasDeclaration(node) && node.name.text === name);
        const members = alias && ts.isUnionTypeNode(alias.type) ? alias.type.types : alias ? [alias.type] : [];
        const values = members.map((member) =>
            ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal) ? member.literal.text : null
        );
        return alias && !values.includes(null)
            ? { value: values, line: lineOf(sourceFile, alias) }
            : { problem: `no type ${name} = '…' | '…'` };
    };
}

/** Reads each file once: the parsed contract or the TypeScript source file. */
class Places {
    constructor(projectDir) {
        this.projectDir = projectDir;
        this.files = new Map();
    }

    load(file) {
        if (!this.files.has(file)) {
            const text = readFileSync(path.join(this.projectDir, file), 'utf8');
            if (file.endsWith('.yaml')) {
                const lineCounter = new LineCounter();
                this.files.set(file, { document: parseDocument(text, { lineCounter }), lineCounter });
            } else {
                this.files.set(file, { sourceFile: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true) });
            }
        }
        return this.files.get(file);
    }

    /** `{ value, line }` of the place, or `{ problem }`. */
    read(place) {
        if (!existsSync(path.join(this.projectDir, place.file))) {
            return { problem: 'the file is missing' };
        }
        const loaded = this.load(place.file);
        if (place.read) {
            return place.read(loaded.sourceFile);
        }
        const node = loaded.document.getIn(place.at, true);
        return node
            ? { value: node.toJSON(), line: loaded.lineCounter.linePos(node.range[0]).line }
            : { problem: `no ${place.at.join('.')}` };
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing

const show = (value) =>
    Array.isArray(value) ? `[${value.map(show).join(', ')}]` : typeof value === 'string' ? `'${value}'` : String(value);
const sorted = (values) => [...new Set(values)].sort();

/** Why `actual` breaks `relation` to `expected`, as `<operator> ` text placed between the two; null when it holds. */
function disagreement(relation = 'equal', actual, expected) {
    if (relation === 'at most') {
        return typeof actual === 'number' && actual >= 1 && actual <= expected ? null : 'is not between 1 and';
    }
    if (!Array.isArray(expected)) {
        return isDeepStrictEqual(actual, expected) ? null : '≠';
    }
    const values = Array.isArray(actual) ? actual : [actual];
    if (relation === 'subset') {
        const extra = values.filter((value) => !expected.includes(value));
        return extra.length ? `has ${show(extra)}, not in` : null;
    }
    if (relation === 'superset') {
        const missing = expected.filter((value) => !values.includes(value));
        return missing.length ? `lacks ${show(missing)} of` : null;
    }
    return isDeepStrictEqual(sorted(values), sorted(expected)) ? null : '≠';
}

function check(projectDir, constants) {
    const byName = new Map(constants.map((constant) => [`${constant.className}.${constant.name}`, constant]));
    const places = new Places(projectDir);
    const findings = [];
    for (const { place, apex, expect, relation, what } of CHECKS) {
        const file = path.join(projectDir, place.file);
        const rule = place.file === CONTRACT ? 'port/contract' : 'port/lwc';
        const found = places.read(place);
        if (found.problem) {
            findings.push({ file, line: 1, rule, message: `${found.problem}; update CHECKS when the value moved` });
            continue;
        }
        const sources = apex.map((name) => byName.get(name));
        const missing = apex.filter((name, index) => !sources[index]);
        if (missing.length) {
            findings.push({ file, line: found.line, rule, message: `${missing.join(', ')}: no such Apex constant` });
            continue;
        }
        const expected = expect(sources);
        const operator = disagreement(relation, found.value, expected);
        if (operator) {
            const where = sources.map((source) => `${displayPath(source.file)}:${source.line}`).join(', ');
            const derived = `${apex.join(' and ')}${what ? `, ${what}` : ''}`;
            findings.push({
                file,
                line: found.line,
                rule,
                message: `${place.label} ${show(found.value)} ${operator} ${where} ${show(expected)} (${derived})`
            });
        }
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

let project;
try {
    project = readProject(projectDirFromArgs());
} catch (error) {
    console.error(`check:port-constants: ${error.message}`);
    process.exit(2);
}
const { constants, findings: unreadable } = readApexConstants(project.packageDirs);
const findings = unreadable.length ? unreadable : check(project.root, constants);
findings.sort(byFileAndLine).forEach((finding) => console.log(formatFinding(finding)));
console.log(
    `check:port-constants: ${CHECKS.length} comparison(s), ${findings.length} problem(s): ${findings.length ? 'FAIL' : 'PASS'}`
);
process.exitCode = findings.length ? 1 : 0;
