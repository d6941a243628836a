// What the generators of Apex classes share: string literals, the -meta.xml, formatting exactly as the committed
// file is formatted, and the write-or---check step that makes a stale generated class a gate failure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatAs } from './format.mjs';
import { displayPath } from './project.mjs';

export const CLASSES_DIR = 'force-app/main/default/classes';
const API_VERSION = '65.0';

/** An Apex single-quoted string literal: backslashes and single quotes escaped (minified JSON has no newlines). */
export function apexString(text) {
    return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function metaSource() {
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">',
        `    <apiVersion>${API_VERSION}</apiVersion>`,
        '    <status>Active</status>',
        '</ApexClass>',
        ''
    ].join('\n');
}

function formatLikeCommitted(text, fileName) {
    return formatAs(text, path.join(CLASSES_DIR, fileName));
}

/**
 * Writes a generated class and its -meta.xml, or with `check` only compares them.
 * @returns {Promise<number>} the exit code: 1 when checking finds a stale or missing file
 */
export async function writeOrCheckClass({ className, source, outDir, check, command, generatedFrom }) {
    const files = [
        { file: path.join(outDir, `${className}.cls`), text: await formatLikeCommitted(source, `${className}.cls`) },
        {
            file: path.join(outDir, `${className}.cls-meta.xml`),
            text: await formatLikeCommitted(metaSource(), `${className}.cls-meta.xml`)
        }
    ];
    if (check) {
        const stale = files.filter(({ file, text }) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
        for (const { file } of stale) {
            const state = existsSync(file) ? 'differs from' : 'is missing; expected';
            console.log(
                `${displayPath(file)}:1: generate/stale: ${state} what ${generatedFrom} generates; run ${command}`
            );
        }
        return stale.length > 0 ? 1 : 0;
    }
    mkdirSync(outDir, { recursive: true });
    for (const { file, text } of files) {
        writeFileSync(file, text);
    }
    return 0;
}
