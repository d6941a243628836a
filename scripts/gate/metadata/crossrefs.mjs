// Check 3a: references between metadata files (permission sets, credentials, tabs, apps, quick actions,
// FlexiPages, list views, report types, translations) must point at components the project defines.
// Neither `sf project convert` nor the schema check sees these; an org rejects or silently breaks them.
// What counts as "must be defined here" is decided in names.mjs.
import { childText, childrenNamed, descendantsNamed } from './xml.mjs';
import { xmlRoot } from './xml-cache.mjs';
import { isLocalCustom, isLocalDeveloperName, localName } from './names.mjs';

// How findings name each type of developer-named component.
const TYPE_LABEL = {
    ApexClass: 'Apex class',
    AuraDefinitionBundle: 'Aura component',
    CustomApplication: 'application',
    CustomPermission: 'custom permission',
    ExternalCredential: 'external credential',
    FlexiPage: 'FlexiPage'
};

// FlexiPage type → the LWC target Lightning App Builder requires before it offers a component on that page.
const PAGE_TARGET = {
    AppPage: 'lightning__AppPage',
    RecordPage: 'lightning__RecordPage',
    HomePage: 'lightning__HomePage',
    UtilityBar: 'lightning__UtilityBar'
};

export function checkMetadataReferences(inventory, findings) {
    const refs = new References(inventory, findings);
    const each = (type, check) => {
        for (const c of inventory.ofType(type)) {
            const root = c.xml && xmlRoot(c.xml);
            if (root && root.name === type) check(c, root);
        }
    };
    each('PermissionSet', (c, root) => refs.permissionSet(c.xml, root));
    each('NamedCredential', (c, root) => refs.namedCredential(c.xml, root));
    each('CustomTab', (c, root) => refs.customTab(c, root));
    each('CustomApplication', (c, root) => refs.application(c.xml, root));
    each('QuickAction', (c, root) => refs.quickAction(c, root));
    each('FlexiPage', (c, root) => refs.flexiPage(c.xml, root));
    each('CustomField', (c, root) => refs.customField(c, root));
    each('ListView', (c, root) => refs.listView(c, root));
    each('ReportType', (c, root) => refs.reportType(c.xml, root));
    each('Translations', (c, root) => refs.translations(c.xml, root));
}

export class References {
    constructor(inventory, findings) {
        this.inv = inventory;
        this.findings = findings;
    }

    permissionSet(file, root) {
        const each = (name, check) => childrenNamed(root, name).forEach(check);
        each('classAccesses', (e) => this.named(file, field(e, 'apexClass'), 'ApexClass', 'xref/apex-class'));
        each('customPermissions', (e) =>
            this.named(file, field(e, 'name'), 'CustomPermission', 'xref/custom-permission')
        );
        each('applicationVisibilities', (e) =>
            this.named(file, field(e, 'application'), 'CustomApplication', 'xref/application')
        );
        each('objectPermissions', (e) => this.object(file, field(e, 'object')));
        each('fieldPermissions', (e) => this.qualifiedField(file, field(e, 'field')));
        each('tabSettings', (e) => this.tab(file, field(e, 'tab')));
        each('externalCredentialPrincipalAccesses', (e) =>
            this.principal(file, field(e, 'externalCredentialPrincipal'))
        );
    }

    namedCredential(file, root) {
        for (const p of childrenNamed(root, 'namedCredentialParameters')) {
            if (childText(p, 'parameterType') !== 'Authentication') continue;
            const ec = field(p, 'externalCredential');
            if (ec) {
                this.named(file, ec, 'ExternalCredential', 'xref/external-credential');
            } else {
                this.add(
                    file,
                    p.line,
                    'xref/external-credential',
                    'Authentication parameter names no <externalCredential>'
                );
            }
        }
    }

    customTab(component, root) {
        const file = component.xml;
        this.named(file, field(root, 'flexiPage'), 'FlexiPage', 'xref/flexipage');
        const lwc = field(root, 'lwcComponent');
        if (lwc) this.lwc(file, lwc, { target: 'lightning__Tab', exposed: false });
        this.named(file, field(root, 'auraComponent'), 'AuraDefinitionBundle', 'xref/aura');
        const customObject = field(root, 'customObject');
        if (customObject?.value === 'true') this.object(file, { value: component.fullName, line: customObject.line });
    }

    application(file, root) {
        for (const tab of childrenNamed(root, 'tabs')) this.tab(file, { value: tab.text.trim(), line: tab.line });
        const landing = field(root, 'defaultLandingTab');
        if (landing) this.tab(file, landing);
        this.named(file, field(root, 'utilityBar'), 'FlexiPage', 'xref/flexipage');
    }

    quickAction(component, root) {
        const file = component.xml;
        // Object-specific actions are named `<Object>.<Action>`; global actions have no dot.
        if (component.fullName.includes('.')) {
            this.object(file, { value: component.fullName.split('.')[0], line: root.line });
        }
        this.object(file, field(root, 'targetObject'));
        if (childText(root, 'type') !== 'LightningWebComponent') return;
        const lwc = field(root, 'lightningWebComponent');
        if (lwc) {
            this.lwc(file, lwc, { target: 'lightning__RecordAction', exposed: false });
        } else {
            const message = 'LightningWebComponent quick action names no <lightningWebComponent>';
            this.add(file, root.line, 'xref/lwc', message);
        }
    }

    flexiPage(file, root) {
        this.object(file, field(root, 'sobjectType'));
        const target = PAGE_TARGET[childText(root, 'type')];
        for (const e of descendantsNamed(root, 'componentName')) {
            const name = e.text.trim();
            // `c:foo`, `c__foo` and a bare `foo` are this project's components; `force:…`, `flexipage:…`,
            // `lst:…` and other namespaces are standard or another package's.
            const local =
                /^c(?::|__)(\w+)$/.exec(name)?.[1] ?? (/^\w+$/.test(name) && !name.includes('__') ? name : undefined);
            if (!local) continue;
            if (this.inv.has('AuraDefinitionBundle', local)) continue;
            this.lwc(file, { value: local, line: e.line }, { target, exposed: true });
        }
    }

    customField(component, root) {
        const file = component.xml;
        const objectName = component.fullName.split('.')[0];
        this.object(file, { value: objectName, line: root.line }, `field ${component.fullName} belongs to`);
        this.object(file, field(root, 'referenceTo'));
    }

    listView(component, root) {
        const file = component.xml;
        const objectName = component.fullName.split('.')[0];
        this.object(file, { value: objectName, line: root.line }, `list view ${component.fullName} belongs to`);
        const fields = [
            ...childrenNamed(root, 'columns'),
            ...childrenNamed(root, 'filters')
                .map((f) => f.children.find((c) => c.name === 'field'))
                .filter(Boolean)
        ];
        for (const e of fields) {
            const name = e.text.trim();
            // Standard columns are upper-case tokens (NAME, CREATED_DATE, ACCOUNT.NAME); custom ones end in __c.
            if (!/__c$/i.test(name)) continue;
            this.qualifiedField(file, { value: name.includes('.') ? name : `${objectName}.${name}`, line: e.line });
        }
    }

    reportType(file, root) {
        this.object(file, field(root, 'baseObject'));
        for (const section of childrenNamed(root, 'sections')) {
            for (const column of childrenNamed(section, 'columns')) {
                const table = childText(column, 'table') ?? '';
                const name = field(column, 'field');
                // `table` is an object or a relationship path (`Account.Contacts`); only plain objects are checked.
                if (name && /^\w+$/.test(table)) {
                    this.qualifiedField(file, { value: `${table}.${name.value}`, line: name.line });
                }
            }
        }
    }

    translations(file, root) {
        const translated = new Set();
        for (const t of childrenNamed(root, 'customLabels')) {
            const name = field(t, 'name');
            if (name) translated.add(name.value);
            if (name && !this.inv.labels.has(name.value)) {
                this.add(
                    file,
                    name.line,
                    'xref/label',
                    `translation of custom label ${name.value}, which no CustomLabels file defines`
                );
            }
        }
        // Project rule: a language we ship is complete, so no admin meets an untranslated label in the middle of
        // a translated page.
        for (const label of [...this.inv.labels].sort()) {
            if (!translated.has(label)) {
                this.add(file, 1, 'xref/untranslated-label', `custom label ${label} has no translation in this file`);
            }
        }
    }

    // --- shared reference rules -------------------------------------------------------------------------------

    /** A developer name (class, permission, app, credential, page, ...) that must be defined in the project. */
    named(file, ref, type, rule) {
        if (!ref) return;
        const name = localName(ref.value, this.inv.namespace);
        if (isLocalDeveloperName(name) && !this.inv.has(type, name)) {
            this.add(file, ref.line, rule, `${TYPE_LABEL[type] ?? type} ${ref.value} is not defined in the project`);
        }
    }

    object(file, ref, context = 'references') {
        if (!ref) return;
        const name = localName(ref.value, this.inv.namespace);
        if (isLocalCustom(name) && !this.inv.hasObject(name)) {
            this.add(
                file,
                ref.line,
                'xref/object',
                `${context} custom object ${ref.value}, which is not defined in the project`
            );
        }
    }

    /** `Object.Field`: the object must exist when custom, the field when custom. */
    qualifiedField(file, ref) {
        if (!ref) return;
        const [objectPart, fieldPart] = ref.value.split('.', 2);
        if (!fieldPart) {
            this.add(file, ref.line, 'xref/field', `'${ref.value}' is not of the form Object.Field`);
            return;
        }
        const objectName = localName(objectPart, this.inv.namespace);
        const fieldName = localName(fieldPart, this.inv.namespace);
        if (isLocalCustom(objectName) && !this.inv.hasObject(objectName)) {
            this.add(
                file,
                ref.line,
                'xref/object',
                `field ${ref.value} is on custom object ${objectPart}, which is not defined in the project`
            );
        } else if (isLocalCustom(fieldName) && !this.inv.hasField(objectName, fieldName)) {
            this.add(file, ref.line, 'xref/field', `custom field ${ref.value} is not defined in the project`);
        }
    }

    tab(file, ref) {
        if (!ref) return;
        const name = localName(ref.value, this.inv.namespace);
        if (name.startsWith('standard-')) return;
        if ((isLocalCustom(name) || isLocalDeveloperName(name)) && !this.inv.has('CustomTab', name)) {
            this.add(file, ref.line, 'xref/tab', `tab ${ref.value} is not defined in the project`);
        }
    }

    /** `<ExternalCredential>-<Principal>`: both parts must exist (developer names contain no `-`). */
    principal(file, ref) {
        if (!ref) return;
        const dash = ref.value.indexOf('-');
        if (dash < 0) {
            this.add(
                file,
                ref.line,
                'xref/external-credential-principal',
                `'${ref.value}' is not of the form <ExternalCredential>-<Principal>`
            );
            return;
        }
        const ec = localName(ref.value.slice(0, dash), this.inv.namespace);
        const principal = ref.value.slice(dash + 1);
        if (!isLocalDeveloperName(ec)) return;
        if (!this.inv.has('ExternalCredential', ec)) {
            this.add(
                file,
                ref.line,
                'xref/external-credential',
                `external credential ${ec} (from principal access ${ref.value}) is not defined in the project`
            );
            return;
        }
        const principals = this.inv.principals(ec);
        if (!principals.includes(principal)) {
            const known = principals.length ? `its principals: ${principals.join(', ')}` : 'it defines no principal';
            this.add(
                file,
                ref.line,
                'xref/external-credential-principal',
                `external credential ${ec} has no principal '${principal}' (${known})`
            );
        }
    }

    /** An LWC bundle that exists and, when asked, is exposed and has `target` in its js-meta.xml. */
    lwc(file, ref, { target, exposed }) {
        const bundle = this.inv.lwc(ref.value);
        let problem;
        if (!bundle) problem = `component ${ref.value} is not an LWC (or Aura) bundle of the project`;
        else if (bundle.unknownMeta)
            problem = undefined; // its missing or broken js-meta.xml is reported already
        else if (exposed && !bundle.exposed) problem = `LWC ${ref.value} is not exposed (<isExposed>true</isExposed>)`;
        else if (target && !bundle.targets.includes(target)) problem = `LWC ${ref.value} lacks target ${target}`;
        if (problem) this.add(file, ref.line, 'xref/lwc', problem);
    }

    add(file, line, rule, message) {
        this.findings.add(file, line, rule, message);
    }
}

/** `{value, line}` of a direct child's trimmed text, or undefined when the child is absent or empty. */
function field(parent, name) {
    const child = parent.children.find((c) => c.name === name);
    const value = child?.text.trim();
    return value ? { value, line: child.line } : undefined;
}
