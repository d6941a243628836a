// Builds a model of the Metadata API types from `@salesforce/types/lib/metadata.d.ts` (generated from the
// Metadata WSDL; no XSD or current WSDL ships in any usable package) and caches it as JSON.
//
// Model shape (also the cache file format):
//   types: { [TypeName]: { [field]: { type, array, required } } }   fields include inherited ones
//   enums: { [EnumName]: string[] }
// where `type` is 'string' | 'number' | 'boolean' | 'any', an enum name, or an object type name.
//
// How the .d.ts encodes the WSDL (all of it handled below):
//   `export type X = Metadata & { ... }`  extension; `Metadata` contributes `fullName?`
//   `export type X = { ... }`             plain complex type
//   `export type X = 'a' | 'b'`           enumeration
//   `export type X = string` / `= Y`      alias of a primitive or of another type
//   `field?: T`  minOccurs=0;   `field: T[]`  unbounded, and minOccurs=0 in practice (never "required")
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// Bump when the extraction or the model shape changes, so stale caches are rebuilt.
const MODEL_FORMAT = 1;
const CACHE_NAME = 'crm-sync-metadata-types.json';

const require = createRequire(import.meta.url);

/** Where the .d.ts lives and which version it is; the version keys the cache. */
function locateTypes() {
    const entry = require.resolve('@salesforce/types/metadata'); // .../node_modules/@salesforce/types/lib/metadata.js
    const pkgDir = path.dirname(path.dirname(entry));
    const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const dts = path.join(pkgDir, 'lib', 'metadata.d.ts');
    const nodeModules = path.dirname(path.dirname(pkgDir));
    return { dts, version, cacheFile: path.join(nodeModules, '.cache', CACHE_NAME) };
}

/**
 * The model, from the cache when its key matches, else extracted (about 1 s: loading `typescript` and parsing an
 * 860 kB declaration file) and written back. A cache that cannot be written only costs speed.
 * @returns {Promise<{types: object, enums: object, cached: boolean, version: string}>}
 */
export async function loadTypeModel() {
    const { dts, version, cacheFile } = locateTypes();
    const key = `${MODEL_FORMAT}:${version}:${fs.statSync(dts).size}`;
    try {
        const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
        if (cached.key === key) return { ...cached, cached: true, version };
    } catch {
        // missing or unreadable cache: rebuild
    }
    const model = { key, ...(await extractModel(dts)) };
    try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        // Write then rename, so a concurrent run never reads half a file.
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(model));
        fs.renameSync(tmp, cacheFile);
    } catch {
        // read-only node_modules: keep going uncached
    }
    return { ...model, cached: false, version };
}

async function extractModel(dtsFile) {
    const { default: ts } = await import('typescript');
    const source = ts.createSourceFile(dtsFile, fs.readFileSync(dtsFile, 'utf8'), ts.ScriptTarget.Latest, false);

    // Pass 1: classify every alias without resolving references yet.
    /** @type {Map<string, {kind: 'enum', values: string[]} | {kind: 'alias', target: object} | {kind: 'object', bases: string[], fields: object}>} */
    const decls = new Map();
    for (const statement of source.statements) {
        if (!ts.isTypeAliasDeclaration(statement)) continue;
        decls.set(statement.name.text, classify(ts, statement.type));
    }

    // Pass 2: resolve aliases and inheritance into flat field maps.
    const enums = {};
    for (const [name, decl] of decls) if (decl.kind === 'enum') enums[name] = decl.values;

    const resolveRef = (ref, seen = new Set()) => {
        // ref: {prim} | {name}; follow alias chains to a primitive, an enum or an object type.
        if (ref.prim) return ref.prim;
        const decl = decls.get(ref.name);
        if (!decl || seen.has(ref.name)) return 'any';
        if (decl.kind === 'alias') return resolveRef(decl.target, seen.add(ref.name));
        return ref.name;
    };
    const objectName = (name) => {
        // An alias of an object type (`DashboardFolder = Folder`) has the fields of its target.
        const resolved = resolveRef({ name });
        return decls.get(resolved)?.kind === 'object' ? resolved : undefined;
    };

    const types = {};
    const flatten = (name, stack = []) => {
        if (types[name]) return types[name];
        const decl = decls.get(name);
        const fields = {};
        if (stack.includes(name)) return fields;
        for (const base of decl.bases) {
            const baseName = objectName(base);
            if (baseName) Object.assign(fields, flatten(baseName, [...stack, name]));
        }
        for (const [field, spec] of Object.entries(decl.fields)) {
            fields[field] = { type: resolveRef(spec.ref), array: spec.array, required: spec.required };
        }
        types[name] = fields;
        return fields;
    };
    for (const [name, decl] of decls) {
        if (decl.kind === 'object') flatten(name);
        else if (decl.kind === 'alias' && objectName(name)) types[name] = flatten(objectName(name));
    }
    return { types, enums };
}

/** Classifies one alias body. Unknown shapes become `any`, which the validator never reports on. */
function classify(ts, node) {
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
        return { kind: 'enum', values: node.types.map((t) => t.literal.text) };
    }
    if (ts.isTypeLiteralNode(node)) return { kind: 'object', bases: [], fields: readMembers(ts, node) };
    if (ts.isIntersectionTypeNode(node)) {
        const bases = [];
        let fields = {};
        for (const part of node.types) {
            if (ts.isTypeReferenceNode(part)) bases.push(entityName(ts, part.typeName));
            else if (ts.isTypeLiteralNode(part)) fields = { ...fields, ...readMembers(ts, part) };
        }
        return { kind: 'object', bases, fields };
    }
    return { kind: 'alias', target: readRef(ts, node).ref };
}

function readMembers(ts, literal) {
    const fields = {};
    for (const member of literal.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const name = member.name.text; // Identifier or StringLiteral
        const { ref, array } = readRef(ts, member.type);
        // An array element may be absent or repeated, so only non-array fields can be required.
        fields[name] = { ref, array, required: !member.questionToken && !array };
    }
    return fields;
}

function readRef(ts, node) {
    if (ts.isArrayTypeNode(node)) return { ref: readRef(ts, node.elementType).ref, array: true };
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            return { ref: { prim: 'string' }, array: false };
        case ts.SyntaxKind.NumberKeyword:
            return { ref: { prim: 'number' }, array: false };
        case ts.SyntaxKind.BooleanKeyword:
            return { ref: { prim: 'boolean' }, array: false };
        default:
            if (ts.isTypeReferenceNode(node)) return { ref: { name: entityName(ts, node.typeName) }, array: false };
            return { ref: { prim: 'any' }, array: false };
    }
}

function entityName(ts, name) {
    return ts.isIdentifier(name) ? name.text : `${entityName(ts, name.left)}.${name.right.text}`;
}
