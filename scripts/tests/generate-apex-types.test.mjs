// Runs scripts/generate/apex-types.mjs as the CLI against small fixture projects and reads what it writes.
// Run: node --test scripts/tests/generate-apex-types.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { assertExit, describeOutput, repoRoot, runScript, tempDirs } from './helpers.mjs';

const FIXTURES = 'scripts/tests/fixtures/apex-types';
const CLASSES = 'force-app/main/default/classes';
const STALE_MESSAGE = ':1: generate/stale: the Apex declarations are out of date; run npm run generate:apex-types';

const tempDir = tempDirs('generate-apex-types-test-');

function runGenerator(args) {
    return runScript('scripts/generate/apex-types.mjs', args);
}

/** Generates the `mapping` fixture once into a temp dir; `{ result, out, text }` shared by the tests that read it. */
let mappingRun;
function generateMapping() {
    mappingRun ??= (async () => {
        const out = path.join(tempDir(), 'apex.d.ts');
        const result = await runGenerator(['--project', `${FIXTURES}/mapping`, '--out', out]);
        assert.equal(result.status, 0, `expected the mapping fixture to generate\n${describeOutput(result)}`);
        return { result, out, text: readFileSync(out, 'utf8') };
    })();
    return mappingRun;
}

/** The text of `declare module '<name>' { … }`, whitespace collapsed to single spaces. */
function moduleBlock(text, name) {
    const start = text.indexOf(`declare module '${name}' {`);
    assert.notEqual(start, -1, `expected a declaration of module '${name}' in:\n${text}`);
    const end = text.indexOf('\n}\n', start);
    return text.slice(start, end + 2).replace(/\s+/g, ' ');
}

function assertContains(haystack, needle, what) {
    assert.ok(haystack.includes(needle), `expected ${what} to contain "${needle}"; it is:\n${haystack}`);
}

test('scalar parameters map to string, boolean, number or unknown, each accepting null', async () => {
    const { text } = await generateMapping();
    const block = moduleBlock(text, '@salesforce/apex/TypesController.takeScalars');
    for (const member of [
        'name: string | null',
        'recordId: string | null',
        'flag: boolean | null',
        'count: number | null',
        'big: number | null',
        'amount: number | null',
        'ratio: number | null',
        'day: string | null',
        'stamp: string | null',
        'anything: unknown;'
    ]) {
        assertContains(block, member, 'the takeScalars declaration');
    }
});

test('List, Set and arrays map to T[], Map<String, T> to Record<string, T>', async () => {
    const { text } = await generateMapping();
    const block = moduleBlock(text, '@salesforce/apex/TypesController.takeCollections');
    assertContains(block, 'names: string[] | null', 'the takeCollections declaration');
    assertContains(block, 'ids: string[] | null', 'the takeCollections declaration');
    assertContains(block, 'tags: string[] | null', 'the takeCollections declaration');
    assertContains(block, 'extras: Record<string, unknown> | null', 'the takeCollections declaration');
    assertContains(block, 'Promise<Record<string, number[]>>', 'the takeCollections declaration');
});

test('a void method resolves to Promise<void>', async () => {
    const { text } = await generateMapping();
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.takeScalars'),
        '}) => Promise<void>;',
        'the takeScalars declaration'
    );
});

test('a method without parameters takes no argument', async () => {
    const { text } = await generateMapping();
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.getDefaultCustomer'),
        'const apexMethod: () => Promise<Customer>;',
        'the getDefaultCustomer declaration'
    );
});

test('a result whose ApexDoc @return says null is T | null; others stay the declared type', async () => {
    const { text } = await generateMapping();
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.findLastCustomer'),
        'const apexMethod: () => Promise<Customer | null>;',
        'the findLastCustomer declaration'
    );
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.getOrder'),
        'Promise<Order>)',
        'the getOrder declaration, whose @return does not mention null'
    );
});

test('a cacheable method is also a wire adapter configured by its parameters', async () => {
    const { text } = await generateMapping();
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.getOrder'),
        'const apexMethod: ((params: Params_) => Promise<Order>) & WireAdapterConstructor<Partial<Params_>, { data?: Order; error?: unknown }>;',
        'the getOrder declaration'
    );
});

test('a returned class becomes an interface of its @AuraEnabled instance members, all optional', async () => {
    const { text } = await generateMapping();
    const block = moduleBlock(text, 'crm-sync/apex-types');
    assertContains(
        block,
        'export interface Order { /** The order number, such as ORD-1 */ orderNumber?: string; lines?: Line[]; customer?: Customer; total?: number; }',
        'the crm-sync/apex-types module'
    );
    assert.ok(!block.includes('internalNote'), `a field without @AuraEnabled must not be declared:\n${block}`);
    assert.ok(!block.includes('version'), `a static @AuraEnabled field must not be declared:\n${block}`);
});

test('classes reached only through fields are declared too, interfaces sorted by name', async () => {
    const { text } = await generateMapping();
    const block = moduleBlock(text, 'crm-sync/apex-types');
    const order = ['Customer', 'Line', 'Order'].map((name) => block.indexOf(`export interface ${name} {`));
    assert.ok(
        order.every((index) => index !== -1),
        `expected interfaces Customer, Line and Order in:\n${block}`
    );
    assert.deepEqual(
        [...order].sort((a, b) => a - b),
        order,
        `expected Customer, Line, Order in that order:\n${block}`
    );
});

test('ApexDoc descriptions become one-line JSDoc on methods, parameters and interfaces', async () => {
    const { text } = await generateMapping();
    assertContains(text, '/** Takes one parameter of each scalar type. */\n    const apexMethod', 'the output');
    assertContains(text, '/** any text */\n        name: string | null;', 'the output');
    assertContains(text, '/** An order with its lines. */\n    export interface Order {', 'the output');
});

test('methods without @AuraEnabled and classes without such methods get no module', async () => {
    const { text } = await generateMapping();
    assert.ok(!text.includes('notAuraEnabled'), `a method without @AuraEnabled must not be declared:\n${text}`);
    assert.ok(!text.includes("'@salesforce/apex/TypesViews."), `TypesViews has no @AuraEnabled method:\n${text}`);
});

test('an SObject is declared as Record<string, unknown> with a warning', async () => {
    const { text, result } = await generateMapping();
    assertContains(
        moduleBlock(text, '@salesforce/apex/TypesController.takeRecord'),
        'invoice: Record<string, unknown> | null',
        'the takeRecord declaration'
    );
    assertContains(
        result.stderr,
        `warning ${FIXTURES}/mapping/${CLASSES}/TypesController.cls:56: generate/sobject: Invoice__c`,
        'stderr'
    );
});

test('the header names the source files and says not to edit', async () => {
    const { text } = await generateMapping();
    const header = text.split('\n//\n')[0].replace(/\n\/\/ /g, ' ');
    assert.equal(
        header,
        `// Generated by npm run generate:apex-types from ${CLASSES}/TypesController.cls, ${CLASSES}/TypesViews.cls; do not edit.`,
        'unexpected first paragraph of the header'
    );
});

test('the generated declarations compile under strict TypeScript with a component using them', async () => {
    const { out } = await generateMapping();
    const usage = path.join(path.dirname(out), 'usage.ts');
    writeFileSync(
        usage,
        [
            "import { LightningElement, wire } from 'lwc';",
            "import getOrder from '@salesforce/apex/TypesController.getOrder';",
            "import takeCollections from '@salesforce/apex/TypesController.takeCollections';",
            "import type { Order } from 'crm-sync/apex-types';",
            'export default class Usage extends LightningElement {',
            '    orderNumber?: string;',
            "    @wire(getOrder, { orderNumber: '$orderNumber' } as const) order?: { data?: Order; error?: unknown };",
            '    async firstQuantity(): Promise<number | undefined> {',
            "        const order: Order = await getOrder({ orderNumber: 'ORD-2' });",
            "        const counts = await takeCollections({ names: ['a'], ids: null, tags: [], extras: { any: 1 } });",
            '        return order.lines?.[0]?.quantity ?? counts.a?.[0];',
            '    }',
            '}',
            ''
        ].join('\n')
    );
    const program = ts.createProgram([out, usage], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        // The temp dir has no node_modules; take `lwc` from this repository.
        paths: { lwc: [path.join(repoRoot, 'node_modules/lwc/index.d.ts')] }
    });
    const messages = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
    assert.deepEqual(messages, [], 'expected no TypeScript errors');
});

test('--check passes when the file is what it would generate', async () => {
    const { out } = await generateMapping();
    const result = await runGenerator(['--project', `${FIXTURES}/mapping`, '--out', out, '--check']);
    assertExit(result, 0);
});

test('--check fails on a stale file, naming it at line 1', async () => {
    const { text } = await generateMapping();
    const out = path.join(tempDir(), 'apex.d.ts');
    writeFileSync(out, text.replace('orderNumber?: string;', 'orderNumber?: number;'));
    const result = await runGenerator(['--project', `${FIXTURES}/mapping`, '--out', out, '--check']);
    assertExit(result, 1);
    assertContains(result.stderr, `${path.relative(repoRoot, out)}${STALE_MESSAGE}`, 'stderr');
    assert.equal(readFileSync(out, 'utf8').includes('orderNumber?: number;'), true, '--check must not rewrite');
});

test('--check fails when the file is missing', async () => {
    const out = path.join(tempDir(), 'apex.d.ts');
    const result = await runGenerator(['--project', `${FIXTURES}/mapping`, '--out', out, '--check']);
    assertExit(result, 1);
    assertContains(result.stderr, STALE_MESSAGE, 'stderr');
    assert.equal(existsSync(out), false, '--check must not create the file');
});

test('an unknown parameter type fails with file:line: generate/unknown-type and writes nothing', async () => {
    const out = path.join(tempDir(), 'apex.d.ts');
    const result = await runGenerator(['--project', `${FIXTURES}/unknown-type`, '--out', out]);
    assertExit(result, 1);
    assertContains(
        result.stderr,
        `${FIXTURES}/unknown-type/${CLASSES}/UnknownTypeController.cls:11: generate/unknown-type: Gadget in parameter gadget`,
        'stderr'
    );
    assert.equal(existsSync(out), false, 'nothing must be written when generation fails');
});
