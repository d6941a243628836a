// apex/callout-after-dml: a callout made while the transaction has uncommitted work. The platform then throws
// `System.CalloutException: You have uncommitted work pending`, in tests with an HttpCalloutMock too.
//
// Model. Uncommitted work is DML (statements, also `insert as user`; Database.insert/update/upsert/delete/undelete/
// merge/convertLead/emptyRecycleBin and their Async/Immediate forms), a savepoint (Database.setSavepoint/rollback),
// EventBus.publish, async work (System.enqueueJob/schedule/scheduleBatch, Database.executeBatch, a call to an
// @future method) and Messaging.sendEmail. A callout is Http.send, WebServiceCallout.invoke or `new Continuation`.
// Every method body of the project is walked in evaluation order (receivers and arguments before the call), with
// the work that may be pending as state. Test.startTest() and Test.stopTest() end a segment and clear the state:
// the Apex guide lets DML before Test.startTest() precede a mock callout inside the block, and async work inside
// the block precede a mock callout after Test.stopTest(). System.runAs blocks do not commit and are walked inline.
// Each method starts with an empty state: a test method runs after its @TestSetup data was committed.
// Branches (if, switch, ?:, &&, ||, ??) are alternatives and their states are joined; a loop body is walked until
// its state is stable, so a callout in one iteration sees DML of the previous one; a catch or finally block starts
// from every state its try block passed through.
//
// Calls into the project's own methods are steps. A method's summary says whether it calls out while work of its
// caller is still pending, whether that work may survive it (no Test.startTest/stopTest on some path), and which
// work it may leave pending; summaries are computed to a fixpoint, so effects propagate through any call chain and
// recursion. Resolved: `Class.method(…)`, `new Class(…)` (constructors with the instance initializers),
// `new Class(…).method(…)`, unqualified and this./super. calls, calls on locals, parameters, fields and properties
// whose declared type is a project class (List<T> and T[] elements through `[…]`, casts, chained calls by declared
// return type), and on an interface or virtual class every project implementation. Not resolved, so not seen:
// dynamic dispatch (Type.forName, Callable), property accessors, static initializers, triggers, flows and event
// subscribers (Test.getEventBus().deliver()), bodies of Queueables, batches and @future methods (their own
// transaction), and exceptions thrown by a callee outside a try block.
import {
    ArrayExpressionContext,
    BlockContext,
    BreakStatementContext,
    CastExpressionContext,
    CatchClauseContext,
    CoalExpressionContext,
    CondExpressionContext,
    ContinueStatementContext,
    DeleteStatementContext,
    DoWhileStatementContext,
    DotExpressionContext,
    EnhancedForControlContext,
    ExpressionContext,
    ForStatementContext,
    IdPrimaryContext,
    IfStatementContext,
    InsertStatementContext,
    LocalVariableDeclarationContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    MergeStatementContext,
    MethodCallExpressionContext,
    NewExpressionContext,
    PrimaryExpressionContext,
    ReturnStatementContext,
    StatementContext,
    SubExpressionContext,
    SuperPrimaryContext,
    SwitchStatementContext,
    ThisPrimaryContext,
    ThrowStatementContext,
    TryStatementContext,
    UndeleteStatementContext,
    UpdateStatementContext,
    UpsertStatementContext,
    WhenValueContext,
    WhileStatementContext
} from '@apexdevtools/apex-parser';
import { parseClasses } from '../../lib/apex-parse.mjs';
import { ProjectModel } from '../../lib/apex-model.mjs';

const RULE = 'apex/callout-after-dml';

const WROTE = 'wrote records';
const PUBLISHED = 'published events';
const QUEUED = 'queued async work';
const SAVEPOINT = 'set a savepoint';
const EMAILED = 'sent e-mail';
const KIND_ORDER = [WROTE, PUBLISHED, QUEUED, SAVEPOINT, EMAILED];

// Platform methods that leave uncommitted work, by lower-case type and method.
const PENDING_WORK = new Map([
    [
        'database',
        new Map([
            ...[
                'insert',
                'update',
                'upsert',
                'delete',
                'undelete',
                'merge',
                'convertlead',
                'emptyrecyclebin',
                'insertasync',
                'updateasync',
                'deleteasync',
                'insertimmediate',
                'updateimmediate',
                'deleteimmediate'
            ].map((name) => [name, WROTE]),
            ['executebatch', QUEUED],
            ['setsavepoint', SAVEPOINT],
            ['rollback', SAVEPOINT]
        ])
    ],
    ['eventbus', new Map([['publish', PUBLISHED]])],
    [
        'system',
        new Map([
            ['enqueuejob', QUEUED],
            ['schedule', QUEUED],
            ['schedulebatch', QUEUED]
        ])
    ],
    [
        'messaging',
        new Map([
            ['sendemail', EMAILED],
            ['sendemailmessage', EMAILED]
        ])
    ]
]);
// Platform calls that call out: static ones on a type, instance ones on a value of the type.
const STATIC_CALLOUTS = new Map([['webservicecallout', new Set(['invoke'])]]);
const INSTANCE_CALLOUTS = new Map([['http', new Set(['send'])]]);
const CALLOUT_TYPES = new Set(['continuation']);
const SEGMENT_ENDS = new Set(['starttest', 'stoptest']);
const TYPE_NAMES = new Map([
    ['database', 'Database'],
    ['eventbus', 'EventBus'],
    ['system', 'System'],
    ['messaging', 'Messaging'],
    ['webservicecallout', 'WebServiceCallout'],
    ['http', 'Http']
]);

const TEST_HINT = 'move the earlier step before Test.startTest(), put Test.stopTest() between them, or split the test';
const CODE_HINT = 'call out before writing, or move the callout into a Queueable';

/** The caller's pending work, as seen from inside a method (see the summaries above). */
const ENTRY = Object.freeze({ key: 'entry' });
const NO_EFFECT = Object.freeze({ calloutWithEntry: false, keepsEntry: true, kinds: new Set() });
const ASYNC_CALL = Object.freeze({ calloutWithEntry: false, keepsEntry: true, kinds: new Set([QUEUED]) });

/**
 * @param {string[]} apexFiles every .cls and .trigger of the project (triggers are not read)
 * @returns {Promise<{file: string, line: number, rule: string, message: string}[]>}
 */
export async function checkCalloutAfterDml(apexFiles) {
    const model = new ProjectModel(await parseClasses(apexFiles));
    const methods = model.allMethods();
    const summaries = new Map();
    let findings;
    let changed = true;
    while (changed) {
        changed = false;
        findings = new Findings();
        for (const method of methods) {
            const summary = new MethodWalker(model, method, summaries, findings).run();
            if (!sameSummary(summary, summaries.get(method))) {
                summaries.set(method, summary);
                changed = true;
            }
        }
    }
    return findings.list();
}

function sameSummary(a, b) {
    return (
        b !== undefined &&
        a.calloutWithEntry === b.calloutWithEntry &&
        a.keepsEntry === b.keepsEntry &&
        a.kinds.size === b.kinds.size &&
        [...a.kinds].every((kind) => b.kinds.has(kind))
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Findings: one per callout site, naming every step whose work may be pending there

class Findings {
    constructor() {
        this.bySite = new Map();
    }

    add(file, site, origins, hint) {
        const key = `${file}:${site.line}:${site.column}`;
        const entry = this.bySite.get(key) ?? { file, site, hint, origins: new Map() };
        for (const origin of origins) {
            entry.origins.set(origin.key, origin);
        }
        this.bySite.set(key, entry);
    }

    list() {
        return [...this.bySite.values()].map(({ file, site, hint, origins }) => {
            const earlier = [...origins.values()]
                .sort((a, b) => a.line - b.line || a.column - b.column)
                .map((origin) => `${origin.label} (line ${origin.line}) ${describeKinds(origin.kinds)}`)
                .join(', and after ');
            return {
                file,
                line: site.line,
                rule: RULE,
                message: `${site.label} makes a callout after ${earlier} in the same transaction; ${hint}`
            };
        });
    }
}

/** `wrote records, published events and queued async work` */
function describeKinds(kinds) {
    const ordered = KIND_ORDER.filter((kind) => kinds.has(kind));
    return ordered.length > 1 ? `${ordered.slice(0, -1).join(', ')} and ${ordered.at(-1)}` : ordered[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Walking one method body in evaluation order

function join(a, b) {
    if (!a) {
        return b;
    }
    if (!b) {
        return a;
    }
    return new Map([...a, ...b]);
}

function sameState(a, b) {
    if (!a || !b) {
        return a === b;
    }
    return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

function siteOf(token, label) {
    return { key: `${token.line}:${token.column}`, line: token.line, column: token.column, label };
}

class MethodWalker {
    constructor(model, method, summaries, findings) {
        this.model = model;
        this.method = method;
        this.cls = method.cls;
        this.summaries = summaries;
        this.findings = findings;
        this.hint = method.cls.isTest || method.isTestMethod ? TEST_HINT : CODE_HINT;
        this.locals = new Map(method.params.map((param) => [param.name, param.type]));
        /** Pending work: origin key → origin; null where the code cannot be reached. */
        this.state = new Map([[ENTRY.key, ENTRY]]);
        this.exit = null;
        this.calloutWithEntry = false;
        this.loops = [];
        this.tries = [];
    }

    run() {
        if (this.method.isFuture) {
            return ASYNC_CALL;
        }
        const parts = [...(this.method.isConstructor ? this.cls.initializers : []), this.method.body].filter(Boolean);
        if (parts.length === 0) {
            return NO_EFFECT;
        }
        parts.forEach((part) => this.collectLocals(part));
        parts.forEach((part) => this.visit(part));
        const exit = join(this.exit, this.state) ?? new Map();
        const kinds = new Set(
            [...exit.values()].filter((origin) => origin !== ENTRY).flatMap((origin) => [...origin.kinds])
        );
        return { calloutWithEntry: this.calloutWithEntry, keepsEntry: exit.has(ENTRY.key), kinds };
    }

    /** Declared types of every local, loop and catch variable; a name declared twice keeps its first type. */
    collectLocals(node) {
        const declare = (id, typeRef) => {
            const name = id.getText().toLowerCase();
            if (!this.locals.has(name)) {
                this.locals.set(name, typeRef.getText());
            }
        };
        if (node instanceof LocalVariableDeclarationContext) {
            for (const declarator of node.variableDeclarators().variableDeclarator_list()) {
                declare(declarator.id(), node.typeRef());
            }
        } else if (node instanceof EnhancedForControlContext) {
            declare(node.id(), node.typeRef());
        } else if (node instanceof CatchClauseContext) {
            declare(node.id(), node.qualifiedName());
        } else if (node instanceof WhenValueContext && node.id()) {
            declare(node.id(), node.typeRef());
        }
        for (const child of node.children ?? []) {
            this.collectLocals(child);
        }
    }

    // ---- state changes ----

    /** Every try block on the stack remembers each state it passed through, for its catch and finally blocks. */
    observe() {
        for (const frame of this.tries) {
            frame.passed = join(frame.passed, this.state);
        }
    }

    leavePending(origin) {
        if (this.state) {
            this.state = new Map(this.state).set(origin.key, origin);
            this.observe();
        }
    }

    endSegment() {
        if (this.state) {
            this.state = new Map();
            this.observe();
        }
    }

    callOut(site) {
        if (!this.state) {
            return;
        }
        if (this.state.has(ENTRY.key)) {
            this.calloutWithEntry = true;
        }
        const pending = [...this.state.values()].filter((origin) => origin !== ENTRY);
        if (pending.length > 0) {
            this.findings.add(this.cls.file, site, pending, this.hint);
        }
    }

    /** A call into project code: its callout checks the pending work, then its summary updates it. */
    step(site, targets) {
        if (!this.state || targets.length === 0) {
            return;
        }
        // A target not walked yet has no summary: the fixpoint walks this method again once it has one.
        const effects = targets.map((target) => this.summaries.get(target));
        const summary = {
            calloutWithEntry: effects.some((effect) => effect?.calloutWithEntry),
            keepsEntry: effects.some((effect) => effect?.keepsEntry),
            kinds: new Set(effects.flatMap((effect) => [...(effect?.kinds ?? [])]))
        };
        if (summary.calloutWithEntry) {
            this.callOut(site);
        }
        const next = summary.keepsEntry ? new Map(this.state) : new Map();
        if (summary.kinds.size > 0) {
            next.set(site.key, { ...site, kinds: summary.kinds });
        }
        if (!sameState(next, this.state)) {
            this.state = next;
            this.observe();
        }
    }

    // ---- statements ----

    visit(node) {
        if (node instanceof StatementContext) {
            this.statement(node);
        } else if (node instanceof ExpressionContext) {
            this.expression(node);
        } else {
            for (const child of node.children ?? []) {
                this.visit(child);
            }
        }
    }

    statement(node) {
        if (!this.state) {
            return; // unreachable
        }
        const inner = node.children[0];
        const handler = STATEMENTS.find(([type]) => inner instanceof type)?.[1];
        if (handler) {
            handler.call(this, inner);
        } else {
            this.visit(inner);
        }
    }

    ifStatement(node) {
        this.expression(node.parExpression().expression());
        const before = this.state;
        this.statement(node.statement(0));
        const afterThen = this.state;
        this.state = before;
        if (node.statement(1)) {
            this.statement(node.statement(1));
        }
        this.state = join(afterThen, this.state);
    }

    switchStatement(node) {
        this.expression(node.expression());
        const before = this.state;
        let after = null;
        let hasElse = false;
        for (const when of node.whenControl_list()) {
            hasElse ||= Boolean(when.whenValue().ELSE());
            this.state = before;
            this.visit(when.block());
            after = join(after, this.state);
        }
        this.state = hasElse ? after : join(after, before);
    }

    forStatement(node) {
        const control = node.forControl();
        const enhanced = control.enhancedForControl();
        if (enhanced) {
            this.expression(enhanced.expression());
            this.loop(() => this.statement(node.statement()));
            return;
        }
        if (control.forInit()) {
            this.visit(control.forInit());
        }
        const condition = control.expression();
        const update = control.forUpdate();
        this.loop(() => this.statement(node.statement()), {
            condition: condition && (() => this.expression(condition)),
            update: update && (() => this.visit(update))
        });
    }

    whileStatement(node) {
        this.loop(() => this.statement(node.statement()), {
            condition: () => this.expression(node.parExpression().expression())
        });
    }

    doWhileStatement(node) {
        this.loop(() => this.visit(node.block()), {
            condition: () => this.expression(node.parExpression().expression()),
            conditionLast: true
        });
    }

    /** Walks a loop until the state at its head is stable; the loop may end wherever its condition is tested. */
    loop(body, { condition = null, update = null, conditionLast = false } = {}) {
        const frame = { broke: null, continued: null };
        this.loops.push(frame);
        let head = this.state;
        let exit = null;
        const test = () => {
            condition?.();
            exit = join(exit, this.state);
        };
        for (;;) {
            this.state = head;
            if (!conditionLast) {
                test();
            }
            body();
            this.state = join(this.state, frame.continued);
            update?.();
            if (conditionLast) {
                test();
            }
            const next = join(head, this.state);
            if (sameState(next, head)) {
                break;
            }
            head = next;
        }
        this.loops.pop();
        this.state = join(exit, frame.broke);
    }

    breakStatement() {
        const frame = this.loops.at(-1);
        if (frame) {
            frame.broke = join(frame.broke, this.state);
        }
        this.state = null;
    }

    continueStatement() {
        const frame = this.loops.at(-1);
        if (frame) {
            frame.continued = join(frame.continued, this.state);
        }
        this.state = null;
    }

    returnStatement(node) {
        if (node.expression()) {
            this.expression(node.expression());
        }
        this.exit = join(this.exit, this.state);
        this.state = null;
    }

    throwStatement(node) {
        this.expression(node.expression());
        if (this.tries.length === 0) {
            this.exit = join(this.exit, this.state);
        }
        this.state = null;
    }

    tryStatement(node) {
        const frame = { passed: this.state };
        this.tries.push(frame);
        this.visit(node.block());
        this.tries.pop();
        let after = this.state;
        for (const clause of node.catchClause_list()) {
            this.state = frame.passed;
            this.visit(clause.block());
            after = join(after, this.state);
        }
        const finallyBlock = node.finallyBlock();
        if (finallyBlock) {
            // Finally also runs when nothing caught the exception; that path is joined into the normal one.
            this.state = join(after, frame.passed);
            this.visit(finallyBlock.block());
            after = this.state;
        }
        this.state = after;
    }

    dmlStatement(node) {
        for (const child of node.children) {
            if (child instanceof ExpressionContext) {
                this.expression(child);
            }
        }
        const keyword = node.start;
        this.leavePending({ ...siteOf(keyword, keyword.text.toLowerCase()), kinds: new Set([WROTE]) });
    }

    // ---- expressions ----

    expression(node) {
        if (!this.state) {
            return;
        }
        if (node instanceof DotExpressionContext) {
            this.expression(node.expression());
            const call = node.dotMethodCall();
            if (call) {
                if (call.expressionList()) {
                    this.visit(call.expressionList());
                }
                this.dotCall(node, call);
            }
        } else if (node instanceof MethodCallExpressionContext) {
            const call = node.methodCall();
            if (call.expressionList()) {
                this.visit(call.expressionList());
            }
            this.plainCall(call);
        } else if (node instanceof NewExpressionContext) {
            this.visit(node.creator());
            this.construct(node);
        } else if (node instanceof CondExpressionContext) {
            const [condition, whenTrue, whenFalse] = node.expression_list();
            this.expression(condition);
            const before = this.state;
            this.expression(whenTrue);
            const afterTrue = this.state;
            this.state = before;
            this.expression(whenFalse);
            this.state = join(afterTrue, this.state);
        } else if (
            node instanceof LogAndExpressionContext ||
            node instanceof LogOrExpressionContext ||
            node instanceof CoalExpressionContext
        ) {
            const [left, right] = node.expression_list();
            this.expression(left);
            const before = this.state;
            this.expression(right);
            this.state = join(before, this.state);
        } else {
            for (const child of node.children ?? []) {
                this.visit(child);
            }
        }
    }

    dotCall(node, call) {
        const name = call.anyId().getText();
        const lower = name.toLowerCase();
        const arity = call.expressionList()?.expression_list().length ?? 0;
        const receiver = this.typeOf(node.expression());
        const site = (label) => siteOf(call.anyId().start, label);
        if (receiver?.cls) {
            const targets = this.model.methodsFor(receiver.cls, name, arity, !receiver.isType);
            this.step(site(`${targets[0]?.cls.fullName ?? receiver.cls.fullName}.${name}`), targets);
            return;
        }
        if (!receiver?.platform) {
            return; // unknown receiver type: not resolved
        }
        const typeName = TYPE_NAMES.get(receiver.platform) ?? receiver.platform;
        if (receiver.isType) {
            const kind = PENDING_WORK.get(receiver.platform)?.get(lower);
            if (kind) {
                this.leavePending({ ...site(`${typeName}.${name}`), kinds: new Set([kind]) });
            } else if (receiver.platform === 'test' && SEGMENT_ENDS.has(lower)) {
                this.endSegment();
            } else if (STATIC_CALLOUTS.get(receiver.platform)?.has(lower)) {
                this.callOut(site(`${typeName}.${name}`));
            }
        } else if (INSTANCE_CALLOUTS.get(receiver.platform)?.has(lower)) {
            this.callOut(site(`${typeName}.${name}`));
        }
    }

    plainCall(call) {
        const arity = call.expressionList()?.expression_list().length ?? 0;
        if (call.THIS() || call.SUPER()) {
            const cls = call.THIS() ? this.cls : this.model.superclassOf(this.cls);
            if (cls) {
                this.step(siteOf(call.start, `new ${cls.fullName}`), this.model.constructorsFor(cls, arity));
            }
            return;
        }
        const name = call.id().getText();
        // An unqualified call names a method of this class, its superclasses or, for an inner class, its outer class.
        for (let cls = this.cls; cls; cls = cls.outer) {
            const targets = this.model.methodsFor(cls, name, arity, true);
            if (targets.length > 0) {
                this.step(siteOf(call.id().start, `${targets[0].cls.fullName}.${name}`), targets);
                return;
            }
        }
    }

    construct(node) {
        const creator = node.creator();
        const typeName = creator
            .createdName()
            .idCreatedNamePair_list()
            .map((pair) => pair.anyId().getText())
            .join('.');
        const type = this.model.resolveType(typeName, this.cls);
        const site = siteOf(node.start, `new ${type.cls?.fullName ?? typeName}`);
        if (type.cls && creator.classCreatorRest()) {
            const arity = creator.classCreatorRest().arguments().expressionList()?.expression_list().length ?? 0;
            this.step(site, this.model.constructorsFor(type.cls, arity));
        } else if (CALLOUT_TYPES.has(type.platform)) {
            this.callOut(site);
        }
    }

    // ---- types ----

    /**
     * The static type of a receiver: `{ cls }` or `{ platform }` for a value, with `isType: true` for a type name
     * (a static call); null when it cannot be told.
     */
    typeOf(node) {
        if (node instanceof PrimaryExpressionContext) {
            const primary = node.primary();
            if (primary instanceof ThisPrimaryContext) {
                return { cls: this.cls };
            }
            if (primary instanceof SuperPrimaryContext) {
                const cls = this.model.superclassOf(this.cls);
                return cls ? { cls } : null;
            }
            return primary instanceof IdPrimaryContext ? this.nameType(primary.id().getText()) : null;
        }
        if (node instanceof DotExpressionContext) {
            return node.dotMethodCall() ? this.returnType(node) : this.memberType(node);
        }
        if (node instanceof MethodCallExpressionContext) {
            const call = node.methodCall();
            if (!call.id()) {
                return null;
            }
            const arity = call.expressionList()?.expression_list().length ?? 0;
            for (let cls = this.cls; cls; cls = cls.outer) {
                const targets = this.model.methodsFor(cls, call.id().getText(), arity, true);
                if (targets.length > 0) {
                    return this.declaredReturnType(targets[0]);
                }
            }
            return null;
        }
        if (node instanceof NewExpressionContext) {
            const name = node
                .creator()
                .createdName()
                .idCreatedNamePair_list()
                .map((pair) => pair.anyId().getText())
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
        return null;
    }

    nameType(name) {
        const lower = name.toLowerCase();
        if (this.locals.has(lower)) {
            return this.model.resolveType(this.locals.get(lower), this.cls);
        }
        for (let cls = this.cls; cls; cls = cls.outer) {
            const field = this.model.fieldType(cls, lower);
            if (field) {
                return field;
            }
        }
        const cls = this.model.lookupClass(lower, this.cls);
        return cls ? { cls, isType: true } : { platform: lower, isType: true };
    }

    memberType(node) {
        const receiver = this.typeOf(node.expression());
        const name = node.anyId().getText().toLowerCase();
        if (receiver?.cls) {
            const inner = receiver.isType ? receiver.cls.inner.get(name) : null;
            return inner ? { cls: inner, isType: true } : this.model.fieldType(receiver.cls, name);
        }
        // System.Test, System.Database, …
        return receiver?.platform === 'system' && receiver.isType ? { platform: name, isType: true } : null;
    }

    returnType(node) {
        const receiver = this.typeOf(node.expression());
        if (!receiver?.cls) {
            return null;
        }
        const call = node.dotMethodCall();
        const arity = call.expressionList()?.expression_list().length ?? 0;
        const [target] = this.model.methodsFor(receiver.cls, call.anyId().getText(), arity, false);
        return target ? this.declaredReturnType(target) : null;
    }

    declaredReturnType(method) {
        return method.returnType ? this.model.resolveType(method.returnType, method.cls) : null;
    }
}

const STATEMENTS = [
    [BlockContext, MethodWalker.prototype.visit],
    [IfStatementContext, MethodWalker.prototype.ifStatement],
    [SwitchStatementContext, MethodWalker.prototype.switchStatement],
    [ForStatementContext, MethodWalker.prototype.forStatement],
    [WhileStatementContext, MethodWalker.prototype.whileStatement],
    [DoWhileStatementContext, MethodWalker.prototype.doWhileStatement],
    [TryStatementContext, MethodWalker.prototype.tryStatement],
    [ReturnStatementContext, MethodWalker.prototype.returnStatement],
    [ThrowStatementContext, MethodWalker.prototype.throwStatement],
    [BreakStatementContext, MethodWalker.prototype.breakStatement],
    [ContinueStatementContext, MethodWalker.prototype.continueStatement],
    ...[
        InsertStatementContext,
        UpdateStatementContext,
        DeleteStatementContext,
        UndeleteStatementContext,
        UpsertStatementContext,
        MergeStatementContext
    ].map((type) => [type, MethodWalker.prototype.dmlStatement])
];
