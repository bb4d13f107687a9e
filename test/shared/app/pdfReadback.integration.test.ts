import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { silentLogger } from '../../../shared/adapters/log/jsonLogger.js';
import { datasets, type DataType } from '../../../shared/domain/datasets.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { ACME, testEnv, type TestEnv } from '../../support/testServices.js';

/**
 * Readable PDFs, checked by an independent reader: the PDF of a request is read back with
 * poppler's `pdftotext -bbox` (every word with its position) and compared with the CSV of the same
 * request, row by row and value by value. A value that was cut, dropped or mangled — an id or
 * e-mail ending in "…", a CJK name turned into "�", a number rounded differently — fails.
 */
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext) {
  if (process.env.CI) throw new Error('pdftotext (poppler-utils) is required in CI');
  console.warn(
    'test/shared/app/pdfReadback.integration.test.ts SKIPPED: pdftotext is not installed (apt-get install poppler-utils)',
  );
}

const admin: Principal = { userId: 'pdf-reader', organizationId: ACME, roles: ['Admin'] };
let env: TestEnv;
let dir: string;

beforeAll(async () => {
  // The demo data: ids, e-mails, names such as "李 Müller", delimiters, quotes, newlines, formulas.
  env = await testEnv({ users: 120, sessions: 1500 });
  dir = mkdtempSync(join(tmpdir(), 'pdf-readback-'));
});
afterAll(async () => {
  await env?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exportFile(dataType: DataType, format: 'csv' | 'pdf', dateRange: { from: string; to: string }): Promise<Buffer> {
  const job = await createExportJob(env.services, admin, { dataType, format, dateRange }, silentLogger);
  expect(await processExport(env.services, { jobId: job.id, attempt: 1 }, silentLogger)).toBe('completed');
  const { stream } = await env.services.blobs.openRead(blobNameOf(job));
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Word {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every page's words with their position, as pdftotext reads them. */
function wordsOf(pdf: Buffer): Word[][] {
  const path = join(dir, `f-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const out = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        text: decode(m[3]!),
      })),
    );
}

/**
 * Words on one line, left to right, top to bottom. Words of different fonts on one baseline have
 * different boxes (Noto's ascent is not DejaVu's), so a line gathers words within 3 pt of its
 * first; lines of a table are at least 8.5 pt apart.
 */
function linesOf(words: readonly Word[]): Word[][] {
  const lines: { y: number; words: Word[] }[] = [];
  for (const w of [...words].sort((a, b) => a.y - b.y)) {
    const line = lines.at(-1);
    if (line && w.y - line.y < 3) line.words.push(w);
    else lines.push({ y: w.y, words: [w] });
  }
  return lines.map((l) => l.words.sort((a, b) => a.x - b.x));
}

const norm = (s: string) => s.replace(/\s/g, '');

/** A CSV cell as the PDF shows it: readable UTC timestamps, yes/no, text without the CSV's formula guard. */
function asShown(value: string, type: string): string {
  if (value === '') return '';
  if (type === 'timestamp') return value.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/, '$1 $2');
  if (type === 'boolean') return value === 'true' ? 'yes' : 'no';
  return /^'[=+\-@\t\r\n]/.test(value) ? value.slice(1) : value;
}

/**
 * Reads the table back: a row starts on the line that begins with its first value; each cell's
 * first fragment is found on that line in column order, and a wrapped cell continues on the lines
 * below at the same left edge. Returns the cells of each row as read.
 */
function readTable(pdf: Buffer, expected: readonly string[][]): string[][] {
  const lines = wordsOf(pdf).flatMap(linesOf);
  const rows: string[][] = [];
  let r = 0;
  let starts: number[] = [];
  for (const line of lines) {
    const next = expected[r];
    if (next && norm(next[0]!) !== '' && norm(next[0]!).startsWith(norm(line[0]!.text)) && line[0]!.text.length >= 4) {
      // A new row: take its cells' first fragments in order.
      const cells: string[] = next.map(() => '');
      starts = next.map(() => Number.NaN);
      let w = 0;
      next.forEach((value, c) => {
        const target = norm(value);
        if (target === '') return;
        while (w < line.length && target.startsWith(cells[c]! + norm(line[w]!.text)) && cells[c] !== target) {
          if (Number.isNaN(starts[c]!)) starts[c] = line[w]!.x;
          cells[c] += norm(line[w]!.text);
          w++;
        }
      });
      rows.push(cells);
      r++;
    } else if (rows.length > 0 && r <= expected.length) {
      // A continuation line of the current row (or the page's footer and next header: they start nowhere near a cell).
      const cells = rows[rows.length - 1]!;
      for (const word of line) {
        let c = -1;
        starts.forEach((x, k) => {
          if (!Number.isNaN(x) && x <= word.x + 0.5 && (c < 0 || x >= starts[c]!)) c = k;
        });
        const target = norm(expected[r - 1]![c] ?? '');
        if (c >= 0 && target.startsWith(cells[c]! + norm(word.text)) && cells[c] !== target) cells[c] += norm(word.text);
      }
    }
  }
  return rows;
}

describe.skipIf(!hasPdftotext)('PDF read back by pdftotext against the CSV of the same request', () => {
  it.each([
    ['sessions', { from: '2026-01-01', to: '2026-06-30' }],
    ['users', { from: '2026-01-01', to: '2026-06-30' }],
    ['analytics', { from: '2026-01-01', to: '2026-03-31' }],
  ] as const)(
    '%s: every value of every row is in the PDF, whole',
    async (dataType, range) => {
      const csv = (await exportFile(dataType, 'csv', range)).toString('utf8').replace(/^\uFEFF/, '');
      const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const [, ...rows] = parsed.data;
      expect(rows.length).toBeGreaterThan(50);
      const columns = datasets[dataType].columns;
      const expected = rows.map((row) => row.map((v, i) => asShown(v, columns[i]!.type)));
      const pdf = await exportFile(dataType, 'pdf', range);
      const read = readTable(pdf, expected);
      expect(read).toHaveLength(expected.length);
      const wrong: string[] = [];
      expected.forEach((row, r) =>
        row.forEach((value, c) => {
          if (read[r]![c] !== norm(value))
            wrong.push(`row ${r + 1} ${columns[c]!.name}: ${JSON.stringify(value)} read as ${JSON.stringify(read[r]![c])}`);
        }),
      );
      expect(wrong.slice(0, 10), `${wrong.length} of ${expected.length * columns.length} values differ`).toEqual([]);
      // Nothing was cut or replaced.
      const all = wordsOf(pdf)
        .flat()
        .map((w) => w.text)
        .join(' ');
      expect(all).not.toContain('…');
      expect(all).not.toContain('\uFFFD');
    },
    120_000,
  );

  it('renders the demo’s CJK names with an embedded subset of a font that covers them', async () => {
    const pdf = await exportFile('users', 'pdf', { from: '2026-01-01', to: '2026-06-30' });
    const text = wordsOf(pdf)
      .flat()
      .map((w) => w.text)
      .join(' ');
    expect(text).toContain('李');
    const path = join(dir, 'cjk.pdf');
    writeFileSync(path, pdf);
    const fonts = spawnSync('pdffonts', [path], { encoding: 'utf8' }).stdout;
    // name, type, encoding, emb, sub, uni: a subset (XXXXXX+) of Noto Sans SC, embedded, with a ToUnicode map.
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    expect(fonts).toMatch(/^[A-Z]{6}\+DejaVuSansCondensed\s/m);
  }, 60_000);
});
