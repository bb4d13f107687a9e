import { describe, expect, it } from 'vitest';
import { pdfWriter } from '../../../../../shared/app/export/writers/pdf.js';
import { collect, inBatches, meta, shortRow } from './pdfReading.js';
import { readLayout, textsAt, type PageLayout } from './pdfLayout.js';

// Where things land on the page, as pdf.js reads them back. The expected coordinates are written
// out; they follow from the page (A4 landscape 841.89 × 595.28 pt, Letter 612 × 792 pt), the 36 pt
// margins, a 20 pt title line, 11 pt info lines, an 8 pt gap, a 20 pt header row and 11 pt rows
// (8.5 pt more per wrapped line). DejaVu Sans Condensed's ascender/descender (0.928/−0.236 em)
// centre a 7 pt line 3.08 pt above its row's bottom, the header's single line 7.58 pt above its
// bottom (two lines: ±4 pt), a 14 pt title line 5.15 pt above the bottom of its 20 pt line and an
// 8 pt info line 2.73 pt above the bottom of its 11 pt line.

const A4 = { pageSize: 'A4', orientation: 'landscape' } as const;
const GREY_FOOTER = 0.35;
const GREY_HEADER = 0.85;
const GREY_STRIPE = 0.94;

const r2 = (v: number) => Math.round(v * 100) / 100;
const texts = (page: PageLayout | undefined) => (page?.texts ?? []).map((t) => t.str);
const at = (page: PageLayout | undefined, str: string) => page?.texts.filter((t) => t.str === str) ?? [];

describe('pdfWriter: pages of a 41-row export (A4 landscape, row count known)', () => {
  // One test per document: the test that writes it also checks it (Stryker's per-test coverage).
  const checks: (() => Promise<void>)[] = [];
  // Row 2 lacks its last four cells: they read as blanks, like null ones (and take no width).
  const rows = Array.from({ length: 41 }, (_, i) => (i === 2 ? shortRow(i).slice(0, 8) : shortRow(i)));
  let document: ReturnType<typeof readLayout> | undefined;
  const read = () =>
    (document ??= (async () => {
      const bytes = await collect(pdfWriter(A4)(inBatches(rows, 20), meta({ rowCount: rows.length })));
      expect(bytes.subarray(0, 9).toString('latin1')).toBe('%PDF-1.4\n');
      return readLayout(bytes);
    })());

  // describes itself: title, subject, creator and the export time as creation date
  checks.push(async () => {
    const { info, pages } = await read();
    expect(info).toMatchObject({
      PDFFormatVersion: '1.4',
      Title: 'Sessions export — Åsgård Straße Müller',
      Subject: 'Sessions, 2026-01-01 to 2026-01-31',
      Creator: 'Portal Export Service',
      CreationDate: 'D:20260201083000Z',
    });
    expect(pages.map((p) => p.view)).toEqual([
      [0, 0, 841.89, 595.28],
      [0, 0, 841.89, 595.28],
    ]);
  });

  // puts the title block on the first page only, each line below the other
  checks.push(async () => {
    const [first, second] = (await read()).pages;
    expect(at(first, 'Sessions export')).toEqual([{ str: 'Sessions export', x: 36, y: 544.43, size: 14, right: 149 }]);
    const info = [
      ['Organization: Åsgård Straße Müller (org-42)', 531.01],
      ['Date range: 2026-01-01 – 2026-01-31', 520.01],
      ['Generated at: 2026-02-01 08:30:00 UTC', 509.01],
      ['Rows: 41', 498.01],
    ] as const;
    for (const [str, y] of info) expect(at(first, str).map((t) => [t.x, t.y, t.size])).toEqual([[36, y, 8]]);
    expect(texts(second).filter((s) => s === 'Sessions export' || s.startsWith('Organization:'))).toEqual([]);
  });

  // draws the grey header band under the title block, and at the top margin on the next page
  checks.push(async () => {
    const [first, second] = (await read()).pages;
    const band = { gray: GREY_HEADER, x: 36, width: 769.89, height: 20 };
    // 595.28 − 36 − 20 − 4 × 11 − 8 − 20 = 467.28; on page 2: 595.28 − 36 − 20 = 539.28.
    expect(first?.rects[0]).toEqual({ ...band, y: 467.28 });
    expect(second?.rects[0]).toEqual({ ...band, y: 539.28 });
    // One-line headers in the middle of the band, two-line ones 4 pt above and below it.
    for (const [page, bottom] of [
      [first, 467.28],
      [second, 539.28],
    ] as const) {
      expect(at(page, 'Session ID').map((t) => [t.x, t.y])).toEqual([[38.5, r2(bottom + 7.58)]]);
      expect(at(page, 'Duration').map((t) => t.y)).toEqual([r2(bottom + 11.58)]);
      expect(at(page, '(s)').map((t) => t.y)).toEqual([r2(bottom + 3.58)]);
      // Right-aligned headers end where the column's numbers end.
      expect(at(page, 'Duration')[0]?.right).toBeCloseTo(601.25, 1);
      expect(at(page, '(s)')[0]?.right).toBeCloseTo(601.25, 1);
    }
  });

  // places the rows one under the other, full pages first, and stripes every other row of each page
  checks.push(async () => {
    const [first, second] = (await read()).pages;
    // 39 rows fit below the title block: baselines 459.36, 448.36, … 41.36; the rest go to page 2.
    const firstIds = Array.from({ length: 39 }, (_, k) => at(first, `S-${String(k).padStart(4, '0')}`)[0]?.y);
    expect(firstIds).toEqual(Array.from({ length: 39 }, (_, k) => r2(459.36 - 11 * k)));
    expect(at(second, 'S-0039').map((t) => [t.x, t.y])).toEqual([[38.5, 531.36]]);
    expect(at(second, 'S-0040').map((t) => [t.x, t.y])).toEqual([[38.5, 520.36]]);
    expect(texts(second).filter((s) => s.startsWith('S-'))).toEqual(['S-0039', 'S-0040']);
    expect(textsAt(first as PageLayout, 437.36).map((t) => t.str)).toEqual([
      'S-0002',
      'U-2',
      'u2@example.com',
      '2026-01-03 10:02:05',
      '2026-01-03 11:00:00',
      '194',
      '2',
      'yes',
    ]);
    const stripe = { gray: GREY_STRIPE, x: 36, width: 769.89, height: 11 };
    expect(first?.rects.slice(1)).toEqual(Array.from({ length: 19 }, (_, j) => ({ ...stripe, y: r2(445.28 - 22 * j) })));
    expect(second?.rects.slice(1)).toEqual([{ ...stripe, y: 517.28 }]);
  });

  // lines each column up: text from its left edge, numbers to its right edge
  checks.push(async () => {
    const [first] = (await read()).pages;
    const page = first as PageLayout;
    const lefts = (y: number) => textsAt(page, y).map((t) => t.x);
    const row0 = lefts(459.36);
    // The same left edges on every row (relative moves must not drift), bar the right-aligned numbers.
    for (const y of [448.36, 437.36, 41.36]) {
      lefts(y).forEach((x, c) => {
        if (c !== 5 && c !== 6) expect(Math.abs(x - (row0[c] ?? 0)), `column ${c} at ${y}`).toBeLessThanOrEqual(0.02);
      });
    }
    // Sized from the first batch (20 rows): each column as wide as its widest value, its header on
    // at most two lines or a whole value of its fixed shape (UUID, timestamp, yes/no), plus 5.5 pt
    // of padding; the room left over shared in proportion to the columns' widths.
    expect(row0).toEqual([38.5, 189.54, 340.58, 413.48, 490.44, 597.24, 624.68, 633.69, 671.63, 704.55, 741.52, 777]);
    const duration = ['5', '97', '194', '291'].map((v, k) => textsAt(page, 459.36 - 11 * k).find((t) => t.str === v));
    for (const t of duration) expect(t?.right).toBeCloseTo(601.25, 1);
    expect(duration.map((t) => t?.x)).toEqual([597.24, 593.23, 589.23, 589.23].map((x) => expect.closeTo(x, 1)));
  });

  // signs every page in grey in the footer: the export on the left, the page number on the right
  checks.push(async () => {
    const { pages } = await read();
    pages.forEach((page, p) => {
      expect(textsAt(page, 18).map((t) => [t.str, t.x, t.size])).toEqual([
        ['Sessions · Åsgård Straße Müller', 36, 7],
        [`Page ${p + 1}`, 784.35, 7],
      ]);
      expect(at(page, `Page ${p + 1}`)[0]?.right).toBe(805.89);
      // The footer's two pieces of text in grey, the rest of the page in black.
      expect(page.textGrays.slice(0, 2)).toEqual([GREY_FOOTER, GREY_FOOTER]);
      expect(new Set(page.textGrays.slice(2))).toEqual(new Set([0]));
    });
  });

  it('reads back as laid out', async () => {
    for (const check of checks) await check();
  });
});

describe('pdfWriter: an empty export on Letter paper, with an unreadable time and a long name', () => {
  // One test per document: the test that writes it also checks it (Stryker's per-test coverage).
  const checks: (() => Promise<void>)[] = [];
  const long = 'Grand Duchy '.repeat(20).trim();
  let document: ReturnType<typeof readLayout> | undefined;
  const read = () =>
    (document ??= (async () =>
      readLayout(
        await collect(
          pdfWriter({ pageSize: 'LETTER', orientation: 'portrait' })(
            inBatches([], 5),
            meta({ generatedAt: 'not a time', organizationName: long }),
          ),
        ),
      ))());

  // has one portrait page with three info lines, the header band and the note where the first row goes
  checks.push(async () => {
    const { pages } = await read();
    expect(pages.map((p) => p.view)).toEqual([[0, 0, 612, 792]]);
    const [page] = pages;
    expect(page?.rects).toEqual([{ gray: GREY_HEADER, x: 36, y: 675, width: 540, height: 20 }]);
    expect(at(page, 'Sessions export').map((t) => [t.x, t.y])).toEqual([[36, 741.15]]);
    expect(at(page, 'Generated at: not a time UTC').map((t) => [t.x, t.y])).toEqual([[36, 705.73]]);
    expect(texts(page).some((s) => s.startsWith('Rows:'))).toBe(false);
    // 792 − 36 − 20 − 3 × 11 − 8 − 20 = 675 for the band; the note's baseline 3.08 above 675 − 11.
    expect(at(page, 'No rows for this organization and date range.').map((t) => [t.x, t.y, t.size])).toEqual([[38.5, 667.08, 7]]);
  });

  // squeezes the columns when their minimums do not fit, cutting header words that do not fit with "…"
  checks.push(async () => {
    const [page] = (await read()).pages;
    const header = (page?.texts ?? [])
      .filter((t) => t.y > 675 && t.y < 695)
      .sort((a, b) => a.x - b.x || b.y - a.y)
      .map((t) => [t.str, t.x, t.y]);
    expect(header).toEqual([
      ['Session ID', 38.5, 682.58],
      ['User ID', 152.63, 682.58],
      ['U…', 266.76, 686.58],
      ['e…', 266.76, 678.58],
      ['Started at', 286.66, 686.58],
      ['(UTC)', 286.66, 678.58],
      ['Ended at', 344.51, 686.58],
      ['(UTC)', 344.51, 678.58],
      ['Dura…', 403.21, 686.58],
      ['(s)', 417.07, 678.58],
      ['Pa…', 431.88, 686.58],
      ['vi…', 434.48, 678.58],
      ['Bou…', 452.04, 682.58],
      ['De…', 480.9, 682.58],
      ['Bro…', 504.3, 682.58],
      ['Cou…', 532.02, 682.58],
      ['E…', 558.91, 686.58],
      ['p…', 558.91, 678.58],
    ]);
  });

  // takes the creation date from the clock when the export time is unreadable
  checks.push(async () => {
    const { info } = await read();
    expect(info.CreationDate).toMatch(/^D:\d{14}Z$/);
    expect(info.CreationDate).not.toBe('D:20260201083000Z');
    expect(info.Title).toBe(`Sessions export — ${long}`);
  });

  // shortens a name too long for the page with "…", in the title block and in the footer
  checks.push(async () => {
    const [page] = (await read()).pages;
    const organization = page?.texts.find((t) => t.str.startsWith('Organization: Grand Duchy'));
    expect(organization?.str).toMatch(/^Organization: (Grand Duchy )+Gr?a?n?d? ?D?u?c?h?y?…$/);
    // At most the width between the margins (540 pt), and not much less.
    expect(organization?.right).toBeLessThanOrEqual(576);
    expect(organization?.right).toBeGreaterThan(566);
    const [footer, label] = page ? textsAt(page, 18) : [];
    expect(label).toMatchObject({ str: 'Page 1', right: 576 });
    expect(footer?.str).toMatch(/^Sessions · (Grand Duchy )+.*…$/);
    // The footer's left part keeps 24 pt clear of the page number.
    expect(footer?.right).toBeLessThanOrEqual((label?.x ?? 0) - 24);
    expect(footer?.right).toBeGreaterThan((label?.x ?? 0) - 34);
  });

  it('reads back as laid out', async () => {
    for (const check of checks) await check();
  });
});

describe('pdfWriter: a value longer than a page', () => {
  it("shows the first page of it and a note on the row's last lines, and moves the next row to page 2", async () => {
    const huge = [...shortRow(0)];
    huge[11] = 'x'.repeat(3000);
    const bytes = await collect(pdfWriter(A4)(inBatches([huge, shortRow(1)], 5), meta({ rowCount: 2 })));
    const [first, second] = (await readLayout(bytes)).pages;
    const entry = (first?.texts ?? []).filter((t) => t.y < 467.28 && t.y > 36 && t.x > 700);
    // What fits on an empty first page below the header: 1 + ⌊(467.28 − 36 − 11) / 8.5⌋ = 50 lines,
    // 8.5 pt apart, from 459.36 down to 42.86.
    expect(entry.map((t) => t.y)).toEqual(Array.from({ length: 50 }, (_, k) => r2(459.36 - 8.5 * k)));
    expect(
      entry
        .slice(-3)
        .map((t) => t.str)
        .join(' '),
    ).toBe('… (3,000 characters in all: see the CSV or JSON export)');
    expect(entry.slice(0, -3).every((t) => /^x+$/.test(t.str))).toBe(true);
    expect(new Set(entry.map((t) => t.x)).size).toBe(1);
    expect(at(second, 'S-0001').map((t) => t.y)).toEqual([531.36]);
  });
});
