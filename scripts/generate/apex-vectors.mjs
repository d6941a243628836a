// Generates CrmSyncVectors_Tests.cls: one Apex test method per behaviour vector (vectors/*.json), each handing its
// case, with the backend's answers resolved from api/fixtures, to the hand-written CrmSyncVectorRunner. Apex cannot
// read files, so the cases travel as minified JSON string literals. The preview runs the same cases in
// scripts/tests/behaviour-vectors.test.mjs; a case either side cannot run fails the gate:
//   - a stale or missing generated class fails `--check` (generate:check);
//   - a method or `requires` capability CrmSyncVectorRunner does not dispatch fails here, naming the case;
//   - the preview runner fails a case whose method it does not simulate.
//
// Usage: node scripts/generate/apex-vectors.mjs [--check] [--out <dir>] [--runner <file>]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLASSES_DIR, apexString, writeOrCheckClass } from '../lib/generated-apex.mjs';
import { displayPath, repoRoot } from '../lib/project.mjs';
import { loadVectors } from '../lib/vectors.mjs';

const CLASS_NAME = 'CrmSyncVectors_Tests';
const RUNNER = path.join(CLASSES_DIR, 'CrmSyncVectorRunner.cls');

function parseCommandLine() {
    const { values } = parseArgs({
        options: {
            check: { type: 'boolean', default: false },
            out: { type: 'string', default: CLASSES_DIR },
            runner: { type: 'string', default: RUNNER }
        }
    });
    return { check: values.check, outDir: path.resolve(values.out), runner: path.resolve(repoRoot, values.runner) };
}

/** `enable-refuses-an-inactive-user` → `enableRefusesAnInactiveUser`. */
function methodName(id) {
    return id.replace(/-([a-z0-9])/g, (_, character) => character.toUpperCase());
}

/** The `when 'X'` values of the runner's switch statements: the methods and capabilities it can run. */
function dispatched(runnerFile) {
    const source = readFileSync(runnerFile, 'utf8');
    return new Set(
        [...source.matchAll(/\bwhen\s+('[^']+'(?:\s*,\s*'[^']+')*)/g)].flatMap((match) =>
            [...match[1].matchAll(/'([^']+)'/g)].map((value) => value[1])
        )
    );
}

function classSource(cases) {
    const methods = cases.map((vector) => {
        const json = JSON.stringify({
            id: vector.id,
            requires: vector.requires,
            given: vector.given,
            when: vector.when,
            then: vector.then
        });
        return [
            `    /** vectors/${vector.file}: ${vector.rule.replaceAll('*/', '* /')} */`,
            '    @IsTest',
            `    static void ${methodName(vector.id)}() {`,
            `        CrmSyncVectorRunner.run(${apexString(json)});`,
            '    }'
        ].join('\n');
    });
    return [
        '// GENERATED FILE: do not edit. Generated from vectors/*.json by scripts/generate/apex-vectors.mjs;',
        '// change the vectors and run `npm run generate:vectors`. The gate fails when this file is stale.',
        '/**',
        ' * @description The behaviour vectors, one test per case, run by CrmSyncVectorRunner against the real controllers.',
        ' * The preview runs the same cases against its simulated org (scripts/tests/behaviour-vectors.test.mjs).',
        ' */',
        '@IsTest',
        `private class ${CLASS_NAME} {`,
        methods.join('\n\n'),
        '}',
        ''
    ].join('\n');
}

async function main() {
    const { check, outDir, runner } = parseCommandLine();
    const { cases, problems } = loadVectors();
    const known = dispatched(runner);
    for (const vector of cases) {
        for (const needed of [vector.when.method, ...(vector.requires ?? [])]) {
            if (!known.has(needed)) {
                problems.push(
                    `vectors/${vector.file}: ${vector.id}: ${displayPath(runner)} cannot run '${needed}'; add it to its switch`
                );
            }
        }
    }
    const names = new Map();
    for (const vector of cases) {
        const name = methodName(vector.id).toLowerCase();
        if (names.has(name)) {
            problems.push(`vectors/${vector.file}: ${vector.id}: same Apex method name as ${names.get(name)}`);
        }
        names.set(name, vector.id);
    }
    if (problems.length > 0) {
        for (const problem of problems) {
            console.log(`${problem.replace(/^(vectors\/[^:]+): /, '$1:1: generate/vectors: ')}`);
        }
        console.log(`generate:vectors: ${problems.length} problem(s): FAIL`);
        return 1;
    }
    const status = await writeOrCheckClass({
        className: CLASS_NAME,
        source: classSource(cases),
        outDir,
        check,
        command: 'npm run generate:vectors',
        generatedFrom: 'vectors/'
    });
    const verb = check ? '--check' : `wrote ${displayPath(path.join(outDir, `${CLASS_NAME}.cls`))} with`;
    console.log(`generate:vectors ${verb} ${cases.length} case(s): ${status === 0 ? 'PASS' : 'FAIL'}`);
    return status;
}

process.exitCode = await main();
