// Collects findings and prints them as `path:LINE: rule: message`, the format editors and CI annotators
// understand. Paths are relative to process.cwd() so a finding is clickable from wherever the gate was started.
import path from 'node:path';

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

    /** Sorted by file then line, so output is stable across runs and file-system orders. */
    format(from = process.cwd()) {
        return [...this.items]
            .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule))
            .map((f) => `${toDisplayPath(f.file, from)}:${f.line}: ${f.rule}: ${f.message}`);
    }
}

/** Relative path with forward slashes (also on Windows), the form used in every finding. */
export function toDisplayPath(file, from = process.cwd()) {
    return path.relative(from, file).split(path.sep).join('/') || '.';
}
