// Parsing for the Apex rules of check:apex: one class file to the parse tree of @apexdevtools/apex-parser.
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
