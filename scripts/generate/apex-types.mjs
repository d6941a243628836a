// Generates TypeScript declarations for the Apex methods the components import
// (`@salesforce/apex/<Class>.<method>`) and for the classes those methods take and return, from the Apex source.
//
//   - Every top-level class under the package directories of sfdx-project.json with an `@AuraEnabled static` method
//     becomes one `declare module '@salesforce/apex/<Class>.<method>'` per method: the default export takes one
//     object keyed by the Apex parameter names (no argument when there are none) and returns a Promise of the
//     result. `cacheable=true` methods are also typed as wire adapters, so `@wire(getAccess)` compiles.
//   - The project classes they use (DTOs, e.g. CrmSyncViews.ConnectionView) become interfaces named after the class
//     (`ConnectionView`) in the type-only module 'crm-sync/apex-types'. Only `@AuraEnabled` instance fields and
//     properties are serialised to a component, so only those are declared.
//   - Type mapping: String, Id, Date, Datetime → string (Date/Datetime as ISO-8601 text); Boolean → boolean;
//     Integer, Long, Decimal, Double → number; List<T>, Set<T>, T[] → T[]; Map<String|Id, T> → Record<string, T>;
//     Object → unknown; an SObject (SObject, a `__c`-style name or a folder under objects/) → Record<string, unknown>
//     with a warning. Any other type fails with `file:line: generate/unknown-type: …`.
//   - Nullability (stated again in the generated header): parameters are `T | null` with every key required; DTO
//     fields are optional (`field?: T`) because Apex leaves null fields out of the serialised object; return values
//     are the declared type (the controllers return a value or throw), `T | null` where the method's ApexDoc `@return`
//     says null.
// The Apex structure is read from the parse tree of @apexdevtools/apex-parser; only ApexDoc text is matched as text.
//
// Usage: node scripts/generate/apex-types.mjs [--check] [--project <dir>] [--out <file>]
//   --check    compare with types/generated/apex.d.ts instead of writing it; exit 1 when it differs or is missing
//   --project  the SFDX project to read (default: the working directory)
//   --out      the declaration file (default: <project>/types/generated/apex.d.ts)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { formatAs } from '../lib/format.mjs';
import { displayPath, readProject, walkFiles } from '../lib/project.mjs';
import { byFileAndLine, formatFinding, oneLine } from '../lib/report.mjs';

const TYPES_MODULE = 'crm-sync/apex-types';
const DEFAULT_OUT = path.join('types', 'generated', 'apex.d.ts');
const SCALARS = new Map([
    ['string', 'string'],
    ['id', 'string'],
    ['boolean', 'boolean'],
    ['integer', 'number'],
    ['long', 'number'],
    ['decimal', 'number'],
    ['double', 'number'],
    ['date', 'string'],
    ['datetime', 'string'],
    ['object', 'unknown']
]);
// TypeScript names the generated declarations use beside the interfaces (lower case: Apex names are case-insensitive).
const RESERVED_NAMES = new Set(['record', 'promise', 'partial', 'wireadapterconstructor', 'params_']);
// Suffixes of custom objects, custom metadata, platform events, external and big objects.
const SOBJECT_SUFFIX = /__(c|mdt|e|x|b|kav|share|history|feed)$/i;

const { values: args } = parseArgs({
    options: {
        check: { type: 'boolean', default: false },
        project: { type: 'string' },
        out: { type: 'string' }
    }
});
const projectDir = path.resolve(args.project ?? process.cwd());
const outFile = path.resolve(args.out ?? path.join(projectDir, DEFAULT_OUT));

/** Findings as `{ file, line, rule, message, warning }`; any non-warning fails the run. */
const findings = [];
function report(file, line, rule, message, warning = false) {
    findings.push({ file, line, rule, message, warning });
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

class CollectingErrorListener extends ApexErrorListener {
    constructor(file) {
        super();
        this.file = file;
        this.errors = 0;
    }
    apexSyntaxError(line, column, message) {
        this.errors++;
        report(this.file, line, 'generate/syntax', `${message} (column ${column + 1})`);
    }
}

/** True when the modifiers hold `@<name>` (Apex names are case-insensitive). */
function hasAnnotation(modifiers, name) {
    return modifiers.some((modifier) => modifier.annotation()?.id().getText().toLowerCase() === name.toLowerCase());
}

function hasStatic(modifiers) {
    return modifiers.some((modifier) => modifier.STATIC());
}

/** `cacheable=true` in `@AuraEnabled(cacheable=true)`. */
function isCacheable(modifiers) {
    const annotation = modifiers
        .map((modifier) => modifier.annotation())
        .find((candidate) => candidate?.id().getText().toLowerCase() === 'auraenabled');
    const pairs = annotation?.elementValuePairs()?.elementValuePair_list() ?? [];
    return pairs.some(
        (pair) =>
            pair.id().getText().toLowerCase() === 'cacheable' && pair.elementValue().getText().toLowerCase() === 'true'
    );
}

/** The ApexDoc comment (`/** … *\/`) right before a declaration, parsed; empty when there is none. */
function apexDocBefore(tokens, context) {
    const hidden = tokens.getHiddenTokensToLeft(context.start.tokenIndex) ?? [];
    const comment = hidden.filter((token) => token.text.startsWith('/**')).pop();
    return comment ? parseApexDoc(comment.text) : { description: '', params: new Map(), returns: '' };
}

/**
 * `{ description, params }` of an ApexDoc comment. The description is the `@description` text, or the text before
 * the first tag when there is no such tag (`/** ok or degraded *\/`); each is collapsed to one line.
 */
function parseApexDoc(comment) {
    const lines = comment
        .slice(3, -2)
        .split('\n')
        .map((line) => line.replace(/^\s*\*?\s?/, ''));
    const sections = [{ tag: '', text: '' }];
    for (const line of lines) {
        const tag = /^@(\w+)\s*(.*)$/.exec(line.trim());
        if (tag) {
            sections.push({ tag: tag[1].toLowerCase(), text: tag[2] });
        } else {
            sections[sections.length - 1].text += ` ${line}`;
        }
    }
    const description = sections.find((section) => section.tag === 'description') ?? sections[0];
    const params = new Map();
    for (const section of sections.filter((candidate) => candidate.tag === 'param')) {
        const [name, ...rest] = oneLine(section.text).split(' ');
        if (name) {
            params.set(name.toLowerCase(), rest.join(' '));
        }
    }
    const returns = sections.find((section) => section.tag === 'return');
    return { description: oneLine(description.text), params, returns: returns ? oneLine(returns.text) : '' };
}

/**
 * Every class of the project, top-level and inner, keyed by lower-case full name (`crmsyncviews.connectionview`),
 * plus the names of the project's SObjects (folders under objects/).
 */
function readApexSources(packageDirs) {
    const files = packageDirs.flatMap(walkFiles);
    // objects/<Name>/<Name>.object-meta.xml, objects/<Name>/fields/…: <Name> is an SObject of the project.
    const sobjects = new Set();
    for (const file of files) {
        const parts = path.relative(projectDir, file).split(path.sep);
        const index = parts.indexOf('objects');
        if (index !== -1 && index < parts.length - 2) {
            sobjects.add(parts[index + 1].toLowerCase());
        }
    }
    const classes = new Map();
    for (const file of files.filter((candidate) => candidate.endsWith('.cls')).sort()) {
        const listener = new CollectingErrorListener(file);
        const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, 'utf8'), listener);
        const unit = parser.compilationUnit();
        if (listener.errors > 0) {
            continue; // the tree of a file with syntax errors is partial; the errors already fail the run
        }
        const tokens = parser.getTokenStream();
        const declaration = unit.typeDeclaration();
        const topLevel = declaration?.classDeclaration();
        if (!topLevel) {
            continue; // an interface or enum: neither has @AuraEnabled methods nor serialises as a DTO
        }
        const outer = addClass(classes, {
            file,
            tokens,
            context: topLevel,
            declaration,
            name: topLevel.id().getText()
        });
        for (const member of topLevel.classBody().classBodyDeclaration_list()) {
            const inner = member.memberDeclaration()?.classDeclaration();
            if (inner) {
                addClass(classes, {
                    file,
                    tokens,
                    context: inner,
                    declaration: member,
                    name: inner.id().getText(),
                    outer
                });
            }
        }
    }
    return { classes, sobjects };
}

function addClass(classes, { file, tokens, context, declaration, name, outer }) {
    const entry = {
        file,
        tokens,
        context,
        name,
        fullName: outer ? `${outer.name}.${name}` : name,
        outer: outer ?? null,
        doc: apexDocBefore(tokens, declaration)
    };
    classes.set(entry.fullName.toLowerCase(), entry);
    return entry;
}

// ---------------------------------------------------------------------------------------------------------------
// Types

/**
 * Converts Apex types to TypeScript. DTO classes met on the way are queued in `dtos` (keyed by full name) and
 * emitted as interfaces afterwards.
 */
class TypeMapper {
    constructor({ classes, sobjects }) {
        this.classes = classes;
        this.sobjects = sobjects;
        this.dtos = new Map();
        this.interfaceNames = new Map();
        this.used = new Set();
    }

    /** Runs `mapping` and returns its result with the interface names it used. */
    collect(mapping) {
        this.used = new Set();
        const result = mapping();
        return { ...result, interfaces: [...this.used].sort() };
    }

    /** The TypeScript type of `typeRef`, written in `apexClass`; `where` names the use for messages. */
    map(typeRef, apexClass, where) {
        const names = typeRef.typeName_list();
        let type;
        if (names.length === 1) {
            type = this.mapTypeName(names[0], apexClass, where);
        } else if (names.some((name) => name.typeArguments())) {
            type = this.unknown(typeRef, apexClass, where); // e.g. Outer.Generic<T>: Apex has no user generics
        } else {
            type = this.mapNamed(
                names.map((name) => name.getText()),
                typeRef,
                apexClass,
                where
            );
        }
        const dimensions = typeRef.arraySubscripts()?.LBRACK_list().length ?? 0;
        return type + '[]'.repeat(dimensions);
    }

    mapTypeName(typeName, apexClass, where) {
        const typeArguments = typeName.typeArguments()?.typeList().typeRef_list() ?? [];
        if (typeName.LIST() || typeName.SET()) {
            if (typeArguments.length !== 1) {
                return this.unknown(typeName, apexClass, where);
            }
            return `${this.map(typeArguments[0], apexClass, where)}[]`;
        }
        if (typeName.MAP()) {
            if (typeArguments.length !== 2) {
                return this.unknown(typeName, apexClass, where);
            }
            const key = typeArguments[0]
                .getText()
                .toLowerCase()
                .replace(/^system\./, '');
            if (key !== 'string' && key !== 'id') {
                report(
                    apexClass.file,
                    typeName.start.line,
                    'generate/unknown-type',
                    `${typeName.getText()} in ${where}: only Map<String, T> and Map<Id, T> are declared`
                );
                return 'unknown';
            }
            return `Record<string, ${this.map(typeArguments[1], apexClass, where)}>`;
        }
        if (typeArguments.length > 0) {
            return this.unknown(typeName, apexClass, where);
        }
        return this.mapNamed([typeName.id().getText()], typeName, apexClass, where);
    }

    /** A scalar, a project class (a DTO) or an SObject, by its (possibly qualified) name. */
    mapNamed(parts, context, apexClass, where) {
        const name = parts.join('.');
        const lower = name.toLowerCase().replace(/^system\./, '');
        if (SCALARS.has(lower)) {
            return SCALARS.get(lower);
        }
        // An unqualified name written inside Outer (or Outer.Inner) may be another inner class of Outer.
        const scope = apexClass.outer ?? apexClass;
        const dto = this.classes.get(`${scope.name}.${name}`.toLowerCase()) ?? this.classes.get(lower);
        if (dto) {
            return this.useDto(dto, context, apexClass);
        }
        if (lower === 'sobject' || SOBJECT_SUFFIX.test(lower) || this.sobjects.has(lower.replace(/^schema\./, ''))) {
            report(
                apexClass.file,
                context.start.line,
                'generate/sobject',
                `${name} in ${where} is an SObject: declared as Record<string, unknown>; use a DTO class for a typed shape`,
                true
            );
            return 'Record<string, unknown>';
        }
        return this.unknown(context, apexClass, where);
    }

    useDto(dto, context, apexClass) {
        const key = dto.fullName.toLowerCase();
        const taken = this.interfaceNames.get(dto.name.toLowerCase());
        if (RESERVED_NAMES.has(dto.name.toLowerCase())) {
            report(
                apexClass.file,
                context.start.line,
                'generate/name-clash',
                `${dto.fullName} would be the interface ${dto.name}, a name the declarations already use; rename it`
            );
        } else if (taken && taken !== key) {
            report(
                apexClass.file,
                context.start.line,
                'generate/name-clash',
                `${dto.fullName} and ${this.classes.get(taken).fullName} would both be the interface ${dto.name}; rename one`
            );
        } else if (!taken) {
            this.interfaceNames.set(dto.name.toLowerCase(), key);
            this.dtos.set(key, dto);
        }
        this.used.add(dto.name);
        return dto.name;
    }

    unknown(context, apexClass, where) {
        report(
            apexClass.file,
            context.start.line,
            'generate/unknown-type',
            `${context.getText()} in ${where} is not a supported Apex type, a class of this project or an SObject`
        );
        return 'unknown';
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations

/** Code-unit order: the same on every machine, unlike localeCompare. */
function byText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSDoc line, or nothing. */
function jsDoc(text) {
    return text ? `/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
}

/** `@AuraEnabled static` methods of a top-level class: `{ name, line, cacheable, doc, params, returns }`. */
function auraMethods(apexClass, mapper) {
    const methods = [];
    for (const member of apexClass.context.classBody().classBodyDeclaration_list()) {
        const method = member.memberDeclaration()?.methodDeclaration();
        const modifiers = member.modifier_list();
        if (!method || !hasAnnotation(modifiers, 'AuraEnabled') || !hasStatic(modifiers)) {
            continue;
        }
        const name = method.id().getText();
        const where = `${apexClass.name}.${name}`;
        const doc = apexDocBefore(apexClass.tokens, member);
        const parameters = method.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
        const types = mapper.collect(() => ({
            params: parameters.map((parameter) => {
                const paramName = parameter.id().getText();
                return {
                    name: paramName,
                    type: mapper.map(parameter.typeRef(), apexClass, `parameter ${paramName} of ${where}`),
                    doc: doc.params.get(paramName.toLowerCase()) ?? ''
                };
            }),
            returns: method.VOID()
                ? 'void'
                : mayReturnNull(doc, mapper.map(method.typeRef(), apexClass, `the result of ${where}`))
        }));
        methods.push({ name, line: method.start.line, cacheable: isCacheable(modifiers), doc, ...types });
    }
    return methods;
}

/** A result whose ApexDoc `@return` says it may be null (`@return the job; null when there is none`) is `T | null`. */
function mayReturnNull(doc, type) {
    return /\bnull\b/i.test(doc.returns) && type !== 'unknown' ? `${type} | null` : type;
}

/** A parameter's type: null is allowed (`unknown` already includes it). */
function nullable(type) {
    return type === 'unknown' ? type : `${type} | null`;
}

/**
 * `declare module '@salesforce/apex/<Class>.<method>'`: a function of one params object (none without parameters);
 * a cacheable method is also a wire adapter whose config is the params and whose value is `{ data?, error? }`.
 */
function methodModule(apexClass, method, namespace) {
    const moduleName = `@salesforce/apex/${namespace ? `${namespace}.` : ''}${apexClass.name}.${method.name}`;
    const members = method.params.map((param) => `${jsDoc(param.doc)}${param.name}: ${nullable(param.type)};`);
    // The line break after `{` asks Prettier to keep the members (and their JSDoc) on separate lines.
    let params = members.length ? `{\n${members.join('\n')}\n}` : null;
    // A wire adapter's config is the same object: name it once (module-local) rather than spelling it twice. An Apex
    // name cannot end in `_`, so no interface imported beside it can be called `Params_`.
    const paramsAlias = method.cacheable && params ? `type Params_ = ${params};` : '';
    params = paramsAlias ? 'Params_' : params;
    let type = `(${params ? `params: ${params}` : ''}) => Promise<${method.returns}>`;
    if (method.cacheable) {
        // Partial: a reactive `'$recordId'` may still be undefined (an @api property before it is set).
        const config = params ? `Partial<${params}>` : 'Record<string, never>';
        type = `(${type}) & WireAdapterConstructor<${config}, { data?: ${method.returns}; error?: unknown }>`;
    }
    return [
        `declare module '${moduleName}' {`,
        method.cacheable ? "import type { WireAdapterConstructor } from 'lwc';" : '',
        method.interfaces.length ? `import type { ${method.interfaces.join(', ')} } from '${TYPES_MODULE}';` : '',
        paramsAlias,
        `${jsDoc(method.doc.description)}const apexMethod: ${type};`,
        'export default apexMethod;',
        '}'
    ]
        .filter(Boolean)
        .join('\n');
}

/** The interfaces of the DTOs, including DTOs only reached through other DTOs' fields; sorted by name. */
function dtoInterfaces(mapper) {
    const done = new Map();
    // Mapping a DTO's fields may queue more DTOs; loop until nothing new appears.
    for (let pending = [...mapper.dtos.values()]; pending.length;) {
        for (const dto of pending) {
            done.set(dto.fullName.toLowerCase(), dtoInterface(dto, mapper));
        }
        pending = [...mapper.dtos.values()].filter((dto) => !done.has(dto.fullName.toLowerCase()));
    }
    return [...mapper.dtos.values()]
        .sort((a, b) => byText(a.name, b.name))
        .map((dto) => done.get(dto.fullName.toLowerCase()));
}

function dtoInterface(dto, mapper) {
    const fields = [];
    for (const member of dto.context.classBody().classBodyDeclaration_list()) {
        const modifiers = member.modifier_list();
        const declaration = member.memberDeclaration();
        if (!declaration || !hasAnnotation(modifiers, 'AuraEnabled') || hasStatic(modifiers)) {
            continue;
        }
        const field = declaration.fieldDeclaration();
        const property = declaration.propertyDeclaration();
        const names = field
            ? field
                  .variableDeclarators()
                  .variableDeclarator_list()
                  .map((declarator) => declarator.id().getText())
            : property
              ? [property.id().getText()]
              : [];
        const typeRef = (field ?? property)?.typeRef();
        if (!typeRef) {
            continue;
        }
        const type = mapper.map(typeRef, dto, `field ${names.join(', ')} of ${dto.fullName}`);
        const doc = jsDoc(apexDocBefore(dto.tokens, member).description);
        fields.push(...names.map((name) => `${doc}${name}?: ${type};`));
    }
    const parent = dto.context.EXTENDS()
        ? ` extends ${mapper.map(dto.context.typeRef(), dto, `the superclass of ${dto.fullName}`)}`
        : '';
    return `${jsDoc(dto.doc.description)}export interface ${dto.name}${parent} {\n${fields.join('\n')}\n}`;
}

/** Pieces of text joined by spaces into `// ` lines of at most `width` characters. */
function commentLines(pieces, width = 116) {
    const lines = [];
    let current = '';
    for (const word of pieces) {
        if (current && current.length + word.length + 1 > width) {
            lines.push(current);
            current = word;
        } else {
            current = current ? `${current} ${word}` : word;
        }
    }
    return [...lines, current].map((line) => `// ${line}`.trimEnd());
}

function header(sourceFiles) {
    const sources = sourceFiles.map((file) => path.relative(projectDir, file).split(path.sep).join('/'));
    const list = sources.map((source, index) => `${source}${index < sources.length - 1 ? ',' : ';'}`);
    return [
        ...commentLines([...'Generated by npm run generate:apex-types from'.split(' '), ...list, 'do not edit.']),
        '//',
        '// Each @AuraEnabled static method is the module @salesforce/apex/<Class>.<method>: its default export takes one',
        '// object keyed by the Apex parameter names (nothing when there are none) and returns a Promise of the result;',
        '// cacheable methods are wire adapters too. The classes they use are interfaces of the type-only module',
        `// '${TYPES_MODULE}': \`import type { ConnectionView } from '${TYPES_MODULE}';\` (the build erases it).`,
        '//',
        '// Nullability:',
        '// - Parameters are `T | null`, every key required: Apex accepts null for any parameter (an omitted key arrives',
        '//   as null), and a required key keeps a renamed or forgotten parameter a type error.',
        '// - Fields of returned classes are optional (`field?: T`): Apex leaves null fields out of the object the',
        '//   component receives, and an Apex type cannot promise a field is set. Read them with `??` or `=== true`.',
        '// - Results are the declared type: the controllers return a value or throw (the promise rejects); `T | null`',
        "//   only where the method's ApexDoc @return says it may be null.",
        '// Date and Datetime are ISO-8601 strings; Long and Decimal are JavaScript numbers (doubles).'
    ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

const { packageDirs, namespace } = readProject(projectDir);
const project = readApexSources(packageDirs);
const mapper = new TypeMapper(project);
// Only top-level classes' methods can be imported by a component.
const controllers = [...project.classes.values()].filter((apexClass) => !apexClass.outer);
const modules = [];
const sourceFiles = new Set();
for (const controller of controllers) {
    const methods = auraMethods(controller, mapper);
    const seen = new Map();
    for (const method of methods) {
        const key = method.name.toLowerCase();
        if (seen.has(key)) {
            report(
                controller.file,
                method.line,
                'generate/overloaded',
                `${controller.name}.${method.name} is declared twice; @AuraEnabled methods cannot be overloaded`
            );
            continue;
        }
        seen.set(key, method);
        modules.push({ key: `${controller.name}.${method.name}`, text: methodModule(controller, method, namespace) });
    }
    if (methods.length) {
        sourceFiles.add(controller.file);
    }
}
const interfaces = dtoInterfaces(mapper);
[...mapper.dtos.values()].forEach((dto) => sourceFiles.add(dto.file));

findings.sort(byFileAndLine);
findings.forEach((finding) => console.error(formatFinding(finding)));
const errors = findings.filter((finding) => !finding.warning).length;
if (errors > 0) {
    console.error(`generate:apex-types: ${errors} error(s); ${displayPath(outFile)} not written`);
    process.exit(1);
}

modules.sort((a, b) => byText(a.key, b.key));
const text = await formatAs(
    [
        header([...sourceFiles].sort()),
        '',
        `declare module '${TYPES_MODULE}' {`,
        interfaces.join('\n\n'),
        '}',
        '',
        modules.map((module) => module.text).join('\n\n'),
        ''
    ].join('\n'),
    DEFAULT_OUT
);
const summary = `${modules.length} method(s), ${interfaces.length} interface(s)`;

if (args.check) {
    const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : null;
    if (current !== text) {
        console.error(
            `${displayPath(outFile)}:1: generate/stale: the Apex declarations are out of date; run npm run generate:apex-types`
        );
        process.exit(1);
    }
    console.log(`generate:apex-types: ${displayPath(outFile)} is current (${summary})`);
} else {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
    console.log(`generate:apex-types: wrote ${displayPath(outFile)} (${summary})`);
}
