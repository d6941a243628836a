// Offline Salesforce Code Analyzer gate: the engines an AppExchange security reviewer runs, over what the package
// ships. @salesforce/code-analyzer-core is driven the way `sf code-analyzer run` drives it (that plugin does not
// install from this project's registry): config → one plugin per engine → workspace → rule selection → run.
//   - PMD 7: the AppExchange and Recommended rules (Apex, metadata XML, LWC JavaScript and HTML).
//   - ESLint, RetireJS and regex: their Recommended rules (the reviewer's Recommended:Security is a subset).
//   - Salesforce Graph Engine: path-based CRUD/FLS and sharing analysis from every entry point (@AuraEnabled, …).
// Scope: every file of the package directories that .forceignore lets deploy: Apex (test classes too), metadata
// XML, and the LWC bundles with the .js that `npm run build` generates (not their .ts sources, not __tests__).
// Severity 1-2 fails, 3-5 is printed as a warning. Any Error log event fails too: PMD reports a file it cannot parse,
// and Graph Engine an entry point it could not analyse, only that way.
//
// Usage: node scripts/gate/check-code-analyzer.mjs [--project <dir>]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } from '@salesforce/code-analyzer-core';
import * as eslintEngine from '@salesforce/code-analyzer-eslint-engine';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';
import * as retireJsEngine from '@salesforce/code-analyzer-retirejs-engine';
import * as sfgeEngine from '@salesforce/code-analyzer-sfge-engine';
import { requireJava } from '../lib/java.mjs';
import { displayPath, isTestOrDeclaration, projectDirFromArgs, projectFiles, readProject } from '../lib/project.mjs';
import { byFileAndLine, oneLine, printResults } from '../lib/report.mjs';

// The AppExchange security review runs `--rule-selector AppExchange --rule-selector Recommended:Security`;
// Recommended is a superset of the second.
const FILE_SELECTORS = ['AppExchange', 'Recommended'];
// Graph Engine's rules are tagged DevPreview, so neither tag above selects them.
const GRAPH_SELECTORS = ['sfge'];
// Severities 1 (Critical) and 2 (High) fail the gate; 3 to 5 are warnings.
const MAX_FAILING_SEVERITY = 2;
const CONFIG = {
    rules: {
        pmd: {
            // The @AuraEnabled API takes explicit Boolean choices (purge imported data, enable sync) by design and
            // rejects null.
            AvoidBooleanMethodParameters: { disabled: true }
        }
    },
    engines: {
        // PMD's JavaScript parser (Rhino) crashes on an optional catch binding (`catch {`), which the built LWC
        // JavaScript keeps, and naming the binding fails ESLint's no-unused-vars: ESLint and RetireJS read the
        // JavaScript, PMD does not (its one JavaScript rule here is AppExchange's AvoidLwcBubblesComposedTrue).
        pmd: { file_extensions: { javascript: [] } },
        // Copy-paste detection is no security check, and Recommended would select it.
        cpd: { disable_engine: true },
        sfge: {
            java_thread_count: os.availableParallelism(),
            // Per entry point. The default 30 s abandons CrmSyncAdminController.getPanelState, whose paths run
            // through every service; on a busy 2-core machine it timed out even at 120 s.
            java_thread_timeout: 600_000
        }
    }
};
const SFGE_INTERNAL_ERROR = /^Internal execution error while scanning entry point: (.+?):(\d+):\d+: ([\s\S]*)$/;
const SFGE_IDENTIFIED = /^Identified (\d+) path entry point/;
const SFGE_ANALYSED = /^Overall, analyzed (\d+) path\(s\) from (\d+) entry point/;

/** The project's files, `{ all, deployable }` (what a deploy sends); exits 2 when the project cannot be read. */
async function readFiles(projectDir) {
    try {
        const { ForceIgnore } = await import('@salesforce/source-deploy-retrieve');
        return projectFiles(readProject(projectDir), ForceIgnore);
    } catch (error) {
        console.error(`check:analyzer: ${error.message}`);
        process.exit(2);
    }
}

/**
 * Apex Graph Engine needs: no @IsTest class, since production code cannot call one and Graph Engine takes no
 * entry point from it; leaving them out halves its run. Each file comes with its -meta.xml.
 */
function graphFiles(files) {
    const productionApex = files.filter(
        (file) => (file.endsWith('.cls') || file.endsWith('.trigger')) && !isTestClass(file)
    );
    return productionApex.flatMap((file) => [file, `${file}-meta.xml`]).filter((file) => files.includes(file));
}

/** True when the annotations before the class keyword include @IsTest (comments ignored). */
function isTestClass(file) {
    if (!file.endsWith('.cls')) {
        return false;
    }
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    return /@istest\b/i.test(source.split(/\bclass\b/i)[0]);
}

/** A finding about the whole project rather than one file; it points at sfdx-project.json. */
function projectFinding(projectDir, rule, message) {
    return { file: path.join(projectDir, 'sfdx-project.json'), line: 1, rule, message };
}

/** An LWC .ts source whose built .js is missing would leave the shipped JavaScript unchecked. */
function unbuiltSources(files) {
    return files
        .filter((file) => file.endsWith('.ts') && file.split(path.sep).includes('lwc') && !isTestOrDeclaration(file))
        .filter((file) => !existsSync(file.replace(/\.ts$/, '.js')))
        .map((file) => ({
            file,
            line: 1,
            rule: 'analyzer/not-built',
            message: 'no .js built from it; run npm run build first, the analyzer checks the JavaScript that ships'
        }));
}

/** An Error log event as a finding, at the file and line it names when it names one. */
function logFinding(projectDir, engine, message) {
    const sfge = SFGE_INTERNAL_ERROR.exec(message);
    if (sfge) {
        const [, file, line, detail] = sfge;
        return {
            file,
            line: Number(line),
            rule: 'sfge/InternalError',
            message: `entry point not analysed: ${oneLine(detail)}`
        };
    }
    // PMD: "PMD issued a processing error for file '/x/A.cls': … ParseException: … Syntax error at 4:4: …".
    const file = /for file '([^']+)'/.exec(message)?.[1];
    if (!file) {
        return projectFinding(projectDir, `${engine}/EngineError`, oneLine(message));
    }
    const line = Number(/ at (\d+):\d+/.exec(message)?.[1] ?? 1);
    // A parse error's last line holds the parser's own message; the lines before repeat the path.
    return /ParseException/.test(message)
        ? { file, line, rule: `${engine}/ParseError`, message: message.trim().split('\n').pop().trim() }
        : { file, line, rule: `${engine}/ProcessingError`, message: oneLine(message) };
}

function violationFinding(projectDir, violation) {
    const rule = violation.getRule();
    const location = violation.getPrimaryLocation();
    const severity = rule.getSeverityLevel();
    const appExchange = rule.getTags().includes('AppExchange') ? ', AppExchange' : '';
    return {
        // Engine failures (an engine that cannot start) come as violations without a file.
        file: location.getFile() ?? path.join(projectDir, 'sfdx-project.json'),
        line: location.getStartLine() ?? 1,
        rule: `${rule.getEngineName()}/${rule.getName()}`,
        message: `${oneLine(violation.getMessage())} [severity ${severity}${appExchange}]`,
        warning: severity > MAX_FAILING_SEVERITY
    };
}

/** Graph Engine's entry points found and analysed, read from its progress messages. */
function trackEntryPoints(analyzer) {
    const entryPoints = { identified: 0, analysed: 0, paths: 0 };
    analyzer.onEvent(EventType.EngineRunProgressEvent, ({ message = '' }) => {
        entryPoints.identified = Number(SFGE_IDENTIFIED.exec(message)?.[1] ?? entryPoints.identified);
        const analysed = SFGE_ANALYSED.exec(message);
        if (analysed) {
            entryPoints.paths = Number(analysed[1]);
            entryPoints.analysed = Number(analysed[2]);
        }
    });
    return entryPoints;
}

/** Graph Engine's header, and a finding when it dropped an entry point without logging an internal error. */
function checkEntryPoints(projectDir, { identified, analysed, paths }, result) {
    result.title += `, ${analysed}/${identified} entry point(s), ${paths} path(s)`;
    if (analysed < identified && !result.findings.some((finding) => finding.rule === 'sfge/InternalError')) {
        result.findings.push(
            projectFinding(projectDir, 'sfge/Incomplete', `analysed ${analysed} of ${identified} entry points`)
        );
    }
}

/**
 * Runs the engines of `plugins` with `selectors` over `files`: one `{ title, findings, seconds }` per engine, plus
 * one for Code Analyzer's own errors when it logged any.
 */
async function analyse(projectDir, files, plugins, selectors) {
    // Code Analyzer keeps its working folder when an engine logs an error; give it one that is always removed.
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'check-code-analyzer-'));
    try {
        const analyzer = new CodeAnalyzer(
            CodeAnalyzerConfig.fromObject({ ...CONFIG, log_folder: workDir, root_working_folder: workDir }, projectDir)
        );
        const logFindings = new Map();
        const onLog = ({ logLevel, engineName = 'code-analyzer', message }) => {
            if (logLevel === LogLevel.Error) {
                logFindings.set(engineName, [
                    ...(logFindings.get(engineName) ?? []),
                    logFinding(projectDir, engineName, message)
                ]);
            }
        };
        analyzer.onEvent(EventType.EngineLogEvent, onLog);
        analyzer.onEvent(EventType.LogEvent, onLog);
        const entryPoints = trackEntryPoints(analyzer);
        const start = performance.now();
        const seconds = new Map();
        analyzer.onEvent(EventType.EngineResultsEvent, ({ results }) => {
            seconds.set(results.getEngineName(), (performance.now() - start) / 1000);
        });

        for (const plugin of plugins) {
            await analyzer.addEnginePlugin(plugin.createEnginePlugin());
        }
        const workspace = await analyzer.createWorkspace(files);
        const selection = await analyzer.selectRules(selectors, { workspace });
        const results = await analyzer.run(selection, { workspace });

        const perEngine = selection.getEngineNames().map((engine) => {
            const engineResults = results.getEngineRunResults(engine);
            const result = {
                title: `${engine} ${engineResults.getEngineVersion()} (${selection.getRulesFor(engine).length} rules)`,
                findings: [
                    ...engineResults.getViolations().map((violation) => violationFinding(projectDir, violation)),
                    ...(logFindings.get(engine) ?? [])
                ],
                seconds: seconds.get(engine) ?? 0
            };
            if (engine === 'sfge') {
                checkEntryPoints(projectDir, entryPoints, result);
            }
            return result;
        });
        // Errors that belong to no engine, e.g. an engine that could not be created.
        const ownErrors = logFindings.get('code-analyzer') ?? [];
        return ownErrors.length > 0
            ? [...perEngine, { title: 'code-analyzer', findings: ownErrors, seconds: 0 }]
            : perEngine;
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
}

const start = performance.now();
const projectDir = projectDirFromArgs();
const { all, deployable } = await readFiles(projectDir);
if (deployable.length === 0) {
    console.log(`check:analyzer: no deployable files in ${displayPath(projectDir) || '.'}; nothing to check`);
    process.exit(0);
}
requireJava('check:analyzer');

// Two analyzers side by side: Graph Engine gets a workspace of its own, as it builds its graph from every Apex file in
// its workspace whatever the ignores say.
const forGraph = graphFiles(deployable);
const [fileResults, graphResults] = await Promise.all([
    analyse(projectDir, deployable, [pmdEngine, eslintEngine, retireJsEngine, regexEngine], FILE_SELECTORS),
    forGraph.length > 0 ? analyse(projectDir, forGraph, [sfgeEngine], GRAPH_SELECTORS) : []
]);
const results = [
    { title: 'LWC JavaScript built', findings: unbuiltSources(all), seconds: 0 },
    ...fileResults,
    ...graphResults
];
results.forEach((result) => result.findings.sort(byFileAndLine));
const { errors, warnings } = printResults(results);
const total = ((performance.now() - start) / 1000).toFixed(1);
console.log(
    `check:analyzer: ${deployable.length} file(s), ${errors} error(s), ${warnings} warning(s) in ${total} s: ${errors > 0 ? 'FAIL' : 'PASS'}`
);
process.exitCode = errors > 0 ? 1 : 0;
