import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
// The library the encoder replaced, kept as a dev dependency to hold the bytes equal.
import { stringify } from 'csv-stringify/sync';
import { csvFormat } from '../../../../../shared/app/export/writers/csv.js';
import { textWriter } from '../../../../../shared/app/export/writers/textFormat.js';
import { FORMULA_VECTORS, LIVE_FORMULA, neutralised } from './formulaVectors.js';
import { datasets, type ColumnDef, type Row } from '../../../../../shared/domain/datasets.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';

const textCol: ColumnDef = { name: 'text', header: 'Text', type: 'string', width: 10 };
const numCol: ColumnDef = { name: 'n', header: 'N', type: 'number', width: 5 };
const boolCol: ColumnDef = { name: 'b', header: 'B', type: 'boolean', width: 5 };

const meta = (columns: readonly ColumnDef[]): ExportMeta => ({
  dataset: datasets.sessions,
  columns,
  organizationName: 'Acme',
  organizationId: 'org',
  dateFrom: '2026-01-01',
  dateTo: '2026-01-31',
  generatedAt: '2026-02-01T00:00:00.000Z',
});

async function write(
  rows: Row[][],
  columns: readonly ColumnDef[],
  delimiter: ',' | ';' | '\t' = ',',
  includeBom = false,
): Promise<string> {
  const chunks: Uint8Array[] = [];
  async function* batches() {
    for (const b of rows) yield b;
  }
  for await (const c of textWriter(csvFormat({ delimiter, includeBom })).write(batches(), meta(columns))) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Papa Parse — an independent parser — reads what csv-stringify wrote. */
const parse = (text: string, delimiter = ',') => {
  const r = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: false });
  expect(r.errors).toEqual([]);
  return r.data.filter((row, i, all) => !(i === all.length - 1 && row.length === 1 && row[0] === ''));
};

describe('CSV writer', () => {
  it('writes RFC 4180: CRLF, quoted delimiters/quotes/newlines, header from column metadata', async () => {
    const text = await write(
      [
        [
          ['a,b', 1, true],
          ['say "hi"', -2.5, false],
        ],
        [
          ['line1\nline2', null, null],
          ['cr\ronly', 0, true],
        ],
      ],
      [textCol, numCol, boolCol],
    );
    expect(text).toBe('Text,N,B\r\n"a,b",1,true\r\n"say ""hi""",-2.5,false\r\n"line1\nline2",,\r\n"cr\ronly",0,true\r\n');
    expect(parse(text)).toEqual([
      ['Text', 'N', 'B'],
      ['a,b', '1', 'true'],
      ['say "hi"', '-2.5', 'false'],
      ['line1\nline2', '', ''],
      ['cr\ronly', '0', 'true'],
    ]);
  });

  it('neutralises every formula trigger in text cells (fixed vectors), and nothing else', async () => {
    const text = await write([FORMULA_VECTORS.map(([input]) => [input])], [textCol]);
    expect(
      parse(text)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(FORMULA_VECTORS.map(([, expected]) => expected));
  });

  it('neutralises formula triggers in text cells but leaves numbers alone', async () => {
    const text = await write(
      [
        [
          ['=1+1', -5, true],
          ['+x', 3, true],
          ['-y', 1, true],
          ['@z', 1, true],
          ['\tt', 1, true],
          ['plain', 1, true],
        ],
      ],
      [textCol, numCol, boolCol],
    );
    const body = parse(text).slice(1);
    expect(body.map((r) => r[0])).toEqual(["'=1+1", "'+x", "'-y", "'@z", "'\tt", 'plain']);
    expect(body[0]?.[1]).toBe('-5');
  });

  it('supports ; and tab delimiters and the UTF-8 BOM', async () => {
    const semi = await write([[['a;b', 1, true]]], [textCol, numCol, boolCol], ';', true);
    expect(semi.startsWith('\uFEFFText;N;B\r\n"a;b";1;true')).toBe(true);
    const tab = await write([[['a\tb', 1, true]]], [textCol, numCol, boolCol], '\t');
    expect(parse(tab, '\t')[1]).toEqual(['a\tb', '1', 'true']);
  });

  it('property: any string survives a round trip (modulo the formula prefix) in any batch split', async () => {
    // Biased toward what CSV must escape or neutralise: delimiters, quotes, CR/LF, formula triggers.
    const awkward = fc
      .array(fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\0', ' ', 'a', 'é', '李'), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''));
    const value = fc.oneof(awkward, awkward, fc.string({ unit: 'binary', maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(value, { maxLength: 30 }),
        fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t'),
        fc.nat(5),
        async (values, delimiter, split) => {
          const rows: Row[] = values.map((v) => [v]);
          const text = await write([rows.slice(0, split), rows.slice(split)], [textCol], delimiter);
          const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\r\n' });
          expect(parsed.errors).toEqual([]);
          const cells = parsed.data.slice(1, values.length + 1).map((r) => r[0]);
          expect(cells).toEqual(values.map(neutralised));
          for (const c of cells) expect(LIVE_FORMULA.test(c ?? '')).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('CSV encoder compiled per column', () => {
  const tsCol: ColumnDef = { name: 'ts', header: 'At', type: 'timestamp', width: 20 };
  const cellOf = (v: Row[number], col: ColumnDef): string =>
    v === null ? '' : typeof v === 'string' ? (col.type === 'string' ? neutralised(v) : v) : String(v);

  it('property: writes the very bytes csv-stringify wrote (once per page), for any cells and delimiter', () => {
    const columns = [textCol, numCol, boolCol, tsCol];
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('a,b', 'x;y', 't\tz', '"q"', '=1', ''),
      fc.constant(null),
    );
    const row = fc.tuple(
      cell,
      fc.oneof(fc.double(), fc.integer(), fc.constant(null)),
      fc.oneof(fc.boolean(), fc.constant(null)),
      cell,
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 20 }),
        fc.constantFrom(',' as const, ';' as const, '\t' as const),
        (rows, delimiter) => {
          const options = { delimiter, record_delimiter: 'windows' as const, quoted_match: /[\r\n]/ };
          const expected = stringify(
            rows.map((r) => r.map((v, i) => cellOf(v, columns[i] as ColumnDef))),
            options,
          );
          expect(csvFormat({ delimiter, includeBom: false }).rows(columns)(rows, 0)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
