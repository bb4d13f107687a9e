import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startAzurite } from '../local/azurite.js';
import { LOCAL_DEV_SECRET } from '../local/localEnv.js';
import { apiBench, type ApiResults } from './api.js';
import { benchDataset, sqliteCliReference } from './dataset.js';
import { markdownTable, percentile, progressBar, ratio, seconds } from './report.js';

/**
 * `npm run bench [-- --rows 1000000 --formats csv,csv+gzip,json,ndjson,excel,pdf --seconds 10 --no-api --cpu-prof dir]`
 *
 * One run, one table: seeds (or reuses) N sessions per organization; times the sqlite3 shell
 * dumping the export's query as the reference; runs each format through the real pipeline into
 * Azurite in its own process (and CSV once into a local file, to separate the storage cost),
 * with its peak RSS; then the local host for pickup latency and HTTP throughput and latency,
 * idle and during a full-size CSV export. Writes bench/results.json.
 */

interface ExportFigures {
  readonly spec: string;
  /** The sqlite3 reference timed just before this export (the machine's load drifts). */
  referenceMs?: number;
  readonly sink: 'azurite' | 'file';
  readonly rows: number;
  readonly bytes: number;
  readonly ms: number;
  readonly maxRssMb: number;
  readonly loopLagP99Ms: number;
  readonly outcome: string;
}

/** Target ratio to the sqlite3 shell per format (PDF has a rows/s target instead). */
const TARGET_RATIO: Record<string, number> = { csv: 1.5, 'csv+gzip': 2.0, json: 2.0, ndjson: 2.0, excel: 2.5 };
const PDF_ROWS_PER_SECOND = 40_000;
const RSS_LIMIT_MB = 150;
/** The PDF export is capped at 100,000 rows: a date range holding about that many. */
const PDF_ROWS = 100_000;
const DAYS = 181;

function runExport(
  env: NodeJS.ProcessEnv,
  spec: string,
  sink: 'azurite' | 'file',
  expectedRows: number,
  range?: { from: string; to: string },
) {
  const [format, compression] = spec.split('+') as [string, string | undefined];
  const args = [join(__dirname, 'exportOne.js'), '--format', format, '--compression', compression ?? 'none', '--sink', sink];
  if (range) args.push('--from', range.from, '--to', range.to);
  const bar = progressBar(`${spec}${sink === 'file' ? ' → local file' : ' → Azurite'}`, expectedRows);
  return new Promise<ExportFigures>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const lines = err.split('\n');
      err = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^progress (\d+)$/.exec(line);
        if (m) bar.update(Number(m[1]));
        else process.stderr.write(`${line}\n`);
      }
    });
    child.once('exit', (code) => {
      bar.done();
      if (code !== 0) return reject(new Error(`export ${spec} exited with ${code}: ${err}`));
      const r = JSON.parse(out.trim().split('\n').pop() as string) as Omit<ExportFigures, 'spec' | 'sink'>;
      resolvePromise({ spec, sink, ...r });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      formats: { type: 'string', default: 'csv,csv+gzip,json,ndjson,excel,pdf' },
      seconds: { type: 'string', default: '10' },
      'no-api': { type: 'boolean', default: false },
      // Azurite with its own 5 s metadata autosave instead of durable writes: what durability costs.
      'stock-azurite': { type: 'boolean', default: false },
      // A CPU profile of the local host during the API phase, written into this folder.
      'cpu-prof': { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const root = resolve(__dirname, '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'export-bench-'));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const loadBefore = load();
  process.stderr.write(`load average before: ${loadBefore}\n`);

  const dataset = await benchDataset(rows, join(root, '.data', 'bench'));
  const azurite = await startAzurite({ location: join(work, 'azurite'), durableWrites: !values['stock-azurite'] });
  const env = {
    ...process.env,
    EXPORT_SQLITE_PATH: dataset.path,
    EXPORT_BLOB_CONNECTION_STRING: azurite.connectionString,
    EXPORT_AUTH_HS256_SECRET: LOCAL_DEV_SECRET,
    EXPORT_PDF_ROW_CAP: String(PDF_ROWS),
  };
  const exports: ExportFigures[] = [];
  const references: number[] = [];
  let referenceBytes = 0;
  let referenceSkipped: string | undefined;
  let api: ApiResults | undefined;
  // On a shared machine the load drifts within a run: each format is compared with a reference
  // timed right before it, and the table also shows the median reference.
  const timeReference = async (): Promise<number | undefined> => {
    const bar = progressBar('sqlite3 -csv (reference)', 1);
    const cli = await sqliteCliReference(dataset.path, join(work, 'reference.csv'));
    bar.done('skipped' in cli ? `skipped: ${cli.skipped}` : undefined);
    if ('skipped' in cli) {
      referenceSkipped = cli.skipped;
      return undefined;
    }
    references.push(cli.ms);
    referenceBytes = cli.bytes;
    return cli.ms;
  };
  try {
    for (const spec of (values.formats ?? '').split(',').filter(Boolean)) {
      const referenceMs = spec === 'pdf' ? undefined : await timeReference();
      const measured = (e: ExportFigures): ExportFigures => (referenceMs === undefined ? e : { ...e, referenceMs });
      if (spec === 'pdf') {
        const days = Math.max(1, Math.floor((DAYS * PDF_ROWS) / rows));
        const to = new Date(Date.parse('2026-01-01T00:00:00Z') + (days - 1) * 86_400_000).toISOString().slice(0, 10);
        exports.push(await runExport(env, spec, 'azurite', Math.round((rows * days) / DAYS), { from: '2026-01-01', to }));
      } else {
        exports.push(measured(await runExport(env, spec, 'azurite', rows)));
      }
      if (spec === 'csv') exports.push(measured(await runExport(env, spec, 'file', rows)));
    }
    if (!values['no-api']) {
      const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
      api = await apiBench(env, rows, Number(values.seconds), profileDir);
    }
  } finally {
    await azurite.stop();
    rmSync(work, { recursive: true, force: true });
  }

  const median = references.length > 0 ? percentile(references, 50) : undefined;
  const table = markdownTable(
    ['What', 'Rows', 'Time', 'Rows/s', 'File', 'Peak RSS', 'sqlite3 just before', 'vs sqlite3', 'Target', 'Met'],
    [
      median !== undefined
        ? [
            `sqlite3 -csv (reference, median of ${references.length})`,
            rows.toLocaleString('en-US'),
            seconds(median),
            Math.round(rows / (median / 1000)).toLocaleString('en-US'),
            `${(referenceBytes / 1e6).toFixed(0)} MB`,
            '—',
            references.map((ms) => (ms / 1000).toFixed(1)).join(', ') + ' s',
            '1.00×',
            '—',
            '—',
          ]
        : ['sqlite3 -csv (reference)', '—', 'skipped', '—', '—', '—', '—', '—', '—', referenceSkipped ?? 'not run'],
      ...exports.map((e) => {
        const reference = e.referenceMs;
        const rowsPerSecond = Math.round(e.rows / (e.ms / 1000));
        const target = TARGET_RATIO[e.spec];
        const fast =
          e.spec === 'pdf'
            ? rowsPerSecond >= PDF_ROWS_PER_SECOND
            : target !== undefined && reference !== undefined && e.ms / reference <= target;
        const met = e.outcome === 'completed' && fast && e.maxRssMb <= RSS_LIMIT_MB;
        return [
          `${e.spec}${e.sink === 'file' ? ' → local file' : ' → Azurite'}`,
          e.rows.toLocaleString('en-US'),
          seconds(e.ms),
          rowsPerSecond.toLocaleString('en-US'),
          `${(e.bytes / 1e6).toFixed(0)} MB`,
          `${e.maxRssMb} MB`,
          reference === undefined ? '—' : seconds(reference),
          e.spec === 'pdf' ? '—' : ratio(e.ms, reference),
          e.spec === 'pdf' ? `≥ 40k rows/s, ≤ ${RSS_LIMIT_MB} MB` : `≤ ${target?.toFixed(1) ?? '?'}×, ≤ ${RSS_LIMIT_MB} MB`,
          e.sink === 'file' ? '(storage cost)' : met ? 'yes' : 'no',
        ];
      }),
    ],
  );
  const apiTable = api
    ? markdownTable(
        ['HTTP (local host, 20 connections)', 'Requests/s', 'p50', 'p99', 'non-2xx', 'Target', 'Met'],
        [
          [
            'GET /export-jobs/{id}, idle',
            `${api.getIdle.requestsPerSecond}`,
            `${api.getIdle.p50Ms} ms`,
            `${api.getIdle.p99Ms} ms`,
            `${api.getIdle.non2xx}`,
            '≥ 5,000/s, p99 < 50 ms',
            api.getIdle.requestsPerSecond >= 5000 && api.getIdle.p99Ms < 50 ? 'yes' : 'no',
          ],
          [
            `GET during a ${rows.toLocaleString('en-US')}-row CSV export${api.getDuringExport.exportStillRunning ? '' : ' (it ended before the end of the run)'}`,
            `${api.getDuringExport.requestsPerSecond}`,
            `${api.getDuringExport.p50Ms} ms`,
            `${api.getDuringExport.p99Ms} ms`,
            `${api.getDuringExport.non2xx}`,
            'p99 < 50 ms',
            api.getDuringExport.p99Ms < 50 ? 'yes' : 'no',
          ],
          [
            'POST /export-jobs (creates)',
            `${api.creates.requestsPerSecond}`,
            `${api.creates.p50Ms} ms`,
            `${api.creates.p99Ms} ms`,
            `${api.creates.non2xx}`,
            '≥ 2,000/s, p99 < 50 ms',
            api.creates.requestsPerSecond >= 2000 && api.creates.p99Ms < 50 ? 'yes' : 'no',
          ],
          [
            `pickup (create → Processing), ${api.pickup.jobs} jobs`,
            '—',
            `${api.pickup.p50Ms} ms`,
            `${api.pickup.p99Ms} ms`,
            '—',
            'p50 ≤ 100 ms',
            api.pickup.p50Ms <= 100 ? 'yes' : 'no',
          ],
        ],
      )
    : '';
  const loadAfter = load();
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    rows,
    loadAverage: { before: loadBefore, after: loadAfter },
    seededMs: dataset.seededMs ?? null,
    referenceMs: references,
    exports,
    api: api ?? null,
    table,
    apiTable,
  };
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\n${table}\n\n${apiTable}\n\nload average before ${loadBefore}, after ${loadAfter}; bench/results.json written\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
