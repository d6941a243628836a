// Every production Apex class has its own test class that names it: `<Class>_Tests`, or `<Class>_<Aspect>Tests`
// when its tests are split by aspect. A class is a test class when `@IsTest` annotates its declaration.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const RULE = 'apex/test-class-missing';
// `@IsTest` (any case, optionally with parameters) before the first `class` keyword, outside comments.
const IS_TEST = /@istest\b[^{]*?\bclass\b/i;

function withoutComments(source) {
    return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
}

/**
 * @param {string[]} apexFiles every .cls (and .trigger, ignored here) of the project
 * @returns {{file: string, line: number, rule: string, message: string}[]}
 */
export function checkTestClassPerClass(apexFiles) {
    const classes = apexFiles
        .filter((file) => file.endsWith('.cls'))
        .map((file) => ({
            file,
            name: path.basename(file, '.cls'),
            isTest: IS_TEST.test(withoutComments(readFileSync(file, 'utf8')))
        }));
    const testNames = classes.filter((entry) => entry.isTest).map((entry) => entry.name.toLowerCase());
    return classes
        .filter((entry) => !entry.isTest)
        .filter((entry) => {
            const prefix = `${entry.name.toLowerCase()}_`;
            return !testNames.some((name) => name.startsWith(prefix) && name.endsWith('tests'));
        })
        .map((entry) => ({
            file: entry.file,
            line: 1,
            rule: RULE,
            message: `${entry.name} has no test class of its own: add ${entry.name}_Tests (or ${entry.name}_<Aspect>Tests)`
        }));
}
