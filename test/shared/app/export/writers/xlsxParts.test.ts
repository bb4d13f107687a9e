/**
 * The cell-level SpreadsheetML of the XLSX writer, as the bytes a spreadsheet program reads: text
 * escaping (XML and OOXML's `_xHHHH_`), inline strings with `xml:space`, Excel's length limit, typed
 * cells (numbers from numeric text, date serials with their styles). Every expected value is written
 * out literally from the specifications (ECMA-376 ST_Xstring, Excel's 1900 date system and limits),
 * not computed with the code under test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CellValue, ColumnType } from '../../../../../shared/domain/datasets.js';
import type * as XlsxParts from '../../../../../shared/app/export/writers/xlsxParts.js';

/**
 * A fresh copy of the module for every test: its module-level tables (namespaces, the escape, date
 * and number patterns) are then evaluated inside the test that checks them. Mutation testing
 * attributes a mutant in a module initialiser to the test that loaded the module; with one static
 * import that would be whichever unit test first loads the XLSX writer, not these.
 */
let parts: typeof XlsxParts;
beforeEach(async () => {
  vi.resetModules();
  parts = await import('../../../../../shared/app/export/writers/xlsxParts.js');
});

/** The inline-string cell Excel reads as the given element content of `<t>`. */
const textCell = (ref: string, content: string, preserve = false): string =>
  `<c r="${ref}" t="inlineStr"><is><t${preserve ? ' xml:space="preserve"' : ''}>${content}</t></is></c>`;

/** Runs a table of [input, expected] through cellXml in one column type, reporting every mismatch. */
function expectCells(type: ColumnType, cases: readonly (readonly [CellValue, string])[]): void {
  expect(cases.map(([value]) => [value, parts.cellXml('B7', value, type)])).toEqual(cases.map(([value, xml]) => [value, xml]));
}

describe('escapeText: XML and OOXML string escaping', () => {
  it('escapes the XML specials and a carriage return, also when they are the whole text', () => {
    expect(parts.escapeText('<')).toBe('&lt;');
    expect(parts.escapeText('>')).toBe('&gt;');
    expect(parts.escapeText('&')).toBe('&amp;');
    expect(parts.escapeText('\r')).toBe('&#13;');
    expect(parts.escapeText('a<b & c>d')).toBe('a&lt;b &amp; c&gt;d');
    // Quotes and apostrophes are ordinary element content.
    expect(parts.escapeText('say "hi" it\'s <ok>')).toBe('say "hi" it\'s &lt;ok&gt;');
  });

  it('writes control characters as _xHHHH_ with upper-case hex, and keeps tab, LF and printable text', () => {
    expect(parts.escapeText('\u0000')).toBe('_x0000_');
    expect(parts.escapeText('\u0008')).toBe('_x0008_');
    expect(parts.escapeText('\u000b')).toBe('_x000B_');
    expect(parts.escapeText('\u000c')).toBe('_x000C_');
    expect(parts.escapeText('\u000e')).toBe('_x000E_');
    expect(parts.escapeText('\u001b[0m')).toBe('_x001B_[0m');
    expect(parts.escapeText('\u001f')).toBe('_x001F_');
    expect(parts.escapeText('\ufffe')).toBe('_xFFFE_');
    expect(parts.escapeText('\uffff')).toBe('_xFFFF_');
    expect(parts.escapeText('a\tb\nc\u007f d\ufffd')).toBe('a\tb\nc\u007f d\ufffd');
    expect(parts.escapeText('<a\tb\nc\u007f d\ufffd')).toBe('&lt;a\tb\nc\u007f d\ufffd');
  });

  it('escapes the underscore of literal text that looks like an _xHHHH_ escape, and no other underscore', () => {
    expect(parts.escapeText('_x0041_')).toBe('_x005F_x0041_');
    expect(parts.escapeText('_x00e9_')).toBe('_x005F_x00e9_');
    expect(parts.escapeText('id_xBEEF_2')).toBe('id_x005F_xBEEF_2');
    expect(parts.escapeText('a_b_x0041')).toBe('a_b_x0041');
    // Once something else needs escaping, underscores that do not start an escape stay as they are.
    expect(parts.escapeText('<_x004_ _xG041_ _X0041_ _x0041 _xA_ snake_case>')).toBe(
      '&lt;_x004_ _xG041_ _X0041_ _x0041 _xA_ snake_case&gt;',
    );
  });

  it('keeps surrogate pairs (astral characters) and replaces lone surrogates with U+FFFD', () => {
    expect(parts.escapeText('😀')).toBe('😀');
    expect(parts.escapeText('<😀\ud800\udc00\udbff\udfff>')).toBe('&lt;😀\ud800\udc00\udbff\udfff&gt;');
    expect(parts.escapeText('a\ud800')).toBe('a\ufffd');
    expect(parts.escapeText('\udbffx')).toBe('\ufffdx');
    expect(parts.escapeText('x\udc00')).toBe('x\ufffd');
    expect(parts.escapeText('a\udfff<')).toBe('a\ufffd&lt;');
    // A low surrogate before a high one is two lone surrogates, not a pair.
    expect(parts.escapeText('\udc00\ud800')).toBe('\ufffd\ufffd');
  });
});

describe('cellXml: text cells', () => {
  it('writes text as an inline string, escaped, preserving space only where a reader would drop it', () => {
    expectCells('string', [
      ['plain', textCell('B7', 'plain')],
      ['x', textCell('B7', 'x')],
      ['two words', textCell('B7', 'two words')],
      ['', textCell('B7', '')],
      [' leading', textCell('B7', ' leading', true)],
      ['trailing ', textCell('B7', 'trailing ', true)],
      ['two\nlines', textCell('B7', 'two\nlines', true)],
      ['tab\tinside', textCell('B7', 'tab\tinside', true)],
      ['R&D <Q1>', textCell('B7', 'R&amp;D &lt;Q1&gt;')],
      ['a\rb', textCell('B7', 'a&#13;b')],
      ['=1+1', textCell('B7', "'=1+1")],
      ['42', textCell('B7', '42')],
    ]);
  });

  it('neutralises every formula trigger (= + - @ tab CR LF NUL) with a leading apostrophe, and nothing else', () => {
    // The cell-level view of the shared formula vectors: the text a spreadsheet reads, escaped.
    expectCells('string', [
      ['=1+1', textCell('B7', "'=1+1")],
      ['+SUM(A1:A2)', textCell('B7', "'+SUM(A1:A2)")],
      ['-2+3', textCell('B7', "'-2+3")],
      ['@SUM(1)', textCell('B7', "'@SUM(1)")],
      ['\t=cmd', textCell('B7', "'\t=cmd", true)],
      ['\rCR', textCell('B7', "'&#13;CR")],
      ['\nLF', textCell('B7', "'\nLF", true)],
      ['\0NUL', textCell('B7', "'_x0000_NUL")],
      ['a=b', textCell('B7', 'a=b')],
      ["'already quoted", textCell('B7', "'already quoted")],
    ]);
  });

  it('cuts text to Excel’s 32,767 characters, never splitting a surrogate pair', () => {
    const a32766 = 'a'.repeat(32_766);
    expectCells('string', [
      // Exactly at the limit: kept whole.
      [`${a32766}b`, textCell('B7', `${a32766}b`)],
      // One over: the last character goes.
      [`${a32766}bc`, textCell('B7', `${a32766}b`)],
      ['a'.repeat(40_000), textCell('B7', 'a'.repeat(32_767))],
      // A pair across the limit goes whole, for the lowest, a common and the highest astral character.
      [`${a32766}\ud800\udc00b`, textCell('B7', a32766)],
      [`${a32766}😀b`, textCell('B7', a32766)],
      [`${a32766}\udbff\udfffb`, textCell('B7', a32766)],
      // A pair that ends exactly at the limit stays.
      [`${'a'.repeat(32_765)}😀bc`, textCell('B7', `${'a'.repeat(32_765)}😀`)],
      // A lone high surrogate at the limit is not cut away: it is text, written as U+FFFD.
      [`${a32766}\ud800`, textCell('B7', `${a32766}\ufffd`)],
      // The apostrophe that neutralises a formula counts towards the limit.
      [`=${'a'.repeat(32_767)}`, textCell('B7', `'=${'a'.repeat(32_765)}`)],
    ]);
  });
});

describe('cellXml: numbers, booleans, empty cells', () => {
  it('writes typed values: finite numbers as numbers, NaN and infinities as text, booleans as 1/0', () => {
    expect(parts.cellXml('A2', null, 'number')).toBe('');
    expect(parts.cellXml('A2', true, 'boolean')).toBe('<c r="A2" t="b"><v>1</v></c>');
    expect(parts.cellXml('A2', false, 'boolean')).toBe('<c r="A2" t="b"><v>0</v></c>');
    expect(parts.cellXml('A2', -2.5, 'number')).toBe('<c r="A2"><v>-2.5</v></c>');
    expect(parts.cellXml('A2', Number.NaN, 'number')).toBe(textCell('A2', 'NaN'));
    expect(parts.cellXml('A2', Number.POSITIVE_INFINITY, 'number')).toBe(textCell('A2', 'Infinity'));
    expect(parts.cellXml('A2', Number.NEGATIVE_INFINITY, 'number')).toBe(textCell('A2', "'-Infinity"));
  });

  it('turns plain decimal text in numeric columns into numbers (as BIGINT/DECIMAL drivers return them)', () => {
    const number = (v: string): string => `<c r="B7"><v>${v}</v></c>`;
    const cases = [
      ['42', number('42')],
      ['7', number('7')],
      ['-7', number('-7')],
      ['12.5', number('12.5')],
      ['-0.5', number('-0.5')],
      ['4.', number('4')],
      ['.25', number('0.25')],
      ['1e3', number('1000')],
      ['1E3', number('1000')],
      ['1e+3', number('1000')],
      ['2.5e-3', number('0.0025')],
      ['1e10', number('10000000000')],
    ] as const;
    expectCells('integer', cases);
    expectCells('number', cases);
  });

  it('keeps text that is not a plain decimal as text, even where Number() would accept it', () => {
    const cases = [
      ['0x10', textCell('B7', '0x10')],
      ['0b1', textCell('B7', '0b1')],
      [' 1', textCell('B7', ' 1', true)],
      ['1 ', textCell('B7', '1 ', true)],
      ['1e999', textCell('B7', '1e999')],
      ['-1e999', textCell('B7', "'-1e999")],
      ['1,5', textCell('B7', '1,5')],
      ['1e', textCell('B7', '1e')],
      ['e3', textCell('B7', 'e3')],
      ['.', textCell('B7', '.')],
      ['Infinity', textCell('B7', 'Infinity')],
      ['12abc', textCell('B7', '12abc')],
    ] as const;
    expectCells('integer', cases);
    expectCells('number', cases);
  });
});

describe('cellXml: dates as Excel serials', () => {
  it('writes ISO dates in date columns as serials with the date style (s="3"), else as text', () => {
    const date = (serial: string): string => `<c r="B7" s="3"><v>${serial}</v></c>`;
    expectCells('date', [
      ['2026-01-31', date('46053')],
      ['1970-01-01', date('25569')],
      ['2024-02-29', date('45351')],
      ['2024-03-01', date('45352')],
      ['1900-03-01', date('61')],
      ['1900-02-28', date('59')],
      ['1900-01-01', date('1')],
      ['9999-12-31', date('2958465')],
      ['1899-12-31', textCell('B7', '1899-12-31')],
      ['2026-02-29', textCell('B7', '2026-02-29')],
      ['2026-02-31', textCell('B7', '2026-02-31')],
      ['2026-1-31', textCell('B7', '2026-1-31')],
      ['2026-01-1', textCell('B7', '2026-01-1')],
      ['26-01-31', textCell('B7', '26-01-31')],
      ['2026/01/31', textCell('B7', '2026/01/31')],
      ['x2026-01-31', textCell('B7', 'x2026-01-31')],
      ['2026-01-31x', textCell('B7', '2026-01-31x')],
      ['2026-01-31T00:00:00Z', textCell('B7', '2026-01-31T00:00:00Z')],
    ]);
  });

  it('writes ISO instants in timestamp columns as serials with the date-time style (s="2"); a bare one is UTC', () => {
    const instant = (serial: string): string => `<c r="B7" s="2"><v>${serial}</v></c>`;
    expectCells('timestamp', [
      ['2026-01-31T12:00:00Z', instant('46053.5')],
      ['2026-01-31T12:00:00.000Z', instant('46053.5')],
      ['2026-01-31T12:00:00', instant('46053.5')],
      ['2026-01-31 18:00', instant('46053.75')],
      ['2026-01-31T18:00', instant('46053.75')],
      ['2026-01-31 12:00:00Z', instant('46053.5')],
      ['2026-01-31 06:00+06:00', instant('46053')],
      ['2026-01-31', instant('46053')],
      ['2026-01-31T06:00:00+06:00', instant('46053')],
      ['2026-01-31T10:30:00-01:30', instant('46053.5')],
      ['2026-01-31T17:30+05:30', instant('46053.5')],
      ['1970-01-01T00:00:00Z', instant('25569')],
      ['1900-03-01T00:00:00Z', instant('61')],
    ]);
  });

  it('keeps what is not an ISO instant, or outside Excel’s dates, as text in timestamp columns', () => {
    expectCells('timestamp', [
      ['+2026-01-31', textCell('B7', "'+2026-01-31")],
      ['2026-01-31(x)', textCell('B7', '2026-01-31(x)')],
      ['2026-13-01T00:00:00Z', textCell('B7', '2026-13-01T00:00:00Z')],
      ['2026-01-31T12:00:00+0100', textCell('B7', '2026-01-31T12:00:00+0100')],
      ['2026-01-31T12', textCell('B7', '2026-01-31T12')],
      ['2026-01-31t12:00', textCell('B7', '2026-01-31t12:00')],
      ['yesterday', textCell('B7', 'yesterday')],
      ['1899-12-31T23:59:59Z', textCell('B7', '1899-12-31T23:59:59Z')],
    ]);
  });

  describe('on a server outside UTC', () => {
    const originalZone = process.env.TZ;
    afterEach(() => {
      if (originalZone === undefined) delete process.env.TZ;
      else process.env.TZ = originalZone;
    });

    it('reads an instant without a zone as UTC, whatever the process time zone', (context) => {
      for (const zone of ['Asia/Kolkata', 'America/New_York']) {
        process.env.TZ = zone;
        // Node applies a changed TZ in the main thread of a process only (the unit layer runs in forks).
        if (new Date(Date.UTC(2026, 0, 31, 12)).getHours() === 12) {
          context.skip(`setting TZ=${zone} has no effect here (a worker thread?), so local time is still UTC`);
        }
        expect([zone, parts.cellXml('B7', '2026-01-31T12:00:00', 'timestamp')]).toEqual([
          zone,
          '<c r="B7" s="2"><v>46053.5</v></c>',
        ]);
        expect([zone, parts.cellXml('B7', '2026-01-31 12:00', 'timestamp')]).toEqual([
          zone,
          '<c r="B7" s="2"><v>46053.5</v></c>',
        ]);
        expect([zone, parts.cellXml('B7', '2026-01-31', 'timestamp')]).toEqual([zone, '<c r="B7" s="2"><v>46053</v></c>']);
        expect([zone, parts.cellXml('B7', '2026-01-31', 'date')]).toEqual([zone, '<c r="B7" s="3"><v>46053</v></c>']);
      }
    });
  });

  it('has no serial for an instant that is not a number', () => {
    expect(parts.excelSerial(Number.NaN)).toBeUndefined();
    expect(parts.excelSerial(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parts.excelSerial(Number.NEGATIVE_INFINITY)).toBeUndefined();
    expect(parts.excelSerial(0)).toBe(25569);
  });
});

describe('package text shared by every part', () => {
  it('declares standalone UTF-8 XML in the OOXML namespaces', () => {
    expect(parts.rootRelsXml()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<Relationships xmlns="http:\/\/schemas\.openxmlformats\.org\/package\/2006\/relationships">/,
    );
    expect(parts.rootRelsXml()).toContain(
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>',
    );
    expect(parts.stylesXml()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<styleSheet xmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main">/,
    );
  });

  it('escapes & < > " in attribute values and plain elements (sheet names, the title)', () => {
    expect(parts.workbookXml([{ name: 'R&D <"Q1">', rowCount: 3 }], 0)).toContain(
      '<sheet name="R&amp;D &lt;&quot;Q1&quot;&gt;" sheetId="1" r:id="rId1"/>',
    );
    expect(parts.corePropsXml('Q&A <"x"> it\'s', 'not a date')).toContain(
      "<dc:title>Q&amp;A &lt;&quot;x&quot;&gt; it's</dc:title>",
    );
  });
});
