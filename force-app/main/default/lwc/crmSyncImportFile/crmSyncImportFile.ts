// "Import CSV": reads the file of users an admin wants to change, in the browser, before anything reaches Apex. The
// file is at most 5 MB and 50,000 users, UTF-8 (with or without the byte order mark Excel writes; anything else,
// such as Excel's "CSV (MS-DOS)" in Windows-1252, is refused with how to save it instead of importing mojibake),
// with either separator (German Excel writes ";"). A header row names the user column ("User ID", "Username" or
// "Email", in English or German, our export's headers included) and an optional license column; without one, the
// first column holds the users and the second their license type. Each user is a user ID (15 or 18 characters) or
// a username or email address; each license type is a pool's type or name. Every line that cannot be used is a
// problem with its line number; the others are the rows Apex resolves (CrmSyncImportService).
import type { LicensePool } from 'crm-sync/apex-types';
import { parseCsv } from 'c/crmSyncCsv';
import type { CsvRow } from 'c/crmSyncCsv';
import { LABELS } from 'c/crmSyncLabels';
import { formatCount, formatLabel } from 'c/crmSyncFormat';

export const MAX_IMPORT_MEGABYTES = 5;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MEGABYTES * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50000;

export type ImportProblemCode =
    | 'FILE_TOO_LARGE'
    | 'WRONG_ENCODING'
    | 'EMPTY_FILE'
    | 'TOO_MANY_ROWS'
    | 'NO_USER_COLUMN'
    | 'UNCLOSED_QUOTE'
    | 'NO_USER'
    | 'NOT_A_USER'
    | 'BAD_LICENSE_TYPE'
    | 'DUPLICATE';

/** Why the file, or one of its lines, cannot be used; a problem of the whole file has no line. */
export interface ImportProblem {
    code: ImportProblemCode;
    line?: number;
    message: string;
}

/** A line naming a user. */
export interface ImportRow {
    line: number;
    /** An 18-character user ID, or a username or email address in lower case. */
    key: string;
    /** The pool's type, when the line names a license. */
    licenseType?: string;
}

export interface ImportFile {
    rows: ImportRow[];
    problems: ImportProblem[];
    /** The file has a license column: its rows may carry a license type each. */
    hasLicenseColumn: boolean;
}

type Column = 'id' | 'username' | 'email' | 'license';

/** Header names in English and German, lower case without spaces or punctuation. */
const HEADER_NAMES: Record<string, Column> = {
    userid: 'id',
    id: 'id',
    benutzerid: 'id',
    username: 'username',
    benutzername: 'username',
    email: 'email',
    emailaddress: 'email',
    emailadresse: 'email',
    license: 'license',
    licensetype: 'license',
    lizenz: 'license',
    lizenztyp: 'license'
};
/** The user column a file with several uses: an ID is exact, a username unique, an email may be shared. */
const USER_COLUMNS: Column[] = ['id', 'username', 'email'];

const USER_ID = /^005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;
const USERNAME_OR_EMAIL = /^[^\s@]+@[^\s@]+$/;
const ID_SUFFIX_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function headerName(cell: string): string {
    return cell.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** What a header cell names: our names, or the column headers of the export in the admin's language. */
function columnOf(cell: string): Column | undefined {
    const name = headerName(cell);
    const exported: Record<string, Column> = {
        [headerName(LABELS.exportColumnUsername)]: 'username',
        [headerName(LABELS.exportColumnEmail)]: 'email',
        [headerName(LABELS.columnLicense)]: 'license'
    };
    return HEADER_NAMES[name] ?? exported[name];
}

/** The 18-character form of a user ID: the 15 case-sensitive characters and the checksum of their case. */
export function toUserId18(id: string): string {
    const base = id.slice(0, 15);
    let suffix = '';
    for (let block = 0; block < 3; block++) {
        let bits = 0;
        for (let position = 0; position < 5; position++) {
            const char = base[block * 5 + position];
            if (char >= 'A' && char <= 'Z') {
                bits += 1 << position;
            }
        }
        suffix += ID_SUFFIX_CHARACTERS[bits];
    }
    return base + suffix;
}

/** A user as the file names them, as the key Apex looks up; undefined when it is neither an ID nor a name. */
function userKey(value: string): string | undefined {
    if (USER_ID.test(value)) {
        return toUserId18(value);
    }
    return USERNAME_OR_EMAIL.test(value) ? value.toLowerCase() : undefined;
}

function fileProblem(code: ImportProblemCode, message: string): ImportFile {
    return { rows: [], problems: [{ code, message }], hasLicenseColumn: false };
}

/** The text of the file, or undefined when it is not UTF-8. */
function decode(bytes: ArrayBuffer): string | undefined {
    try {
        // The decoder drops a byte order mark; `fatal` refuses bytes that are not UTF-8 instead of replacing them.
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return undefined;
    }
}

interface Layout {
    userColumn: number;
    licenseColumn?: number;
    dataRows: CsvRow[];
}

/** Where the users and licenses are: from the header row, or the first two columns of a file without one. */
function layoutOf(rows: CsvRow[]): Layout | undefined {
    const columns = rows[0].cells.map(columnOf);
    if (columns.some((column) => column !== undefined)) {
        const userColumn = USER_COLUMNS.map((wanted) => columns.indexOf(wanted)).find((index) => index >= 0);
        if (userColumn === undefined) {
            return undefined;
        }
        const licenseColumn = columns.indexOf('license');
        return { userColumn, licenseColumn: licenseColumn >= 0 ? licenseColumn : undefined, dataRows: rows.slice(1) };
    }
    if (userKey(rows[0].cells[0].trim()) === undefined) {
        return undefined;
    }
    const licenseColumn = rows.some((row) => row.cells.length > 1) ? 1 : undefined;
    return { userColumn: 0, licenseColumn, dataRows: rows };
}

/** The pool a license cell names, by its type or its name, ignoring case. */
function licenseTypeOf(value: string, pools: LicensePool[]): string | undefined {
    const wanted = value.toLowerCase();
    return pools.find((pool) => pool.licenseType?.toLowerCase() === wanted || pool.label?.toLowerCase() === wanted)
        ?.licenseType;
}

/** Reads an import file; `pools` are the license pools the panel shows, for the license column. */
export function readImportFile(bytes: ArrayBuffer, pools: LicensePool[]): ImportFile {
    if (bytes.byteLength > MAX_IMPORT_BYTES) {
        return fileProblem('FILE_TOO_LARGE', formatLabel(LABELS.importFileTooLarge, MAX_IMPORT_MEGABYTES));
    }
    const text = decode(bytes);
    if (text === undefined) {
        return fileProblem('WRONG_ENCODING', LABELS.importWrongEncoding);
    }
    const rows = parseCsv(text);
    if (rows.length === 0) {
        return fileProblem('EMPTY_FILE', LABELS.importEmpty);
    }
    const layout = layoutOf(rows);
    if (!layout) {
        return fileProblem('NO_USER_COLUMN', LABELS.importNoUserColumn);
    }
    if (layout.dataRows.length === 0) {
        return fileProblem('EMPTY_FILE', LABELS.importEmpty);
    }
    if (layout.dataRows.length > MAX_IMPORT_ROWS) {
        return fileProblem('TOO_MANY_ROWS', formatLabel(LABELS.importTooManyRows, formatCount(MAX_IMPORT_ROWS)));
    }
    const poolNames = pools.map((pool) => pool.label ?? pool.licenseType).join(', ');
    const result: ImportFile = { rows: [], problems: [], hasLicenseColumn: layout.licenseColumn !== undefined };
    const firstLineOf = new Map<string, number>();
    for (const row of layout.dataRows) {
        const problem = (code: ImportProblemCode, label: string, ...values: (string | number)[]) =>
            result.problems.push({ code, line: row.line, message: formatLabel(label, row.line, ...values) });
        const user = (row.cells[layout.userColumn] ?? '').trim();
        const license = layout.licenseColumn === undefined ? '' : (row.cells[layout.licenseColumn] ?? '').trim();
        const key = userKey(user);
        const licenseType = license ? licenseTypeOf(license, pools) : undefined;
        if (row.unclosedQuote) {
            problem('UNCLOSED_QUOTE', LABELS.importUnclosedQuote);
        } else if (!user) {
            problem('NO_USER', LABELS.importNoUser);
        } else if (!key) {
            problem('NOT_A_USER', LABELS.importNotAUser, user);
        } else if (license && !licenseType) {
            problem('BAD_LICENSE_TYPE', LABELS.importBadLicenseType, license, poolNames);
        } else if (firstLineOf.has(key)) {
            problem('DUPLICATE', LABELS.importDuplicate, user, firstLineOf.get(key) ?? 0);
        } else {
            firstLineOf.set(key, row.line);
            result.rows.push(licenseType ? { line: row.line, key, licenseType } : { line: row.line, key });
        }
    }
    return result;
}
