import { randomUUID } from 'node:crypto';
import { toSafeError } from '../domain/errors.js';
import { addSeconds } from '../domain/dates.js';
import { lifecycle } from '../domain/lifecycle.js';
import { afterError, attemptsExhausted } from '../domain/retryPolicy.js';
import type { JobMessage } from '../ports/jobQueue.js';
import type { Logger } from '../ports/logger.js';
import { discardFile } from './discardFile.js';
import { claimJob } from './export/claimJob.js';
import { runExport } from './export/pipeline.js';
import { sendDoorbell } from './sendDoorbell.js';
import { announceQuietly } from './webhooks/announceJobEvent.js';
import type { Services } from './services.js';

export type ProcessOutcome = 'completed' | 'skipped' | 'retry-scheduled' | 'failed' | 'cancelled' | 'lease-lost';

/**
 * Handles one doorbell: claims the job (a duplicate or stale message finds nothing to claim), runs
 * the export, and records the outcome — Completed; a transient error → Pending with a backoff
 * retry; a permanent error or exhausted attempts → Failed with a code and a safe message.
 *
 * Throws only when the database itself cannot be reached, so the queue redelivers the message.
 */
export async function processExport(services: Services, message: JobMessage, log: Logger): Promise<ProcessOutcome> {
  const { repo, clock, policy } = services;
  const token = randomUUID();
  const job = await claimJob(services, message.jobId, token);
  if (!job) {
    log.info('export.skip: nothing to claim', { jobId: message.jobId, messageAttempt: message.attempt });
    return 'skipped';
  }
  const jobLog = log.child({
    jobId: job.id,
    organizationId: job.organizationId,
    dataType: job.request.dataType,
    format: job.request.format,
    attempt: job.attempt,
  });
  if (job.id !== message.jobId) jobLog.info('export.claimed in fair order', { doorbellFor: message.jobId });
  if (job.attempt > policy.retry.maxAttempts) {
    await repo.apply(job.id, lifecycle.fail(token, attemptsExhausted(policy.retry, job.lastError), clock.now().toISOString()));
    jobLog.warn('export.failed: attempts exhausted');
    jobLog.metric('export_failed', 1, { code: 'ATTEMPTS_EXHAUSTED' });
    await announceQuietly(services, job.id, jobLog);
    return 'failed';
  }
  const started = clock.now();
  jobLog.metric('export_queue_wait_ms', started.getTime() - Date.parse(job.createdAt));
  try {
    const file = await runExport(services, job, token);
    const completedAt = clock.now();
    const completed = await repo.apply(
      job.id,
      lifecycle.complete(token, {
        rowCount: file.rowCount,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        blobName: file.blobName,
        completedAt: completedAt.toISOString(),
        expiresAt: addSeconds(completedAt, policy.fileTtlHours * 3600),
      }),
    );
    if (!completed) {
      // Cancelled (or failed by a dead letter) between the commit and now: leave no file behind.
      // Taken over after our lease ran out: the blob is the newer attempt's file (same name, same
      // bytes), which may already be Completed — deleting it would lose a finished export.
      if (await discardFile(services, job.id, jobLog)) {
        jobLog.info('export.cancelled after commit; file deleted');
        return 'cancelled';
      }
      jobLog.info('export.superseded after commit: another attempt owns the job');
      return 'lease-lost';
    }
    const ms = completedAt.getTime() - started.getTime();
    jobLog.info('export.completed', { rows: file.rowCount, bytes: file.sizeBytes, ms, resumed: file.resumed });
    jobLog.metric('export_duration_ms', ms);
    jobLog.metric('export_rows', file.rowCount);
    jobLog.metric('export_bytes', file.sizeBytes);
    if (job.sha256 !== null) {
      // A regeneration of a lost file (see regenerateFile): the same snapshot gives the same bytes,
      // unless source rows under the snapshot were edited since; then the job records the new file.
      const identical =
        file.sha256 === job.sha256 &&
        // Stryker disable next-line ConditionalExpression: equal SHA-256 means equal bytes, hence equal size; the size check cannot decide alone
        file.sizeBytes === job.sizeBytes;
      if (identical) jobLog.info('export.regenerated', { identical });
      else jobLog.warn('export.regenerated: the file differs from the lost one', { identical });
      jobLog.metric('export_file_regenerated', 1, { identical });
    }
    await announceQuietly(services, job.id, jobLog);
    return 'completed';
  } catch (e) {
    const safe = toSafeError(e);
    if (safe.code === 'LEASE_LOST') {
      jobLog.info('export.stopped: cancelled or taken over');
      return 'lease-lost';
    }
    if (safe.code === 'INTERNAL') jobLog.error('export.error', { error: e instanceof Error ? e.name : 'unknown' });
    const at = clock.now();
    const next = afterError(safe, job.attempt, policy.retry, services.random);
    if (next.kind === 'retry') {
      const nextAttemptAt = new Date(at.getTime() + next.delaySeconds * 1000);
      if (!(await repo.apply(job.id, lifecycle.scheduleRetry(token, next.error, nextAttemptAt.toISOString()))))
        return 'lease-lost';
      jobLog.warn('export.retry scheduled', { code: next.error.code, delaySeconds: Math.round(next.delaySeconds * 10) / 10 });
      await sendDoorbell(services, { jobId: job.id, attempt: job.attempt + 1 }, nextAttemptAt, jobLog);
      return 'retry-scheduled';
    }
    await repo.apply(job.id, lifecycle.fail(token, next.error, at.toISOString()));
    jobLog.warn('export.failed', { code: next.error.code });
    jobLog.metric('export_failed', 1, { code: next.error.code });
    await announceQuietly(services, job.id, jobLog);
    return 'failed';
  }
}
