// Naming rules that decide whether a referenced name must exist in this project.
//
// A reference is checked only when it names something this project must define itself. Everything else is
// accepted without proof, on purpose, because there is no org to ask:
//   - standard objects and standard fields (no custom suffix): `User`, `Account`, `User.Department`;
//   - names with another package's namespace prefix: `ns__Thing`, `ns__Obj__c`;
//   - platform names such as `standard-Account` tabs or `standard__Sales` apps.
// A typo in a standard name (`Acount`) therefore passes here; only an org catches it.

const CUSTOM_SUFFIX = /__(c|mdt|e|x|b|kav|ka|xo|hd|chn|dlm|dll)$/i;

/** Strips this project's own namespace prefix (`crmsync__Foo__c` → `Foo__c`); source files use bare names. */
export function localName(name, namespace) {
    return namespace && name.toLowerCase().startsWith(`${namespace.toLowerCase()}__`)
        ? name.slice(namespace.length + 2)
        : name;
}

/** True for a custom object/field API name of this package (`Foo__c`), false for standard or foreign ones. */
export function isLocalCustom(name) {
    if (!CUSTOM_SUFFIX.test(name)) return false;
    // `Foo__c` has one double underscore; `ns__Foo__c` belongs to another package.
    return name.split('__').length === 2;
}

/**
 * True when a developer name (class, tab, app, custom permission, external credential) must be defined in this
 * project. Developer names cannot contain `__`, so any `__` means a namespace or a platform prefix.
 */
export function isLocalDeveloperName(name) {
    return !name.includes('__');
}
