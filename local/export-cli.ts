import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import { ApiProblem, exportClient, type ExportJob, type ExportRequest } from '../client/exportClient.js';
import { signHs256 } from '../shared/adapters/auth/hs256.js';
import { loadAuthConfig } from '../shared/config/config.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { localEnv } from './localEnv.js';
import { formatCount, formatSeconds, progressBar } from './progressBar.js';

const USAGE = `usage: npm run export -- --type <sessions|users|analytics> --format <csv|json|ndjson|excel|pdf>
                         --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]
                         [--columns a,b,c] [--gzip] [--url URL] [--token JWT] [--org GUID]

Creates an export job, shows its progress (rows, percent, rate, ETA), downloads the file,
checks its sha256 and writes it to --out (default: the job's file name).

  --url     the API (default http://127.0.0.1:7071/api, or EXPORT_API_URL)
  --token   a bearer token (default EXPORT_API_TOKEN, else a local development token for an
            Admin of --org, Acme by default: only the local host accepts those)
  --columns an ordered subset of the dataset's columns
  --gzip    compress (csv, json, ndjson)

Exit codes: 0 done, 1 the export or the service failed (the problem's message is printed), 2 usage.`;

class UsageError extends Error {}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        type: { type: 'string' },
        format: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        columns: { type: 'string' },
        gzip: { type: 'boolean' },
        url: { type: 'string' },
        token: { type: 'string' },
        org: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const missing = (['type', 'format', 'from', 'to'] as const).filter((k) => !v[k]);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  return v as typeof v & { type: string; format: string; from: string; to: string };
}

/** A development token for the local host (the same the token CLI mints). */
function localToken(org: string): string {
  const auth = loadAuthConfig(localEnv());
  if (auth.kind !== 'hs256') throw new UsageError('no --token given, and EXPORT_AUTH_MODE is not hs256: pass --token');
  return signHs256({ sub: 'export-cli', org, roles: ['Admin'] }, { ...auth, now: new Date(), ttlSeconds: 3600 });
}

function describe(job: ExportJob): string {
  const p = job.progress;
  if (job.status === 'Pending') {
    if (p.queuePosition !== null) return `queued, position ${p.queuePosition}`;
    return job.nextAttemptAt ? `waiting to retry at ${job.nextAttemptAt}` : 'queued';
  }
  const parts: string[] = [];
  if (p.rowsPerSecond !== null) parts.push(`${formatCount(p.rowsPerSecond)} rows/s`);
  if (p.etaSeconds !== null) parts.push(`ETA ${formatSeconds(p.etaSeconds)}`);
  return parts.join('  ');
}

async function main(): Promise<void> {
  const args = options();
  // eslint-disable-next-line no-restricted-properties -- the CLI's own defaults, not app settings
  const env = process.env;
  const url = args.url ?? env.EXPORT_API_URL ?? 'http://127.0.0.1:7071/api';
  const token = args.token ?? env.EXPORT_API_TOKEN ?? localToken(args.org ?? DEMO_ORGS[0].id);
  const client = exportClient({ baseUrl: url, token });
  const body = {
    dataType: args.type,
    format: args.format,
    dateRange: { from: args.from, to: args.to },
    ...(args.columns ? { columns: args.columns.split(',').map((c) => c.trim()) } : {}),
    ...(args.gzip ? { compression: 'gzip' } : {}),
  } as ExportRequest;

  const created = await client.createExport(body);
  process.stderr.write(`export ${created.id} created (${created.fileName})\n`);
  const bar = progressBar('export');
  const job = await client.waitForJob(created.id, ({ job: j }) =>
    bar.update(j.progress.rowsWritten, j.progress.rowsTotal, `${j.status}  ${describe(j)}`),
  );
  if (job.status !== 'Completed') {
    bar.done(job.status);
    const why = job.error ? `${job.error.message} (${job.error.code})` : `the job ended ${job.status}`;
    throw new ApiProblem(409, job.error?.code ?? job.status.toUpperCase(), why);
  }
  bar.done(`Completed: ${formatCount(job.rowCount ?? 0)} rows, ${formatCount(job.sizeBytes ?? 0)} bytes`);

  const out = args.out ?? job.fileName;
  const partial = `${out}.partial`;
  const hash = createHash('sha256');
  let received = 0;
  const download = progressBar('download');
  const res = await client.download(job.id);
  if (!res.body) throw new ApiProblem(0, 'NETWORK', 'The download has no body.');
  try {
    await pipeline(
      Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
      new Transform({
        transform(chunk: Buffer, _enc, next) {
          hash.update(chunk);
          received += chunk.length;
          download.update(received, job.sizeBytes, 'bytes');
          next(null, chunk);
        },
      }),
      createWriteStream(partial),
    );
    const digest = hash.digest('hex');
    if (digest !== job.sha256) {
      throw new ApiProblem(
        0,
        'CHECKSUM_MISMATCH',
        `The download's sha256 ${digest} is not the job's ${job.sha256 ?? '(none)'}; nothing was written.`,
      );
    }
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  download.done(`${formatCount(received)} bytes, sha256 verified`);
  process.stdout.write(`${out}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`export: ${e.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  let message = e instanceof Error ? e.message : String(e);
  if (e instanceof ApiProblem) {
    // A validation problem names each field: say which, as the API did.
    const fields = (e.problem?.errors ?? []).map((x) => `${x.field}: ${x.message}`).join('; ');
    message = `${e.detail}${fields ? ` ${fields}.` : ''} (${e.code}${e.status ? `, HTTP ${e.status}` : ''})`;
  }
  process.stderr.write(`\nexport failed: ${message}\n`);
  process.exit(1);
});
