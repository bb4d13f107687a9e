import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Row } from '../../../../../shared/domain/datasets.js';
import { pdfWriter } from '../../../../../shared/app/export/writers/pdf.js';
import {
  columnBoxes,
  headerLines,
  pageCountFor,
  pageGeometry,
  readableTimestamp,
  twoLineWidth,
} from '../../../../../shared/app/export/writers/pdfTable.js';
import {
  A4_LANDSCAPE,
  NON_LATIN,
  cellText,
  collect,
  expectedCells,
  inBatches,
  meta,
  readPdf,
  rowLines,
  sessionRow,
  sessions,
  shortRow,
  tableRows,
} from './pdfReading.js';

// The PDF is read back with pdf.js (an independent reader, installed by `npm ci`): text comes back
// only through the font's ToUnicode map, so finding "åüßñç" proves real glyphs and a real mapping.

describe('pdf layout', () => {
  it('fits a fixed number of rows on each A4 landscape page', () => {
    // Regression numbers for the constants in pdfTable.ts: 36 pt margins, 20 pt header, 11 pt rows,
    // a 20 pt title line plus 11 pt info lines and an 8 pt gap on the first page.
    expect(pageGeometry(A4_LANDSCAPE, true)).toMatchObject({ rowsOnFirstPage: 39, rowsPerPage: 45 });
    expect(pageGeometry(A4_LANDSCAPE, false)).toMatchObject({ rowsOnFirstPage: 40, rowsPerPage: 45 });
    const g = pageGeometry(A4_LANDSCAPE, true);
    expect([0, 1, 39, 40, 84, 85, 120].map((rows) => pageCountFor(g, rows))).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });

  it('sizes columns in proportion to ColumnDef.width, giving fixed-shape columns their minimum', () => {
    const cols = sessions.columns.slice(0, 3); // widths 36, 36, 28
    const plain = columnBoxes(cols, 500, [0, 0, 0]);
    expect(plain.map((b) => Math.round(b.width * 100) / 100)).toEqual([180, 180, 140]);
    expect(plain.map((b) => b.x)).toEqual([36, 216, 396]);
    const pinned = columnBoxes(cols, 500, [0, 0, 200]);
    expect(pinned.map((b) => b.width)).toEqual([150, 150, 200]);
    const squeezed = columnBoxes(cols, 100, [100, 50, 50]);
    expect(squeezed.map((b) => b.width)).toEqual([50, 25, 25]);
    expect(columnBoxes(sessions.columns, 500, []).map((b) => b.align)).toEqual(
      sessions.columns.map((c) => (c.type === 'integer' || c.type === 'number' ? 'right' : 'left')),
    );
  });

  it('puts a long header on two lines and shows timestamps readably', () => {
    const fits = (line: string) => line.length <= 8;
    expect(headerLines('Duration (s)', fits)).toEqual(['Duration', '(s)']);
    expect(headerLines('Total duration (s)', fits)).toEqual(['Total', 'duration (s)']);
    expect(headerLines('Device', fits)).toEqual(['Device']);
    // The narrowest two-line width is enough for the greedy split to fit both lines.
    const width = twoLineWidth('Sessions (all time)', (line) => line.length);
    expect(width).toBe(10);
    expect(headerLines('Sessions (all time)', (line) => line.length <= width)).toEqual(['Sessions', '(all time)']);
    expect(readableTimestamp('2026-01-31T23:59:59.000Z')).toBe('2026-01-31 23:59:59');
    expect(readableTimestamp('2026-01-31T23:59:59Z')).toBe('2026-01-31 23:59:59');
    expect(readableTimestamp('2026-02-01T01:00:00+02:00')).toBe('2026-01-31 23:00:00');
    expect(readableTimestamp('not a time')).toBe('not a time');
  });
});

describe('pdfWriter', () => {
  const rows = Array.from({ length: 120 }, (_, i) => sessionRow(i));
  const geometry = pageGeometry(A4_LANDSCAPE, true);
  let pdfBytes: Promise<Buffer> | undefined;
  const exportOf120 = () =>
    (pdfBytes ??= collect(
      // One batch: the columns are sized from every row, so only the over-long values wrap.
      pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches(rows, 120), meta({ rowCount: rows.length })),
    ));

  it('writes every row, in order, wrapping a long value onto more lines of its cell instead of cutting it', async () => {
    const bytes = await exportOf120();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await readPdf(bytes);
    const table = pages.flatMap(tableRows);
    expect(table).toHaveLength(rows.length);
    const entryX = Math.min(...table.map((r) => r.first.runs.at(-1)!.x));
    rows.forEach((row, i) => {
      const found = table[i]!;
      const cells = expectedCells(row);
      if (i === 5 || i === 7) {
        // The entry page wraps: every character is there, across the cell's lines, and no "…".
        expect(found.lines.length, `row ${i}`).toBeGreaterThan(1);
        expect(cellText(found, entryX)).toBe(String(row[11]).replace(/\s/g, ''));
        expect(
          found.first.text.startsWith(
            cells
              .slice(0, -1)
              .filter((c) => c !== '')
              .join(' '),
          ),
        ).toBe(true);
      } else {
        expect(found.lines, `row ${i}: ${found.lines.map((l) => l.text).join(' | ')}`).toHaveLength(1);
        expect(found.first.text).toBe(cells.filter((c) => c !== '').join(' '));
      }
    });
    expect(bytes.toString('latin1')).not.toContain('characters in all');
    // Pages hold what fits: one-line rows as before, a wrapped row takes its extra lines' height.
    const heights = table.map((r) => 11 + (r.lines.length - 1) * 8.5);
    const g = geometry;
    const roomOnFirst = g.rowsOnFirstPage * 11 + ((595.28 - 36 - g.firstTableTop - 20) % 11);
    const perPage: number[] = [];
    let room = roomOnFirst;
    let count = 0;
    for (const h of heights) {
      if (count > 0 && h > room + 0.01) {
        perPage.push(count);
        count = 0;
        room = 595.28 - 36 - g.tableTop - 20;
      }
      room -= h;
      count++;
    }
    perPage.push(count);
    expect(pages.map((p) => tableRows(p).length)).toEqual(perPage);
  });

  it('repeats the header row at the top of every page and numbers the pages', async () => {
    const pages = await readPdf(await exportOf120());
    const headerWords = sessions.columns.flatMap((c) => c.header.split(' '));
    pages.forEach((page, p) => {
      const firstRowY = rowLines(page)[0]!.y;
      const above = page.runs.filter((r) => r.y > firstRowY).map((r) => r.str.trim());
      for (const word of headerWords) expect(above.join(' ').split(/\s+/)).toContain(word);
      expect(page.runs.filter((r) => r.str === `Page ${p + 1}`)).toHaveLength(1);
    });
  });

  it('starts with a title block', async () => {
    const [first, second] = await readPdf(await exportOf120());
    const texts = first!.lines.slice(0, 5).map((l) => l.text);
    expect(texts).toEqual([
      'Sessions export',
      'Organization: Åsgård Straße Müller (org-42)',
      'Date range: 2026-01-01 – 2026-01-31',
      'Generated at: 2026-02-01 08:30:00 UTC',
      'Rows: 120',
    ]);
    expect(second!.runs.some((r) => r.str === 'Sessions export')).toBe(false);
  });

  it('renders cells by type: readable timestamps, yes/no, blanks for null, numbers right-aligned', async () => {
    const lines = (await readPdf(await exportOf120())).flatMap(rowLines);
    expect(lines[9]!.text).toContain('2026-01-31 23:59:59');
    expect(lines[0]!.runs.map((r) => r.str)).toContain('yes');
    expect(lines[1]!.runs.map((r) => r.str)).toContain('no');
    expect(lines[3]!.runs.filter((r) => /^\d{4}-\d{2}-\d{2} /.test(r.str))).toHaveLength(1); // endedAt null
    // Duration: 5 and 9700 have different left edges but the same right edge.
    const duration = (i: number) => lines[i]!.runs.find((r) => r.str === String(rows[i]![5]))!;
    const rightEdges = [0, 1, 100].map((i) => duration(i).x + duration(i).width);
    expect(Math.max(...rightEdges) - Math.min(...rightEdges)).toBeLessThan(0.1);
    expect(duration(0).x).toBeGreaterThan(duration(100).x + 5);
  });

  it('shades every other row of each page across the full table width, as tall as the row', async () => {
    const bytes = await exportOf120();
    const raw = bytes.toString('latin1');
    const streams = [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        return ''; // not a deflated stream
      }
    });
    const pageContents = streams.filter((s) => s.includes(' Tj'));
    const pages = await readPdf(bytes);
    expect(pageContents).toHaveLength(pages.length);
    const stripes = pageContents.map((s) => [...s.matchAll(/^0\.94 g (\S+) (\S+) (\S+) (\S+) re f 0 g$/gm)]);
    expect(stripes.map((s) => s.length)).toEqual(pages.map((p) => Math.floor(tableRows(p).length / 2)));
    const heights = pages.flatMap((p) =>
      tableRows(p)
        .filter((_, i) => i % 2 === 1)
        .map((r) => 11 + (r.lines.length - 1) * 8.5),
    );
    stripes.flat().forEach(([, x, , width, height], k) => {
      expect([Number(x), Number(width), Number(height)]).toEqual([36, 769.89, heights[k]]);
    });
  });

  it('embeds a font with the glyphs for non-Latin text, which reads back as text', async () => {
    const bytes = await exportOf120();
    const table = (await readPdf(bytes)).flatMap(tableRows);
    const entryX = table[5]!.first.runs.at(-1)!.x;
    expect(cellText(table[5]!, entryX)).toBe(NON_LATIN.replace(/\s/g, ''));
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed\b/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toContain('/Helvetica');
  });

  it('writes a title page with a note when there are no rows, without a known row count', async () => {
    const pages = await readPdf(await collect(pdfWriter({ pageSize: 'A4', orientation: 'portrait' })(inBatches([], 10), meta())));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.lines.map((l) => l.text);
    expect(text).toContain('No rows for this organization and date range.');
    expect(text.some((t) => t.startsWith('Rows:'))).toBe(false);
    expect(pages[0]!.runs.map((r) => r.str)).toContain('Page 1');
  });

  it('cuts at page boundaries exactly (rows filling the first page leave no empty page)', async () => {
    const g = pageGeometry(A4_LANDSCAPE, false);
    const full = Array.from({ length: g.rowsOnFirstPage }, (_, i) => shortRow(i));
    const pages = await readPdf(
      await collect(pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches(full, 7), meta())),
    );
    expect(pages).toHaveLength(1);
    expect(rowLines(pages[0]!)).toHaveLength(g.rowsOnFirstPage);
  });

  it('pulls rows only as fast as its output is consumed', async () => {
    let pulled = 0;
    let closed = false;
    async function* source(): AsyncGenerator<readonly Row[]> {
      try {
        for (let b = 0; b < 1000; b++) {
          pulled++;
          yield Array.from({ length: 10 }, (_, i) => sessionRow(b * 10 + i));
        }
      } finally {
        closed = true;
      }
    }
    const output = pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(source(), meta())[Symbol.asyncIterator]();
    const first = await output.next();
    expect(first.done).toBe(false);
    // The first page holds 40 rows; its bytes come out while the 41st row is drawn (batch 5).
    expect(pulled).toBeLessThanOrEqual(5);
    await output.return?.();
    expect(closed).toBe(true);
    expect(pulled).toBeLessThanOrEqual(5);
  });

  it('passes an error from the rows out of its output', async () => {
    async function* failing(): AsyncGenerator<readonly Row[]> {
      yield [sessionRow(0)];
      throw new Error('database went away');
    }
    await expect(collect(pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(failing(), meta()))).rejects.toThrow(
      'database went away',
    );
  });

  it('rejects an unknown page size when the writer is made', () => {
    expect(() => pdfWriter({ pageSize: 'A44', orientation: 'landscape' })).toThrow(/unknown PDF page size "A44"/);
    expect(() => pdfWriter({ pageSize: 'letter', orientation: 'portrait' })).not.toThrow();
  });
});
