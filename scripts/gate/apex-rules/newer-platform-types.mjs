// apex/newer-platform-type: Apex platform types newer than the standard library of the gate's apex-ls (API 65.0).
// Database.PaginationCursor, Database.CursorFetchResult and Database.getPaginationCursor[WithBinds] are GA in API
// 66.0 (Spring '26); apex-ls 6.0.2 does not know them and reports every use as missing. So:
//
//   1. filterApexLsFindings drops exactly those apex-ls findings ("No type declaration found for
//      'Database.PaginationCursor'", "No matching method found for 'getPaginationCursorWithBinds' on
//      'System.Database' …"), and only in classes whose -meta.xml says apiVersion 66.0 or later: below it the
//      platform refuses the types too, so apex-ls's finding stands. A static call whose arguments do not have the
//      declared types keeps apex-ls's finding; one with the wrong number of arguments is reported here instead.
//   2. checkNewerPlatformTypes takes over what apex-ls can no longer check, over the parse tree of
//      @apexdevtools/apex-parser: every method called on a value of one of these types (a local, parameter, field or
//      property declared with it, an element of a List/Set/Map of it, a cast, or a call whose declared return type
//      it is, project methods included) must be a declared member taking the declared number of arguments, and
//      Database.getPaginationCursor* must get their declared number of arguments.
//
// Not checked: argument types of the instance methods, what a value of these types is passed to or assigned to,
// and uses in triggers. Delete this module (and its use in check-apex.mjs, its fixtures and tests) once the gate's
// apex-ls has the API 66.0 standard library: apex-ls then checks all of it.
import { existsSync, readFileSync } from 'node:fs';
import {
    ArrayExpressionContext,
    BlockContext,
    CastExpressionContext,
    CatchClauseContext,
    ClassDeclarationContext,
    CondExpressionContext,
    DotExpressionContext,
    EnhancedForControlContext,
    ForStatementContext,
    IdPrimaryContext,
    LocalVariableDeclarationContext,
    MethodCallExpressionContext,
    NewExpressionContext,
    PrimaryExpressionContext,
    SubExpressionContext,
    SuperPrimaryContext,
    ThisPrimaryContext,
    WhenControlContext
} from '@apexdevtools/apex-parser';
import { parseClasses } from '../../lib/apex-parse.mjs';
import { ProjectModel } from '../../lib/apex-model.mjs';

const RULE = 'apex/newer-platform-type';

/** The API version that brought the types below, and the declared table of what it brought. */
export const NEWER_API_VERSION = 66;
export const NEWER_TYPES = [
    {
        name: 'Database.PaginationCursor',
        methods: [
            { name: 'getNumRecords', params: [], returns: 'Integer' },
            { name: 'fetchPage', params: ['Integer start', 'Integer pageSize'], returns: 'Database.CursorFetchResult' },
            { name: 'fetchDeleted', params: ['Integer start', 'Integer pageSize'], returns: 'Integer' }
        ]
    },
    {
        name: 'Database.CursorFetchResult',
        methods: [
            { name: 'getRecords', params: [], returns: 'List<SObject>' },
            { name: 'getNextIndex', params: [], returns: 'Integer' },
            { name: 'getNumDeletedRecords', params: [], returns: 'Integer' },
            { name: 'isDone', params: [], returns: 'Boolean' }
        ]
    }
];
export const NEWER_STATIC_METHODS = [
    {
        type: 'Database',
        name: 'getPaginationCursor',
        params: ['String query', 'AccessLevel accessLevel'],
        returns: 'Database.PaginationCursor'
    },
    {
        type: 'Database',
        name: 'getPaginationCursorWithBinds',
        params: ['String query', 'Map<String, Object> bindMap', 'AccessLevel accessLevel'],
        returns: 'Database.PaginationCursor'
    }
];

const typesByName = new Map(NEWER_TYPES.map((type) => [type.name.toLowerCase(), type]));
const staticByName = new Map(NEWER_STATIC_METHODS.map((method) => [method.name.toLowerCase(), method]));

const paramType = (param) => param.slice(0, param.lastIndexOf(' '));
const signature = (method) => `${method.name}(${method.params.join(', ')})`;
const plural = (count) => `${count} argument${count === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------------------------
// 1. apex-ls findings

/** A class's or trigger's apiVersion from its -meta.xml; null when there is none (apex-ls reports that). */
export function apiVersionOf(file) {
    const meta = `${file}-meta.xml`;
    if (!existsSync(meta)) {
        return null;
    }
    const match = /<apiVersion>\s*([\d.]+)\s*<\/apiVersion>/.exec(readFileSync(meta, 'utf8'));
    return match ? Number(match[1]) : null;
}

/** Splits `A, Map<B, C>, D` at the commas outside angle brackets. */
function splitTopLevel(text) {
    const parts = [];
    let depth = 0;
    let current = '';
    for (const char of text) {
        if (char === ',' && depth === 0) {
            parts.push(current.trim());
            current = '';
            continue;
        }
        depth += char === '<' ? 1 : char === '>' ? -1 : 0;
        current += char;
    }
    if (current.trim()) {
        parts.push(current.trim());
    }
    return parts;
}

/** `Map<String, Object>` as apex-ls writes an argument type: `System.Map<System.String, Object>`. */
function apexLsTypeName(type) {
    return type.replace(/\b(String|Integer|Long|Boolean|Map|List|Set|AccessLevel)\b/g, 'System.$1');
}

/** `Database.PaginationCursor`, `List<Database.PaginationCursor>`, `Map<String, Database.CursorFetchResult>`, … */
function namesOnlyNewerTypes(typeText) {
    const text = typeText.trim().replace(/^System\./i, '');
    if (typesByName.has(text.toLowerCase())) {
        return true;
    }
    const array = /^(.+)\[\]$/.exec(text);
    if (array) {
        return namesOnlyNewerTypes(array[1]);
    }
    const generic = /^(?:System\.)?(List|Set|Iterable|Map)<(.+)>$/i.exec(text);
    if (!generic) {
        return false;
    }
    const args = splitTopLevel(generic[2]);
    return namesOnlyNewerTypes(args.at(-1)) && args.slice(0, -1).every((arg) => !arg.includes('<'));
}

/**
 * Whether an apex-ls message only says that it does not know the API 66.0 types: an unknown type among them, or a
 * static method of the table called with its declared argument types (or with another number of arguments, which
 * checkNewerPlatformTypes reports).
 */
export function isNewerPlatformMessage(message) {
    const unknownType = /^No type declaration found for '(.+)'$/.exec(message);
    if (unknownType) {
        return namesOnlyNewerTypes(unknownType[1]);
    }
    const noMethod = /^No matching method found for '(\w+)' on '(?:System\.)?(\w+)' taking arguments '(.*)'$/.exec(
        message
    );
    const method = noMethod && staticByName.get(noMethod[1].toLowerCase());
    if (!method || method.type.toLowerCase() !== noMethod[2].toLowerCase()) {
        return false;
    }
    const args = splitTopLevel(noMethod[3]);
    if (args.length !== method.params.length) {
        return true;
    }
    return args.every((arg, i) => arg === apexLsTypeName(paramType(method.params[i])));
}

/**
 * Drops apex-ls findings about the API 66.0 types in classes at apiVersion 66.0 or later.
 * @param {{file: string, rule: string, message: string}[]} findings apex-ls's findings, file absolute
 * @returns {{ kept: object[], dropped: number }}
 */
export function filterApexLsFindings(findings) {
    const versions = new Map();
    const versionOf = (file) => {
        if (!versions.has(file)) {
            versions.set(file, apiVersionOf(file));
        }
        return versions.get(file);
    };
    const kept = findings.filter(
        (finding) =>
            !(
                finding.rule.startsWith('apex-ls/') &&
                isNewerPlatformMessage(finding.message) &&
                versionOf(finding.file) >= NEWER_API_VERSION
            )
    );
    return { kept, dropped: findings.length - kept.length };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Calls on values of the API 66.0 types

/**
 * @param {string[]} apexFiles every .cls and .trigger of the project (triggers are not read)
 * @returns {Promise<{file: string, line: number, rule: string, message: string}[]>}
 */
export async function checkNewerPlatformTypes(apexFiles) {
    const model = new NewerTypesModel(await parseClasses(apexFiles));
    const findings = [];
    for (const cls of model.classes.values()) {
        for (const body of cls.bodies) {
            new BodyWalker(model, cls, body, findings).run();
        }
    }
    return findings;
}

/** The project model, with declared types resolved to the newer types of the table where they name one. */
class NewerTypesModel extends ProjectModel {
    /**
     * A declared type: `{ newer }` for a type of the table, `{ cls }` for a project class, `{ element }` for
     * List<T>, Set<T>, T[] and Map<K, T> (whose get() gives T); null for anything else.
     */
    resolveType(text, scope) {
        if (!text) {
            return null;
        }
        const lower = text
            .replace(/\s+/g, '')
            .toLowerCase()
            .replace(/^system\./, '');
        const newer = typesByName.get(lower);
        if (newer) {
            return { newer };
        }
        const collection = /^(?:list|set)<(.+)>$/.exec(lower) ?? /^(.+)\[\]$/.exec(lower);
        if (collection) {
            return { element: this.resolveType(collection[1], scope) };
        }
        const map = /^map<(.+)>$/.exec(lower);
        if (map) {
            return { element: this.resolveType(splitTopLevel(map[1]).at(-1), scope) };
        }
        const cls = this.lookupClass(lower, scope);
        return cls ? { cls } : null;
    }

    /** The declared return type of a project method `name` with `arity` parameters (any arity when none has it). */
    returnType(cls, name, arity) {
        const [method] = this.methodsFor(cls, name, arity, false);
        return method ? this.resolveType(method.returnType, method.cls) : null;
    }
}

/** Walks one body with its scopes of local variables, checking each method call on a value of a newer type. */
class BodyWalker {
    constructor(model, cls, body, findings) {
        this.model = model;
        this.cls = cls;
        this.body = body;
        this.findings = findings;
        /** Innermost last; each maps a lower-case name to its declared type text. */
        this.scopes = [new Map(body.params.map((param) => [param.name, param.type]))];
    }

    run() {
        this.visit(this.body.node);
    }

    visit(node) {
        if (node instanceof LocalVariableDeclarationContext) {
            this.visitChildren(node);
            for (const declarator of node.variableDeclarators().variableDeclarator_list()) {
                this.declare(declarator.id(), node.typeRef());
            }
        } else if (node instanceof EnhancedForControlContext) {
            this.declare(node.id(), node.typeRef());
            this.visitChildren(node);
        } else if (node instanceof CatchClauseContext) {
            this.inScope(() => {
                this.declare(node.id(), node.qualifiedName());
                this.visitChildren(node);
            });
        } else if (
            node instanceof BlockContext ||
            node instanceof ForStatementContext ||
            node instanceof WhenControlContext
        ) {
            this.inScope(() => {
                const whenValue = node instanceof WhenControlContext ? node.whenValue() : null;
                if (whenValue?.id() && whenValue.typeRef()) {
                    this.declare(whenValue.id(), whenValue.typeRef());
                }
                this.visitChildren(node);
            });
        } else if (node instanceof ClassDeclarationContext) {
            // An inner class is walked on its own.
        } else {
            this.visitChildren(node);
            if (node instanceof DotExpressionContext && node.dotMethodCall()) {
                this.checkCall(node);
            }
        }
    }

    visitChildren(node) {
        for (const child of node.children ?? []) {
            this.visit(child);
        }
    }

    inScope(run) {
        this.scopes.push(new Map());
        run();
        this.scopes.pop();
    }

    declare(id, typeRef) {
        this.scopes.at(-1).set(id.getText().toLowerCase(), typeRef.getText());
    }

    checkCall(node) {
        const call = node.dotMethodCall();
        const name = call.anyId().getText();
        const arity = call.expressionList()?.expression_list().length ?? 0;
        const receiver = this.typeOf(node.expression());
        const line = call.anyId().start.line;
        if (receiver?.newer && !receiver.isType) {
            const type = receiver.newer;
            const method = type.methods.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
            if (!method) {
                const declared = type.methods.map(signature).join(', ');
                this.report(line, `${type.name} has no method ${name}(); its methods (API 66.0) are ${declared}`);
            } else if (method.params.length !== arity) {
                this.report(line, wrongArity(`${type.name}.${method.name}`, method, arity));
            }
        } else if (receiver?.platform === 'database' && receiver.isType) {
            const method = staticByName.get(name.toLowerCase());
            if (method && method.params.length !== arity) {
                this.report(line, wrongArity(`${method.type}.${method.name}`, method, arity));
            }
        }
    }

    report(line, message) {
        this.findings.push({ file: this.cls.file, line, rule: RULE, message });
    }

    // ---- static types ----

    /**
     * `{ newer }`, `{ cls }` or `{ element }` for a value; with `isType: true` for a type name before a static call
     * (`{ platform }` for a platform type such as Database); null when it cannot be told.
     */
    typeOf(node) {
        if (node instanceof PrimaryExpressionContext) {
            const primary = node.primary();
            if (primary instanceof ThisPrimaryContext) {
                return { cls: this.cls };
            }
            if (primary instanceof SuperPrimaryContext) {
                const [, parent] = this.model.superclassChain(this.cls);
                return parent ? { cls: parent } : null;
            }
            return primary instanceof IdPrimaryContext ? this.nameType(primary.id().getText()) : null;
        }
        if (node instanceof DotExpressionContext) {
            const receiver = this.typeOf(node.expression());
            const call = node.dotMethodCall();
            return call
                ? this.callType(receiver, call.anyId().getText(), call.expressionList()?.expression_list().length ?? 0)
                : this.memberType(receiver, node.anyId().getText());
        }
        if (node instanceof MethodCallExpressionContext) {
            const call = node.methodCall();
            if (!call.id()) {
                return null;
            }
            const arity = call.expressionList()?.expression_list().length ?? 0;
            for (let cls = this.cls; cls; cls = cls.outer) {
                const type = this.model.returnType(cls, call.id().getText(), arity);
                if (type) {
                    return type;
                }
            }
            return null;
        }
        if (node instanceof NewExpressionContext) {
            const name = node
                .creator()
                .createdName()
                .idCreatedNamePair_list()
                .map((pair) => pair.getText())
                .join('.');
            return this.model.resolveType(name, this.cls);
        }
        if (node instanceof CastExpressionContext) {
            return this.model.resolveType(node.typeRef().getText(), this.cls);
        }
        if (node instanceof SubExpressionContext) {
            return this.typeOf(node.expression());
        }
        if (node instanceof ArrayExpressionContext) {
            return this.typeOf(node.expression(0))?.element ?? null;
        }
        if (node instanceof CondExpressionContext) {
            const [, whenTrue, whenFalse] = node.expression_list();
            return this.typeOf(whenTrue) ?? this.typeOf(whenFalse);
        }
        return null;
    }

    nameType(name) {
        const lower = name.toLowerCase();
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            if (this.scopes[i].has(lower)) {
                return this.model.resolveType(this.scopes[i].get(lower), this.cls);
            }
        }
        for (let cls = this.cls; cls; cls = cls.outer) {
            if (this.model.superclassChain(cls).some((current) => current.fieldTypes.has(lower))) {
                return this.model.fieldType(cls, lower);
            }
        }
        const cls = this.model.lookupClass(lower, this.cls);
        return cls ? { cls, isType: true } : { platform: lower, isType: true };
    }

    memberType(receiver, name) {
        const lower = name.toLowerCase();
        if (receiver?.cls) {
            const inner = receiver.isType
                ? this.model.classes.get(`${receiver.cls.fullName.toLowerCase()}.${lower}`)
                : null;
            return inner ? { cls: inner, isType: true } : this.model.fieldType(receiver.cls, lower);
        }
        if (receiver?.isType && receiver.platform === 'system') {
            return { platform: lower, isType: true };
        }
        if (receiver?.isType && receiver.platform) {
            const newer = typesByName.get(`${receiver.platform}.${lower}`);
            return newer ? { newer, isType: true } : null;
        }
        return null;
    }

    callType(receiver, name, arity) {
        const lower = name.toLowerCase();
        if (receiver?.newer && !receiver.isType) {
            const method = receiver.newer.methods.find((candidate) => candidate.name.toLowerCase() === lower);
            return method ? this.model.resolveType(method.returns, this.cls) : null;
        }
        if (receiver?.platform === 'database' && receiver.isType) {
            const method = staticByName.get(lower);
            return method ? this.model.resolveType(method.returns, this.cls) : null;
        }
        if (receiver?.cls) {
            return this.model.returnType(receiver.cls, name, arity);
        }
        if (receiver?.element !== undefined && !receiver.isType && lower === 'get') {
            return receiver.element;
        }
        return null;
    }
}

function wrongArity(label, method, arity) {
    const declared = method.params.length === 0 ? 'none' : method.params.join(', ');
    return `${label} takes ${plural(method.params.length)} (${declared}), not ${arity}`;
}
