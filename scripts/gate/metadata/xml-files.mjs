// Check 2: every metadata XML file is well-formed and valid against the Metadata API type model.
// "Metadata XML" is every deployable `*-meta.xml` plus every XML file SDR names as a component's metadata
// (that also covers MDAPI-style names such as `Foo.namedCredential` without `-meta.xml`).
import { readXml } from './xml-cache.mjs';
import { loadTypeModel } from './type-model.mjs';
import { validateTree } from './schema.mjs';

export async function checkXmlFiles(files, components, findings) {
    const xmlFiles = new Set(files.filter((f) => f.endsWith('-meta.xml')));
    for (const c of components) if (c.xml) xmlFiles.add(c.xml);

    const model = await loadTypeModel();
    const untyped = new Map(); // root element → number of files the model has no type for
    for (const file of [...xmlFiles].sort()) {
        const parsed = readXml(file);
        if (!parsed.ok) {
            findings.add(file, parsed.line, 'xml/not-well-formed', parsed.message);
            continue;
        }
        const typed = validateTree(parsed.root, model, (line, rule, message) =>
            findings.add(file, line, rule, message)
        );
        if (!typed) untyped.set(parsed.root.name, (untyped.get(parsed.root.name) ?? 0) + 1);
    }
    return {
        checked: xmlFiles.size,
        untyped: [...untyped].map(([root, count]) => `<${root}> ×${count}`),
        modelVersion: model.version,
        modelCached: model.cached
    };
}
