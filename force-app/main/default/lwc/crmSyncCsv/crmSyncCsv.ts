// CSV files the admin opens in a spreadsheet: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark (without
// it Excel reads UTF-8 as the system code page, so "Jürgen" turns into mojibake), the separator Excel expects in
// the admin's locale (";" where the decimal separator is a comma, as in German), and cells a spreadsheet would run
// as a formula (=, +, -, @, tab, carriage return first) prefixed with an apostrophe: user names come from user
// input, and a name such as =HYPERLINK(…) must stay text (CSV injection).

export type CsvSeparator = ',' | ';';
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
