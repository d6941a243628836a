// What one Apex entry point spends of the governor limits, read from the Apex itself rather than restated by hand:
// starting at a method (e.g. CrmSyncAdminController.getUsers), follows the calls it makes into other production
// classes and lists every site that runs SOQL, opens or reads a cursor, writes DML, calls out or enqueues work, with
// whether the site sits in a loop (directly or through the call that reached it).
//
// Calls are resolved statically and conservatively over the project model check:apex uses: `Class.method(…)`,
// `new Class(…)` (its constructors and instance initializers) and `new Class(…).method(…)`, `field.method(…)` or
// `local.method(…)` where the field or local is declared with a production class type, and `method(…)` in the class
// or its superclasses; every overload of a name counts. Dynamic dispatch through interfaces is not followed (the classes
// this is used for have none on the paths it reads).
import { ProjectModel } from './apex-model.mjs';
import { parseClasses } from './apex-parse.mjs';
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
// No method has -1 parameters, so methodsFor returns every overload of the name.
const ANY_ARITY = -1;
const LOOP_CONTEXTS = new Set(['ForStatementContext', 'WhileStatementContext', 'DoWhileStatementContext']);

/** @typedef {{ kind: string, site: string, file: string, line: number, inLoop: boolean }} BudgetSite */

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

/** The tokens of a subtree in source order: its leaves. */
function tokensOf(node, tokens = []) {
    if (node.symbol) {
        tokens.push(node.symbol);
    }
    for (const child of node.children ?? []) {
        tokensOf(child, tokens);
    }
    return tokens;
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

/** The calls a body makes into production classes (methods and constructors), and its limit-consuming sites. */
function scanBody(model, cls, node) {
    const tokens = tokensOf(node);
    const loops = loopBodies(node);
    const locals = new Map();
    const calls = [];
    const sites = [];
    const text = (index) => tokens[index]?.text ?? '';
    const lower = (index) => text(index).toLowerCase();
    const inLoop = (index) =>
        loops.some(([from, to]) => tokens[index].tokenIndex >= from && tokens[index].tokenIndex <= to);
    const classNamed = (name) => {
        const found = name ? model.lookupClass(name, cls) : null;
        return found && !found.isTest ? found : null;
    };
    /** The production class a receiver names or holds, or the platform type's lower-case name. */
    const typeOf = (receiver) => {
        const declared = locals.get(receiver.toLowerCase());
        if (declared) {
            return classNamed(declared) ?? declared.toLowerCase();
        }
        const field = model.fieldType(cls, receiver.toLowerCase());
        return field ? (field.cls ?? field.platform) : classNamed(receiver);
    };

    for (let index = 0; index < tokens.length; index++) {
        // `Type name =` or `Type name;` declares a local (generic types are never receivers of interest here).
        if (
            /^[A-Z]\w*$/.test(text(index)) &&
            /^[A-Za-z_]\w*$/.test(text(index + 1)) &&
            ['=', ';'].includes(text(index + 2))
        ) {
            locals.set(lower(index + 1), text(index));
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
        if (text(index - 1) === 'new') {
            const constructed = classNamed(name);
            if (constructed) {
                calls.push({ targets: constructed.constructors, inLoop: loop });
            }
            continue;
        }
        if (text(index - 1) !== '.') {
            calls.push({ targets: model.methodsFor(cls, name, ANY_ARITY, false), inLoop: loop });
            continue;
        }
        const receiver = text(index - 2);
        const type = receiver === ')' ? classNamed(constructedType(tokens, index - 2)) : typeOf(receiver);
        if (lower(index - 2) === 'database' && DATABASE_KINDS.has(name.toLowerCase())) {
            sites.push({ kind: DATABASE_KINDS.get(name.toLowerCase()), line, inLoop: loop });
        } else if (name === 'fetchPage' || name === 'fetch') {
            sites.push({ kind: 'cursor fetch', line, inLoop: loop });
        } else if (
            name === 'send' &&
            (type === 'http' || (receiver === ')' && constructedType(tokens, index - 2) === 'Http'))
        ) {
            sites.push({ kind: 'callout', line, inLoop: loop });
        } else if (lower(index - 2) === 'system' && name.toLowerCase() === 'enqueuejob') {
            sites.push({ kind: 'enqueue', line, inLoop: loop });
        }
        if (type?.methods) {
            calls.push({ targets: model.methodsFor(type, name, ANY_ARITY, false), inLoop: loop });
        }
    }
    return { calls, sites };
}

const labelOf = (method) => `${method.cls.fullName}.${method.isConstructor ? method.cls.name : method.name}`;

/**
 * @param {string} entry `Class.method`
 * @param {string[]} packageDirs absolute folders holding the classes
 * @returns {Promise<{ methods: string[], sites: BudgetSite[] }>} the methods reached and their sites, in call order
 */
export async function apexBudget(entry, packageDirs) {
    const model = new ProjectModel(await parseClasses(packageDirs.flatMap(walkFiles)));
    const [entryClass, entryMethod] = entry.split('.');
    const start = model.lookupClass(entryClass, null);
    const roots = start && !start.isTest ? (start.methods.get(entryMethod.toLowerCase()) ?? []) : [];
    if (roots.length === 0) {
        throw new Error(`${entry}: no such method in the production Apex`);
    }
    const reached = new Set();
    const sites = [];
    const visit = (method, inLoop) => {
        if (reached.has(method) || (!method.body && !method.isConstructor)) {
            return;
        }
        reached.add(method);
        // `new` also runs the class's instance initializers (field values such as `= new CrmSyncDataAccess()`).
        const nodes = [...(method.isConstructor ? method.cls.initializers : []), method.body].filter(Boolean);
        for (const node of nodes) {
            const scan = scanBody(model, method.cls, node);
            for (const site of scan.sites) {
                sites.push({ ...site, site: labelOf(method), file: method.cls.file, inLoop: inLoop || site.inLoop });
            }
            for (const call of scan.calls) {
                call.targets.forEach((target) => visit(target, inLoop || call.inLoop));
            }
        }
    };
    roots.forEach((method) => visit(method, false));
    return { methods: [...new Set([...reached].map(labelOf))], sites };
}
