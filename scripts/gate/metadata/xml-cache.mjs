// Reads and parses each XML file once per run; the resolution, schema and cross-reference checks share it.
import fs from 'node:fs';
import { parseXml } from './xml.mjs';

const cache = new Map();

/** @returns {ReturnType<typeof parseXml>} */
export function readXml(file) {
    if (!cache.has(file)) cache.set(file, parseXml(fs.readFileSync(file, 'utf8')));
    return cache.get(file);
}

/** Root element of a well-formed file, else undefined (the schema check reports the parse error). */
export function xmlRoot(file) {
    const result = readXml(file);
    return result.ok ? result.root : undefined;
}
