// The project's classes as the Apex rules see them: for every class and interface (inner ones included) its
// supertypes and subtypes, methods and constructors with their parameters and declared return types, field and
// property types, instance initializers, and every body a rule may walk; with type and method lookup along the
// superclass chain. Shared by the Apex rules of check:apex (callout-after-dml, newer-platform-type) and the Apex budget.
import { ClassDeclarationContext } from '@apexdevtools/apex-parser';

function hasAnnotation(modifiers, name) {
    return modifiers.some((modifier) => modifier.annotation()?.id().getText().toLowerCase() === name);
}

function formalParameters(context) {
    return (context.formalParameters().formalParameterList()?.formalParameter_list() ?? []).map((parameter) => ({
        name: parameter.id().getText().toLowerCase(),
        type: parameter.typeRef().getText()
    }));
}

export class ProjectModel {
    constructor(parsed) {
        /** @type {Map<string, object>} lower-case full name (`outer.inner`) → class */
        this.classes = new Map();
        for (const { file, unit } of parsed) {
            const declaration = unit.typeDeclaration();
            const type = declaration?.classDeclaration() ?? declaration?.interfaceDeclaration();
            if (type) {
                this.addType(type, declaration.modifier_list(), file, null);
            }
        }
        for (const cls of this.classes.values()) {
            const scope = cls.outer ?? cls;
            cls.supertypes = [cls.superName, ...cls.interfaceNames]
                .map((name) => this.lookupClass(name, scope))
                .filter(Boolean);
        }
        for (const cls of this.classes.values()) {
            cls.subtypes = this.classesExtending(cls);
            // Without a declared constructor, `new` still runs the instance initializers.
            if (cls.constructors.length === 0) {
                cls.constructors.push({ cls, isConstructor: true, params: [], body: null });
            }
        }
    }

    addType(type, modifiers, file, outer) {
        const isClass = type instanceof ClassDeclarationContext;
        const name = type.id().getText();
        const cls = {
            name,
            fullName: outer ? `${outer.fullName}.${name}` : name,
            file,
            outer,
            isTest: outer ? outer.isTest : hasAnnotation(modifiers, 'istest'),
            superName: isClass ? (type.typeRef()?.getText() ?? null) : null,
            interfaceNames: (type.typeList()?.typeRef_list() ?? []).map((ref) => ref.getText()),
            methods: new Map(),
            constructors: [],
            initializers: [],
            fieldTypes: new Map(),
            /** `{ node, params }`: method and constructor bodies with their parameters, initializers, accessors. */
            bodies: [],
            inner: new Map()
        };
        this.classes.set(cls.fullName.toLowerCase(), cls);
        outer?.inner.set(name.toLowerCase(), cls);
        if (isClass) {
            for (const member of type.classBody().classBodyDeclaration_list()) {
                this.addMember(cls, member);
            }
        } else {
            for (const method of type.interfaceBody().interfaceMethodDeclaration_list()) {
                this.addMethod(cls, method, method.modifier_list(), null);
            }
        }
        return cls;
    }

    addMember(cls, member) {
        const modifiers = member.modifier_list();
        const isStatic = modifiers.some((modifier) => modifier.STATIC()) || Boolean(member.STATIC());
        if (member.block()) {
            cls.bodies.push({ node: member.block(), params: [] });
            if (!isStatic) {
                cls.initializers.push(member.block());
            }
            return;
        }
        const declaration = member.memberDeclaration();
        if (!declaration) {
            return;
        }
        const nested = declaration.classDeclaration() ?? declaration.interfaceDeclaration();
        if (nested) {
            this.addType(nested, modifiers, cls.file, cls);
        } else if (declaration.methodDeclaration()) {
            const method = declaration.methodDeclaration();
            this.addMethod(cls, method, modifiers, method.block());
        } else if (declaration.constructorDeclaration()) {
            const constructor = declaration.constructorDeclaration();
            const params = formalParameters(constructor);
            cls.constructors.push({ cls, isConstructor: true, params, body: constructor.block() });
            cls.bodies.push({ node: constructor.block(), params });
        } else if (declaration.fieldDeclaration()) {
            const field = declaration.fieldDeclaration();
            for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
                cls.fieldTypes.set(declarator.id().getText().toLowerCase(), field.typeRef().getText());
                if (!isStatic && declarator.expression()) {
                    cls.initializers.push(declarator.expression());
                }
            }
            cls.bodies.push({ node: field, params: [] });
        } else if (declaration.propertyDeclaration()) {
            const property = declaration.propertyDeclaration();
            cls.fieldTypes.set(property.id().getText().toLowerCase(), property.typeRef().getText());
            cls.bodies.push({ node: property, params: [] });
        }
    }

    addMethod(cls, method, modifiers, body) {
        const key = method.id().getText().toLowerCase();
        const entry = {
            cls,
            name: method.id().getText(),
            params: formalParameters(method),
            returnType: method.typeRef()?.getText() ?? null,
            body,
            isFuture: hasAnnotation(modifiers, 'future'),
            isTestMethod: hasAnnotation(modifiers, 'istest') || modifiers.some((modifier) => modifier.TESTMETHOD())
        };
        cls.methods.set(key, [...(cls.methods.get(key) ?? []), entry]);
        if (body) {
            cls.bodies.push({ node: body, params: entry.params });
        }
    }

    allMethods() {
        return [...this.classes.values()].flatMap((cls) => [...[...cls.methods.values()].flat(), ...cls.constructors]);
    }

    /** A class by (possibly dotted) name as seen from `scope`: its own inner classes, its outer's, then top level. */
    lookupClass(name, scope) {
        if (!name) {
            return null;
        }
        const key = name.toLowerCase().replace(/<.*$/, '');
        for (let cls = scope; cls; cls = cls.outer) {
            const found = this.classes.get(`${cls.fullName.toLowerCase()}.${key}`);
            if (found) {
                return found;
            }
        }
        return this.classes.get(key) ?? null;
    }

    classesExtending(target) {
        const found = new Set();
        const visit = (cls) => {
            for (const candidate of this.classes.values()) {
                if (candidate.supertypes.includes(cls) && !found.has(candidate)) {
                    found.add(candidate);
                    visit(candidate);
                }
            }
        };
        visit(target);
        return [...found];
    }

    /** `{ cls }` or `{ platform }` (lower-case name) for a declared type; `element` for List<T>, Set<T> and T[]. */
    resolveType(text, scope) {
        const lower = text.toLowerCase().replace(/^system\./, '');
        const collection = /^(?:list|set)<(.+)>$/.exec(lower) ?? /^(.+)\[\]$/.exec(lower);
        if (collection) {
            return { platform: 'list', element: this.resolveType(collection[1], scope) };
        }
        const cls = this.lookupClass(lower, scope);
        return cls ? { cls } : { platform: lower };
    }

    fieldType(cls, name) {
        for (const current of this.superclassChain(cls)) {
            const text = current.fieldTypes.get(name);
            if (text) {
                return this.resolveType(text, current);
            }
        }
        return null;
    }

    /**
     * The methods a call may run: the first declarations named `name` up the superclass chain with `arity`
     * parameters (any arity when none has it), plus, for an instance call, the overrides in every subtype.
     */
    methodsFor(cls, name, arity, instanceCall) {
        const key = name.toLowerCase();
        const declared =
            this.superclassChain(cls)
                .find((current) => current.methods.has(key))
                ?.methods.get(key) ?? [];
        const matching = declared.filter((method) => method.params.length === arity);
        const targets = matching.length > 0 ? matching : declared;
        if (!instanceCall) {
            return targets;
        }
        const overrides = cls.subtypes.flatMap((sub) =>
            (sub.methods.get(key) ?? []).filter((method) => method.params.length === arity)
        );
        return [...targets, ...overrides];
    }

    superclassOf(cls) {
        return cls.superName ? this.lookupClass(cls.superName, cls.outer ?? cls) : null;
    }

    /** The class and its superclasses, nearest first; stops at a cycle, which apex-ls reports. */
    superclassChain(cls) {
        const chain = [];
        for (let current = cls; current && !chain.includes(current); current = this.superclassOf(current)) {
            chain.push(current);
        }
        return chain;
    }

    constructorsFor(cls, arity) {
        const matching = cls.constructors.filter((constructor) => constructor.params.length === arity);
        return matching.length > 0 ? matching : cls.constructors;
    }
}
