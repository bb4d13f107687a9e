/**
 * The XLSX writer, read back with SheetJS (an independent reader, not the library that writes
 * most XLSX in Node) and, for what SheetJS does not expose (frozen pane, bold font), the raw XML.
 */
// @ts-nocheck

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CellValue, ColumnDef, ColumnType, Row } from '../../../../../shared/domain/datasets.js';
import { datasets } from '../../../../../shared/domain/datasets.js';
import { FORMULA_VECTORS, LIVE_FORMULA, neutralised } from './formulaVectors.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';
import { xlsxWriter } from '../../../../../shared/app/export/writers/xlsx.js';
import { columnLetters, escapeText, excelSerial, sheetName } from '../../../../../shared/app/export/writers/xlsxParts.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const col = (name: string, type: ColumnType, width = 12): ColumnDef => ({ name, header: name, type, width });

function metaFor(columns: readonly ColumnDef[], title = 'Sessions'): ExportMeta {
  return {
    dataset: { dataType: 'sessions', title, columns },
    columns,
    organizationName: 'Acme & Co <AB>',
    organizationId: 'org-1',
    dateFrom: '2026-01-01',
    dateTo: '2026-01-31',
    generatedAt: '2026-02-01T08:00:00.000Z',
  };
}

async function* inBatches(rows: readonly Row[], size = 2): AsyncGenerator<readonly Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of bytes) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function exportXlsx(
  columns: readonly ColumnDef[],
  rows: readonly Row[],
  sheetRowLimit = 1_048_576,
  title?: string,
): Promise<Buffer> {
  return collect(xlsxWriter({ sheetRowLimit })(inBatches(rows), metaFor(columns, title)));
}

const read = (file: Buffer, cellDates = false): XLSX.WorkBook =>
  XLSX.read(file, { type: 'buffer', cellDates, cellNF: true, cellStyles: true });

function sheetOf(book: XLSX.WorkBook, name: string): XLSX.WorkSheet {
  const sheet = book.Sheets[name];
  if (!sheet) throw new Error(`no sheet ${name}; have ${book.SheetNames.join(', ')}`);
  return sheet;
}

function cellAt(sheet: XLSX.WorkSheet, ref: string): XLSX.CellObject | undefined {
  return sheet[ref] as XLSX.CellObject | undefined;
}

/** A part of the package as text (SheetJS's own zip reader). */
function part(file: Buffer, path: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(file, { type: 'buffer' }), `/${path}`);
  if (!entry) throw new Error(`no part ${path}`);
  return Buffer.from(entry.content as Uint8Array).toString('utf8');
}

/** Data rows of every sheet, in order, as SheetJS values (header rows dropped). */
function dataRows(book: XLSX.WorkBook): unknown[][] {
  return book.SheetNames.flatMap((name) =>
    XLSX.utils.sheet_to_json<unknown[]>(sheetOf(book, name), { header: 1, raw: true, defval: null }).slice(1),
  );
}

/** Wall-clock parts of a SheetJS date (SheetJS builds dates in the local zone). */
const wallClock = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ` +
  `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;

const serialOf = (iso: string): number => Date.parse(iso) / 86_400_000 + 25_569;

// ---------------------------------------------------------------------------------------------

describe('xlsxWriter: cells', () => {
  const columns = [
    col('text', 'string'),
    col('count', 'integer'),
    col('ratio', 'number'),
    col('flag', 'boolean'),
    col('at', 'timestamp'),
    col('day', 'date'),
  ];

  it('writes typed cells: numbers, booleans, date-times, dates, strings; null as an empty cell', async () => {
    const file = await exportXlsx(columns, [
      ['hello', 42, -1.5, true, '2026-01-31T23:59:59.000Z', '2026-01-31'],
      ['-12', -7, 0.1, false, '2026-03-01T12:30:00.000Z', '2024-02-29'],
      [null, null, null, null, null, null],
    ]);
    const sheet = sheetOf(read(file), 'Sessions');

    expect(cellAt(sheet, 'A2')).toMatchObject({ t: 's', v: 'hello' });
    expect(cellAt(sheet, 'B2')).toMatchObject({ t: 'n', v: 42 });
    expect(cellAt(sheet, 'C2')).toMatchObject({ t: 'n', v: -1.5 });
    expect(cellAt(sheet, 'D2')).toMatchObject({ t: 'b', v: true });
    expect(cellAt(sheet, 'D3')).toMatchObject({ t: 'b', v: false });
    // A negative number stays a number; the same text is neutralised.
    expect(cellAt(sheet, 'B3')).toMatchObject({ t: 'n', v: -7 });
    expect(cellAt(sheet, 'A3')).toMatchObject({ t: 's', v: "'-12" });

    const at = cellAt(sheet, 'E2');
    expect(at).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm:ss', w: '2026-01-31 23:59:59' });
    expect(at?.v).toBeCloseTo(serialOf('2026-01-31T23:59:59.000Z'), 9);
    expect(cellAt(sheet, 'F2')).toMatchObject({ t: 'n', z: 'yyyy-mm-dd', w: '2026-01-31', v: 46053 });
    expect(cellAt(sheet, 'F3')).toMatchObject({ w: '2024-02-29' });

    for (const ref of ['A4', 'B4', 'C4', 'D4', 'E4', 'F4']) expect(cellAt(sheet, ref)).toBeUndefined();
    expect(sheet['!ref']).toBe('A1:F4');

    const dated = sheetOf(read(file, true), 'Sessions');
    const e2 = cellAt(dated, 'E2');
    const f2 = cellAt(dated, 'F2');
    expect(e2?.t).toBe('d');
    expect(f2?.t).toBe('d');
    expect(wallClock(e2?.v as Date)).toBe('2026-01-31 23:59:59');
    expect(wallClock(f2?.v as Date)).toBe('2026-01-31 00:00:00');
  });

  it('neutralises every formula trigger in text cells (fixed vectors), and nothing else', async () => {
    const file = await exportXlsx(
      [col('text', 'string')],
      FORMULA_VECTORS.map(([input]) => [input]),
    );
    const sheet = sheetOf(read(file), 'Sessions');
    FORMULA_VECTORS.forEach(([input, expected], i) => {
      expect(cellAt(sheet, `A${i + 2}`), JSON.stringify(input)).toMatchObject({ t: 's', v: expected });
    });
  });

  it('never writes formulas; text that would start one is neutralised, in headers too', async () => {
    const tricky = [col('=cmd|calc', 'string'), col('+x', 'string'), col('@y', 'string'), col('-z', 'string')];
    const rows: Row[] = [
      ['=1+1', '+SUM(A1:A2)', '@ref', '-2+3'],
      ['\tTAB', '\rCR', '\nLF', '\0NUL'],
      ['=HYPERLINK("http://evil","x")', 'ok', '', 'a=b'],
    ];
    const file = await exportXlsx(tricky, rows);
    const sheet = sheetOf(read(file), 'Sessions');
    for (const [ref, cell] of Object.entries(sheet)) {
      if (ref.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      expect(c.f, ref).toBeUndefined();
      expect(c.t, ref).toBe('s');
      expect(LIVE_FORMULA.test(String(c.v)), `${ref}: ${String(c.v)}`).toBe(false);
    }
    expect(cellAt(sheet, 'A1')?.v).toBe("'=cmd|calc");
    expect(cellAt(sheet, 'A2')?.v).toBe("'=1+1");
    expect(cellAt(sheet, 'D4')?.v).toBe('a=b');
    // The empty string is a (valid) empty text cell.
    expect(cellAt(sheet, 'C4')).toMatchObject({ t: 's', v: '' });
    expect(part(file, 'xl/worksheets/sheet1.xml')).not.toMatch(/<f[ >]/);
  });

  it('keeps awkward text intact: separators, quotes, line breaks, XML specials, non-ASCII, escapes', async () => {
    const awkward = [
      'comma, separated, "quoted"',
      "it's \"double\" and 'single'",
      'line one\nline two\r\nline three\rend',
      'tab\tinside',
      '<tag attr="1">&amp; & </tag>',
      'å ü ß ñ ç 日本 😀 Ω',
      '  padded  ',
      '_x0041_ looks like an escape',
      'control \u0001\u0008\u000b\u001f chars',
      'x'.repeat(5000),
    ];
    const file = await exportXlsx(
      [col('text', 'string')],
      awkward.map((s) => [s]),
    );
    const sheet = sheetOf(read(file), 'Sessions');
    awkward.forEach((text, i) => expect(cellAt(sheet, `A${i + 2}`)?.v, JSON.stringify(text).slice(0, 40)).toBe(text));
  });

  it('turns numeric text into numbers in numeric columns and keeps what Excel cannot hold as text', async () => {
    const file = await exportXlsx(
      [col('count', 'integer'), col('ratio', 'number'), col('at', 'timestamp'), col('day', 'date')],
      [
        ['9007199254740993', '3.25', 'not a time', '2026-02-31'],
        [Number.NaN, Number.POSITIVE_INFINITY, '1899-12-31T23:59:59Z', '1899-12-31'],
        ['12 apples', '-0.5e3', '2026-01-31 10:00:00', '1900-03-01'],
      ],
    );
    const sheet = sheetOf(read(file), 'Sessions');
    expect(cellAt(sheet, 'A2')).toMatchObject({ t: 'n', v: 9007199254740992 });
    expect(cellAt(sheet, 'B2')).toMatchObject({ t: 'n', v: 3.25 });
    expect(cellAt(sheet, 'C2')).toMatchObject({ t: 's', v: 'not a time' });
    expect(cellAt(sheet, 'D2')).toMatchObject({ t: 's', v: '2026-02-31' });
    expect(cellAt(sheet, 'A3')).toMatchObject({ t: 's', v: 'NaN' });
    expect(cellAt(sheet, 'B3')).toMatchObject({ t: 's', v: 'Infinity' });
    expect(cellAt(sheet, 'C3')).toMatchObject({ t: 's', v: '1899-12-31T23:59:59Z' });
    expect(cellAt(sheet, 'D3')).toMatchObject({ t: 's', v: '1899-12-31' });
    expect(cellAt(sheet, 'A4')).toMatchObject({ t: 's', v: '12 apples' });
    expect(cellAt(sheet, 'B4')).toMatchObject({ t: 'n', v: -500 });
    expect(cellAt(sheet, 'C4')).toMatchObject({ t: 'n', w: '2026-01-31 10:00:00' });
    expect(cellAt(sheet, 'D4')).toMatchObject({ t: 'n', v: 61, w: '1900-03-01' });
  });

  it('property: no text cell starts a live formula, numbers stay numbers, text survives', async () => {
    const trigger = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.tuple(trigger, fc.string({ unit: 'binary', maxLength: 30 })).map(([t, s]) => t + s),
    );
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const row = fc.tuple(fc.option(text, { nil: null }), number, fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }));
    const columns = [col('text', 'string'), col('ratio', 'number'), col('count', 'integer')];

    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (rows) => {
        const file = await exportXlsx(columns, rows);
        const sheet = sheetOf(read(file), 'Sessions');
        rows.forEach(([t, n, i], k) => {
          const r = k + 2;
          const textCell = cellAt(sheet, `A${r}`);
          if (t === null) expect(textCell).toBeUndefined();
          else {
            expect(textCell?.t).toBe('s');
            expect(textCell?.f).toBeUndefined();
            expect(LIVE_FORMULA.test(String(textCell?.v))).toBe(false);
            expect(textCell?.v).toBe(neutralised(t));
          }
          // -0 reads back as 0; every other double round-trips exactly.
          expect(cellAt(sheet, `B${r}`)).toMatchObject({ t: 'n', v: Object.is(n, -0) ? 0 : n });
          if (i === null) expect(cellAt(sheet, `C${r}`)).toBeUndefined();
          else expect(cellAt(sheet, `C${r}`)).toMatchObject({ t: 'n', v: i });
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('xlsxWriter: sheet layout', () => {
  const sessions = datasets.sessions;
  const sessionRow = (i: number): Row => [
    `s-${i}`,
    `u-${i}`,
    `u${i}@example.com`,
    '2026-01-01T00:00:00.000Z',
    null,
    i,
    i % 7,
    i % 2 === 0,
    'desktop',
    'Chrome',
    'SE',
    `/p/${i}`,
  ];

  it('has a bold, frozen header row, column widths and an autofilter over header and data', async () => {
    const file = await exportXlsx(sessions.columns, [sessionRow(1), sessionRow(2)]);
    const book = read(file);
    expect(book.SheetNames).toEqual(['Sessions']);
    const sheet = sheetOf(book, 'Sessions');

    expect(sessions.columns.map((_, i) => cellAt(sheet, `${columnLetters(i)}1`)?.v)).toEqual(
      sessions.columns.map((c) => c.header),
    );
    expect(sheet['!autofilter']).toEqual({ ref: 'A1:L3' });
    expect(book.Workbook?.Names).toEqual([
      expect.objectContaining({ Name: '_xlnm._FilterDatabase', Sheet: 0, Ref: "'Sessions'!$A$1:$L$3" }),
    ]);

    const widths = (sheet['!cols'] ?? []).map((c) => c.width ?? 0);
    expect(widths).toHaveLength(sessions.columns.length);
    sessions.columns.forEach((c, i) => {
      // The declared width, but room for the header and the filter button.
      expect(widths[i]).toBeGreaterThanOrEqual(c.width);
      expect(widths[i]).toBeGreaterThanOrEqual(c.header.length + 2);
      expect(widths[i]).toBeLessThan(Math.max(c.width, c.header.length + 3) + 1);
    });

    const xml = part(file, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    // Header cells use cellXfs[1], whose font is bold.
    expect(xml).toMatch(/<row r="1">(<c r="[A-L]1" t="inlineStr" s="1">.*?<\/c>){12}<\/row>/);
    const styles = part(file, 'xl/styles.xml');
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const headerFont = Number(/fontId="(\d+)"/.exec(xfs[1] ?? '')?.[1]);
    expect(fonts[headerFont]).toContain('<b/>');
  });

  it('continues on "<title> (2)", "<title> (3)" past the row limit (which counts the header); no row dropped', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => sessionRow(i));
    const file = await exportXlsx(sessions.columns, rows, 5);
    const book = read(file);
    expect(book.SheetNames).toEqual(['Sessions', 'Sessions (2)', 'Sessions (3)']);
    const refs = book.SheetNames.map((n) => sheetOf(book, n)['!ref']);
    expect(refs).toEqual(['A1:L5', 'A1:L5', 'A1:L4']);
    for (const [i, name] of book.SheetNames.entries()) {
      const sheet = sheetOf(book, name);
      expect(cellAt(sheet, 'A1')?.v).toBe('Session ID');
      expect(sheet['!autofilter']).toEqual({ ref: refs[i] });
      expect(part(file, `xl/worksheets/sheet${i + 1}.xml`)).toContain('state="frozen"');
    }
    expect(dataRows(book).map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    expect(book.Workbook?.Names?.map((n) => n.Ref)).toEqual([
      "'Sessions'!$A$1:$L$5",
      "'Sessions (2)'!$A$1:$L$5",
      "'Sessions (3)'!$A$1:$L$4",
    ]);
  });

  it('adds no empty sheet when the rows exactly fill the last one; an empty export is a header', async () => {
    const full = read(
      await exportXlsx(
        sessions.columns,
        Array.from({ length: 8 }, (_, i) => sessionRow(i)),
        5,
      ),
    );
    expect(full.SheetNames).toEqual(['Sessions', 'Sessions (2)']);
    expect(dataRows(full)).toHaveLength(8);

    const empty = read(await exportXlsx(sessions.columns, []));
    expect(empty.SheetNames).toEqual(['Sessions']);
    expect(sheetOf(empty, 'Sessions')['!ref']).toBe('A1:L1');
    expect(sheetOf(empty, 'Sessions')['!autofilter']).toEqual({ ref: 'A1:L1' });
  });

  it('makes valid, distinct sheet names from any title', async () => {
    expect(sheetName('Sessions', 1)).toBe('Sessions');
    expect(sheetName('Sessions', 12)).toBe('Sessions (12)');
    expect(sheetName("a/b\\c?d*e[f]g:h'", 1)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName('A very long dataset title that goes on', 2)).toBe('A very long dataset title t (2)');
    expect(sheetName('A very long dataset title that goes on', 2).length).toBeLessThanOrEqual(31);
    expect(sheetName('', 1)).toBe('Sheet');
    const book = read(await exportXlsx([col('x', 'string')], [['1'], ['2'], ['3']], 2, "Q1: 'Big' [draft]"));
    expect(book.SheetNames).toEqual(["Q1_ 'Big' _draft_", "Q1_ 'Big' _draft_ (2)", "Q1_ 'Big' _draft_ (3)"]);
    expect(book.Workbook?.Names?.[1]?.Ref).toBe("'Q1_ ''Big'' _draft_ (2)'!$A$1:$A$2");
  });

  it('rejects a row limit outside 2…1,048,576', () => {
    for (const bad of [0, 1, 1.5, 1_048_577, Number.NaN]) expect(() => xlsxWriter({ sheetRowLimit: bad })).toThrow(RangeError);
    expect(() => xlsxWriter({ sheetRowLimit: 1_048_576 })).not.toThrow();
  });
});

describe('xlsxWriter: streaming', () => {
  const columns = datasets.sessions.columns;
  const batchOf = (start: number, size: number): Row[] =>
    Array.from({ length: size }, (_, k): CellValue[] => {
      const i = start + k;
      return [
        `s-${i}`.repeat(4),
        `u-${i}`,
        `u${i}@example.com`,
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:10:00.000Z',
        i,
        3,
        false,
        'mobile',
        'Safari',
        'DE',
        `/page/${i}`,
      ];
    });

  /** Resolves once `read()` has not changed for a while (zlib works on the thread pool). */
  async function settled(read: () => number): Promise<number> {
    let last = -1;
    let stable = 0;
    while (stable < 5) {
      await new Promise((r) => setTimeout(r, 10));
      const now = read();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  it('pulls the next batch only when output is consumed, and closes the input on early return', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<readonly Row[]> {
      try {
        // Like a database cursor: each batch arrives on a later turn of the event loop. Capped,
        // so a writer without backpressure fails the assertion below instead of eating memory.
        while (pulled < 300) {
          await new Promise((r) => setImmediate(r));
          pulled += 1;
          yield batchOf(pulled * 1000, 1000);
        }
      } finally {
        closed = true;
      }
    }
    const output = xlsxWriter({ sheetRowLimit: 1_048_576 })(endless(), metaFor(columns))[Symbol.asyncIterator]();
    await output.next();
    const stalledAt = await settled(() => pulled);
    // ~600 KB of XML per batch; the pipeline buffers a few hundred KB, not the input.
    expect(stalledAt).toBeLessThan(20);
    for (let i = 0; i < 200; i++) await output.next();
    expect(pulled).toBeGreaterThan(stalledAt);
    expect(closed).toBe(false);

    await output.return?.(undefined);
    expect(closed).toBe(true);
  });

  it('propagates an error thrown by the input, after some output and before any', async () => {
    const boom = new Error('database went away');
    async function* failing(after: number): AsyncGenerator<readonly Row[]> {
      for (let i = 0; i < after; i++) yield batchOf(i * 1000, 1000);
      throw boom;
    }
    for (const after of [0, 1, 30]) {
      await expect(collect(xlsxWriter({ sheetRowLimit: 1_048_576 })(failing(after), metaFor(columns)))).rejects.toBe(boom);
    }
  });

  it('streams a multi-batch export that reads back whole', async () => {
    async function* batches(): AsyncGenerator<readonly Row[]> {
      for (let b = 0; b < 12; b++) yield batchOf(b * 1000, 1000);
    }
    let chunks = 0;
    const parts: Uint8Array[] = [];
    for await (const chunk of xlsxWriter({ sheetRowLimit: 5_001 })(batches(), metaFor(columns))) {
      chunks += 1;
      parts.push(chunk);
    }
    expect(chunks).toBeGreaterThan(3);
    const book = read(Buffer.concat(parts));
    expect(book.SheetNames).toEqual(['Sessions', 'Sessions (2)', 'Sessions (3)']);
    const rows = dataRows(book);
    expect(rows).toHaveLength(12_000);
    expect(rows.map((r) => r[5])).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
  });
});

describe('xlsxParts', () => {
  it('escapes what XML and OOXML string escaping require, and nothing else', () => {
    expect(escapeText('plain text å 日本')).toBe('plain text å 日本');
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeText('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeText('\u0001')).toBe('_x0001_');
    expect(escapeText('a\rb')).toBe('a&#13;b');
    expect(escapeText('😀\ud800x')).toBe('😀\ufffdx');
  });

  it('maps instants to Excel serials, including the 1900 leap-year quirk', () => {
    expect(excelSerial(Date.UTC(1900, 0, 1))).toBe(1);
    expect(excelSerial(Date.UTC(1900, 1, 28))).toBe(59);
    expect(excelSerial(Date.UTC(1900, 2, 1))).toBe(61);
    expect(excelSerial(Date.UTC(2026, 0, 31))).toBe(46053);
    expect(excelSerial(Date.UTC(1899, 11, 31))).toBeUndefined();
    expect(excelSerial(Date.UTC(10000, 0, 1))).toBeUndefined();
  });

  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
