import { csvCell, csvSeparator, detectSeparator, parseCsv, toCsv } from 'c/crmSyncCsv';

describe('c/crmSyncCsv', () => {
    it('uses a semicolon where the decimal separator is a comma, as German Excel expects', () => {
        expect(csvSeparator(',')).toBe(';');
        expect(csvSeparator('.')).toBe(',');
    });

    it('leaves plain text, numbers and booleans as they are', () => {
        expect(csvCell('Jürgen Müller', ',')).toBe('Jürgen Müller');
        expect(csvCell(4564, ',')).toBe('4564');
        expect(csvCell(true, ',')).toBe('true');
    });

    it('writes null and undefined as empty cells', () => {
        expect(csvCell(null, ',')).toBe('');
        expect(csvCell(undefined, ';')).toBe('');
    });

    it('quotes a cell holding the separator, a quote or a line break, doubling its quotes', () => {
        expect(csvCell('Müller, Max', ',')).toBe('"Müller, Max"');
        expect(csvCell('Müller, Max', ';')).toBe('Müller, Max');
        expect(csvCell('Max "the Mover" Müller', ';')).toBe('"Max ""the Mover"" Müller"');
        expect(csvCell('line one\nline two', ',')).toBe('"line one\nline two"');
    });

    it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
        expect(csvCell('=HYPERLINK("http://x.example")', ',')).toBe('"\'=HYPERLINK(""http://x.example"")"');
        expect(csvCell('+49 30 1234', ',')).toBe("'+49 30 1234");
        expect(csvCell('-1', ',')).toBe("'-1");
        expect(csvCell('@SUM(A1)', ',')).toBe("'@SUM(A1)");
        expect(csvCell(-1, ',')).toBe('-1');
    });

    it('starts the file with a byte order mark and ends lines with CRLF', () => {
        const text = toCsv(
            [
                ['Name', 'Sync'],
                ['Ana', true]
            ],
            ';'
        );
        expect(text).toBe('\uFEFFName;Sync\r\nAna;true');
    });
    describe('reading', () => {
        it('finds the separator of the first line, ignoring separators inside quotes', () => {
            expect(detectSeparator('Benutzername;Lizenz\r\na,b;c')).toBe(';');
            expect(detectSeparator('"Müller; Max",Username,License')).toBe(',');
            expect(detectSeparator('a@example.com')).toBe(',');
        });

        it('reads quoted cells with separators, doubled quotes and line breaks', () => {
            expect(parseCsv('"Müller, Max","say ""hi""","two\nlines"\r\nnext,row', ',')).toEqual([
                { line: 1, cells: ['Müller, Max', 'say "hi"', 'two\nlines'] },
                { line: 3, cells: ['next', 'row'] }
            ]);
        });

        it('reads back what it writes', () => {
            const rows = [
                ['Name', 'Note'],
                ['Hopper, Grace', 'said "ship it"\nthen left']
            ];

            expect(parseCsv(toCsv(rows, ';').slice(1)).map((row) => row.cells)).toEqual(rows);
        });

        it('keeps empty cells but leaves out blank lines, a last line without a line break included', () => {
            expect(parseCsv('a;;c\n\n;\nlast', ';')).toEqual([
                { line: 1, cells: ['a', '', 'c'] },
                { line: 3, cells: ['', ''] },
                { line: 4, cells: ['last'] }
            ]);
        });

        it('marks a row whose quoted cell is still open at the end of the file', () => {
            expect(parseCsv('a\n"b,c', ',')).toEqual([
                { line: 1, cells: ['a'] },
                { line: 2, cells: ['b,c'], unclosedQuote: true }
            ]);
        });
    });
});
