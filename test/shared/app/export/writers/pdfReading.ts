import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { datasets, type Row } from '../../../../../shared/domain/datasets.js';
import { readableTimestamp } from '../../../../../shared/app/export/writers/pdfTable.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';

// Shared by the PDF writer's tests: a sessions fixture and a reader built on pdf.js (an independent
// reader, installed by `npm ci`): text comes back only through the fonts' ToUnicode maps.

export const sessions = datasets.sessions;
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
export const NON_LATIN = 'åüßñç ÅÜ Привет Καλημέρα';
export const LONG_PAGE = `/campaigns/${'very-long-segment/'.repeat(12)}end`;

export function meta(overrides: Partial<ExportMeta> = {}): ExportMeta {
  return {
    dataset: sessions,
    columns: sessions.columns,
    organizationName: 'Åsgård Straße Müller',
    organizationId: 'org-42',
    dateFrom: '2026-01-01',
    dateTo: '2026-01-31',
    generatedAt: '2026-02-01T08:30:00.000Z',
    ...overrides,
  };
}

/** Row i of the sessions fixture: short values that fit, with a few special cells. */
export function sessionRow(i: number): Row {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const started = i === 9 ? '2026-01-31T23:59:59.000Z' : `2026-01-${day}T10:${String(i % 60).padStart(2, '0')}:05.000Z`;
  const entryPage = i === 5 ? NON_LATIN : i === 7 ? LONG_PAGE : `/p/${i}`;
  return [
    `S-${String(i).padStart(4, '0')}`,
    `U-${i % 7}`,
    `u${i}@example.com`,
    started,
    i % 10 === 3 ? null : `2026-01-${day}T11:00:00.000Z`,
    i === 0 ? 5 : i * 97,
    i % 9,
    i % 2 === 0,
    ['desktop', 'mobile', 'tablet'][i % 3] ?? null,
    'Firefox',
    'NO',
    entryPage,
  ];
}

/** The text a row should read as, cell by cell (empty cells are not drawn). */
export function expectedCells(row: Row): string[] {
  return row.map((v, i) => {
    if (v === null) return '';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return sessions.columns[i]?.type === 'timestamp' ? readableTimestamp(String(v)) : String(v);
  });
}

export async function* inBatches(rows: readonly Row[], size: number): AsyncGenerator<readonly Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export async function collect(output: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of output) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface TextRun {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}
export interface PageText {
  readonly runs: readonly TextRun[];
  /** Runs grouped by baseline, top to bottom, each line's runs left to right. */
  readonly lines: readonly { readonly y: number; readonly runs: readonly TextRun[]; readonly text: string }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PageText[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      runs.push({ str: item.str, x: Number(item.transform[4]), y: Number(item.transform[5]), width: item.width });
    }
    const byY = new Map<number, TextRun[]>();
    for (const r of runs) {
      const y = Math.round(r.y * 10) / 10;
      byY.set(y, [...(byY.get(y) ?? []), r]);
    }
    const lines = [...byY.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([y, rs]) => {
        const sorted = rs.sort((a, b) => a.x - b.x);
        return {
          y,
          runs: sorted,
          text: sorted
            .map((r) => r.str)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        };
      });
    pages.push({ runs, lines });
  }
  await pdf.destroy();
  return pages;
}

export const rowLines = (page: PageText) => page.lines.filter((l) => /^S-\d{4}/.test(l.text));

/** Each table row of a page: its first line and the lines its wrapped cells continue on. */
export function tableRows(page: PageText): { first: PageText['lines'][number]; lines: PageText['lines'][number][] }[] {
  const rows: { first: PageText['lines'][number]; lines: PageText['lines'][number][] }[] = [];
  for (const line of page.lines) {
    if (/^S-\d{4}/.test(line.text)) rows.push({ first: line, lines: [line] });
    else if (rows.length > 0 && !/^Sessions · /.test(line.text) && !/^Page \d+$/.test(line.text)) rows.at(-1)!.lines.push(line);
  }
  return rows;
}

/** The text of one column of a row, its wrapped lines joined (runs whose x falls in [from, to)). */
export const cellText = (row: { lines: PageText['lines'][number][] }, from: number, to = Infinity) =>
  row.lines
    .map((l) =>
      l.runs
        .filter((r) => r.x >= from && r.x < to)
        .map((r) => r.str)
        .join(''),
    )
    .join('')
    .replace(/\s/g, '');

/** A fixture row whose cells are all short (one line each). */
export const shortRow = (i: number): Row => [...sessionRow(i).slice(0, -1), `/p/${i}`];
