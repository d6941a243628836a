// Offline Apex gate: the checks that can run without an org, over every .cls and .trigger of the project.
//   1. apex-ls CheckForIssues: syntax and semantics (unknown types, methods, fields, wrong arguments).
//   2. prettier-plugin-apex: formatting.
//   3. apex/callout-after-dml: a callout after uncommitted DML in the same transaction (scripts/gate/apex-rules/).
//   4. apex/test-class-missing: a production class without a test class of its own (scripts/gate/apex-rules/).
//   5. apex/newer-platform-type: calls on the API 66.0 types apex-ls does not know yet (Database.PaginationCursor,
//      …), whose apex-ls findings are dropped in classes at apiVersion 66.0 or later (scripts/gate/apex-rules/).
// Every finding is one `path:line: rule: message` line (path relative to the working directory); lines starting
// with `warning ` do not fail the gate. Exit 1 on any other finding. PMD runs in check:analyzer
// (scripts/gate/check-code-analyzer.mjs), with the other Code Analyzer engines.
//
// Usage: node scripts/gate/check-apex.mjs [--project <dir>]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as prettier from 'prettier';
import { checkCalloutAfterDml } from './apex-rules/callout-after-dml.mjs';
import { checkNewerPlatformTypes, filterApexLsFindings } from './apex-rules/newer-platform-types.mjs';
import { checkTestClassPerClass } from './apex-rules/test-class-per-class.mjs';
import { requireJava } from '../lib/java.mjs';
import { runProcess } from '../lib/process.mjs';
import { displayPath, packageDirectories, projectDirFromArgs, repoRoot, walkFiles } from '../lib/project.mjs';
import { oneLine, printResults, timed } from '../lib/report.mjs';

// apex-ls ships inside the PMD engine package; fixture projects have no node_modules, so look in this repository.
const APEX_LS_CLASSPATH = path.join(repoRoot, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/*');
// apex-ls categories that are not errors (its exit code stays 0 for them); Syntax, Missing and Error are errors.
const APEX_LS_WARNINGS = new Set(['Warning', 'Unused']);
const require = createRequire(import.meta.url);

async function checkWithApexLs(projectDir) {
    const { status, stdout, stderr } = await runProcess('java', [
        ...['-cp', APEX_LS_CLASSPATH, 'io.github.apexdevtools.apexls.CheckForIssues'],
        ...['-n', '-w', projectDir, '-d', 'warnings', '-f', 'json']
    ]);
    // Exit 0: no errors; 4: errors reported. Anything else (3: exception) leaves no usable report.
    // The JSON form is used because `-f pmd` always exits 0 and the text form splits file and message lines.
    if (status !== 0 && status !== 4) {
        return [projectFinding(projectDir, 'apex-ls/Crash', `exit ${status}: ${oneLine(stderr).slice(0, 500)}`)];
    }
    // Messages name other files by absolute path ("… hiding class field 'x', see /abs/A.cls: line 2"); shorten them.
    const projectPrefix = displayPath(projectDir) ? `${displayPath(projectDir)}/` : '';
    const findings = JSON.parse(stdout).files.flatMap((file) =>
        file.messages.map((issue) => ({
            file: file.path,
            line: Math.max(1, issue.start.line),
            rule: `apex-ls/${issue.category}`,
            message: issue.message.replaceAll(projectDir + path.sep, projectPrefix),
            warning: APEX_LS_WARNINGS.has(issue.category)
        }))
    );
    if (status === 4 && findings.every((finding) => finding.warning)) {
        findings.push(projectFinding(projectDir, 'apex-ls/Error', 'exit 4 without an error in its report'));
    }
    return findings;
}

/** Prettier options for one file: its own config (nearest .prettierrc), always with the Apex plugin. */
async function prettierOptions(file) {
    const configFile = await prettier.resolveConfigFile(file);
    const config = (configFile && (await prettier.resolveConfig(file, { config: configFile }))) || {};
    // Prettier resolves plugin names from process.cwd(), which breaks when the gate runs from elsewhere: resolve
    // them from the config's folder first, then from this repository.
    const searchPaths = [configFile ? path.dirname(configFile) : path.dirname(file), repoRoot];
    const plugins = [...new Set([...(config.plugins ?? []), 'prettier-plugin-apex'])].map((plugin) =>
        typeof plugin === 'string' ? require.resolve(plugin, { paths: searchPaths }) : plugin
    );
    return { ...config, plugins, filepath: file };
}

async function checkWithPrettier(apexFiles) {
    const findings = [];
    for (const file of apexFiles) {
        try {
            if (!(await prettier.check(readFileSync(file, 'utf8'), await prettierOptions(file)))) {
                findings.push({ file, line: 1, rule: 'prettier', message: 'not formatted; run npm run format' });
            }
        } catch (error) {
            // prettier-plugin-apex drops the parser's position; keep a line when the error still has one.
            const line = error.loc?.start?.line ?? Number(/line (\d+)/i.exec(error.message)?.[1] ?? 1);
            findings.push({ file, line, rule: 'prettier', message: `cannot parse: ${oneLine(error.message)}` });
        }
    }
    return findings;
}

/** A finding about the whole project rather than one file; it points at sfdx-project.json. */
function projectFinding(projectDir, rule, message) {
    return { file: path.join(projectDir, 'sfdx-project.json'), line: 1, rule, message };
}

const projectDir = projectDirFromArgs();
requireJava('check:apex');
const apexFiles = packageDirectories(projectDir)
    .flatMap(walkFiles)
    .filter((file) => file.endsWith('.cls') || file.endsWith('.trigger'))
    .sort();
if (apexFiles.length === 0) {
    console.log(`check:apex: no Apex classes or triggers in ${displayPath(projectDir) || '.'}; nothing to check`);
    process.exit(0);
}

const start = performance.now();
// apex-ls's findings about API 66.0 types it does not know, dropped in classes at 66.0 or later (see below).
let acceptedNewer = 0;
// The checks are independent, so they run at the same time (apex-ls's JVM beside the rest); output follows in order.
const results = await Promise.all([
    timed('apex-ls CheckForIssues (syntax and semantics)', async () => {
        const { kept, dropped } = filterApexLsFindings(await checkWithApexLs(projectDir));
        acceptedNewer = dropped;
        return kept;
    }),
    timed('prettier-plugin-apex (formatting)', () => checkWithPrettier(apexFiles)),
    timed('apex/callout-after-dml (callouts after uncommitted work)', () => checkCalloutAfterDml(apexFiles)),
    timed('apex/test-class-missing (a test class per production class)', async () => checkTestClassPerClass(apexFiles)),
    timed('apex/newer-platform-type (calls on API 66.0 types apex-ls does not know)', () =>
        checkNewerPlatformTypes(apexFiles)
    )
]);
if (acceptedNewer > 0) {
    results[0].title += ` (${acceptedNewer} finding(s) about API 66.0 types dropped: apex/newer-platform-type checks them)`;
}
const { errors, warnings } = printResults(results);
const total = ((performance.now() - start) / 1000).toFixed(1);
console.log(
    `check:apex: ${apexFiles.length} Apex file(s), ${errors} error(s), ${warnings} warning(s) in ${total} s: ${errors > 0 ? 'FAIL' : 'PASS'}`
);
process.exitCode = errors > 0 ? 1 : 0;
