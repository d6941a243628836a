// An index of what the project defines, built from SDR's components plus the parsed XML of a few types.
// The cross-reference checks only ask this index questions; they never touch SDR or the file system.
import { childText, childrenNamed } from './xml.mjs';
import { xmlRoot } from './xml-cache.mjs';

const PRINCIPAL_TYPE = /Principal$/; // NamedPrincipal, PerUserPrincipal, AwsStsPrincipal, ...

export class Inventory {
    /** @param {import('./resolution.mjs').Component[]} components */
    constructor(components, namespace) {
        this.namespace = namespace;
        this.components = components;
        /** @type {Map<string, Map<string, import('./resolution.mjs').Component>>} type → lower-case name → component */
        this.byType = new Map();
        for (const c of components) {
            if (!this.byType.has(c.type)) this.byType.set(c.type, new Map());
            this.byType.get(c.type).set(c.fullName.toLowerCase(), c);
        }
        this.labels = this.#readLabels();
    }

    /** Component of `type` named `name` (case-insensitive: Salesforce API names are). */
    get(type, name) {
        return this.byType.get(type)?.get(name.toLowerCase());
    }

    has(type, name) {
        return Boolean(this.get(type, name));
    }

    ofType(type) {
        return [...(this.byType.get(type)?.values() ?? [])];
    }

    hasObject(name) {
        return this.has('CustomObject', name);
    }

    hasField(objectName, fieldName) {
        return this.has('CustomField', `${objectName}.${fieldName}`);
    }

    /** Principal names of an external credential (parameters whose type ends in "Principal"). */
    principals(externalCredential) {
        const c = this.get('ExternalCredential', externalCredential);
        const root = c?.xml && xmlRoot(c.xml);
        if (!root) return [];
        return childrenNamed(root, 'externalCredentialParameters')
            .filter((p) => PRINCIPAL_TYPE.test(childText(p, 'parameterType') ?? ''))
            .map((p) => childText(p, 'parameterName'))
            .filter(Boolean);
    }

    /** `{exposed, targets, unknownMeta}` of an LWC bundle from its js-meta.xml; undefined for an unknown bundle. */
    lwc(name) {
        const c = this.get('LightningComponentBundle', name);
        if (!c) return undefined;
        const root = c.xml && xmlRoot(c.xml);
        // No readable js-meta.xml: the resolution or schema check already reports it; callers skip target checks.
        if (!root) return { component: c, unknownMeta: true, exposed: false, targets: [] };
        const targets = childrenNamed(root, 'targets').flatMap((t) =>
            childrenNamed(t, 'target').map((e) => e.text.trim())
        );
        return { component: c, exposed: childText(root, 'isExposed') === 'true', targets };
    }

    /** Names of all custom labels defined in CustomLabels files (exact case, as LWC imports must match it). */
    #readLabels() {
        const names = new Set();
        for (const c of this.ofType('CustomLabels')) {
            const root = c.xml && xmlRoot(c.xml);
            if (!root) continue;
            for (const label of childrenNamed(root, 'labels')) {
                const name = childText(label, 'fullName');
                if (name) names.add(name);
            }
        }
        return names;
    }
}
