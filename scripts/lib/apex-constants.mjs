// The values the Apex and the object metadata define once, read for the code that must repeat them (the preview's
// port, the OpenAPI contract, components): every static final field of the production classes, evaluated from its
// initializer with @apexdevtools/apex-parser, and every picklist's values. What cannot be evaluated is a finding at
// file:line, never skipped, so a constant the readers do not understand stops the build instead of going stale.
//
// Initializers understood (the forms the classes use): string, Integer and Long literals; another constant
// (`NAME`, `Class.NAME`); `new List<T>{…}`, `new Set<T>{…}` and `new Map<String, T>{ k => v, … }` of those, with
// T String, Integer or Long; `Pattern.compile(<string>)`; `System.Label.NAME` where a String goes, read as the
// label's name, since the port renders a label by its name in the preview user's language. Longs beyond 2^53 - 1
// are refused: a JavaScript number cannot hold them exactly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    ApexErrorListener,
    ApexParserFactory,
    Arth1ExpressionContext,
    Arth2ExpressionContext
} from '@apexdevtools/apex-parser';
import { XMLParser } from 'fast-xml-parser';
import { walkFiles } from './project.mjs';

const UNREADABLE = 'generate/unreadable-constant';
/** `System.Label.NAME` or `Label.NAME`, in any case as Apex allows. */
const LABEL_REFERENCE = /^(?:System\.)?Label\.(\w+)$/i;
const SCALAR_TYPES = new Map([
    ['string', 'string'],
    ['integer', 'number'],
    ['long', 'number']
]);
const STRING_ESCAPES = new Map([
    ['b', '\b'],
    ['t', '\t'],
    ['n', '\n'],
    ['f', '\f'],
    ['r', '\r'],
    ['"', '"'],
    ["'", "'"],
    ['\\', '\\']
]);

/**
 * @typedef {object} ApexConstant
 * @property {string} className
 * @property {string} name
 * @property {string} file        absolute path of the .cls
 * @property {number} line
 * @property {boolean} isPublic   public or global
 * @property {ConstantValue} value
 *
 * @typedef {{ kind: 'scalar', type: 'string' | 'number', value: string | number }
 *   | { kind: 'list' | 'set', type: 'string' | 'number', values: (string | number)[] }
 *   | { kind: 'map', type: 'string' | 'number', entries: [string, string | number][] }
 *   | { kind: 'pattern', source: string }} ConstantValue
 */

class LineErrorListener extends ApexErrorListener {
    constructor(file, findings) {
        super();
        this.file = file;
        this.findings = findings;
        this.errors = 0;
    }
    apexSyntaxError(line, column, message) {
        this.errors++;
        this.findings.push({
            file: this.file,
            line,
            rule: 'generate/syntax',
            message: `${message} (column ${column + 1})`
        });
    }
}

/** Thrown inside the evaluator; becomes one finding. */
class Unreadable extends Error {
    constructor(context, message) {
        super(message);
        this.line = context.start.line;
    }
}

function isTestClass(modifiers) {
    return modifiers.some((modifier) => modifier.annotation()?.id().getText().toLowerCase() === 'istest');
}

function isStaticFinal(modifiers) {
    return modifiers.some((modifier) => modifier.STATIC()) && modifiers.some((modifier) => modifier.FINAL());
}

/** A type as written, lower case without `System.`: `string`, `set<string>`, `map<string,integer>`, `pattern`. */
function typeName(context) {
    return context
        .getText()
        .toLowerCase()
        .replace(/(^|[<,])system\./g, '$1');
}

/** `{ kind, type }` of a declared type the reader understands, or null. */
function declaredShape(type) {
    if (SCALAR_TYPES.has(type)) {
        return { kind: 'scalar', type: SCALAR_TYPES.get(type) };
    }
    if (type === 'pattern') {
        return { kind: 'pattern' };
    }
    const collection = /^(list|set)<(\w+)>$/.exec(type);
    if (collection && SCALAR_TYPES.has(collection[2])) {
        return { kind: collection[1], type: SCALAR_TYPES.get(collection[2]), element: collection[2] };
    }
    const map = /^map<string,(\w+)>$/.exec(type);
    if (map && SCALAR_TYPES.has(map[1])) {
        return { kind: 'map', type: SCALAR_TYPES.get(map[1]), element: map[1] };
    }
    return null;
}

/** The text of an Apex string literal token (quotes included). */
function decodeString(context, token) {
    let text = '';
    for (let i = 1; i < token.length - 1; i++) {
        if (token[i] !== '\\') {
            text += token[i];
            continue;
        }
        const next = token[++i];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(token.slice(i + 1, i + 5))) {
            text += String.fromCharCode(parseInt(token.slice(i + 1, i + 5), 16));
            i += 4;
        } else if (STRING_ESCAPES.has(next)) {
            text += STRING_ESCAPES.get(next);
        } else {
            throw new Unreadable(context, `unknown escape \\${next} in ${token}`);
        }
    }
    return text;
}

/**
 * Every static final field of the production classes (top-level, not @IsTest) under `packageDirs`, evaluated.
 * @returns {{ constants: ApexConstant[], findings: import('./report.mjs').Finding[] }}
 */
export function readApexConstants(packageDirs) {
    const findings = [];
    const pending = [];
    for (const file of packageDirs.flatMap(walkFiles).filter((candidate) => candidate.endsWith('.cls'))) {
        const listener = new LineErrorListener(file, findings);
        const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, 'utf8'), listener);
        const unit = parser.compilationUnit();
        const declaration = unit.typeDeclaration();
        const apexClass = declaration?.classDeclaration();
        if (listener.errors > 0 || !apexClass || isTestClass(declaration.modifier_list())) {
            continue;
        }
        collectFields(file, apexClass, apexClass.id().getText(), pending, findings);
    }
    const byName = new Map(pending.map((field) => [`${field.className}.${field.name}`.toLowerCase(), field]));
    const evaluator = new Evaluator(byName, findings);
    const constants = pending.flatMap((field) => {
        const value = evaluator.constant(field);
        const { className, name, file, line, isPublic } = field;
        return value ? [{ className, name, file, line, isPublic, value }] : [];
    });
    return { constants, findings };
}

function collectFields(file, apexClass, className, pending, findings) {
    for (const member of apexClass.classBody().classBodyDeclaration_list()) {
        const declaration = member.memberDeclaration();
        const inner = declaration?.classDeclaration();
        if (inner) {
            for (const innerMember of inner.classBody().classBodyDeclaration_list()) {
                if (innerMember.memberDeclaration()?.fieldDeclaration() && isStaticFinal(innerMember.modifier_list())) {
                    const where = `${className}.${inner.id().getText()}`;
                    findings.push({
                        file,
                        line: innerMember.start.line,
                        rule: UNREADABLE,
                        message: `a static final field of the inner class ${where}: only top-level classes are read`
                    });
                }
            }
            continue;
        }
        const field = declaration?.fieldDeclaration();
        const modifiers = member.modifier_list();
        if (!field || !isStaticFinal(modifiers)) {
            continue;
        }
        const isPublic = modifiers.some((modifier) => modifier.PUBLIC() || modifier.GLOBAL());
        for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
            pending.push({
                className,
                name: declarator.id().getText(),
                file,
                line: declarator.start.line,
                isPublic,
                typeRef: field.typeRef(),
                initializer: declarator.expression()
            });
        }
    }
}

/** Evaluates initializers; references are followed (and cached) across classes, cycles are refused. */
class Evaluator {
    constructor(byName, findings) {
        this.byName = byName;
        this.findings = findings;
        this.values = new Map();
        this.active = new Set();
    }

    /** The field's value, or null after reporting why it cannot be read. */
    constant(field) {
        const key = `${field.className}.${field.name}`.toLowerCase();
        if (this.values.has(key)) {
            return this.values.get(key);
        }
        let value = null;
        this.active.add(key);
        try {
            value = this.evaluate(field);
        } catch (error) {
            if (!(error instanceof Unreadable)) {
                throw error;
            }
            this.findings.push({
                file: field.file,
                line: error.line,
                rule: UNREADABLE,
                message: `${field.className}.${field.name}: ${error.message}`
            });
        }
        this.active.delete(key);
        this.values.set(key, value);
        return value;
    }

    evaluate(field) {
        const shape = declaredShape(typeName(field.typeRef));
        if (!shape) {
            throw new Unreadable(field.typeRef, `the type ${field.typeRef.getText()} is not one the generator reads`);
        }
        const expression = field.initializer;
        if (!expression) {
            throw new Unreadable(field.typeRef, 'no initializer; a value assigned elsewhere cannot be read');
        }
        if (shape.kind === 'scalar') {
            return { kind: 'scalar', type: shape.type, value: this.scalar(expression, shape.type, field.className) };
        }
        if (shape.kind === 'pattern') {
            return { kind: 'pattern', source: this.patternSource(expression, field.className) };
        }
        const creator = expression.creator?.();
        const wanted = shape.kind === 'map' ? `map<string,${shape.element}>` : `${shape.kind}<${shape.element}>`;
        if (!creator || typeName(creator.createdName()) !== wanted) {
            throw new Unreadable(
                expression,
                `${expression.getText()} is not a new ${field.typeRef.getText()}{…} literal`
            );
        }
        if (shape.kind === 'map') {
            const pairs = creator.mapCreatorRest()?.mapCreatorRestPair_list();
            if (!pairs) {
                throw new Unreadable(
                    expression,
                    `${expression.getText()} is not a new Map<String, T>{ k => v } literal`
                );
            }
            const entries = pairs.map((pair) => [
                this.scalar(pair.expression(0), 'string', field.className),
                this.scalar(pair.expression(1), shape.type, field.className)
            ]);
            const keys = entries.map(([key]) => key);
            const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
            if (repeated !== undefined) {
                throw new Unreadable(expression, `the key '${repeated}' is given twice`);
            }
            return { kind: 'map', type: shape.type, entries };
        }
        const elements = creator.setCreatorRest()?.expression_list();
        if (!elements) {
            throw new Unreadable(
                expression,
                `${expression.getText()} is not a new ${field.typeRef.getText()}{ … } literal`
            );
        }
        const values = elements.map((element) => this.scalar(element, shape.type, field.className));
        return { kind: shape.kind, type: shape.type, values };
    }

    /** A literal or a reference to a scalar constant of the same type. */
    scalar(expression, type, className) {
        const literal = expression.primary?.()?.literal?.();
        if (literal) {
            return this.literal(expression, literal, type);
        }
        if (
            type === 'number' &&
            (expression instanceof Arth1ExpressionContext || expression instanceof Arth2ExpressionContext)
        ) {
            return this.arithmetic(expression, className);
        }
        const label = LABEL_REFERENCE.exec(expression.getText());
        if (type === 'string' && label) {
            return label[1];
        }
        const reference = this.reference(expression, className);
        if (reference) {
            if (reference.kind !== 'scalar' || reference.type !== type) {
                throw new Unreadable(
                    expression,
                    `${expression.getText()} is not a ${type === 'string' ? 'String' : 'number'}`
                );
            }
            return reference.value;
        }
        throw new Unreadable(expression, `${expression.getText()} is not a literal or a constant`);
    }

    /** `A * B`, `A / B`, `A + B`, `A - B` of Integer constants, as Apex computes them (division truncates). */
    arithmetic(expression, className) {
        const left = this.scalar(expression.expression(0), 'number', className);
        const right = this.scalar(expression.expression(1), 'number', className);
        const operator = expression.getChild(1).getText();
        const results = {
            '*': () => left * right,
            '/': () => Math.trunc(left / right),
            '+': () => left + right,
            '-': () => left - right
        };
        if (!(operator in results) || (operator === '/' && right === 0)) {
            throw new Unreadable(expression, `${expression.getText()} is not an arithmetic the generator computes`);
        }
        return results[operator]();
    }

    literal(expression, literal, type) {
        const text = literal.getText();
        if (type === 'string' && literal.StringLiteral()) {
            return decodeString(expression, text);
        }
        if (type === 'number' && (literal.IntegerLiteral() || literal.LongLiteral())) {
            const value = BigInt(text.replace(/l$/i, ''));
            if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
                throw new Unreadable(expression, `${text} is beyond 2^53 - 1, which a JavaScript number cannot hold`);
            }
            return Number(value);
        }
        throw new Unreadable(
            expression,
            `${text} is not a ${type === 'string' ? 'String' : 'Integer or Long'} literal`
        );
    }

    /** The value of `NAME` (this class) or `Class.NAME`; null when the expression is no such reference. */
    reference(expression, className) {
        let key = null;
        const id = expression.primary?.()?.id?.();
        if (id) {
            key = `${className}.${id.getText()}`;
        } else if (expression.anyId?.() && !expression.dotMethodCall?.()) {
            const owner = expression.expression().primary?.()?.id?.();
            key = owner ? `${owner.getText()}.${expression.anyId().getText()}` : null;
        }
        const field = key && this.byName.get(key.toLowerCase());
        if (!field) {
            return null;
        }
        if (this.active.has(key.toLowerCase())) {
            throw new Unreadable(expression, `${expression.getText()} refers back to itself`);
        }
        const value = this.constant(field);
        if (!value) {
            throw new Unreadable(expression, `${expression.getText()} cannot be read (reported at its declaration)`);
        }
        return value;
    }

    patternSource(expression, className) {
        const call = expression.dotMethodCall?.();
        const owner = expression.expression?.()?.getText().toLowerCase();
        const args = call?.expressionList()?.expression_list() ?? [];
        if (!call || owner !== 'pattern' || call.anyId().getText().toLowerCase() !== 'compile' || args.length !== 1) {
            throw new Unreadable(expression, `${expression.getText()} is not Pattern.compile(<string>)`);
        }
        const source = this.scalar(args[0], 'string', className);
        const problem = javaOnlyConstruct(source);
        if (problem) {
            throw new Unreadable(expression, `the pattern '${source}' ${problem}`);
        }
        return source;
    }
}

// Escapes that mean the same in Java and in a JavaScript RegExp without flags: ASCII classes, control characters,
// \uXXXX and \xHH, back references; any escaped punctuation is the character itself in both.
const SAME_ESCAPES = /^(?:[dDwWbBtnrf1-9]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^A-Za-z0-9])/;

/**
 * Why a Java regular expression would not mean the same as a JavaScript one, or null. Refused: other escapes
 * (\s and . include other characters in Java, \p \Q \A \z … do not exist or differ), inline flags and atomic
 * groups, possessive quantifiers, class unions and intersections.
 */
export function javaOnlyConstruct(source) {
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        const next = source[i + 1];
        if (char === '\\') {
            const escape = SAME_ESCAPES.exec(source.slice(i + 1));
            if (!escape) {
                return `uses \\${next ?? ''}, which Java and JavaScript read differently`;
            }
            i += escape[0].length;
        } else if (inClass) {
            if (char === '[' || (char === '&' && next === '&')) {
                return 'uses a character class union or intersection, which JavaScript does not have';
            }
            inClass = char !== ']';
        } else if (char === '[') {
            inClass = true;
            i += next === '^' ? 1 : 0;
            if (source[i + 1] === ']') {
                return 'starts a character class with ], a literal in Java and an empty class in JavaScript';
            }
        } else if (char === '.') {
            return 'uses ., which in Java also excludes U+0085; write a character class';
        } else if (char === '(' && next === '?' && !/^\(\?(?::|=|!|<=|<!)/.test(source.slice(i))) {
            return 'uses an inline flag, an atomic or a named group, which JavaScript reads differently';
        } else if ('*+?}'.includes(char) && next === '+') {
            return 'uses a possessive quantifier, which JavaScript does not have';
        }
    }
    try {
        new RegExp(source);
    } catch (error) {
        return `is not a valid JavaScript RegExp (${error.message})`;
    }
    return null;
}

/**
 * @typedef {object} Picklist
 * @property {string} objectName
 * @property {string} fieldName
 * @property {string} file    absolute path of the field's XML
 * @property {number} line    line of <valueSet>
 * @property {string[]} values API names (fullName), in the metadata's order
 */

const xmlParser = new XMLParser({ isArray: (name) => name === 'value', parseTagValue: false });

/**
 * The picklist fields of every object under `packageDirs` (objects/<Object>/fields/<Field>.field-meta.xml).
 * @returns {{ picklists: Picklist[], findings: import('./report.mjs').Finding[] }}
 */
export function readPicklists(packageDirs) {
    const picklists = [];
    const findings = [];
    const fieldFiles = packageDirs
        .flatMap(walkFiles)
        .filter((file) => file.endsWith('.field-meta.xml') && path.basename(path.dirname(file)) === 'fields')
        .filter((file) => path.basename(path.dirname(path.dirname(path.dirname(file)))) === 'objects');
    for (const file of fieldFiles) {
        const text = readFileSync(file, 'utf8');
        const valueSet = xmlParser.parse(text).CustomField?.valueSet;
        if (!valueSet) {
            continue;
        }
        const line = text.slice(0, text.indexOf('<valueSet')).split('\n').length;
        const values = valueSet.valueSetDefinition?.value?.map((value) => value.fullName);
        if (!values || values.some((value) => typeof value !== 'string')) {
            findings.push({
                file,
                line,
                rule: UNREADABLE,
                message: 'a picklist without its own <valueSetDefinition> (a global value set?) cannot be read'
            });
            continue;
        }
        picklists.push({
            objectName: path.basename(path.dirname(path.dirname(file))),
            fieldName: path.basename(file, '.field-meta.xml'),
            file,
            line,
            values
        });
    }
    return { picklists, findings };
}
