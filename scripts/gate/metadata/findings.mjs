// Collects findings and prints them in the gates' `path:LINE: rule: message` format (scripts/lib/report.mjs), the
// format editors and CI annotators understand.
import path from 'node:path';
import { byFileAndLine, formatFinding } from '../../lib/report.mjs';

export class Findings {
    constructor() {
        /** @type {{file: string, line: number, rule: string, message: string}[]} */
        this.items = [];
    }

    /** Records one problem. `line` is 1-based; anything falsy means "the whole file" and becomes 1. */
    add(file, line, rule, message) {
        this.items.push({ file: path.resolve(file), line: line || 1, rule, message });
    }

    get count() {
        return this.items.length;
    }

    /** Sorted by file, line and rule, so output is stable across runs and file-system orders. */
    format() {
        return [...this.items].sort((a, b) => byFileAndLine(a, b) || a.rule.localeCompare(b.rule)).map(formatFinding);
    }
}
