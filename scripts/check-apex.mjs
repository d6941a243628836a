// Offline Apex gate: the checks that can run without an org, over every .cls and .trigger of the project.
//   1. apex-ls CheckForIssues: syntax and semantics (unknown types, methods, fields, wrong arguments).
//   2. PMD 7 through Salesforce Code Analyzer, used as a library: pmd:Recommended + pmd:Security.
//   3. prettier-plugin-apex: formatting.
// Every finding is one `path:line: rule: message` line (path relative to the working directory); lines starting
// with `warning ` do not fail the gate. Exit 1 on any other finding.
//
// Usage: node scripts/check-apex.mjs [--project <dir>]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import * as prettier from 'prettier';
import { runProcess } from './lib/process.mjs';
import { displayPath, packageDirectories, projectDirFromArgs, repoRoot, walkFiles } from './lib/project.mjs';
import { oneLine, printResults, timed } from './lib/report.mjs';

const JAVA_MESSAGE =
    'check:apex needs Java 11 or newer on PATH (for example: apt-get install -y openjdk-17-jre-headless).';
// apex-ls ships inside the PMD engine package; fixture projects have no node_modules, so look in this repository.
const APEX_LS_CLASSPATH = path.join(repoRoot, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/*');
// apex-ls categories that are not errors (its exit code stays 0 for them); Syntax, Missing and Error are errors.
const APEX_LS_WARNINGS = new Set(['Warning', 'Unused']);
const PMD_SELECTORS = ['pmd:Recommended', 'pmd:Security'];
// Rules this project does not follow, each for a reason; they are not run at all.
const PMD_RULES_OFF = new Map([
    // The purge and enable choices are explicit Booleans in the @AuraEnabled API by design: null is rejected.
    ['AvoidBooleanMethodParameters', 'explicit Boolean choices are part of the controller API']
]);
// PMD severities 1 (Critical) and 2 (High) fail the gate; 3 to 5 are reported as warnings.
const PMD_MAX_FAILING_SEVERITY = 2;
const require = createRequire(import.meta.url);

/** Major version of the `java` on PATH, or 0 when there is none. */
function javaMajorVersion() {
    const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
    // `java -version` prints to stderr: `openjdk version "17.0.15"`, or `"1.8.0_392"` up to Java 8.
    const match = /version "(?:1\.)?(\d+)/.exec(result.stderr ?? '');
    return result.status === 0 && match ? Number(match[1]) : 0;
}

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

async function checkWithPmd(projectDir, apexFiles) {
    // Code Analyzer keeps its working folder when an engine logs an error (a parse error does); give it one to remove.
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'check-apex-'));
    try {
        const analyzer = new CodeAnalyzer(
            CodeAnalyzerConfig.fromObject({ log_folder: workDir, root_working_folder: workDir })
        );
        // PMD reports files it cannot parse only as Error log events, never as violations: they must fail too.
        const findings = [];
        const onLog = (event) => {
            if (event.logLevel === LogLevel.Error) {
                findings.push(logFinding(projectDir, event.engineName ?? 'code-analyzer', event.message));
            }
        };
        analyzer.onEvent(EventType.EngineLogEvent, onLog);
        analyzer.onEvent(EventType.LogEvent, onLog);
        await analyzer.addEnginePlugin(createEnginePlugin());
        const workspace = await analyzer.createWorkspace(apexFiles);
        const selected = await analyzer.selectRules(PMD_SELECTORS, { workspace });
        const rules = await analyzer.selectRules(
            selected
                .getRulesFor('pmd')
                .filter((rule) => !PMD_RULES_OFF.has(rule.getName()))
                .map((rule) => `${rule.getEngineName()}:${rule.getName()}`),
            { workspace }
        );
        const results = await analyzer.run(rules, { workspace });
        for (const violation of results.getViolations()) {
            const rule = violation.getRule();
            const location = violation.getPrimaryLocation();
            const severity = rule.getSeverityLevel();
            findings.push({
                // Engine failures (e.g. an engine that cannot start) come as violations without a file.
                file: location.getFile() ?? path.join(projectDir, 'sfdx-project.json'),
                line: location.getStartLine() ?? 1,
                rule: `${rule.getEngineName()}/${rule.getName()}`,
                message: `${oneLine(violation.getMessage())} [severity ${severity}]`,
                warning: severity > PMD_MAX_FAILING_SEVERITY
            });
        }
        return findings;
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
}

/** An Error log event as a finding, e.g. "PMD issued a processing error for file '/x/A.cls': … Syntax error at 4:4: …". */
function logFinding(projectDir, source, message) {
    const file = /for file '([^']+)'/.exec(message)?.[1];
    if (!file) {
        return projectFinding(projectDir, `${source}/EngineError`, oneLine(message));
    }
    const line = Number(/ at (\d+):\d+/.exec(message)?.[1] ?? 1);
    // A parse error's last line holds the parser's own message; the lines before repeat the path.
    return /ParseException/.test(message)
        ? { file, line, rule: `${source}/ParseError`, message: message.trim().split('\n').pop().trim() }
        : { file, line, rule: `${source}/ProcessingError`, message: oneLine(message) };
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
if (javaMajorVersion() < 11) {
    console.error(JAVA_MESSAGE);
    process.exit(1);
}
const apexFiles = packageDirectories(projectDir)
    .flatMap(walkFiles)
    .filter((file) => file.endsWith('.cls') || file.endsWith('.trigger'))
    .sort();
if (apexFiles.length === 0) {
    console.log(`check:apex: no Apex classes or triggers in ${displayPath(projectDir) || '.'}; nothing to check`);
    process.exit(0);
}

const start = performance.now();
// The checks are independent, so they run at the same time (two JVMs and prettier); output follows in order.
const results = await Promise.all([
    timed('apex-ls CheckForIssues (syntax and semantics)', () => checkWithApexLs(projectDir)),
    timed(`PMD 7 (${PMD_SELECTORS.join(' + ')})`, () => checkWithPmd(projectDir, apexFiles)),
    timed('prettier-plugin-apex (formatting)', () => checkWithPrettier(apexFiles))
]);
const { errors, warnings } = printResults(results);
const total = ((performance.now() - start) / 1000).toFixed(1);
console.log(
    `check:apex: ${apexFiles.length} Apex file(s), ${errors} error(s), ${warnings} warning(s) in ${total} s: ${errors > 0 ? 'FAIL' : 'PASS'}`
);
process.exitCode = errors > 0 ? 1 : 0;
