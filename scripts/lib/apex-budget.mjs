// What one Apex entry point spends of the governor limits, read from the Apex itself rather than restated by hand:
// starting at a method (e.g. CrmSyncAdminController.getUsers), follows the calls it makes into other production
// classes and lists every site that runs SOQL, opens or reads a cursor, writes DML, calls out or enqueues work, with
// whether the site sits in a loop (directly or through the call that reached it).
//
// Calls are resolved statically and conservatively: `Class.method(…)`, `new Class(…).method(…)`, `field.method(…)`
// or `local.method(…)` where the field or local is declared with a production class type, and `method(…)` in the
// same class; every overload of a name counts. Dynamic dispatch through interfaces is not followed (the classes
// this is used for have none on the paths it reads).
import { readFileSync } from 'node:fs';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { walkFiles } from './project.mjs';

const DATABASE_KINDS = new Map([
    ['query', 'soql'],
    ['querywithbinds', 'soql'],
    ['countquery', 'soql'],
    ['countquerywithbinds', 'soql'],
    ['getquerylocator', 'soql'],
    ['getquerylocatorwithbinds', 'soql'],
    ['getpaginationcursor', 'cursor'],
    ['getpaginationcursorwithbinds', 'cursor'],
    ['getcursor', 'cursor'],
    ['getcursorwithbinds', 'cursor'],
    ['insert', 'dml'],
    ['update', 'dml'],
    ['upsert', 'dml'],
    ['delete', 'dml'],
    ['undelete', 'dml'],
    ['merge', 'dml']
]);
const DML_KEYWORDS = new Set(['insert', 'update', 'upsert', 'delete', 'undelete', 'merge']);
const STATEMENT_START = new Set([';', '{', '}']);
const LOOP_CONTEXTS = new Set(['ForStatementContext', 'WhileStatementContext', 'DoWhileStatementContext']);

/** @typedef {{ kind: string, site: string, file: string, line: number, inLoop: boolean }} BudgetSite */

function isTestClass(source) {
    return /@IsTest\b/i.test(source);
}

/** Token ranges of loop bodies in a subtree (a for loop's SOQL in its header runs once, so only bodies count). */
function loopBodies(node, ranges = []) {
    if (LOOP_CONTEXTS.has(node.constructor.name)) {
        const body = node.statement?.() ?? node.block?.();
        if (body) {
            ranges.push([body.start.tokenIndex, body.stop.tokenIndex]);
        }
    }
    for (const child of node.children ?? []) {
        loopBodies(child, ranges);
    }
    return ranges;
}

/** Every production class: its methods (name → bodies of tokens) and its fields' declared types. */
function readClasses(packageDirs) {
    const classes = new Map();
    for (const dir of packageDirs) {
        for (const file of walkFiles(dir).filter((name) => name.endsWith('.cls'))) {
            const source = readFileSync(file, 'utf8');
            if (isTestClass(source)) {
                continue;
            }
            const { parser } = ApexParserFactory.createLexerAndParser(source, new ApexErrorListener());
            const declaration = parser.compilationUnit().typeDeclaration()?.classDeclaration();
            if (!declaration) {
                continue;
            }
            const tokens = parser.getTokenStream().tokens;
            const entry = { file, methods: new Map(), fields: new Map() };
            for (const member of declaration.classBody().classBodyDeclaration_list()) {
                const declared = member.memberDeclaration();
                const method = declared?.methodDeclaration() ?? declared?.constructorDeclaration();
                const field = declared?.fieldDeclaration();
                if (method?.block()) {
                    const name = method.id?.()?.getText() ?? method.qualifiedName().getText();
                    const block = method.block();
                    const body = tokens
                        .slice(block.start.tokenIndex, block.stop.tokenIndex + 1)
                        .filter((token) => token.channel === 0);
                    const bodies = entry.methods.get(name) ?? [];
                    bodies.push({ tokens: body, loops: loopBodies(block) });
                    entry.methods.set(name, bodies);
                } else if (field) {
                    const type = field.typeRef().getText().split('<')[0];
                    for (const variable of field.variableDeclarators().variableDeclarator_list()) {
                        entry.fields.set(variable.id().getText(), type);
                    }
                }
            }
            classes.set(declaration.id().getText(), entry);
        }
    }
    return classes;
}

/** `new Type(…)` ending at the `)` at index close: Type, or undefined when the parentheses are no constructor call. */
function constructedType(tokens, close) {
    let depth = 0;
    let open = close;
    for (; open >= 0; open--) {
        depth += tokens[open].text === ')' ? 1 : tokens[open].text === '(' ? -1 : 0;
        if (depth === 0) {
            break;
        }
    }
    return tokens[open - 2]?.text === 'new' ? tokens[open - 1].text : undefined;
}

/** The production classes a method body calls into, and the limit-consuming sites in it. */
function scanBody(className, body, classes) {
    const { tokens, loops } = body;
    const locals = new Map();
    const calls = [];
    const sites = [];
    const text = (index) => tokens[index]?.text ?? '';
    const lower = (index) => text(index).toLowerCase();
    const inLoop = (index) =>
        loops.some(([from, to]) => tokens[index].tokenIndex >= from && tokens[index].tokenIndex <= to);
    const typeOf = (name) => (classes.has(name) ? name : (locals.get(name) ?? classes.get(className).fields.get(name)));

    for (let index = 0; index < tokens.length; index++) {
        // `Type name =` or `Type name;` declares a local (generic types are never receivers of interest here).
        if (
            /^[A-Z]\w*$/.test(text(index)) &&
            /^[A-Za-z_]\w*$/.test(text(index + 1)) &&
            ['=', ';'].includes(text(index + 2))
        ) {
            locals.set(text(index + 1), text(index));
        }
        const loop = inLoop(index);
        const line = tokens[index].line;
        if (text(index) === '[' && lower(index + 1) === 'select') {
            sites.push({ kind: 'soql', line, inLoop: loop });
        } else if (DML_KEYWORDS.has(lower(index)) && STATEMENT_START.has(text(index - 1)) && text(index + 1) !== '(') {
            sites.push({ kind: 'dml', line, inLoop: loop });
        }
        if (text(index + 1) !== '(' || !/^[A-Za-z_]\w*$/.test(text(index))) {
            continue;
        }
        const name = text(index);
        if (text(index - 1) !== '.') {
            if (text(index - 1) !== 'new' && classes.get(className).methods.has(name)) {
                calls.push({ target: `${className}.${name}`, inLoop: loop });
            }
            continue;
        }
        const receiver = text(index - 2);
        let type = typeOf(receiver);
        if (receiver === ')') {
            type = constructedType(tokens, index - 2);
        }
        if (receiver.toLowerCase() === 'database' && DATABASE_KINDS.has(name.toLowerCase())) {
            sites.push({ kind: DATABASE_KINDS.get(name.toLowerCase()), line, inLoop: loop });
        } else if (name === 'fetchPage' || name === 'fetch') {
            sites.push({ kind: 'cursor fetch', line, inLoop: loop });
        } else if (name === 'send' && type === 'Http') {
            sites.push({ kind: 'callout', line, inLoop: loop });
        } else if (receiver.toLowerCase() === 'system' && name.toLowerCase() === 'enqueuejob') {
            sites.push({ kind: 'enqueue', line, inLoop: loop });
        }
        if (type && classes.get(type)?.methods.has(name)) {
            calls.push({ target: `${type}.${name}`, inLoop: loop });
        }
    }
    return { calls, sites };
}

/**
 * @param {string} entry `Class.method`
 * @param {string[]} packageDirs absolute folders holding the classes
 * @returns {{ methods: string[], sites: BudgetSite[] }} the methods reached and their sites, in call order
 */
export function apexBudget(entry, packageDirs) {
    const classes = readClasses(packageDirs);
    const [entryClass, entryMethod] = entry.split('.');
    if (!classes.get(entryClass)?.methods.has(entryMethod)) {
        throw new Error(`${entry}: no such method in the production Apex`);
    }
    const methods = [];
    const sites = [];
    const visit = (target, inLoop) => {
        if (methods.includes(target)) {
            return;
        }
        methods.push(target);
        const [className, methodName] = target.split('.');
        const { file, methods: bodies } = classes.get(className);
        for (const body of bodies.get(methodName)) {
            const scan = scanBody(className, body, classes);
            for (const site of scan.sites) {
                sites.push({ ...site, site: target, file, inLoop: inLoop || site.inLoop });
            }
            for (const call of scan.calls) {
                visit(call.target, inLoop || call.inLoop);
            }
        }
    };
    visit(entry, false);
    return { methods, sites };
}
