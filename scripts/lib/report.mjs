// How the gates report: one `path:line: rule: message` line per finding (path relative to the working directory),
// `warning ` in front of the findings that do not fail the gate, and for the gates that run several checks one
// `== title: …` header per check.
import { displayPath } from './project.mjs';

/**
 * @typedef {object} Finding
 * @property {string} file     absolute, or relative to the working directory
 * @property {number} line     1-based
 * @property {string} rule     e.g. `pmd/ApexSOQLInjection`
 * @property {string} message
 * @property {boolean} [warning] true when it does not fail the gate
 */

/** @param {Finding} finding */
export function formatFinding({ file, line, rule, message, warning }) {
    return `${warning ? 'warning ' : ''}${displayPath(file)}:${line}: ${rule}: ${message}`;
}

/** Orders findings by file, then line. */
export function byFileAndLine(a, b) {
    return a.file.localeCompare(b.file) || a.line - b.line;
}

/** A message on one line: runs of white space (newlines too) become one space. */
export function oneLine(text) {
    return String(text).replace(/\s+/g, ' ').trim();
}

/** Runs one check and times it: `{ title, findings (sorted by file and line), seconds }`. */
export async function timed(title, check) {
    const start = performance.now();
    const findings = await check();
    findings.sort(byFileAndLine);
    return { title, findings, seconds: (performance.now() - start) / 1000 };
}

/**
 * Prints each check's `== title: N error(s), M warning(s), T s` header followed by its findings, and returns the
 * totals over all checks.
 * @param {{ title: string, findings: Finding[], seconds: number }[]} results
 * @returns {{ errors: number, warnings: number }}
 */
export function printResults(results) {
    let errors = 0;
    let warnings = 0;
    for (const { title, findings, seconds } of results) {
        const checkWarnings = findings.filter((finding) => finding.warning).length;
        console.log(
            `== ${title}: ${findings.length - checkWarnings} error(s), ${checkWarnings} warning(s), ${seconds.toFixed(1)} s`
        );
        findings.forEach((finding) => console.log(formatFinding(finding)));
        errors += findings.length - checkWarnings;
        warnings += checkWarnings;
    }
    return { errors, warnings };
}
