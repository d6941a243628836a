// Validates a parsed metadata XML tree against the Metadata API type model (see type-model.mjs).
//
// Checked: unknown elements, repeated single-valued elements, enum values, booleans, numbers, text where child
// elements are expected, and missing required scalars. Not checked: element order (the .d.ts lists fields
// alphabetically, so the WSDL sequence is lost), required complex/array elements (the .d.ts marks every array as
// present, which is not what minOccurs says) and required booleans (see below).

/**
 * Elements the WSDL declares as raw text (xsd:string) although source files carry child elements in them.
 * Their subtree is skipped. Keep this list short and say why each entry is here.
 */
export const RAW_TEXT_ELEMENTS = new Map([
    // Holds <targetConfig targets="..."> blocks whose content depends on the target (properties, objects,
    // actionType, ...); the WSDL types the whole element as a string.
    ['LightningComponentBundle.targetConfigs', 'per-target XML the WSDL types as a plain string']
]);

const BOOLEAN = /^(true|false|1|0)$/; // xsd:boolean lexical space
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/; // xsd:int / xsd:double

/**
 * @param {import('./xml.mjs').XmlElement} root
 * @param {{types: object, enums: object}} model
 * @param {(line: number, rule: string, message: string) => void} report
 * @returns {boolean} false when the model has no type for the root element (nothing was checked)
 */
export function validateTree(root, model, report) {
    if (!model.types[root.name]) return false;
    validateObject(root, root.name, model, report);
    return true;
}

function validateObject(element, typeName, model, report) {
    const fields = model.types[typeName];
    const seen = new Map();
    for (const child of element.children) {
        const field = fields[child.name];
        if (!field) {
            const hint = closest(child.name, Object.keys(fields));
            report(
                child.line,
                'schema/unknown-element',
                `<${child.name}> is not an element of ${typeName}${hint ? `; did you mean <${hint}>?` : ''}`
            );
            continue;
        }
        const count = (seen.get(child.name) ?? 0) + 1;
        seen.set(child.name, count);
        if (count === 2 && !field.array) {
            report(child.line, 'schema/duplicate-element', `<${child.name}> may appear only once in ${typeName}`);
        }
        if (RAW_TEXT_ELEMENTS.has(`${typeName}.${child.name}`)) continue;
        validateValue(child, field.type, model, report);
    }
    for (const [name, field] of Object.entries(fields)) {
        // Required booleans are not enforced: the WSDL omits minOccurs="0" on many flags that deploys default
        // to false (trailheadapps/lwc-recipes deploys a CustomPermission without <isLicensed>).
        if (field.required && field.type !== 'boolean' && !seen.has(name) && !isComplex(field.type, model)) {
            report(element.line, 'schema/missing-required', `${typeName} <${element.name}> lacks required <${name}>`);
        }
    }
}

function validateValue(element, type, model, report) {
    if (type === 'any' || element.attrs['xsi:nil'] === 'true') return;

    // xsi:type selects a subtype (e.g. Flow elements); use it when the model knows it.
    const declared = element.attrs['xsi:type']?.replace(/^\w+:/, '');
    if (declared && model.types[declared]) type = declared;

    if (isComplex(type, model)) {
        if (element.text.trim()) {
            const message = `<${element.name}> (${type}) holds child elements, not text`;
            report(element.line, 'schema/unexpected-text', message);
        }
        validateObject(element, type, model, report);
        return;
    }
    for (const child of element.children) {
        report(
            child.line,
            'schema/unknown-element',
            `<${child.name}> is not allowed inside <${element.name}>, which holds a ${type} value`
        );
    }
    const value = element.text.trim();
    if (type === 'boolean' && !BOOLEAN.test(value)) {
        report(element.line, 'schema/bad-boolean', `<${element.name}>: '${value}' is not a boolean (true or false)`);
    } else if (type === 'number' && !NUMBER.test(value)) {
        report(element.line, 'schema/bad-number', `<${element.name}>: '${value}' is not a number`);
    } else if (model.enums[type] && !model.enums[type].includes(value)) {
        report(
            element.line,
            'schema/bad-enum',
            `<${element.name}>: '${value}' is not a valid ${type}; ${describeAllowed(value, model.enums[type])}`
        );
    }
}

function isComplex(type, model) {
    return Boolean(model.types[type]);
}

/** "did you mean X? allowed: a, b, c, … (+N more)" — long enums (FlexiPageType has 40+ values) are shortened. */
function describeAllowed(value, allowed, max = 8) {
    const hint = closest(value, allowed);
    const shown = allowed.slice(0, max).join(', ');
    const more = allowed.length > max ? `, … (+${allowed.length - max} more)` : '';
    return `${hint ? `did you mean '${hint}'? ` : ''}allowed: ${shown}${more}`;
}

/** The candidate nearest to `word` by edit distance (case-insensitive), if it is plausibly a typo. */
export function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    const lower = word.toLowerCase();
    for (const candidate of candidates) {
        const d = editDistance(lower, candidate.toLowerCase());
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
            );
        }
        previous = current;
    }
    return previous[b.length];
}
