// Check 1: every deployable file resolves to a metadata component (SDR), every component that needs a
// -meta.xml has one, and each metadata XML's root element is the type its suffix implies.
//
// Files are resolved one by one on purpose: resolving the whole tree silently drops what SDR cannot use
// (an unknown file, a .cls without its -meta.xml), while per-file resolution reports it.
import fs from 'node:fs';
import { xmlRoot } from './xml-cache.mjs';

// Bundles for which SDR reports no `xml` path when the meta file is missing, and the file name they need.
// Other types either name the expected -meta.xml themselves (checked on disk) or carry no meta file.
const BUNDLE_META = {
    LightningComponentBundle: (name) => `${name}.js-meta.xml`,
    AuraDefinitionBundle: (name) => `${name}.cmp-meta.xml (or .app-, .evt-, .intf-, .tokens-meta.xml)`
};

/**
 * @typedef {object} Component
 * @property {string} type      Metadata API type name (SDR registry)
 * @property {string} fullName
 * @property {string} [xml]     absolute path of the metadata XML, when it exists
 * @property {string} [content] absolute path of the content file or bundle directory
 * @property {string} [parent]  fullName of the parent for decomposed children (CustomField → object)
 */

/**
 * @returns {Component[]} unique components of the project (children such as CustomField included)
 */
export function resolveFiles(files, sdr, findings) {
    const resolver = new sdr.MetadataResolver();
    const components = new Map();
    for (const file of files) {
        let resolved;
        try {
            resolved = resolver.getComponentsFromPath(file);
        } catch (error) {
            // TypeInferenceError for unknown suffixes/folders; other SDR errors describe a broken layout.
            const detail = firstLine(error.message).replace(`${file}: `, '');
            findings.add(
                file,
                1,
                'metadata/unresolved',
                `not a metadata file SDR can resolve (${detail}); remove it or add it to .forceignore`
            );
            continue;
        }
        for (const c of resolved) {
            const key = `${c.type.name}:${c.fullName}`;
            if (components.has(key)) continue;
            const xmlExists = Boolean(c.xml && fs.existsSync(c.xml));
            if (c.xml && !xmlExists) {
                findings.add(
                    file,
                    1,
                    'metadata/missing-meta',
                    `${c.type.name} ${c.fullName} has no ${baseName(c.xml)}; without it the component is silently left out of deploys`
                );
            } else if (!c.xml && BUNDLE_META[c.type.name]) {
                findings.add(
                    file,
                    1,
                    'metadata/missing-meta',
                    `${c.type.name} ${c.fullName} has no ${BUNDLE_META[c.type.name](c.fullName)}`
                );
            }
            components.set(key, {
                type: c.type.name,
                fullName: c.fullName,
                xml: xmlExists ? c.xml : undefined,
                content: c.content,
                parent: c.parent?.fullName
            });
        }
    }
    return [...components.values()];
}

/** Root element must equal the type SDR inferred from the suffix/folder (`.tab-meta.xml` → <CustomTab>). */
export function checkRoots(components, findings) {
    const checked = new Set();
    for (const c of components) {
        if (!c.xml || checked.has(c.xml)) continue;
        checked.add(c.xml);
        const root = xmlRoot(c.xml);
        const expected = expectedRoot(c);
        if (root && root.name !== expected) {
            findings.add(
                c.xml,
                root.line,
                'metadata/root-mismatch',
                `root element is <${root.name}>, but the file name makes it a ${c.type}, whose root is <${expected}>`
            );
        }
    }
}

/** The root element a component's XML must have: its type name, except where the Metadata API differs. */
function expectedRoot(component) {
    // Settings are one SDR type, but each file's root names the settings: Security.settings → <SecuritySettings>.
    if (component.type === 'Settings') return `${component.fullName}Settings`;
    return component.type;
}

function firstLine(text) {
    return String(text).split('\n')[0];
}

function baseName(file) {
    return file.split(/[\\/]/).pop();
}
