// CSV files the admin opens in a spreadsheet: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark (without
// it Excel reads UTF-8 as the system code page, so "Jürgen" turns into mojibake), the separator Excel expects in
// the admin's locale (";" where the decimal separator is a comma, as in German), and cells a spreadsheet would run
// as a formula (=, +, -, @, tab, carriage return first) prefixed with an apostrophe: user names come from user
// input, and a name such as =HYPERLINK(…) must stay text (CSV injection).
//
// And CSV files a spreadsheet wrote: parseCsv reads RFC 4180 text with either separator (found in the first line),
// CRLF or LF line ends, quoted cells with separators, quotes and line breaks, and says which line each row starts on.

export type CsvSeparator = ',' | ';';

/** One row of a parsed file. */
export interface CsvRow {
    /** The line the row starts on, from 1: what a spreadsheet shows as the row number. */
    line: number;
    cells: string[];
    /** A quoted cell was still open at the end of the file: its cells are what was read. */
    unclosedQuote?: boolean;
}
export type CsvValue = string | number | boolean | null | undefined;

const BYTE_ORDER_MARK = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** The separator spreadsheets expect where numbers are written with this decimal separator. */
export function csvSeparator(decimalSeparator: string): CsvSeparator {
    return decimalSeparator === ',' ? ';' : ',';
}

/** One cell: quoted when it holds the separator, a quote or a line break; formulas defused. */
export function csvCell(value: CsvValue, separator: CsvSeparator): string {
    if (value === null || value === undefined) {
        return '';
    }
    let text = String(value);
    if (typeof value === 'string' && FORMULA_START.test(text)) {
        text = `'${text}`;
    }
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the byte order mark, then one line per row, CRLF-separated. */
export function toCsv(rows: CsvValue[][], separator: CsvSeparator): string {
    return (
        BYTE_ORDER_MARK + rows.map((row) => row.map((value) => csvCell(value, separator)).join(separator)).join('\r\n')
    );
}

/**
 * Saves a CSV text as a file through a hidden link placed in `container` (an element of the component's template,
 * marked lwc:dom="manual"). A Blob URL, not a data: URL: tens of thousands of rows are several megabytes, more than
 * browsers accept in a URL.
 */
export function downloadCsv(text: string, fileName: string, container: Element | null | undefined): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    container?.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
}

/** The separator of a file a spreadsheet wrote: the one its first line holds more of, outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const char of text) {
        if (char === '"') {
            quoted = !quoted;
        } else if (!quoted && (char === '\n' || char === '\r')) {
            break;
        } else if (!quoted && char === ',') {
            commas++;
        } else if (!quoted && char === ';') {
            semicolons++;
        }
    }
    return semicolons > commas ? ';' : ',';
}

/** The rows of a CSV text (byte order mark already removed), blank lines left out. */
export function parseCsv(text: string, separator: CsvSeparator = detectSeparator(text)): CsvRow[] {
    const rows: CsvRow[] = [];
    let cells: string[] = [];
    let cell = '';
    let quoted = false;
    let line = 1;
    let rowLine = 1;
    const endRow = (unclosedQuote = false) => {
        cells.push(cell);
        if (cells.length > 1 || cells[0] !== '' || unclosedQuote) {
            rows.push(unclosedQuote ? { line: rowLine, cells, unclosedQuote } : { line: rowLine, cells });
        }
        cells = [];
        cell = '';
    };
    for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (quoted) {
            if (char === '"' && text[index + 1] === '"') {
                cell += '"';
                index++;
            } else if (char === '"') {
                quoted = false;
            } else {
                line += char === '\n' ? 1 : 0;
                cell += char;
            }
        } else if (char === '"') {
            quoted = true;
        } else if (char === separator) {
            cells.push(cell);
            cell = '';
        } else if (char === '\r' || char === '\n') {
            if (char === '\r' && text[index + 1] === '\n') {
                index++;
            }
            endRow();
            line++;
            rowLine = line;
        } else {
            cell += char;
        }
    }
    if (quoted || cell !== '' || cells.length > 0) {
        endRow(quoted);
    }
    return rows;
}
