// The behaviour vectors (vectors/*.json): the rules of the controllers as data that both the Apex tests and the
// preview's simulated org run. This module loads them, checks them (the file schema, unique ids, known aliases,
// fixtures that exist, answers valid against the backend contract, labels that exist) and resolves fixture answers
// to their bodies, so the Apex generator and the preview runner read exactly the same cases.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { SPEC_ID, contractAjv } from './contract-schema.mjs';
import { repoRoot } from './project.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;

export const VECTOR_DIR = path.join(repoRoot, 'vectors');
const FIXTURE_DIR = path.join(repoRoot, 'api/fixtures');
const LABELS_FILE = path.join(repoRoot, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');

/** Stand-ins used only to validate answers against the contract before any runner fills in real values. */
const VALIDATION_VALUES = { id: '005000000000001AAA', org: '00D000000000001EAA', text: 'Vector Value' };

/** A placeholder string: @alias, @alias.name, @alias.email, @org, @otherOrg or @run. */
const PLACEHOLDER = /^@([a-z][a-z0-9]{1,7}|org|otherOrg|run)(\.(name|email))?$/;

/** Whether an expected value is a label reference ({ label, values }), which a runner formats in the user's language. */
export function isLabelText(value) {
    return (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        typeof value.label === 'string' &&
        Object.keys(value).every((key) => key === 'label' || key === 'values')
    );
}

/**
 * Replaces placeholders everywhere in a value: `@ali` → the user's id, `@ali.name`/`@ali.email` → the user's name and
 * email, `@org`/`@otherOrg` → the running org's id and another org's, `@run` → the token in every vector user's
 * username, `{ "$syntheticUserIds": n }` → n well-formed user ids of no user, and (when `formatLabel` is given)
 * `{ label, values }` → the label's text.
 */
export function substitute(value, context) {
    if (typeof value === 'string') {
        if (value.startsWith('/')) {
            // A request path: each /@alias segment and =@alias query value is that user's id.
            return value.replace(
                /([/=])(@[a-z][a-z0-9]{1,7})(?=[/&]|$)/g,
                (_, separator, alias) => `${separator}${substitute(alias, context)}`
            );
        }
        const match = PLACEHOLDER.exec(value);
        if (!match) {
            return value;
        }
        const [, name, , field] = match;
        if (name === 'org' || name === 'otherOrg' || name === 'run') {
            return context[name];
        }
        const user = context.users[name];
        if (!user) {
            throw new Error(`${value}: no user with the alias ${name}`);
        }
        return field ? user[field] : user.id;
    }
    if (Array.isArray(value)) {
        return value.map((item) => substitute(item, context));
    }
    if (value !== null && typeof value === 'object') {
        if (Object.keys(value).length === 1 && Number.isInteger(value.$syntheticUserIds)) {
            return syntheticUserIds(value.$syntheticUserIds);
        }
        if (context.formatLabel && isLabelText(value)) {
            return context.formatLabel(value.label, substitute(value.values ?? [], context));
        }
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, context)]));
    }
    return value;
}

/** 005 + a 12-digit number: 15-character user ids that no user has (the Apex runner builds the same). */
export function syntheticUserIds(count) {
    return Array.from({ length: count }, (_, index) => `005${String(index + 1).padStart(12, '0')}`);
}

/**
 * The differences between what a case expects and what happened: every field the expectation names must be equal
 * (null also matches a missing field, as both Apex and the preview drop null fields); lists must have the same length.
 */
export function differences(expected, actual, where = '') {
    if (expected === undefined) {
        return [];
    }
    if (expected === null) {
        return actual === null || actual === undefined
            ? []
            : [`${where || 'value'}: expected null, got ${show(actual)}`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) {
            return [`${where || 'value'}: expected a list, got ${show(actual)}`];
        }
        if (actual.length !== expected.length) {
            return [`${where || 'value'}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
        }
        return expected.flatMap((item, index) => differences(item, actual[index], `${where}[${index}]`));
    }
    if (typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
            return [`${where || 'value'}: expected an object, got ${show(actual)}`];
        }
        return Object.entries(expected).flatMap(([key, item]) =>
            differences(item, actual[key], where ? `${where}.${key}` : key)
        );
    }
    return expected === actual ? [] : [`${where || 'value'}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(value) {
    return value === undefined ? 'nothing' : JSON.stringify(value);
}

function labelNames() {
    return new Set([...readFileSync(LABELS_FILE, 'utf8').matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]));
}

/** Every alias a value refers to through a placeholder. */
function referencedAliases(value) {
    if (typeof value === 'string') {
        if (value.startsWith('/')) {
            return [...value.matchAll(/\/@([a-z][a-z0-9]{1,7})(?=\/|$)/g)].map((match) => match[1]);
        }
        const match = PLACEHOLDER.exec(value);
        return match && !['org', 'otherOrg', 'run'].includes(match[1]) ? [match[1]] : [];
    }
    if (value !== null && typeof value === 'object') {
        return Object.values(value).flatMap(referencedAliases);
    }
    return [];
}

/** Every label a value names through { label, values }. */
function referencedLabels(value) {
    if (isLabelText(value)) {
        return [value.label];
    }
    if (value !== null && typeof value === 'object') {
        return Object.values(value).flatMap(referencedLabels);
    }
    return [];
}

/** A fixture answer as { status, schema, body }: the fixture's JSON with the `with` fields set on top. */
function resolveAnswer(answer) {
    if (!answer.fixture) {
        return { status: answer.status, schema: answer.schema, body: answer.body };
    }
    const body = JSON.parse(readFileSync(path.join(FIXTURE_DIR, answer.fixture), 'utf8'));
    return { status: answer.status, schema: answer.fixture.split('/')[0], body: { ...body, ...(answer.with ?? {}) } };
}

/**
 * Loads every vectors/*.json file.
 * @returns {{ cases: object[], problems: string[] }} the cases (each with `file` and the answers resolved) and every
 *   problem found, as `vectors/<file>: <id>: …` lines; a caller must treat any problem as a failure.
 */
export function loadVectors(dir = VECTOR_DIR) {
    const schema = JSON.parse(readFileSync(path.join(dir, 'vector.schema.json'), 'utf8'));
    const validateFile = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    const spec = parse(readFileSync(path.join(repoRoot, 'api/crm-sync-backend.openapi.yaml'), 'utf8'));
    const contract = contractAjv(spec);
    const labels = labelNames();
    const problems = [];
    const cases = [];
    const seen = new Map();
    const files = readdirSync(dir)
        .filter((name) => name.endsWith('.json') && name !== 'vector.schema.json')
        .sort();
    for (const name of files) {
        const where = `vectors/${name}`;
        let content;
        try {
            content = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
        } catch (error) {
            problems.push(`${where}: not JSON: ${error.message}`);
            continue;
        }
        if (!validateFile(content)) {
            for (const error of validateFile.errors) {
                problems.push(`${where}: ${error.instancePath || '/'} ${error.message}`);
            }
            continue;
        }
        for (const vector of content.cases) {
            const at = `${where}: ${vector.id}`;
            if (seen.has(vector.id)) {
                problems.push(`${at}: the id is used again (first in ${seen.get(vector.id)})`);
            }
            seen.set(vector.id, where);
            const userAliases = (vector.given.users ?? []).map((user) => user.alias);
            const permissionSetAliases = (vector.given.permissionSets ?? []).map((set) => set.alias);
            const ruleAliases = (vector.given.rules ?? []).map((rule) => rule.alias);
            const given = [...userAliases, ...permissionSetAliases, ...ruleAliases];
            const aliases = new Set(given);
            if (aliases.size !== given.length) {
                problems.push(`${at}: an alias is given twice`);
            }
            const used = [
                ...Object.keys(vector.given.states ?? {}),
                ...Object.keys(vector.then.states ?? {}),
                ...(vector.given.permissionSets ?? []).flatMap((set) => set.assignees ?? []),
                ...(vector.given.rules ?? []).map((rule) => rule.permissionSet),
                ...(vector.given.auditEntries ?? []).flatMap((entry) => (entry.actor ? [entry.actor] : [])),
                ...referencedAliases([vector.given.backend, vector.when, vector.then])
            ];
            for (const alias of new Set(used)) {
                if (!aliases.has(alias)) {
                    problems.push(`${at}: @${alias} is not one of the given users, permission sets or rules`);
                }
            }
            for (const label of new Set(referencedLabels(vector.then))) {
                if (!labels.has(label)) {
                    problems.push(`${at}: no custom label ${label}`);
                }
            }
            const answers = [];
            for (const [index, answer] of (vector.given.backend ?? []).entries()) {
                let resolved;
                try {
                    resolved = resolveAnswer(answer);
                } catch (error) {
                    problems.push(
                        `${at}: backend[${index}]: cannot read api/fixtures/${answer.fixture}: ${error.message}`
                    );
                    continue;
                }
                const sample = substitute(resolved.body, {
                    users: Object.fromEntries(
                        [...aliases].map((alias) => [alias, { id: VALIDATION_VALUES.id, name: VALIDATION_VALUES.text }])
                    ),
                    org: VALIDATION_VALUES.org,
                    otherOrg: VALIDATION_VALUES.org,
                    run: 'run'
                });
                const ref = `${SPEC_ID}#/components/schemas/${resolved.schema}`;
                if (!contract.getSchema(ref)) {
                    problems.push(`${at}: backend[${index}]: no schema ${resolved.schema} in the contract`);
                } else if (!contract.validate(ref, sample)) {
                    problems.push(`${at}: backend[${index}]: not a valid ${resolved.schema}: ${contract.errorsText()}`);
                }
                answers.push(resolved);
            }
            cases.push({ ...vector, file: name, given: { ...vector.given, backend: answers } });
        }
    }
    if (files.length === 0) {
        problems.push(`${path.relative(repoRoot, dir)}: no vector files`);
    }
    return { cases, problems };
}
