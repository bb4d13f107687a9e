import { describe, expect, it } from 'vitest';
import type { Row } from '../../../../../shared/domain/datasets.js';
import { pdfWriter } from '../../../../../shared/app/export/writers/pdf.js';
import { collect, inBatches, meta, sessions, shortRow } from './pdfReading.js';
import { readLayout, type PageLayout } from './pdfLayout.js';

// How rows flow onto pages, read back with pdf.js. Letter portrait (612 × 792 pt) without a row
// count: the table's header row spans 792 − 97 − 20 = 675 … 695, so rows have 675 − 36 = 639 pt
// down to the bottom margin on the first page and 792 − 36 − 20 − 36 = 700 pt on the others.
// A one-column export (only "Entry page") has the whole width between the margins, 540 pt, of
// which 535 pt hold text: 143 "x" of DejaVu Sans Condensed at 7 pt (3.7255 pt each) to a line.

const LETTER = { pageSize: 'LETTER', orientation: 'portrait' } as const;
const entryOnly = meta({ columns: [sessions.columns[11]!] });
const PER_LINE = 143;
const r2 = (v: number) => Math.round(v * 100) / 100;

/** The table's texts on a page (below the header row, above the footer), top to bottom. */
const body = (page: PageLayout | undefined, headerBottom: number) =>
  (page?.texts ?? []).filter((t) => t.y < headerBottom && t.y > 36).sort((a, b) => b.y - a.y);

describe('pdfWriter: rows flow onto pages', () => {
  it('fills a page to the bottom margin exactly, and shows a value of exactly the most lines whole', async () => {
    // 4 two-line rows (19.5 pt) and 51 one-line rows (11 pt): 78 + 561 = 639 pt, page 1 exactly.
    const twoLines = 'x'.repeat(200);
    const rows: Row[] = [
      ...Array.from({ length: 4 }, (): Row => [twoLines]),
      ...Array.from({ length: 51 }, (_, i): Row => [`/p/${i}`]),
      // The most lines a cell may take is what fits on the first page: 1 + ⌊(639 − 11) / 8.5⌋ = 74.
      ['y'.repeat(74 * PER_LINE)],
      ['x'.repeat(74 * PER_LINE + 1)],
    ];
    const [first, second, third, fourth] = (await readLayout(await collect(pdfWriter(LETTER)(inBatches(rows, 60), entryOnly))))
      .pages;
    expect(fourth).toBeUndefined();
    const page1 = body(first, 675);
    // The two-line rows: 143 + 57 characters, 8.5 pt apart, rows 19.5 pt apart.
    expect(page1.slice(0, 8).map((t) => [t.str.length, t.y])).toEqual([
      [143, 667.08],
      [57, 658.58],
      [143, 647.58],
      [57, 639.08],
      [143, 628.08],
      [57, 619.58],
      [143, 608.58],
      [57, 600.08],
    ]);
    // …then the one-line rows, the last one sitting on the bottom margin (baseline 36 + 3.08).
    expect(page1.slice(8).map((t) => t.str)).toEqual(Array.from({ length: 51 }, (_, i) => `/p/${i}`));
    expect(page1.at(-1)?.y).toBe(39.08);
    // Page 2: the 74-line value whole (no note), from the top of the table down.
    const page2 = body(second, 736);
    expect(page2.map((t) => t.y)).toEqual(Array.from({ length: 74 }, (_, k) => r2(728.08 - 8.5 * k)));
    expect(page2.every((t) => t.str === 'y'.repeat(PER_LINE))).toBe(true);
    // Page 3: one character more needs a 75th line, so the cell ends with a note instead.
    const page3 = body(third, 736);
    expect(page3.map((t) => t.y)).toEqual(Array.from({ length: 74 }, (_, k) => r2(728.08 - 8.5 * k)));
    expect(page3.slice(0, -1).every((t) => t.str === 'x'.repeat(PER_LINE))).toBe(true);
    expect(page3.at(-1)?.str).toBe('… (10,583 characters in all: see the CSV or JSON export)');
  });

  it('sizes the columns from the first 1,000 rows of the first batch, and wraps a wider value that comes later', async () => {
    const email = 'first.last@subsidiary.example.com';
    const rows = Array.from({ length: 1100 }, (_, i) => {
      const row = [...shortRow(i)];
      row[0] = `S-${String(i).padStart(4, '0')}`;
      row[2] = i === 1000 ? email : `u${i % 10}@x.io`;
      return row;
    });
    const bytes = await collect(pdfWriter(LETTER)(inBatches(rows, 1001), meta({ columns: sessions.columns.slice(0, 3) })));
    // 58 one-line rows on page 1, 63 on the others: row 1000 is on page 16 (two lines there, so
    // page 16 ends with row 1001), and the last page, 18, ends with row 1099.
    const { pages, pageCount } = await readLayout(bytes, () => [16, 18]);
    expect(pageCount).toBe(18);
    const [page, last] = pages;
    const ids = (p: PageLayout | undefined) => (p?.texts ?? []).filter((t) => /^S-\d{4}$/.test(t.str)).map((t) => t.str);
    expect(ids(page)).toEqual(Array.from({ length: 62 }, (_, k) => `S-${String(940 + k).padStart(4, '0')}`));
    // Rows drawn after the per-column cache of layouts gave up (1,025 distinct ids) are all there.
    expect(ids(last)).toEqual(Array.from({ length: 35 }, (_, k) => `S-${1065 + k}`));
    // Row 1000's e-mail did not size its column: it wraps, and reads back whole.
    const id = page?.texts.find((t) => t.str === 'S-1000');
    const emailColumn = page?.texts.find((t) => t.str === 'u1@x.io')?.x;
    const parts = (page?.texts ?? []).filter((t) => t.x === emailColumn && t.y <= (id?.y ?? 0) && t.y > (id?.y ?? 0) - 11);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((t) => t.str).join('')).toBe(email);
  });

  it('hands out the file a page at a time, pulling rows only for the page being drawn', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<readonly Row[]> {
      for (let b = 0; b < 20; b++) {
        pulled++;
        yield Array.from({ length: 10 }, (_, i) => shortRow(b * 10 + i));
      }
    }
    const output = pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(source(), meta())[Symbol.asyncIterator]();
    const first = await output.next();
    // A4 landscape holds 40 rows on page 1: its bytes come out when row 41 (batch 5) is drawn,
    // and they hold the whole page — its content stream and its page object.
    expect(pulled).toBe(5);
    const text = Buffer.from(first.value as Uint8Array).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('stream');
    expect(text).toMatch(/\/Type \/Page\b/);
    await output.return?.();
  });
});
