// Finds method declarations in Apex source well enough to answer "is Class.method callable from LWC?"
// without an Apex parser: LWC can import only `static` methods annotated `@AuraEnabled`.
import { blankCommentsAndStrings } from './source-text.mjs';

/**
 * Declarations of `methodName` (Apex identifiers are case-insensitive) with their modifiers.
 * A declaration is `name(...)` followed by `{`; a call is followed by `;`, `.`, `)` and so on. The header is the
 * text since the previous `;`, `{` or `}`: it holds the annotations (also on earlier lines, also with arguments
 * such as `@AuraEnabled(cacheable=true)`) and the modifiers of that declaration only.
 * @returns {{auraEnabled: boolean, isStatic: boolean}[]}
 */
export function findMethodDeclarations(source, methodName) {
    const code = blankCommentsAndStrings(source);
    const found = [];
    const call = new RegExp(`(?<![\\w.])${escapeRegExp(methodName)}\\s*\\(`, 'gi');
    for (let m; (m = call.exec(code));) {
        const close = matchingParen(code, m.index + m[0].length - 1);
        if (close < 0 || code.slice(close + 1).trimStart()[0] !== '{') continue;
        const headerStart =
            Math.max(code.lastIndexOf(';', m.index), code.lastIndexOf('{', m.index), code.lastIndexOf('}', m.index)) +
            1;
        const header = code.slice(headerStart, m.index);
        // `new Foo(...) {` does not exist in Apex, but keep keywords out anyway.
        if (!/\w[\w<>,\s[\]]*\s$/.test(header) || /\b(new|return|else)\s*$/i.test(header)) continue;
        found.push({ auraEnabled: /@AuraEnabled\b/i.test(header), isStatic: /\bstatic\b/i.test(header) });
    }
    return found;
}

function matchingParen(code, open) {
    let depth = 0;
    for (let i = open; i < code.length; i++) {
        if (code[i] === '(') depth++;
        else if (code[i] === ')' && --depth === 0) return i;
    }
    return -1;
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
