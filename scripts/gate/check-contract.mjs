// Contract gate for the sync backend API: the OpenAPI document and the JSON fixtures that Apex tests use.
//   1. Redocly `recommended` lint (errors fail, warnings are reported).
//   2. Contract rules Redocly does not have: operation docs, examples on every response, problem+json errors,
//      audit and idempotency headers, Retry-After on 429, closed object schemas.
//   3. Every example (media types, parameters, headers) validates against its schema (Ajv, JSON Schema 2020-12).
//   4. Every api/fixtures/<Schema>/<case>.json validates against #/components/schemas/<Schema>; every
//      api/fixtures/invalid/<Schema>/<case>.json must fail; every directly used schema and every ProblemCode has one.
// Every finding is one `path:line: rule: message` line (path relative to the working directory); lines starting
// with `warning ` do not fail the gate. Exit 1 on any other finding.
//
// Usage: node scripts/gate/check-contract.mjs [--spec <file>] [--fixtures <dir>]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConfig, getLineColLocation, lint } from '@redocly/openapi-core';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { SPEC_ID, contractAjv } from '../lib/contract-schema.mjs';
import { displayPath } from '../lib/project.mjs';
import { oneLine, printResults, timed } from '../lib/report.mjs';

const DEFAULT_SPEC = 'api/crm-sync-backend.openapi.yaml';
const DEFAULT_FIXTURES = 'api/fixtures';
const INVALID_DIR = 'invalid';
/** The base URI under which the whole OpenAPI document is registered with Ajv, so `#/components/...` refs resolve. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MUTATIONS = new Set(['put', 'post', 'patch']);
/** POSTs that only carry a body and change nothing, so they take no Idempotency-Key (see info.description). */
const READ_ONLY_POSTS = new Set(['previewConnectionChange', 'lookupUsers']);
const AUDIT_HEADERS = ['X-Salesforce-Org-Id', 'X-Salesforce-User-Id', 'X-Correlation-Id'];
const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';
const FIXTURE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.json$/;
// Redocly's `recommended` set, with two changes: a `required` name missing from `properties` is an error (Ajv's
// strictRequired is off, see createAjv), and examples are checked without Redocly injecting
// `unevaluatedProperties: false` into every subschema, which misfires on if/then branches; section 3 validates
// every example strictly instead.
const REDOCLY_CONFIG = {
    extends: ['recommended'],
    rules: {
        'no-required-schema-properties-undefined': 'error',
        'no-invalid-media-type-examples': { severity: 'error', allowAdditionalProperties: true }
    }
};

function parseCommandLine() {
    const { values } = parseArgs({
        options: {
            spec: { type: 'string', default: DEFAULT_SPEC },
            fixtures: { type: 'string', default: DEFAULT_FIXTURES }
        }
    });
    return { specFile: path.resolve(values.spec), fixturesDir: path.resolve(values.fixtures) };
}

/** A parsed YAML or JSON file that can tell the line of a node given as a path of keys and indexes. */
class SourceFile {
    constructor(file) {
        this.file = file;
        this.lineCounter = new LineCounter();
        this.document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: this.lineCounter });
        this.errors = this.document.errors.map((error) => ({
            line: error.linePos?.[0]?.line ?? 1,
            message: error.message.split('\n')[0]
        }));
        this.value = this.errors.length === 0 ? this.document.toJS() : undefined;
    }

    /** Line of the deepest existing node on `segments` (the key's line for a map entry); 1 for the root. */
    lineOf(segments) {
        let node = this.document.contents;
        let offset = node?.range?.[0] ?? 0;
        for (const segment of segments) {
            if (isMap(node)) {
                const pair = node.items.find(
                    (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment)
                );
                if (!pair) {
                    break;
                }
                offset = pair.key?.range?.[0] ?? offset;
                node = pair.value;
            } else if (isSeq(node) && node.items[Number(segment)]) {
                node = node.items[Number(segment)];
                offset = node.range?.[0] ?? offset;
            } else {
                break;
            }
        }
        return this.lineCounter.linePos(offset).line;
    }
}

/** JSON Pointer (RFC 6901) for a path of keys, as used in `$ref` and Ajv fragments. */
function toPointer(segments) {
    return segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function fromPointer(pointer) {
    return pointer
        .slice(1)
        .split('/')
        .filter((_, index, parts) => parts.length > 1 || parts[0] !== '')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function getAt(root, segments) {
    return segments.reduce((node, segment) => (node == null ? undefined : node[segment]), root);
}

function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A validator for each schema of the contract, compiled once. */
function createAjv(spec) {
    const ajv = contractAjv(spec);
    const validators = new Map();
    /** A validator for the schema at `segments` of the document; throws if Ajv cannot compile it. */
    return (segments) => {
        const pointer = toPointer(segments);
        if (!validators.has(pointer)) {
            const fragment = segments.map((segment) => encodeURIComponent(toPointer([segment]).slice(1))).join('/');
            validators.set(pointer, ajv.compile({ $ref: `${SPEC_ID}#/${fragment}` }));
        }
        return validators.get(pointer);
    };
}

/** Ajv errors as `{segments, message}`, without the "must match then schema" wrappers that repeat their causes. */
function describeErrors(errors) {
    const described = [];
    for (const error of errors ?? []) {
        if (error.keyword === 'if') {
            continue;
        }
        const segments = fromPointer(error.instancePath);
        let message = error.message;
        if (error.keyword === 'enum') {
            message += `: ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
        } else if (error.keyword === 'const') {
            message += `: ${JSON.stringify(error.params.allowedValue)}`;
        } else if (error.keyword === 'additionalProperties') {
            segments.push(error.params.additionalProperty);
            message += `: "${error.params.additionalProperty}"`;
        }
        const where = error.instancePath || '(root)';
        const text = `${where} ${message}`;
        if (!described.some((entry) => entry.message === text)) {
            described.push({ segments, message: text });
        }
    }
    return described;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Redocly
// ---------------------------------------------------------------------------------------------------------------

async function lintWithRedocly(specFile) {
    const config = await createConfig(REDOCLY_CONFIG);
    const problems = await lint({ ref: specFile, config });
    return problems
        .filter((problem) => !problem.ignored)
        .map((problem) => {
            const location = problem.location[0] ? getLineColLocation(problem.location[0]) : undefined;
            return {
                file: location?.source?.absoluteRef ?? specFile,
                line: location?.start?.line ?? 1,
                rule: `redocly/${problem.ruleId}`,
                message: oneLine(problem.message),
                warning: problem.severity !== 'error'
            };
        });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Contract rules
// ---------------------------------------------------------------------------------------------------------------

class ContractRules {
    constructor(source) {
        this.source = source;
        this.spec = source.value;
        this.findings = [];
    }

    report(segments, rule, message) {
        this.findings.push({
            file: this.source.file,
            line: this.source.lineOf(segments),
            rule: `contract/${rule}`,
            message
        });
    }

    /** Follows local `$ref`s; returns `{node, segments}` of the target, or undefined when there is none. */
    resolve(node, segments) {
        const seen = new Set();
        while (isObject(node) && typeof node.$ref === 'string') {
            if (!node.$ref.startsWith('#/') || seen.has(node.$ref)) {
                this.report(segments, 'ref', `cannot follow $ref "${node.$ref}" (only local, non-circular refs)`);
                return undefined;
            }
            seen.add(node.$ref);
            const target = fromPointer(node.$ref.slice(1));
            const resolved = getAt(this.spec, target);
            if (resolved === undefined) {
                // Redocly reports the unresolved ref itself.
                return undefined;
            }
            node = resolved;
            segments = target;
        }
        return node === undefined ? undefined : { node, segments };
    }

    *operations() {
        for (const [route, pathItem] of Object.entries(this.spec.paths ?? {})) {
            for (const method of METHODS) {
                if (isObject(pathItem?.[method])) {
                    yield { route, method, pathItem, operation: pathItem[method], segments: ['paths', route, method] };
                }
            }
        }
    }

    run() {
        for (const entry of this.operations()) {
            this.checkOperationDocs(entry);
            this.checkHeaders(entry);
        }
        this.checkResponses();
        this.checkClosedObjects();
        return this.findings;
    }

    checkOperationDocs({ route, method, operation, segments }) {
        const name = `${method.toUpperCase()} ${route}`;
        if (!operation.operationId) {
            this.report(segments, 'operation-id', `${name} has no operationId`);
        }
        for (const field of ['summary', 'description']) {
            if (typeof operation[field] !== 'string' || operation[field].trim() === '') {
                this.report(segments, 'operation-docs', `${name} has no ${field}`);
            }
        }
        if (!Array.isArray(operation.tags) || operation.tags.length === 0) {
            this.report(segments, 'operation-docs', `${name} has no tags`);
        }
    }

    /** The operation's header parameters (path-level ones included), by lower-case name. */
    headerParameters(pathItem, operation, segments) {
        const headers = new Map();
        const lists = [
            [pathItem.parameters, segments.slice(0, 2)],
            [operation.parameters, segments]
        ];
        for (const [list, owner] of lists) {
            (list ?? []).forEach((parameter, index) => {
                const at = [...owner, 'parameters', index];
                const resolved = this.resolve(parameter, at);
                if (resolved && resolved.node.in === 'header' && typeof resolved.node.name === 'string') {
                    headers.set(resolved.node.name.toLowerCase(), {
                        at,
                        required: resolved.node.required === true,
                        fromComponents:
                            typeof parameter.$ref === 'string' && parameter.$ref.startsWith('#/components/parameters/')
                    });
                }
            });
        }
        return headers;
    }

    checkHeaders({ route, method, pathItem, operation, segments }) {
        const name = operation.operationId ?? `${method.toUpperCase()} ${route}`;
        const headers = this.headerParameters(pathItem, operation, segments);
        const required = [...AUDIT_HEADERS];
        if (MUTATIONS.has(method) && !(method === 'post' && READ_ONLY_POSTS.has(operation.operationId))) {
            required.push('Idempotency-Key');
        }
        for (const header of required) {
            const rule = header === 'Idempotency-Key' ? 'idempotency-key' : 'audit-headers';
            const found = headers.get(header.toLowerCase());
            if (!found) {
                this.report([...segments, 'parameters'], rule, `${name} does not reference the ${header} header`);
            } else if (!found.fromComponents) {
                this.report(found.at, rule, `${name}: ${header} must be a $ref to #/components/parameters`);
            } else if (!found.required) {
                this.report(found.at, rule, `${name}: ${header} must be required: true`);
            }
        }
    }

    /** Responses of all operations; a shared (`$ref`) response is checked once per status it is used with. */
    checkResponses() {
        const checked = new Set();
        for (const { operation, segments } of this.operations()) {
            const name = operation.operationId ?? segments.slice(1).join(' ');
            for (const [status, response] of Object.entries(operation.responses ?? {})) {
                const at = [...segments, 'responses', status];
                const resolved = this.resolve(response, at);
                if (!resolved) {
                    continue;
                }
                const key = `${status}|${toPointer(resolved.segments)}`;
                if (checked.has(key)) {
                    continue;
                }
                checked.add(key);
                this.checkResponse(name, status, resolved.node, resolved.segments);
            }
        }
    }

    checkResponse(operationName, status, response, segments) {
        const content = response.content;
        const noBody = status === '204' || status === '304';
        if (!isObject(content) || Object.keys(content).length === 0) {
            if (!noBody) {
                this.report(segments, 'response-example', `${operationName} ${status}: response has no content`);
            }
        } else {
            for (const [mediaType, media] of Object.entries(content)) {
                const mediaSegments = [...segments, 'content', mediaType];
                const examples = isObject(media?.examples) ? Object.keys(media.examples) : [];
                if (media?.example === undefined && examples.length === 0) {
                    this.report(
                        mediaSegments,
                        'response-example',
                        `${operationName} ${status} ${mediaType}: no example`
                    );
                }
                for (const exampleName of examples) {
                    const example = this.resolve(media.examples[exampleName], [
                        ...mediaSegments,
                        'examples',
                        exampleName
                    ]);
                    if (example && example.node.value === undefined) {
                        this.report(example.segments, 'response-example', `example "${exampleName}" has no value`);
                    }
                }
            }
        }
        if (/^[45]/.test(status)) {
            this.checkProblemResponse(operationName, status, content, segments);
        }
        if (
            !isObject(response.headers) ||
            !Object.keys(response.headers).some((name) => name.toLowerCase() === 'x-correlation-id')
        ) {
            this.report(
                segments,
                'correlation-header',
                `${operationName} ${status}: does not declare the X-Correlation-Id header`
            );
        }
        if (status === '429') {
            const header = Object.entries(response.headers ?? {}).find(
                ([name]) => name.toLowerCase() === 'retry-after'
            );
            const resolved = header && this.resolve(header[1], [...segments, 'headers', header[0]]);
            if (!resolved || resolved.node.required !== true) {
                this.report(
                    segments,
                    'retry-after',
                    `${operationName} 429: must declare a required Retry-After header`
                );
            }
        }
    }

    checkProblemResponse(operationName, status, content, segments) {
        const where = `${operationName} ${status}`;
        if (!isObject(content)) {
            this.report(segments, 'problem-response', `${where}: must have ${PROBLEM_MEDIA_TYPE} content`);
            return;
        }
        for (const mediaType of Object.keys(content)) {
            if (mediaType !== PROBLEM_MEDIA_TYPE) {
                this.report(
                    [...segments, 'content', mediaType],
                    'problem-response',
                    `${where}: error responses must be ${PROBLEM_MEDIA_TYPE}, not ${mediaType}`
                );
            }
        }
        const media = content[PROBLEM_MEDIA_TYPE];
        if (!media) {
            if (Object.keys(content).every((mediaType) => mediaType === PROBLEM_MEDIA_TYPE)) {
                this.report(segments, 'problem-response', `${where}: must have ${PROBLEM_MEDIA_TYPE} content`);
            }
            return;
        }
        if (media.schema?.$ref !== PROBLEM_REF) {
            this.report(
                [...segments, 'content', PROBLEM_MEDIA_TYPE, 'schema'],
                'problem-response',
                `${where}: schema must be $ref: '${PROBLEM_REF}'`
            );
        }
        // The problem body repeats the HTTP status.
        const values = [];
        if (media.example !== undefined) {
            values.push({ value: media.example, at: [...segments, 'content', PROBLEM_MEDIA_TYPE, 'example'] });
        }
        for (const [exampleName, example] of Object.entries(media.examples ?? {})) {
            const resolved = this.resolve(example, [
                ...segments,
                'content',
                PROBLEM_MEDIA_TYPE,
                'examples',
                exampleName
            ]);
            if (resolved) {
                values.push({ value: resolved.node.value, at: [...resolved.segments, 'value'] });
            }
        }
        for (const { value, at } of values) {
            if (/^\d{3}$/.test(status) && isObject(value) && value.status !== Number(status)) {
                this.report(
                    [...at, 'status'],
                    'problem-status',
                    `${where}: example has status ${JSON.stringify(value.status)}`
                );
            }
        }
    }

    /** Object schemas we define (anything with `properties`) must be closed, so fixtures and examples catch typos. */
    checkClosedObjects() {
        const visit = (schema, segments) => {
            if (!isObject(schema)) {
                return;
            }
            if (
                isObject(schema.properties) &&
                schema.additionalProperties !== false &&
                schema.unevaluatedProperties !== false
            ) {
                this.report(segments, 'closed-object', `${toPointer(segments)} must set additionalProperties: false`);
            }
            for (const [name, property] of Object.entries(schema.properties ?? {})) {
                visit(property, [...segments, 'properties', name]);
            }
            visit(schema.items, [...segments, 'items']);
            for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
                (schema[keyword] ?? []).forEach((branch, index) => {
                    // Branches that only add constraints (`required`, conditions) define no object of their own.
                    if (isObject(branch) && branch.type === 'object') {
                        visit(branch, [...segments, keyword, index]);
                    }
                });
            }
        };
        for (const [name, schema] of Object.entries(this.spec.components?.schemas ?? {})) {
            visit(schema, ['components', 'schemas', name]);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Examples
// ---------------------------------------------------------------------------------------------------------------

function checkExamples(source, validatorAt) {
    const spec = source.value;
    const rules = new ContractRules(source);
    const findings = [];
    const done = new Set();
    const uncompilable = new Set();

    const validate = (value, valueSegments, schema, schemaSegments, context) => {
        if (schema === undefined) {
            return;
        }
        // Validate against the $ref target when there is one, so a shared schema is compiled once.
        const target =
            typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')
                ? fromPointer(schema.$ref.slice(1))
                : schemaSegments;
        const key = `${toPointer(valueSegments)}|${toPointer(target)}`;
        if (done.has(key)) {
            return;
        }
        done.add(key);
        let validator;
        try {
            validator = validatorAt(target);
        } catch (error) {
            if (uncompilable.has(toPointer(target))) {
                return;
            }
            uncompilable.add(toPointer(target));
            findings.push({
                file: source.file,
                line: source.lineOf(target),
                rule: 'contract/schema',
                message: `Ajv cannot compile ${toPointer(target)}: ${oneLine(error.message)}`
            });
            return;
        }
        if (!validator(value)) {
            for (const { segments, message } of describeErrors(validator.errors)) {
                findings.push({
                    file: source.file,
                    line: source.lineOf([...valueSegments, ...segments]),
                    rule: 'contract/example-valid',
                    message: `${context}: ${message}`
                });
            }
        }
    };

    const mediaTypes = (content, segments, context) => {
        for (const [mediaType, media] of Object.entries(content ?? {})) {
            if (!isObject(media)) {
                continue;
            }
            const at = [...segments, 'content', mediaType];
            if (media.example !== undefined) {
                validate(
                    media.example,
                    [...at, 'example'],
                    media.schema,
                    [...at, 'schema'],
                    `${context} ${mediaType} example`
                );
            }
            for (const [name, example] of Object.entries(media.examples ?? {})) {
                const resolved = rules.resolve(example, [...at, 'examples', name]);
                if (resolved?.node.value !== undefined) {
                    validate(
                        resolved.node.value,
                        [...resolved.segments, 'value'],
                        media.schema,
                        [...at, 'schema'],
                        `${context} ${mediaType} example "${name}"`
                    );
                }
            }
        }
    };

    const parameterLike = (node, segments, context) => {
        const resolved = rules.resolve(node, segments);
        if (resolved && resolved.node.example !== undefined) {
            validate(
                resolved.node.example,
                [...resolved.segments, 'example'],
                resolved.node.schema,
                [...resolved.segments, 'schema'],
                `${context} example`
            );
        }
    };

    for (const { operation, pathItem, segments } of rules.operations()) {
        const name = operation.operationId ?? toPointer(segments);
        [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].forEach((parameter, index) =>
            parameterLike(parameter, [...segments, 'parameters', index], `${name} parameter`)
        );
        const body = rules.resolve(operation.requestBody, [...segments, 'requestBody']);
        if (body) {
            mediaTypes(body.node.content, body.segments, `${name} request`);
        }
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
            const resolved = rules.resolve(response, [...segments, 'responses', status]);
            if (resolved) {
                mediaTypes(resolved.node.content, resolved.segments, `${name} ${status}`);
                for (const [header, definition] of Object.entries(resolved.node.headers ?? {})) {
                    parameterLike(definition, [...resolved.segments, 'headers', header], `${name} ${status} ${header}`);
                }
            }
        }
    }
    const components = spec.components ?? {};
    for (const [kind, label] of [
        ['parameters', 'parameter'],
        ['headers', 'header']
    ]) {
        for (const name of Object.keys(components[kind] ?? {})) {
            parameterLike(components[kind][name], ['components', kind, name], `${label} ${name}`);
        }
    }
    for (const kind of ['responses', 'requestBodies']) {
        for (const [name, node] of Object.entries(components[kind] ?? {})) {
            mediaTypes(node?.content, ['components', kind, name], name);
        }
    }
    // Unresolvable refs met here are the contract rules' findings already.
    return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Fixtures
// ---------------------------------------------------------------------------------------------------------------

/** `{schema, file, invalid}` for every fixture file; layout problems become findings. */
function listFixtures(fixturesDir, findings) {
    const fixtures = [];
    const layout = (file, message) => findings.push({ file, line: 1, rule: 'fixture/layout', message });
    const schemaDirs = (dir, invalid) => {
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (!entry.isDirectory()) {
                layout(full, `expected only <Schema>/ folders in ${displayPath(dir) || '.'}`);
                continue;
            }
            if (!invalid && entry.name === INVALID_DIR) {
                schemaDirs(full, true);
                continue;
            }
            for (const file of readdirSync(full, { withFileTypes: true }).sort((a, b) =>
                a.name.localeCompare(b.name)
            )) {
                const filePath = path.join(full, file.name);
                if (!file.isFile() || !FIXTURE_NAME.test(file.name)) {
                    layout(filePath, 'expected <case>.json files named in kebab-case (a-z, 0-9, -)');
                    continue;
                }
                fixtures.push({ schema: entry.name, file: filePath, invalid });
            }
        }
    };
    schemaDirs(fixturesDir, false);
    return fixtures;
}

function problemCodeFixtureName(code) {
    return `${code.toLowerCase().replaceAll('_', '-')}.json`;
}

function checkFixtures(specSource, fixturesDir, validatorAt) {
    const spec = specSource.value;
    const specFile = specSource.file;
    const findings = [];
    if (!existsSync(fixturesDir) || !statSync(fixturesDir).isDirectory()) {
        findings.push({ file: fixturesDir, line: 1, rule: 'fixture/layout', message: 'fixtures directory not found' });
        return { findings, fixtures: [] };
    }
    const fixtures = listFixtures(fixturesDir, findings);
    const schemas = spec.components?.schemas ?? {};
    const unknown = new Set();
    const validByFile = new Map();
    for (const fixture of fixtures) {
        if (!Object.hasOwn(schemas, fixture.schema)) {
            const dir = path.dirname(fixture.file);
            if (!unknown.has(dir)) {
                unknown.add(dir);
                findings.push({
                    file: dir,
                    line: 1,
                    rule: 'fixture/unknown-schema',
                    message: `${displayPath(specFile)} has no #/components/schemas/${fixture.schema}`
                });
            }
            continue;
        }
        let source;
        try {
            source = new SourceFile(fixture.file);
        } catch (error) {
            findings.push({ file: fixture.file, line: 1, rule: 'fixture/json', message: oneLine(error.message) });
            continue;
        }
        if (source.errors.length > 0) {
            findings.push({
                file: fixture.file,
                line: source.errors[0].line,
                rule: 'fixture/json',
                message: source.errors[0].message
            });
            continue;
        }
        let json;
        try {
            json = JSON.parse(readFileSync(fixture.file, 'utf8'));
        } catch (error) {
            findings.push({
                file: fixture.file,
                line: 1,
                rule: 'fixture/json',
                message: `not JSON: ${oneLine(error.message)}`
            });
            continue;
        }
        const schemaSegments = ['components', 'schemas', fixture.schema];
        let validator;
        try {
            validator = validatorAt(schemaSegments);
        } catch (error) {
            if (!unknown.has(fixture.schema)) {
                unknown.add(fixture.schema);
                findings.push({
                    file: specFile,
                    line: specSource.lineOf(schemaSegments),
                    rule: 'fixture/schema',
                    message: `Ajv cannot compile #/components/schemas/${fixture.schema}: ${oneLine(error.message)}`
                });
            }
            continue;
        }
        const valid = validator(json);
        validByFile.set(fixture.file, valid);
        if (fixture.invalid && valid) {
            findings.push({
                file: fixture.file,
                line: 1,
                rule: 'fixture/invalid-passes',
                message: `is under ${INVALID_DIR}/ but validates against #/components/schemas/${fixture.schema}`
            });
        } else if (!fixture.invalid && !valid) {
            for (const { segments, message } of describeErrors(validator.errors)) {
                findings.push({
                    file: fixture.file,
                    line: source.lineOf(segments),
                    rule: 'fixture/valid',
                    message: `${fixture.schema}: ${message}`
                });
            }
        }
    }
    findings.push(...checkCoverage(spec, specFile, fixturesDir, fixtures, validByFile));
    return { findings, fixtures };
}

/** Every schema a request or response body refers to directly has a valid fixture, and so does every ProblemCode. */
function checkCoverage(spec, specFile, fixturesDir, fixtures, validByFile) {
    const findings = [];
    const bodySchemas = new Set();
    const collect = (content) => {
        for (const media of Object.values(content ?? {})) {
            const ref = media?.schema?.$ref;
            if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
                bodySchemas.add(ref.slice('#/components/schemas/'.length));
            }
        }
    };
    const components = spec.components ?? {};
    Object.values(components.responses ?? {}).forEach((response) => collect(response?.content));
    Object.values(components.requestBodies ?? {}).forEach((body) => collect(body?.content));
    for (const pathItem of Object.values(spec.paths ?? {})) {
        for (const method of METHODS) {
            collect(pathItem?.[method]?.requestBody?.content);
            Object.values(pathItem?.[method]?.responses ?? {}).forEach((response) => collect(response?.content));
        }
    }
    const valid = (schema) =>
        fixtures.filter((fixture) => fixture.schema === schema && !fixture.invalid && validByFile.get(fixture.file));
    for (const schema of [...bodySchemas].sort()) {
        if (valid(schema).length === 0) {
            findings.push({
                file: path.join(fixturesDir, schema),
                line: 1,
                rule: 'fixture/coverage',
                message: `no valid fixture for #/components/schemas/${schema}, which a request or response uses`
            });
        }
    }
    const codes = components.schemas?.ProblemCode?.enum;
    if (Array.isArray(codes) && Object.hasOwn(components.schemas, 'Problem')) {
        for (const code of codes) {
            const file = path.join(fixturesDir, 'Problem', problemCodeFixtureName(code));
            const fixture = valid('Problem').find((entry) => entry.file === file);
            if (!fixture) {
                findings.push({
                    file,
                    line: 1,
                    rule: 'fixture/coverage',
                    message: `no valid Problem fixture for ProblemCode ${code} (${displayPath(specFile)})`
                });
            } else if (JSON.parse(readFileSync(file, 'utf8')).code !== code) {
                findings.push({ file, line: 1, rule: 'fixture/coverage', message: `must have "code": "${code}"` });
            }
        }
    }
    return findings;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
    const { specFile, fixturesDir } = parseCommandLine();
    const start = performance.now();
    if (!existsSync(specFile)) {
        console.log(`${displayPath(specFile)}:1: contract/spec: file not found`);
        console.log('check:contract: FAIL');
        return 1;
    }
    const source = new SourceFile(specFile);
    const results = [];
    let fixtureCount = 0;
    let operationCount = 0;
    if (source.errors.length > 0) {
        const findings = source.errors.map(({ line, message }) => ({
            file: specFile,
            line,
            rule: 'yaml/parse',
            message
        }));
        results.push({ title: 'YAML', findings, seconds: 0 });
    } else {
        const rules = new ContractRules(source);
        operationCount = [...rules.operations()].length;
        let validatorAt;
        try {
            validatorAt = createAjv(source.value);
        } catch (error) {
            results.push({
                title: 'Ajv',
                findings: [{ file: specFile, line: 1, rule: 'contract/schema', message: oneLine(error.message) }],
                seconds: 0
            });
        }
        results.push(await timed('Redocly lint (recommended)', () => lintWithRedocly(specFile)));
        results.push(await timed('Contract rules', () => rules.run()));
        if (validatorAt) {
            results.push(
                await timed('Examples against their schemas (Ajv 2020)', () => checkExamples(source, validatorAt))
            );
            results.push(
                await timed(`Fixtures in ${displayPath(fixturesDir)} (Ajv 2020)`, () => {
                    const { findings, fixtures } = checkFixtures(source, fixturesDir, validatorAt);
                    fixtureCount = fixtures.length;
                    return findings;
                })
            );
        }
    }
    const { errors, warnings } = printResults(results);
    const total = ((performance.now() - start) / 1000).toFixed(1);
    console.log(
        `check:contract: ${displayPath(specFile)}, ${operationCount} operation(s), ${fixtureCount} fixture(s), ` +
            `${errors} error(s), ${warnings} warning(s) in ${total} s: ${errors > 0 ? 'FAIL' : 'PASS'}`
    );
    return errors > 0 ? 1 : 0;
}

process.exitCode = await main();
