import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readImportFile, toUserId18 } from 'c/crmSyncImportFile';
import type { LicensePool } from 'crm-sync/apex-types';

const pools: LicensePool[] = [
    { licenseType: 'CORE', label: 'Core', total: 10, assigned: 4, available: 6, isDefault: true },
    { licenseType: 'PRO', label: 'Professional', total: 5, assigned: 5, available: 0, isDefault: false }
];

const utf8 = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
const read = (text: string) => readImportFile(utf8(text), pools);

describe('c/crmSyncImportFile', () => {
    describe('files spreadsheets write', () => {
        it('reads German Excel: byte order mark, semicolons, CRLF and German headers', () => {
            const file = read('\uFEFFBenutzername;Lizenz\r\njürgen.müller@example.de;Core\r\nana@example.de;PRO\r\n');

            expect(file.problems).toEqual([]);
            expect(file.hasLicenseColumn).toBe(true);
            expect(file.rows).toEqual([
                { line: 2, key: 'jürgen.müller@example.de', licenseType: 'CORE' },
                { line: 3, key: 'ana@example.de', licenseType: 'PRO' }
            ]);
        });

        it('reads the panel’s own export, taking the username over the email and the license by its name', () => {
            const file = read(
                'Name,Username,Email,Profile,Active,License,CRM sync,Status,Last synced\n' +
                    '"Hopper, Grace",grace@acme.example,grace@example.com,Standard User,Yes,Professional,Yes,OK,\n'
            );

            expect(file.rows).toEqual([{ line: 2, key: 'grace@acme.example', licenseType: 'PRO' }]);
        });

        it('reads a list of users without a header row, with a license type in the second column', () => {
            const file = read('ADA@Example.com\n005000000000001\n005000000000002AAA,core\n');

            expect(file.rows).toEqual([
                { line: 1, key: 'ada@example.com' },
                { line: 2, key: '005000000000001AAA' },
                { line: 3, key: '005000000000002AAA', licenseType: 'CORE' }
            ]);
            expect(file.hasLicenseColumn).toBe(true);
        });

        it('takes a user ID column over the username and the email', () => {
            const file = read('Email;User ID;Username\nx@example.com;005000000000001AAA;x@acme.example\n');

            expect(file.rows).toEqual([{ line: 2, key: '005000000000001AAA' }]);
            expect(file.hasLicenseColumn).toBe(false);
        });

        it('skips blank lines and keeps the line numbers a spreadsheet shows, across quoted line breaks', () => {
            const file = read('Username,Note\n\n"a@example.com","two\nlines"\nb@example.com,\n');

            expect(file.rows.map((row) => row.line)).toEqual([3, 5]);
        });

        it('uses the default license for a line whose license cell is empty', () => {
            const file = read('Username;License\na@example.com;\n');

            expect(file.rows).toEqual([{ line: 2, key: 'a@example.com' }]);
        });
    });

    describe('user IDs', () => {
        it('turns a 15-character ID into its 18-character form, whose last three characters encode the case', () => {
            expect(toUserId18('005Dn000003ABcD')).toBe('005Dn000003ABcDIAW');
            expect(toUserId18('005000000000001')).toBe('005000000000001AAA');
        });

        it('finds the same user named by the 15- and the 18-character ID as a duplicate', () => {
            const file = read('005Dn000003ABcD\n005Dn000003ABcDIAW\n');

            expect(file.rows).toHaveLength(1);
            expect(file.problems).toEqual([
                { code: 'DUPLICATE', line: 2, message: 'Line 2: 005Dn000003ABcDIAW is listed in line 1 already.' }
            ]);
        });
    });

    describe('one problem per line that cannot be used', () => {
        it('names an unknown license type with the types there are', () => {
            expect(read('Username,License\na@example.com,Gold\n').problems).toEqual([
                {
                    code: 'BAD_LICENSE_TYPE',
                    line: 2,
                    message: 'Line 2: "Gold" is not a license type. Use one of: Core, Professional.'
                }
            ]);
        });

        it('names a value that is neither an ID nor a username or email', () => {
            expect(read('Username\nGrace Hopper\n').problems).toEqual([
                {
                    code: 'NOT_A_USER',
                    line: 2,
                    message: 'Line 2: "Grace Hopper" is not a user ID, username or email address.'
                }
            ]);
        });

        it('names a line without a user', () => {
            expect(read('Username;License\n;Core\n').problems).toEqual([
                { code: 'NO_USER', line: 2, message: 'Line 2: no user is given.' }
            ]);
        });

        it('finds a user listed twice, ignoring case', () => {
            expect(read('a@example.com\nb@example.com\nA@Example.com\n').problems).toEqual([
                { code: 'DUPLICATE', line: 3, message: 'Line 3: A@Example.com is listed in line 1 already.' }
            ]);
        });

        it('names a quoted value left open at the end of the file', () => {
            const file = read('Username\na@example.com\n"b@example.com\n');

            expect(file.rows).toEqual([{ line: 2, key: 'a@example.com' }]);
            expect(file.problems).toEqual([
                { code: 'UNCLOSED_QUOTE', line: 3, message: 'Line 3: a quoted value is not closed.' }
            ]);
        });

        it('keeps the usable lines beside the problems', () => {
            const file = read('Username\na@example.com\nnobody\nb@example.com\n');

            expect(file.rows.map((row) => row.key)).toEqual(['a@example.com', 'b@example.com']);
            expect(file.problems.map((problem) => problem.line)).toEqual([3]);
        });
    });

    describe('files that cannot be read at all', () => {
        it('refuses a file that is not UTF-8, saying how to save it', () => {
            // "Müller" as Excel's "CSV (MS-DOS)" writes it, in Windows-1252.
            const windows1252 = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x40, 0x78, 0x2e, 0x64, 0x65]);

            expect(readImportFile(windows1252.buffer, pools)).toEqual({
                rows: [],
                hasLicenseColumn: false,
                problems: [
                    {
                        code: 'WRONG_ENCODING',
                        message:
                            'The file is not UTF-8 encoded. In Excel, save it as "CSV UTF-8 (Comma delimited)" and import it again.'
                    }
                ]
            });
        });

        it('refuses a file larger than 5 MB before reading it', () => {
            const file = readImportFile(new ArrayBuffer(MAX_IMPORT_BYTES + 1), pools);

            expect(file.problems).toEqual([
                {
                    code: 'FILE_TOO_LARGE',
                    message: 'The file is larger than 5 MB. Split it into smaller files and import them one by one.'
                }
            ]);
        });

        it('refuses more than 50,000 users', () => {
            const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `u${index}@example.com`);

            expect(read(lines.join('\n')).problems.map((problem) => problem.message)).toEqual([
                'The file lists more than 50,000 users. Split it into smaller files and import them one by one.'
            ]);
        });

        it('accepts exactly 50,000 users', () => {
            const lines = Array.from({ length: MAX_IMPORT_ROWS }, (_, index) => `u${index}@example.com`);

            expect(read(lines.join('\n')).rows).toHaveLength(MAX_IMPORT_ROWS);
        });

        it.each([
            ['an empty file', ''],
            ['a byte order mark and blank lines', '\uFEFF\r\n\r\n'],
            ['a header row only', 'Username;License\r\n']
        ])('says that %s lists no users', (_case, text) => {
            expect(read(text).problems).toEqual([{ code: 'EMPTY_FILE', message: 'The file lists no users.' }]);
        });

        it('says how to name the user column when the header names none', () => {
            expect(read('Name,License\nGrace Hopper,Core\n').problems.map((problem) => problem.code)).toEqual([
                'NO_USER_COLUMN'
            ]);
        });
    });
});
