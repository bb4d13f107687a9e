// @ts-nocheck
import { expect } from 'vitest';
import { processExport, type ProcessOutcome } from '../../../shared/app/processExport.js';
import type { Services } from '../../../shared/app/services.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { JobMessage } from '../../../shared/ports/jobQueue.js';
import type { Logger } from '../../../shared/ports/logger.js';
import { committedBlobs, countRows, download, jobPrefix, sha256Hex } from './exportFiles.js';
import type { SentMessage } from './ports.js';
import type { ReliabilityEnv } from './reliabilityEnv.js';

/**
 * The job is Completed with exactly one committed blob under its prefix, and the downloaded file's
 * size, sha256 and parsed row count are the ones on the row. Returns the job and the file.
 */
export async function expectCompletedExport(env: ReliabilityEnv, jobId: string): Promise<{ job: ExportJob; file: Buffer }> {
  const job = (await env.services.repo.get(jobId))!;
  expect(job.status, `job ${jobId}`).toBe('Completed');
  expect(await committedBlobs(env.connectionString, env.container, jobPrefix(job))).toEqual([job.blobName]);
  const file = await download(env.services.blobs, job.blobName!);
  expect(file.length).toBe(job.sizeBytes);
  expect(sha256Hex(file)).toBe(job.sha256);
  expect(countRows(job, file)).toBe(job.rowCount);
  return { job, file };
}

/**
 * Plays the doorbells of one job until it is done: after a scheduled retry, moves the fake clock to
 * the row's nextAttemptAt and delivers the doorbell the worker scheduled (read from `sent`).
 */
export async function playUntilSettled(
  env: ReliabilityEnv,
  deps: Services,
  sent: readonly SentMessage[],
  first: JobMessage,
  log: Logger,
  maxSteps = 10,
): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = [];
  let message = first;
  for (let i = 0; i < maxSteps; i++) {
    const outcome = await processExport(deps, message, log);
    outcomes.push(outcome);
    if (outcome !== 'retry-scheduled') return outcomes;
    const row = (await env.services.repo.get(message.jobId))!;
    const next = sent.at(-1);
    expect(next?.message).toEqual({ jobId: message.jobId, attempt: row.attempt + 1 });
    env.clock.set(row.nextAttemptAt!);
    message = next!.message;
  }
  throw new Error(`job ${first.jobId} did not settle in ${maxSteps} deliveries: ${outcomes.join(', ')}`);
}
