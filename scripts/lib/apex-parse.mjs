// Parsing Apex for the scripts that read it (the Apex rules of check:apex, the Apex budget): one class file, or every class of the project once.
import { readFileSync } from 'node:fs';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

class CountingErrorListener extends ApexErrorListener {
    errors = 0;
    apexSyntaxError() {
        this.errors++;
    }
}

/**
 * Parses one `.cls` file. Syntax errors are only counted: apex-ls already reports them with their position, and a
 * rule should skip a file whose tree is partial.
 * @param {string} file
 * @returns {{ file: string, unit: import('@apexdevtools/apex-parser').CompilationUnitContext, syntaxErrors: number }}
 */
export function parseApexClass(file) {
    const listener = new CountingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, 'utf8'), listener);
    const unit = parser.compilationUnit();
    return { file, unit, syntaxErrors: listener.errors };
}

const parsedProjects = new Map();

/**
 * Parses every class of the project once, however many rules ask (they run at the same time in check:apex).
 * Classes with syntax errors are left out: apex-ls reports them.
 * @param {string[]} apexFiles every .cls and .trigger of the project (triggers are not read)
 * @returns {Promise<ReturnType<typeof parseApexClass>[]>}
 */
export function parseClasses(apexFiles) {
    const key = apexFiles.join('\n');
    if (!parsedProjects.has(key)) {
        parsedProjects.set(key, parseEach(apexFiles.filter((file) => file.endsWith('.cls'))));
    }
    return parsedProjects.get(key);
}

async function parseEach(files) {
    const parsed = [];
    for (const file of files) {
        const entry = parseApexClass(file);
        if (entry.syntaxErrors === 0) {
            parsed.push(entry);
        }
        // Parsing takes seconds; yield so the other checks of the gate keep reading their processes' output.
        await new Promise(setImmediate);
    }
    return parsed;
}
