import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { jsonFormat, ndjsonFormat } from '../../../../../shared/app/export/writers/json.js';
import { textWriter, type TextFormat } from '../../../../../shared/app/export/writers/textFormat.js';
import { datasets, type Row } from '../../../../../shared/domain/datasets.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';

const columns = datasets.analytics.columns.slice(0, 3);
const meta: ExportMeta = {
  dataset: datasets.analytics,
  columns,
  organizationName: 'Acme',
  organizationId: 'org',
  dateFrom: '2026-01-01',
  dateTo: '2026-01-03',
  generatedAt: '2026-02-01T00:00:00.000Z',
};

async function write(format: TextFormat, batches: Row[][]): Promise<string> {
  const out: Uint8Array[] = [];
  async function* gen() {
    yield* batches;
  }
  for await (const c of textWriter(format).write(gen(), meta)) out.push(c);
  return Buffer.concat(out).toString('utf8');
}

const rows: Row[] = [
  ['2026-01-01', 3, 2],
  ['2026-01-02', 0, 0],
  ['2026-01-03', 7, null],
];

describe('JSON and NDJSON writers', () => {
  it('JSON is an array of objects keyed by column name, whatever the batch split', async () => {
    for (const split of [0, 1, 3]) {
      const text = await write(jsonFormat, [rows.slice(0, split), rows.slice(split)]);
      expect(JSON.parse(text)).toEqual([
        { date: '2026-01-01', sessions: 3, activeUsers: 2 },
        { date: '2026-01-02', sessions: 0, activeUsers: 0 },
        { date: '2026-01-03', sessions: 7, activeUsers: null },
      ]);
    }
    expect(JSON.parse(await write(jsonFormat, []))).toEqual([]);
  });

  it('NDJSON has one object per line and round-trips through gzip', async () => {
    const text = await write(ndjsonFormat, [rows]);
    const back = gunzipSync(gzipSync(Buffer.from(text))).toString('utf8');
    const lines = back.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { date: '2026-01-01', sessions: 3, activeUsers: 2 },
      { date: '2026-01-02', sessions: 0, activeUsers: 0 },
      { date: '2026-01-03', sessions: 7, activeUsers: null },
    ]);
  });

  it('a concatenation of gzip members (one per block) decompresses to the whole file', () => {
    const parts = ['[\n{"a":1}', ',\n{"a":2}', '\n]\n'];
    const file = Buffer.concat(parts.map((p) => gzipSync(Buffer.from(p))));
    expect(JSON.parse(gunzipSync(file).toString('utf8'))).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe('JSON encoder compiled per column', () => {
  it('property: each object is the text JSON.stringify makes of it (escapes, surrogates, NaN → null)', async () => {
    const { default: fc } = await import('fast-check');
    const cols = datasets.sessions.columns.slice(0, 4);
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('\ud800', 'a\udc00b', '"\\\n\u2028', '\u0000'),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { maxLength: 10 }), (rows) => {
        const expected = rows
          .map((r) => JSON.stringify(Object.fromEntries(cols.map((c, i) => [c.name, r[i] ?? null]))) + '\n')
          .join('');
        expect(ndjsonFormat.rows(cols)(rows, 0)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
