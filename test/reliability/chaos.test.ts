import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, describe, expect, it } from 'vitest';
import { azuriteConnectionString } from '../../local/azurite.js';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { ACME, TEST_SECRET } from '../support/testServices.js';
import { seededRandom } from './support/ports.js';
import { startLocalHost, type LocalHostProcess } from './support/localHostProcess.js';

/**
 * Chaos: the whole local host — API, worker and its Azurite — is killed with SIGKILL (a power cut)
 * at random moments while a mixed batch of exports runs (every format, gzip included), then started
 * again on the same data folder; several rounds. After each round:
 * - every job of every round ends Completed;
 * - every download is byte-identical to the job's recorded size and sha256, and to the sha256 seen
 *   before the kill when the job had already completed then;
 * - no job ever reports an expiry it did not reach: never Expired, never a 410, `expiresAt` ahead.
 * From the second round on, one finished file is also deleted behind the host's back before the
 * kill (a mistaken delete, or a write the storage lost): the host must notice and make it again.
 *
 * Two runs: with durable Azurite writes (the default), where no kill may lose a file; and with
 * Azurite's stock 5 s metadata autosave, where kills do lose the files of their last seconds and the
 * healing must make every one again, byte for byte.
 *
 * `CHAOS_ROUNDS` (default 4), `CHAOS_STOCK_ROUNDS` (default 2) and `CHAOS_SEED` (default: random,
 * printed) tune a run by hand, e.g. `CHAOS_ROUNDS=10 npx vitest run test/reliability/chaos.test.ts`.
 */

const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 4);
const STOCK_ROUNDS = Number(process.env.CHAOS_STOCK_ROUNDS ?? 2);
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 1e9));
/** How long a round may take to settle after its last restart (exports, lease takeover, healing). */
const SETTLE_MS = 120_000;

const token = signHs256(
  { sub: 'chaos-admin', org: ACME, roles: ['Admin'] },
  { secret: TEST_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
);

/** Every format and compression, and each dataset. */
const BATCH: readonly object[] = [
  { dataType: 'sessions', format: 'csv' },
  { dataType: 'sessions', format: 'csv', compression: 'gzip' },
  { dataType: 'sessions', format: 'json' },
  { dataType: 'sessions', format: 'json', compression: 'gzip' },
  { dataType: 'sessions', format: 'ndjson' },
  { dataType: 'sessions', format: 'ndjson', compression: 'gzip' },
  { dataType: 'sessions', format: 'excel' },
  { dataType: 'sessions', format: 'pdf' },
  { dataType: 'users', format: 'csv', csv: { delimiter: ';', includeBom: false } },
  { dataType: 'analytics', format: 'excel' },
];

interface Job {
  id: string;
  status: string;
  format: string;
  compression: string;
  sizeBytes: number | null;
  sha256: string | null;
  expiresAt: string | null;
  attempts: number;
  regenerating?: boolean;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('chaos: kill -9 of the whole local host during a mixed batch, restart, every file intact', () => {
  it(
    `durable Azurite writes (the default), ${ROUNDS} rounds: no kill loses a file; deleted files are made again`,
    {
      timeout: ROUNDS * 180_000,
    },
    () => chaos(true, ROUNDS, SEED),
  );

  it(
    `stock Azurite (5 s autosave), ${STOCK_ROUNDS} rounds: files lost by the kills are made again, byte for byte`,
    {
      timeout: STOCK_ROUNDS * 180_000,
    },
    () => chaos(false, STOCK_ROUNDS, SEED + 1),
  );
});

async function chaos(durable: boolean, rounds: number, seed: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'export-chaos-'));
  let host: LocalHostProcess | undefined;
  cleanups.push(async () => {
    if (host) await host.killHard().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const random = seededRandom(seed);
  const settings = {
    EXPORT_SQLITE_PATH: join(dir, 'export.db'),
    EXPORT_AUTH_HS256_SECRET: TEST_SECRET,
    EXPORT_AZURITE_DURABLE_WRITES: String(durable),
    // Sweeper, purge and reconciliation every second; a dead host's leases run out after 6 s.
    EXPORT_PURGE_INTERVAL_SECONDS: '1',
    EXPORT_LEASE_SECONDS: '6',
    EXPORT_PROGRESS_INTERVAL_MS: '300',
    // Small blocks and pages: many checkpoints, so kills land mid-file and text exports resume.
    EXPORT_BLOCK_SIZE_BYTES: String(64 * 1024),
    EXPORT_PAGE_SIZE: '500',
    SEED_USERS: '150',
    SEED_SESSIONS: '5000',
    // One test user creates every batch: the per-user quota and rate are not what this test is about.
    EXPORT_MAX_ACTIVE_JOBS_PER_USER: '1000',
    EXPORT_MAX_ACTIVE_JOBS_PER_ORG: '1000',
    EXPORT_CREATE_RATE_PER_MINUTE: '1000',
    // Without durable writes every kill may lose the files of the last seconds again, and each
    // loss costs the job an attempt: give the stock emulator room to show the healing.
    ...(durable ? {} : { EXPORT_RETRY_MAX_ATTEMPTS: '30' }),
  };
  const log = (line: string) => process.stdout.write(`chaos: ${line}\n`);
  log(`seed ${seed}, ${rounds} rounds, Azurite durable writes: ${durable}`);

  /** Every job created so far, and the sha256 seen while it was Completed before a kill. */
  const jobs = new Map<string, { body: object; round: number; seenSha?: string; seenSize?: number }>();
  const problems: string[] = [];
  const outputs: string[] = [];
  const start = async () => {
    host = await startLocalHost(dir, settings);
    return host;
  };
  /** What a host printed since the last call, in whole lines (a host lives on from one round into the next). */
  const taken = new WeakMap<LocalHostProcess, number>();
  const takeOutput = (h: LocalHostProcess): string => {
    const all = h.output();
    const from = taken.get(h) ?? 0;
    const to = all.lastIndexOf('\n') + 1;
    taken.set(h, Math.max(from, to));
    return all.slice(from, Math.max(from, to));
  };
  const killHard = async () => {
    if (!host) return;
    await host.killHard();
    outputs.push(takeOutput(host));
    host = undefined;
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${(host as LocalHostProcess).api}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
  /** All our jobs, as the API lists them; every sighting is checked for a false expiry. */
  const listJobs = async (): Promise<Job[]> => {
    const res = await api('/export-jobs?limit=100');
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: Job[] }).items;
    const now = Date.now();
    for (const j of items) {
      if (['Expired', 'Failed', 'Cancelled'].includes(j.status)) problems.push(`${j.id} (${j.format}) reported ${j.status}`);
      if (j.expiresAt && Date.parse(j.expiresAt) < now + 3600_000) problems.push(`${j.id} expires at ${j.expiresAt}`);
      const known = jobs.get(j.id);
      if (known && j.status === 'Completed' && j.sha256 && known.seenSha === undefined) {
        known.seenSha = j.sha256;
        known.seenSize = j.sizeBytes ?? undefined;
      }
    }
    return items;
  };
  /** The download of every job that had completed before: its file, or "being made again" — never "expired". */
  const probeDownloads = async () => {
    for (const [id, known] of jobs) {
      if (!known.seenSha) continue;
      const res = await api(`/export-jobs/${id}/download`);
      await res.body?.cancel();
      if (![200, 503].includes(res.status)) problems.push(`${id} download answered ${res.status}`);
      if (res.status === 503 && !res.headers.get('retry-after')) problems.push(`${id} 503 without Retry-After`);
    }
  };
  /** `export.file_lost` lines: JSON fields, or (through a function's invocation context) a JSON suffix of the message. */
  const fileLostLines = (output: string) =>
    output
      .split('\n')
      .filter((l) => l.includes('"msg":"export.file_lost'))
      .map((l) => {
        const line = JSON.parse(l) as { msg: string; jobId?: string; detectedBy?: string };
        const suffix = line.msg.indexOf('{');
        return (line.jobId ? line : JSON.parse(line.msg.slice(suffix))) as { jobId: string; detectedBy: string };
      });

  await start();
  let kills = 0;
  let healedTotal = 0;
  let lostByKillsTotal = 0;
  for (let round = 1; round <= rounds; round++) {
    const roundStarted = Date.now();
    outputs.length = 0;
    let deletedBehindItsBack: string | undefined;
    if (round > 1) {
      // A finished file disappears while the host runs (a mistaken delete, a lost write).
      const done = [...jobs.entries()].filter(([, k]) => k.seenSha);
      const [victim] = done[Math.floor(random() * done.length)] ?? [];
      const azurite = /Azurite on 127\.0\.0\.1:(\d+)/.exec((host as LocalHostProcess).output())?.[1];
      if (victim && azurite) {
        const container = BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(azurite))).getContainerClient(
          'exports',
        );
        for await (const blob of container.listBlobsFlat({ prefix: `${ACME}/${victim}/` })) {
          await container.deleteBlob(blob.name);
          deletedBehindItsBack = victim;
        }
      }
    }

    const to = `2026-0${2 + Math.floor(random() * 5)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const batchStarted = Date.now();
    for (const body of BATCH) {
      const res = await api('/export-jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, dateRange: { from: '2026-01-01', to } }),
      });
      expect(res.status, await res.clone().text()).toBe(202);
      jobs.set(((await res.json()) as Job).id, { body, round });
    }
    // Kill at a random moment of the batch, watching it until then.
    const killAfter = 300 + Math.floor(random() * 4500);
    let atKill: Job[] = await listJobs();
    while (Date.now() - batchStarted < killAfter) {
      await sleep(80);
      atKill = await listJobs();
    }
    await killHard();
    kills++;
    const states = (s: string) => atKill.filter((j) => jobs.get(j.id)?.round === round && j.status === s).length;
    const killPoint = `${Date.now() - batchStarted} ms into the batch (${states('Completed')} Completed, ${states('Processing')} Processing, ${states('Pending')} Pending)`;

    await start();
    let secondKill = '';
    if (round % 2 === 0) {
      // Again, while it recovers (resuming, taking over leases, making lost files again).
      const after = 200 + Math.floor(random() * 2500);
      const restarted = Date.now();
      while (Date.now() - restarted < after) {
        await listJobs();
        await sleep(80);
      }
      await killHard();
      kills++;
      secondKill = `; killed again ${after} ms after the restart`;
      await start();
    }

    // Settle: every job Completed, no false expiry on the way.
    const settleStarted = Date.now();
    for (;;) {
      const listed = await listJobs();
      await probeDownloads();
      const ours = listed.filter((j) => jobs.has(j.id));
      if (ours.length === jobs.size && ours.every((j) => j.status === 'Completed' && !j.regenerating)) break;
      if (Date.now() - settleStarted > SETTLE_MS) {
        throw new Error(
          `round ${round}: not all Completed after ${SETTLE_MS} ms: ${ours.map((j) => `${j.format}:${j.status}`).join(', ')}\n${(host as LocalHostProcess).output().slice(-4000)}`,
        );
      }
      await sleep(250);
    }
    const settledIn = Date.now() - settleStarted;

    // Every file, byte for byte.
    for (const [id, known] of jobs) {
      const job = (await (await api(`/export-jobs/${id}`)).json()) as Job & { downloadUrl: string };
      const res = await api(`/export-jobs/${id}/download`);
      expect(res.status, `${id} ${JSON.stringify(known.body)}`).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length, `${id} size`).toBe(job.sizeBytes);
      expect(sha256(bytes), `${id} ${JSON.stringify(known.body)} sha256`).toBe(job.sha256);
      if (known.seenSha)
        expect(job.sha256, `${id} ${JSON.stringify(known.body)} same file as before the kill`).toBe(known.seenSha);
      if (known.seenSize) expect(job.sizeBytes).toBe(known.seenSize);
      known.seenSha ??= job.sha256 ?? undefined;
    }
    outputs.push(takeOutput(host as LocalHostProcess));
    const healed = outputs.flatMap(fileLostLines);
    healedTotal += healed.length;
    const lostByKills = new Set(healed.map((h) => h.jobId).filter((id) => id !== deletedBehindItsBack));
    lostByKillsTotal += lostByKills.size;
    // Durable writes: nothing a kill interrupted was ever acknowledged, so no kill loses a file.
    if (durable) {
      const history = [...lostByKills].flatMap((id) =>
        outputs
          .join('')
          .split('\n')
          .filter((l) => l.includes(id)),
      );
      expect([...lostByKills], `files lost by a kill despite durable writes:\n${history.slice(-40).join('\n')}`).toEqual([]);
    }
    // (Without durable writes the kill may undo the delete itself: Azurite forgets it with the rest.)
    if (deletedBehindItsBack && durable) {
      expect(
        healed.map((h) => h.jobId),
        'the file deleted behind the host’s back was made again',
      ).toContain(deletedBehindItsBack);
    }
    expect(problems, 'no false expiry, failure or 410 on the way').toEqual([]);
    const how = [...new Set(healed.map((h) => h.detectedBy))].join('/') || '-';
    log(
      `${durable ? 'durable' : 'stock'} round ${round}/${rounds}: killed ${killPoint}${secondKill}; all ${jobs.size} jobs Completed ${settledIn} ms after the restart; ` +
        `files healed: ${healed.length} (${deletedBehindItsBack ? '1 deleted on purpose' : 'none deleted on purpose'}, ${lostByKills.size} lost to the kills; found by ${how}); round ${Math.round((Date.now() - roundStarted) / 1000)} s`,
    );
  }
  log(
    `done (${durable ? 'durable' : 'stock'}): ${rounds} rounds, ${kills} kills, ${jobs.size} jobs, ${healedTotal} files healed (${lostByKillsTotal} lost to the kills, counted per round), seed ${seed}`,
  );
  const code = await (host as LocalHostProcess).stop();
  host = undefined;
  expect(code, 'a graceful stop after the chaos').toBe(0);
}
