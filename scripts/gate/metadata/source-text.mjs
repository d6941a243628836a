// Blanks out comments and string literals in Apex or JavaScript/TypeScript source, keeping every newline and
// every other character's position, so regular expressions over the result cannot match inside a comment or
// string and match offsets still map to the right line.

/**
 * @param {string} source
 * @param {{keepStrings?: boolean}} [options] keepStrings: leave string contents (JS import specifiers) intact
 */
export function blankCommentsAndStrings(source, { keepStrings = false } = {}) {
    const out = source.split('');
    const blank = (from, to) => {
        for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
    };
    let i = 0;
    while (i < source.length) {
        const c = source[i];
        const next = source[i + 1];
        if (c === '/' && next === '/') {
            const end = source.indexOf('\n', i);
            const stop = end < 0 ? source.length : end;
            blank(i, stop);
            i = stop;
        } else if (c === '/' && next === '*') {
            const end = source.indexOf('*/', i + 2);
            const stop = end < 0 ? source.length : end + 2;
            blank(i, stop);
            i = stop;
        } else if (c === "'" || c === '"' || c === '`') {
            // Apex has only '…' strings; JS adds "…" and template literals (their ${} parts are blanked too,
            // which is fine for finding imports and declarations).
            let j = i + 1;
            while (j < source.length && source[j] !== c && !(c !== '`' && source[j] === '\n'))
                j += source[j] === '\\' ? 2 : 1;
            if (!keepStrings) blank(i + 1, j);
            i = j + 1;
        } else {
            i++;
        }
    }
    return out.join('');
}

/** 1-based line of a character offset. */
export function lineAt(text, offset) {
    let line = 1;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}
