import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { BlobServiceClient } from '@azure/storage-blob';
import { signHs256 } from '../shared/adapters/auth/hs256.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { LOCAL_DEV_SECRET } from '../local/localEnv.js';
import { azuriteConnectionString } from '../local/azurite.js';

export interface SlowDownloadOptions {
  /** Size of the file, MiB. */
  readonly fileMiB: number;
  /** How fast the client reads, MiB/s. */
  readonly rateMiBps: number;
  /** How long the client reads before it stops, seconds. */
  readonly seconds: number;
  /** EXPORT_DOWNLOAD_REDIRECT_BYTES of the host (large: stream through the API). */
  readonly redirectBytes?: number;
  /** The compiled local host. */
  readonly main?: string;
}

export interface SlowDownloadResult {
  readonly fileBytes: number;
  readonly bytesRead: number;
  readonly status: number;
  readonly baselineRssMiB: number;
  readonly peakRssMiB: number;
  /** RSS of the host process every 0.5 s while the client read, MiB. */
  readonly samples: readonly number[];
}

const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the local host, puts a Completed job with a large file in place (the blob uploaded
 * straight to Azurite, the row written to the host's SQLite file), then downloads it through the
 * API with a client that reads slowly, sampling the host's RSS: with backpressure it stays flat;
 * without, the host would buffer the file as fast as Blob Storage sends it.
 */
export async function slowDownload(o: SlowDownloadOptions): Promise<SlowDownloadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'slow-download-'));
  const db = join(dir, 'export.db');
  const host = spawn(process.execPath, [o.main ?? join(__dirname, '..', 'local', 'main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      EXPORT_SQLITE_PATH: db,
      EXPORT_AUTH_HS256_SECRET: LOCAL_DEV_SECRET,
      EXPORT_DOWNLOAD_REDIRECT_BYTES: String(o.redirectBytes ?? 1e12),
      SEED_USERS: '5',
      SEED_SESSIONS: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    host.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const [, base, port] = await new Promise<RegExpExecArray>((resolve, reject) => {
      host.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/api) \(blob storage: Azurite on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(m);
      });
      host.once('exit', (c) => reject(new Error(`host exited ${c}: ${out.slice(-500)}`)));
    });

    // The file: 4 MiB blocks staged straight into Azurite, hashed on the way.
    const org = DEMO_ORGS[0].id;
    const id = '5f0c3a52-0000-4000-8000-000000000001';
    const blobName = `${org}/${id}/big.csv`;
    const block = randomBytes(4 * 1024 * 1024);
    const blob = BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(port)))
      .getContainerClient('exports')
      .getBlockBlobClient(blobName);
    const hash = createHash('sha256');
    const ids: string[] = [];
    for (let i = 0; i < Math.ceil(o.fileMiB / 4); i++) {
      const blockId = Buffer.from(String(i).padStart(6, '0')).toString('base64');
      await blob.stageBlock(blockId, block, block.length);
      hash.update(block);
      ids.push(blockId);
    }
    await blob.commitBlockList(ids, { blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' } });
    const fileBytes = ids.length * block.length;

    const now = new Date().toISOString();
    const sqlite = new Database(db);
    sqlite
      .prepare(
        `insert into export_jobs (id, organization_id, created_by, created_by_org, data_type, format, request_json, status, created_at, updated_at,
           started_at, completed_at, expires_at, rows_written, row_count, size_bytes, sha256, blob_name, file_name, content_type, attempt)
         values (?, ?, 'bench', ?, 'sessions', 'csv', ?, 'Completed', ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, 'big.csv', 'text/csv; charset=utf-8', 1)`,
      )
      .run(
        id,
        org,
        org,
        JSON.stringify({
          dataType: 'sessions',
          format: 'csv',
          dateRange: { from: '2026-01-01', to: '2026-01-31' },
          filters: {},
          compression: 'none',
          csv: { delimiter: ',', includeBom: true },
        }),
        now,
        now,
        now,
        now,
        new Date(Date.now() + 3600_000).toISOString(),
        fileBytes,
        hash.digest('hex'),
        blobName,
      );
    sqlite.close();

    const pid = host.pid as number;
    const idle: number[] = [];
    for (let i = 0; i < 4; i++) {
      idle.push(rssMiB(pid));
      await sleep(250);
    }
    const baselineRssMiB = Math.max(...idle);
    const token = signHs256(
      { sub: 'bench', org, roles: ['Admin'] },
      { secret: LOCAL_DEV_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
    );
    const samples: number[] = [];
    let bytesRead = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = get(`${base}/export-jobs/${id}/download`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        // A token bucket: read while this tenth of a second's budget lasts, then stop reading.
        const perTick = (o.rateMiBps * 1024 * 1024) / 10;
        let budget = perTick;
        let ticks = 0;
        res.on('data', (chunk: Buffer) => {
          bytesRead += chunk.length;
          budget -= chunk.length;
          if (budget <= 0) res.pause();
        });
        const timer = setInterval(() => {
          budget = perTick;
          res.resume();
          if (++ticks % 5 === 0) samples.push(rssMiB(pid));
          if (ticks >= o.seconds * 10 || bytesRead >= fileBytes) {
            clearInterval(timer);
            req.destroy();
            resolve(res.statusCode ?? 0);
          }
        }, 100);
      });
      req.on('error', (e) => (bytesRead > 0 ? undefined : reject(e)));
    });
    return { fileBytes, bytesRead, status, baselineRssMiB, peakRssMiB: Math.max(...samples), samples };
  } finally {
    host.kill('SIGTERM');
    await new Promise((r) => host.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench:download -- --mb 500 --rate 1 --seconds 120` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '500' },
      rate: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '120' },
    },
  });
  const r = await slowDownload({ fileMiB: Number(values.mb), rateMiBps: Number(values.rate), seconds: Number(values.seconds) });
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  process.stdout.write(
    [
      `file ${mib(r.fileBytes)}, read ${mib(r.bytesRead)} in ${values.seconds} s at ${values.rate} MiB/s (status ${r.status})`,
      `host RSS: idle ${r.baselineRssMiB.toFixed(0)} MiB, peak while reading ${r.peakRssMiB.toFixed(0)} MiB (+${(r.peakRssMiB - r.baselineRssMiB).toFixed(0)} MiB)`,
      `samples (MiB, every 0.5 s): ${r.samples.map((s) => s.toFixed(0)).join(' ')}`,
      '',
    ].join('\n'),
  );
}

if (typeof require !== 'undefined' && require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
