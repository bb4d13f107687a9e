import { describe, expect, it } from 'vitest';
import { datasets, type Row } from '../../../../../shared/domain/datasets.js';
import { pdfWriter } from '../../../../../shared/app/export/writers/pdf.js';
import { cellText, collect, inBatches, meta, readPdf, sessionRow, shortRow, tableRows } from './pdfReading.js';

// Readable PDFs: nothing is cut (values wrap in their cells; only a value longer than a page is
// shortened, and says so), ids stay on one line, CJK text renders with an embedded font subset,
// numbers read as in the other formats.

const rows = Array.from({ length: 120 }, (_, i) => sessionRow(i));

describe('pdfWriter: readable', () => {
  it('wraps a value wider than the first batch it sized the columns from, whole', async () => {
    const LONG_EMAIL = 'someone.with.a.rather.long.name@subsidiary.example.com';
    const all = rows.map((_, i) => {
      const r = [...shortRow(i)];
      r[2] = i === 100 ? LONG_EMAIL : `u${i % 10}@x.io`;
      r[11] = `/a/${'b'.repeat(30)}`; // the entry page column is not squeezed by the e-mails of the first batch
      return r;
    });
    const bytes = await collect(pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches(all, 25), meta()));
    const table = (await readPdf(bytes)).flatMap(tableRows);
    expect(table).toHaveLength(rows.length);
    const row = table[100]!;
    const from = row.first.runs.find((r) => r.str.startsWith('some'))!.x;
    const to = row.first.runs.find((r) => /^2026-/.test(r.str))!.x;
    expect(row.lines.length).toBeGreaterThan(1);
    expect(cellText(row, from, to)).toBe(LONG_EMAIL);
  });

  it('never wraps an id: UUID columns are as wide as a UUID', async () => {
    const uuids = Array.from({ length: 30 }, (_, i): Row => {
      const r = [...shortRow(i)];
      r[0] = `${'abcdef01'.repeat(1)}-${String(i).padStart(4, '0')}-4bcd-8ef0-${'1234567890ab'}`;
      r[1] = `ffffffff-eeee-4ddd-bccc-${String(i).padStart(12, '9')}`;
      return r;
    });
    const pages = await readPdf(
      await collect(pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches(uuids, 10), meta())),
    );
    const lines = pages.flatMap((p) => p.lines).filter((l) => /^[0-9a-f]{8}-/.test(l.text));
    expect(lines).toHaveLength(30);
    lines.forEach((l, i) => expect(l.runs.slice(0, 2).map((r) => r.str)).toEqual([uuids[i]![0], uuids[i]![1]]));
  });

  it('says when a value is too long for a page, instead of cutting it silently', async () => {
    const huge = 'x'.repeat(20_000);
    const row = [...shortRow(0)];
    row[11] = huge;
    const raw = await collect(pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches([row], 1), meta()));
    const pages = await readPdf(raw);
    const [cut] = pages.flatMap(tableRows);
    const entryX = cut!.first.runs.find((r) => r.str.startsWith('x'))!.x;
    const cell = cut!.lines
      .map((l) =>
        l.runs
          .filter((r) => r.x >= entryX)
          .map((r) => r.str)
          .join(''),
      )
      .join(' ');
    expect(cell.replace(/\s+/g, '').slice(-80)).toMatch(/x+…\(20,000charactersinall:seetheCSVorJSONexport\)$/);
  });

  it('renders text the main font lacks (CJK) with an embedded subset of Noto Sans SC', async () => {
    const row = [...shortRow(0)];
    row[2] = '李 Müller <li.mueller@example.com>';
    row[11] = '/报告/季度';
    const bytes = await collect(
      pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(inBatches([row], 1), meta({ organizationName: '株式会社 Acme' })),
    );
    const pages = await readPdf(bytes);
    const text = pages[0]!.lines.map((l) => l.text).join('\n');
    expect(text).toContain('Organization: 株式会社 Acme (org-42)');
    const [only] = pages.flatMap(tableRows);
    const email = only!.first.runs.find((r) => r.str.startsWith('李'))!.x;
    const started = only!.first.runs.find((r) => /^2026-/.test(r.str))!.x;
    expect(cellText(only!, email, started)).toBe('李Müller<li.mueller@example.com>');
    expect(text.replace(/\s/g, '')).toContain('/报告/季度');
    expect(text).not.toContain('\uFFFD');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    // A subset: the 10 MB font does not travel with a one-row PDF.
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('shows numbers as the other formats do (no further rounding)', async () => {
    const analytics = datasets.analytics;
    const row: Row = ['2026-03-01', 10, 4, 1, 123.45, 1234, 40, 4.05, 0.1234, 5, 4, 1];
    const bytes = await collect(
      pdfWriter({ pageSize: 'A4', orientation: 'landscape' })(
        inBatches([row], 1),
        meta({ dataset: analytics, columns: analytics.columns }),
      ),
    );
    const line = (await readPdf(bytes))[0]!.lines.find((l) => l.text.startsWith('2026-03-01'))!;
    expect(line.runs.map((r) => r.str)).toEqual([
      '2026-03-01',
      '10',
      '4',
      '1',
      '123.45',
      '1234',
      '40',
      '4.05',
      '0.1234',
      '5',
      '4',
      '1',
    ]);
  });
});
