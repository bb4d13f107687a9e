import { describe, expect, it } from 'vitest';
import { startsWithFormulaTrigger, neutraliseFormula } from '../../../../../shared/app/export/writers/cellSafety.js';
import { csvFormat } from '../../../../../shared/app/export/writers/csv.js';
import { jsonFormat, ndjsonFormat } from '../../../../../shared/app/export/writers/json.js';
import { textFormatFor, writerFor } from '../../../../../shared/app/export/writers/registry.js';
import { textWriter, type TextFormat } from '../../../../../shared/app/export/writers/textFormat.js';
import { restartingWriter, type ExportMeta } from '../../../../../shared/app/export/writers/writer.js';
import { datasets, type ColumnDef, type Row } from '../../../../../shared/domain/datasets.js';

/* The text writers' bytes written out literally, and the writer frame's rules on a stand-in format. */

const col = (name: string, type: ColumnDef['type']): ColumnDef => ({ name, header: name.toUpperCase(), type, width: 10 });
const meta = (columns: readonly ColumnDef[]): ExportMeta => ({
  dataset: datasets.users,
  columns,
  organizationName: 'Acme',
  organizationId: 'org',
  dateFrom: '2026-01-01',
  dateTo: '2026-01-31',
  generatedAt: '2026-02-01T00:00:00.000Z',
});

async function bytes(stream: AsyncIterable<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of stream) out.push(Buffer.from(c).toString('utf8'));
  return out;
}
async function* batchesOf(...batches: Row[][]) {
  yield* batches;
}

describe('formula triggers', () => {
  it('neutralises exactly the trigger characters in first place', () => {
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(['', '=', '+x', '-1', '@a', '\tx', '\rx', '\nx', '\0x', 'x=', ' =', "'="].map(startsWithFormulaTrigger)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('CSV', () => {
  const columns = [col('name', 'string'), col('count', 'integer'), col('active', 'boolean')];
  it('null and missing cells are empty; numbers and booleans as text, never quoted', () => {
    const encode = csvFormat({ delimiter: ',', includeBom: false }).rows(columns);
    expect(
      encode(
        [
          ['a', null, true],
          [null, 3, false],
          ['b,c', -1],
        ],
        0,
      ),
    ).toBe('a,,true\r\n,3,false\r\n"b,c",-1,\r\n');
  });

  it('with a tab delimiter, quotes a field holding a tab and leaves commas alone', () => {
    const encode = csvFormat({ delimiter: '\t', includeBom: false }).rows(columns);
    expect(
      encode(
        [
          ['a\tb', 1, true],
          ['c,d', 2, false],
        ],
        0,
      ),
    ).toBe('"a\tb"\t1\ttrue\r\nc,d\t2\tfalse\r\n');
  });

  it('head with and without a BOM; no tail', () => {
    expect(csvFormat({ delimiter: ';', includeBom: true }).head(meta(columns))).toBe('\uFEFFNAME;COUNT;ACTIVE\r\n');
    expect(csvFormat({ delimiter: ';', includeBom: false }).head(meta(columns))).toBe('NAME;COUNT;ACTIVE\r\n');
    expect(csvFormat({ delimiter: ',', includeBom: false }).tail(meta(columns), 3)).toBe('');
  });
});

describe('JSON and NDJSON', () => {
  const columns = [col('n', 'number'), col('s', 'string'), col('b', 'boolean')];
  it('an empty JSON export is exactly `[]`, a non-empty one ends on its own line', async () => {
    expect((await bytes(textWriter(jsonFormat).write(batchesOf(), meta(columns)))).join('')).toBe('[]\n');
    expect((await bytes(textWriter(jsonFormat).write(batchesOf([[1, 'x', true]]), meta(columns)))).join('')).toBe(
      '[\n{"n":1,"s":"x","b":true}\n]\n',
    );
  });

  it('numbers JSON cannot hold become null; null cells are null; no columns, an empty object', () => {
    const encode = ndjsonFormat.rows(columns);
    expect(
      encode(
        [
          [Number.NaN, null, false],
          [Number.POSITIVE_INFINITY, 'q"', null],
        ],
        0,
      ),
    ).toBe('{"n":null,"s":null,"b":false}\n{"n":null,"s":"q\\"","b":null}\n');
    expect(ndjsonFormat.rows([])([[], []], 0)).toBe('{}\n{}\n');
    expect(jsonFormat.rows([])([[]], 0)).toBe('\n{}');
  });
});

describe('the text writer frame', () => {
  const standIn = (head: string, tail: string): TextFormat => ({
    head: () => head,
    rows: () => (rows, before) => rows.map((r, i) => `${before + i}:${String(r[0])};`).join(''),
    tail: (_meta, count) => (tail ? `${tail}${count}` : ''),
  });

  it('is resumable: one chunk per non-empty batch, head first, tail last with the row count', async () => {
    const writer = textWriter(standIn('H', 'T'));
    expect(writer.resumable).toBe(true);
    expect(await bytes(writer.write(batchesOf([['a']], [], [['b'], ['c']]), meta([])))).toEqual(['H', '0:a;', '1:b;2:c;', 'T3']);
  });

  it('resuming after n rows: no head, rows numbered from n', async () => {
    expect(await bytes(textWriter(standIn('H', 'T')).write(batchesOf([['d']], [['e']]), meta([]), 3))).toEqual([
      '3:d;',
      '4:e;',
      'T5',
    ]);
  });

  it('an empty head or tail yields no chunk at all', async () => {
    expect(await bytes(textWriter(standIn('', '')).write(batchesOf([['a']]), meta([])))).toEqual(['0:a;']);
  });
});

describe('the registry', () => {
  it('has a text format for CSV, JSON and NDJSON only', () => {
    const csv = { delimiter: ',', includeBom: false } as const;
    expect(textFormatFor('json', csv)).toBe(jsonFormat);
    expect(textFormatFor('ndjson', csv)).toBe(ndjsonFormat);
    expect(textFormatFor('csv', csv)?.head(meta([col('x', 'string')]))).toBe('X\r\n');
    expect(textFormatFor('excel', csv)).toBeUndefined();
    expect(textFormatFor('pdf', csv)).toBeUndefined();
  });

  it('XLSX and PDF restart; their writers are loaded on use and write their own file types', async () => {
    const settings = { pdf: { pageSize: 'A4', orientation: 'landscape' as const }, xlsx: { sheetRowLimit: 1000 } };
    const csv = { delimiter: ',', includeBom: false } as const;
    expect(restartingWriter(async function* () {}).resumable).toBe(false);
    expect(['csv', 'json', 'ndjson', 'excel', 'pdf'].map((f) => writerFor(f as 'csv', csv, settings).resumable)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    const columns = [col('name', 'string')];
    const read = async (format: 'excel' | 'pdf') => {
      const chunks: Buffer[] = [];
      for await (const c of writerFor(format, csv, settings).write(batchesOf([['x']]), meta(columns)))
        chunks.push(Buffer.from(c));
      return Buffer.concat(chunks);
    };
    expect((await read('excel')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await read('pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
