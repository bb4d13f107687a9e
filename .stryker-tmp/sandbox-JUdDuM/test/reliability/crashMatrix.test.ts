// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExport } from '../../shared/app/processExport.js';
import { decodeCheckpoint } from '../../shared/app/export/checkpoint.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { addSeconds } from '../../shared/domain/dates.js';
import { committedBlobs, countRows, download, jobPrefix, sha256Hex } from './support/exportFiles.js';
import { around } from './support/ports.js';
import { exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';
import { restartWorker } from './support/restart.js';
import { runWorkerChild, type KillPoint } from './support/runWorkerChild.js';

/**
 * The worker runs as a child process on the compiled code and SIGKILLs itself at a chosen point;
 * then the "restarted" host (sweeper + worker, in this process) finishes the job. Every job must
 * end Completed exactly once, with exactly one committed blob whose bytes, sha256 and row count
 * match the row — and byte-identical to an uninterrupted export of the same request.
 */
const SESSIONS = 10_000; // per organization (20k seeded); the exports read Acme's

const variants = {
  csv: exportBody('csv'),
  json: exportBody('json'),
  ndjson: exportBody('ndjson'),
  'csv+gzip': exportBody('csv', { gzip: true }),
} as const;
type Variant = keyof typeof variants;

interface Case {
  readonly variant: Variant;
  readonly label: string;
  /** From the uninterrupted export's block count to the kill point. */
  readonly kill: (blocks: number) => KillPoint;
  /** Staged blocks the checkpoint must cover when the worker died; undefined = no checkpoint. */
  readonly checkpointBlocks?: (kill: KillPoint) => number;
}

const at = (fraction: number, blocks: number) => Math.max(2, Math.min(blocks - 1, Math.round(blocks * fraction)));
const blockOf = (k: KillPoint) => ('block' in k ? k.block : 0);

const progressCases = (variant: Variant): Case[] => [
  {
    variant,
    label: '~10 %: a block staged, its checkpoint not yet written',
    kill: (b) => ({ point: 'after-stage', block: at(0.1, b) }),
    checkpointBlocks: (k) => blockOf(k) - 1,
  },
  {
    variant,
    label: '~50 %: right after a checkpoint',
    kill: (b) => ({ point: 'after-checkpoint', block: at(0.5, b) }),
    checkpointBlocks: (k) => blockOf(k),
  },
  {
    variant,
    label: '~90 %: while a block upload is in flight',
    kill: (b) => ({ point: 'during-stage', block: at(0.9, b) }),
    checkpointBlocks: (k) => blockOf(k) - 1,
  },
];

const cases: Case[] = [
  { variant: 'csv', label: 'after the claim', kill: () => ({ point: 'after-claim' }) },
  ...progressCases('csv'),
  { variant: 'csv', label: 'after the blob commit, before the DB update', kill: () => ({ point: 'after-commit' }) },
  { variant: 'csv', label: 'after the DB update, before the message is completed', kill: () => ({ point: 'after-complete' }) },
  ...progressCases('json'),
  ...progressCases('ndjson'),
  ...progressCases('csv+gzip'),
];

describe('crash matrix: SIGKILL anywhere, then restart', () => {
  let env: ReliabilityEnv;
  const baselines = new Map<Variant, { bytes: Buffer; blocks: number; rows: number }>();

  beforeAll(async () => {
    env = await reliabilityEnv({ sessions: SESSIONS, users: 500, pageSize: 100, blockSize: 64 * 1024 });
  });
  afterAll(async () => env?.cleanup());

  /** The same request exported without interruption, in-process. */
  async function baseline(variant: Variant) {
    const known = baselines.get(variant);
    if (known) return known;
    env.clock.set(T0);
    const { job, message } = await env.newJob(variants[variant]);
    let blocks = 0;
    const blobs = around(env.deps().blobs, {
      stageBlock: async (inner, _n, ...a) => {
        blocks++;
        return inner(...a);
      },
    });
    expect(await processExport(env.deps({ blobs }), message, silentLogger)).toBe('completed');
    const done = await env.services.repo.get(job.id);
    const bytes = await download(env.services.blobs, done!.blobName!);
    const b = { bytes, blocks, rows: done!.rowCount! };
    baselines.set(variant, b);
    return b;
  }

  it('uses an export large enough for many blocks and checkpoints', async () => {
    const b = await baseline('csv');
    expect(b.rows).toBe(SESSIONS);
    expect(b.blocks).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [`${c.variant}: ${c.label}`, c] as const))('%s', async (_name, c) => {
    const base = await baseline(c.variant);
    const repo = env.services.repo;
    env.clock.set(T0);
    const { job, message } = await env.newJob(variants[c.variant]);
    const kill = c.kill(base.blocks);

    // 1. The worker dies at the chosen point.
    const child = await runWorkerChild({
      env: env.settings,
      clockStart: T0,
      messages: [message],
      blockSize: env.blockSize,
      pageSize: env.pageSize,
      kill,
    });
    expect(child.signal, `the child must have been SIGKILLed; stderr: ${child.stderr}`).toBe('SIGKILL');
    expect(child.events.find((e) => e.ev === 'kill')).toMatchObject({ point: kill.point });
    const childCompletions = child.events.filter((e) => e.ev === 'complete' && e.ok).length;

    const dead = (await repo.get(job.id))!;
    const cp = decodeCheckpoint(dead.checkpoint);
    if (kill.point === 'after-complete') {
      expect(dead.status).toBe('Completed');
    } else {
      expect(dead).toMatchObject({ status: 'Processing', attempt: 1 });
    }
    if (c.checkpointBlocks) {
      expect(cp?.blocks.length, 'the row holds the last checkpoint').toBe(c.checkpointBlocks(kill));
      expect(cp!.rows).toBeGreaterThan(0);
    }
    if (kill.point === 'after-claim') expect(cp).toBeUndefined();
    if (kill.point === 'after-commit') {
      // The file is already visible while the row still says Processing.
      expect(await committedBlobs(env.connectionString, env.container, jobPrefix(job))).toHaveLength(1);
    }

    // 2. The host comes back after the lease ran out: sweeper + worker, and the message the dead
    //    worker never completed is delivered again.
    env.clock.set(addSeconds(new Date(Date.parse(T0)), 600));
    const restart = await restartWorker(env.deps(), [message]);

    // 3. Completed exactly once, one committed blob, and the file matches the row and the baseline.
    const done = (await repo.get(job.id))!;
    expect(done.status).toBe('Completed');
    expect(childCompletions + restart.completions).toBe(1);
    expect(restart.outcomes.filter((o) => o === 'completed')).toHaveLength(kill.point === 'after-complete' ? 0 : 1);
    expect(await committedBlobs(env.connectionString, env.container, jobPrefix(job))).toEqual([done.blobName]);
    const file = await download(env.services.blobs, done.blobName!);
    expect(file.length).toBe(done.sizeBytes);
    expect(sha256Hex(file)).toBe(done.sha256);
    expect(countRows(done, file)).toBe(done.rowCount);
    expect(done.rowCount).toBe(base.rows);
    expect(file.equals(base.bytes), 'byte-identical to the uninterrupted export').toBe(true);

    // 4. It really resumed where a checkpoint allowed it, and only re-read what was missing.
    if (kill.point === 'after-complete') {
      expect(restart.resent).toBe(0);
      expect(done.attempt).toBe(1);
      expect(done.completedAt).toBe(dead.completedAt);
      return;
    }
    const completed = restart.log.named('export.completed');
    expect(completed).toHaveLength(1);
    expect(done.attempt).toBe(2);
    expect(completed[0]!.props).toMatchObject({ attempt: 2, resumed: c.checkpointBlocks !== undefined });
    if (c.checkpointBlocks) {
      expect(restart.rowsRead).toBe(base.rows - cp!.rows);
    } else {
      // after-claim: nothing to resume; after-commit: the staged blocks became the committed blob,
      // so the checkpoint no longer applies and the export runs again to the same bytes.
      expect(restart.rowsRead).toBe(base.rows);
    }
  });
});
