// Parses metadata XML into a small element tree that knows the source line of every element.
//
// fast-xml-parser checks well-formedness (with a line number) and builds the tree, but it records no positions.
// Element lines come from a second, trivial scan of the raw text: in a well-formed document the n-th start tag
// in the text is the n-th element of a pre-order walk, so the two sequences can be zipped.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * @typedef {object} XmlElement
 * @property {string} name
 * @property {number} line                    1-based line of the start tag
 * @property {Record<string, string>} attrs
 * @property {XmlElement[]} children
 * @property {string} text                    concatenated direct text (entities decoded, CDATA included)
 */

const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true
});

/**
 * @returns {{ok: true, root: XmlElement} | {ok: false, line: number, message: string}}
 */
export function parseXml(text) {
    const verdict = XMLValidator.validate(text);
    if (verdict !== true) return { ok: false, line: verdict.err.line, message: verdict.err.msg };
    // The validator misses text after a self-closing root (`<A/>x`); the parser silently drops it.
    const tail = text.slice(text.lastIndexOf('>') + 1);
    if (tail.trim()) {
        const at = text.length - tail.trimStart().length;
        return { ok: false, line: countNewlines(text, 0, at) + 1, message: 'text after the root element' };
    }

    const nodes = parser.parse(text);
    const lines = startTagLines(text);
    let next = 0;
    const build = (node) => {
        const name = Object.keys(node).find((k) => k !== ':@');
        const element = { name, line: lines[next++] ?? 1, attrs: node[':@'] ?? {}, children: [], text: '' };
        for (const child of node[name]) {
            if ('#text' in child) element.text += child['#text'];
            else element.children.push(build(child));
        }
        return element;
    };
    const elements = [];
    for (const node of nodes) {
        if ('#text' in node) {
            // The validator accepts stray text and several roots; a metadata file has exactly one root element.
            if (node['#text'].trim())
                return { ok: false, line: lineOfText(text, node['#text']), message: 'text outside the root element' };
        } else {
            elements.push(build(node));
        }
    }
    if (elements.length !== 1) {
        const line = elements[1]?.line ?? 1;
        return { ok: false, line, message: elements.length ? 'more than one root element' : 'no root element' };
    }
    return { ok: true, root: elements[0] };
}

/** Lines of every start tag (including self-closing ones), in document order; skips comments, CDATA, PIs, DOCTYPE. */
function startTagLines(text) {
    const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<([A-Za-z_][\w.:-]*)/g;
    const lines = [];
    let line = 1;
    let counted = 0;
    for (let m; (m = token.exec(text));) {
        line += countNewlines(text, counted, m.index);
        counted = m.index;
        if (m[1]) lines.push(line);
    }
    return lines;
}

function countNewlines(text, from, to) {
    let n = 0;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
}

function lineOfText(text, fragment) {
    const at = text.indexOf(fragment.trim());
    return at < 0 ? 1 : countNewlines(text, 0, at) + 1;
}

// Small helpers for reading metadata trees; metadata XML never uses namespaced element names.

/** Direct children named `name`. */
export function childrenNamed(element, name) {
    return element.children.filter((c) => c.name === name);
}

/** Trimmed text of the first direct child named `name`, or undefined. */
export function childText(element, name) {
    const child = element.children.find((c) => c.name === name);
    return child === undefined ? undefined : child.text.trim();
}

/** Every descendant (depth first, document order) named `name`. */
export function descendantsNamed(element, name, out = []) {
    for (const child of element.children) {
        if (child.name === name) out.push(child);
        descendantsNamed(child, name, out);
    }
    return out;
}
