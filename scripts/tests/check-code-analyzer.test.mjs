// Runs scripts/gate/check-code-analyzer.mjs as the CLI against small fixture projects, each broken in one way.
// Run: node --test scripts/tests/check-code-analyzer.test.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apexGate, assertExit, assertJavaRequired, assertReports, repoRoot, tempDirs } from './helpers.mjs';

const FIXTURES = 'scripts/tests/fixtures/analyzer';
const JAVA_MESSAGE =
    'check:analyzer needs Java 11 or newer on PATH (for example: apt-get install -y openjdk-17-jre-headless).';

const tempDir = tempDirs('check-code-analyzer-test-');

const { runGate, runFixture, classPath } = apexGate('scripts/gate/check-code-analyzer.mjs', FIXTURES);

/** A project of one package directory holding `files` (path → content), in a temporary folder. */
function tempProject(files) {
    const projectDir = tempDir();
    writeFileSync(
        path.join(projectDir, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' })
    );
    mkdirSync(path.join(projectDir, 'force-app'));
    for (const [file, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
        writeFileSync(path.join(projectDir, file), content);
    }
    return projectDir;
}

test('an @AuraEnabled class reading in user mode, and its test class, pass with no findings', async () => {
    const result = await runFixture('clean');
    assertExit(result, 0);
    assertReports(result, '1/1 entry point(s)');
    assertReports(result, 'check:analyzer: 4 file(s), 0 error(s), 0 warning(s)');
});

test('concatenating input into dynamic SOQL fails with pmd/ApexSOQLInjection (severity 2)', async () => {
    const result = await runFixture('soql-injection');
    assertExit(result, 1);
    assertReports(result, `${classPath('soql-injection', 'DynamicQuery')}:11: pmd/ApexSOQLInjection`);
});

test('an unchecked insert from an @AuraEnabled method fails with sfge/ApexFlsViolation', async () => {
    const result = await runFixture('fls-violation');
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath('fls-violation', 'AccountWriter')}:13: sfge/ApexFlsViolation: FLS validation is missing for ` +
            '[INSERT] operation on [Account]'
    );
});

test('an entry point Graph Engine cannot analyse (logged, no violation) fails with sfge/InternalError', async () => {
    const result = await runFixture('sfge-internal-error');
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath('sfge-internal-error', 'NameCheck')}:11: sfge/InternalError: entry point not analysed`
    );
    assertReports(result, '0/1 entry point(s)');
});

test('a PMD parse error (sent only as a log event) is reported as pmd/ParseError', async () => {
    const result = await runFixture('parse-error');
    assertExit(result, 1);
    assertReports(
        result,
        `${classPath('parse-error', 'MissingSemicolon')}:11: pmd/ParseError: Syntax error at 11:8: missing ';'`
    );
});

test('PMD severity 3-5 is printed as a warning and passes', async () => {
    const result = await runFixture('warnings-only');
    assertExit(result, 0);
    assertReports(result, `warning ${classPath('warnings-only', 'Totals')}:4: pmd/ApexDoc: Missing ApexDoc comment`);
});

test('a static resource with a vulnerable jQuery is reported by RetireJS', async () => {
    const result = await runFixture('vulnerable-library');
    assertReports(
        result,
        `warning ${FIXTURES}/vulnerable-library/force-app/main/default/staticresources/legacyJquery.resource:1: ` +
            "retire-js/LibraryWithKnownMediumSeverityVulnerability: 'jquery v1.8.3' contains a known vulnerability"
    );
});

test('metadata on an API version 3 or more years old fails with regex/AvoidOldSalesforceApiVersions', async () => {
    const result = await runFixture('old-api-version');
    assertExit(result, 1);
    assertReports(
        result,
        `${FIXTURES}/old-api-version/force-app/main/default/pages/Legacy.page-meta.xml:3: ` +
            'regex/AvoidOldSalesforceApiVersions'
    );
});

test('an LWC TypeScript source without its built .js fails with analyzer/not-built', async () => {
    const bundle = 'force-app/main/default/lwc/card';
    const projectDir = tempProject({
        [`${bundle}/card.ts`]:
            "import { LightningElement } from 'lwc';\nexport default class Card extends LightningElement {}\n",
        [`${bundle}/card.js-meta.xml`]:
            '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
            '    <apiVersion>65.0</apiVersion>\n    <isExposed>false</isExposed>\n</LightningComponentBundle>\n'
    });
    const result = await runGate(projectDir);
    assertExit(result, 1);
    assertReports(result, `${path.relative(repoRoot, projectDir)}/${bundle}/card.ts:1: analyzer/not-built`);
});

test('a project without deployable files says so and passes', async () => {
    const result = await runGate(tempProject({}));
    assertExit(result, 0);
    assertReports(result, 'no deployable files');
});

test('without java on PATH it prints one sentence and exits 1', async () => {
    await assertJavaRequired(runGate, `${FIXTURES}/clean`, tempDir(), JAVA_MESSAGE);
});
