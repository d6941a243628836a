import { csvCell, csvSeparator, toCsv } from 'c/crmSyncCsv';

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
});
