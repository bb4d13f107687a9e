import { randomUUID } from 'node:crypto';
import { toSafeError } from '../domain/errors.js';
import { addSeconds } from '../domain/dates.js';
import type { JobMessage } from '../ports/jobQueue.js';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';
import { backoffSeconds } from './export/backoff.js';
import { runExport } from './export/runExport.js';
import { sendDoorbell } from './sendDoorbell.js';

export type ProcessOutcome = 'completed' | 'skipped' | 'retry-scheduled' | 'failed' | 'cancelled' | 'lease-lost';

/**
 * Handles one doorbell: claims the job (a duplicate or stale message finds nothing to claim), runs
 * the export, and records the outcome — Completed; a transient error → Pending with a backoff
 * retry; a permanent error or exhausted attempts → Failed with a code and a safe message.
 *
 * Throws only when the database itself cannot be reached, so the queue redelivers the message.
 */
export async function processExport(deps: AppDeps, message: JobMessage, log: Logger): Promise<ProcessOutcome> {
  const { repo, clock, policy } = deps;
  const token = randomUUID();
  const now = clock.now();
  const job = await repo.claim(message.jobId, { token, expiresAt: addSeconds(now, policy.leaseSeconds) }, now.toISOString(), () =>
    deps.source.snapshot(),
  );
  if (!job) {
    log.info('export.skip: nothing to claim', { jobId: message.jobId, messageAttempt: message.attempt });
    return 'skipped';
  }
  const jl = log.child({
    jobId: job.id,
    organizationId: job.organizationId,
    dataType: job.request.dataType,
    format: job.request.format,
    attempt: job.attempt,
  });
  if (job.attempt > policy.retry.maxAttempts) {
    const last = job.lastError?.message ?? 'the export kept failing.';
    await repo.fail(
      job.id,
      token,
      {
        code: 'ATTEMPTS_EXHAUSTED',
        message: `Gave up after ${policy.retry.maxAttempts} attempts: ${last} Retry the export or contact support.`,
      },
      now.toISOString(),
    );
    jl.warn('export.failed: attempts exhausted');
    jl.metric('export_failed', 1, { code: 'ATTEMPTS_EXHAUSTED' });
    return 'failed';
  }
  jl.metric('export_queue_wait_ms', now.getTime() - Date.parse(job.createdAt));
  const started = clock.now().getTime();
  try {
    const out = await runExport(
      {
        repo,
        blobs: deps.blobs,
        source: deps.source,
        clock,
        writers: deps.writers,
        leaseSeconds: policy.leaseSeconds,
        ...(policy.blockSize ? { blockSize: policy.blockSize } : {}),
        ...(policy.progressIntervalMs !== undefined ? { progressIntervalMs: policy.progressIntervalMs } : {}),
      },
      job,
      token,
    );
    const completedAt = clock.now();
    const ok = await repo.complete(job.id, token, {
      ...out,
      completedAt: completedAt.toISOString(),
      expiresAt: addSeconds(completedAt, policy.fileTtlHours * 3600),
    });
    if (!ok) {
      // Cancelled (or failed by a dead letter) between the commit and now: leave no file behind.
      // Taken over after our lease ran out: the blob is the newer attempt's file (same name, same
      // bytes), which may already be Completed — deleting it would lose a finished export.
      const current = await repo.get(job.id);
      if (current?.status === 'Cancelled' || current?.status === 'Failed') {
        await deps.blobs.delete(out.blobName);
        jl.info('export.cancelled after commit; file deleted');
        return 'cancelled';
      }
      jl.info('export.superseded after commit: another attempt owns the job', { status: current?.status ?? 'gone' });
      return 'lease-lost';
    }
    const ms = completedAt.getTime() - started;
    jl.info('export.completed', { rows: out.rowCount, bytes: out.sizeBytes, ms, resumed: out.resumed });
    jl.metric('export_duration_ms', ms);
    jl.metric('export_rows', out.rowCount);
    jl.metric('export_bytes', out.sizeBytes);
    return 'completed';
  } catch (e) {
    const safe = toSafeError(e);
    if (safe.code === 'LEASE_LOST') {
      jl.info('export.stopped: cancelled or taken over');
      return 'lease-lost';
    }
    const at = clock.now();
    if (safe.code === 'INTERNAL') jl.error('export.error', { error: e instanceof Error ? e.name : 'unknown' });
    if (safe.retryable && job.attempt < policy.retry.maxAttempts) {
      const delay = backoffSeconds(policy.retry, job.attempt, deps.random);
      const next = new Date(at.getTime() + delay * 1000);
      if (await repo.scheduleRetry(job.id, token, { code: safe.code, message: safe.message }, next.toISOString())) {
        jl.warn('export.retry scheduled', { code: safe.code, delaySeconds: Math.round(delay * 10) / 10 });
        await sendDoorbell(deps, { jobId: job.id, attempt: job.attempt + 1 }, next, jl);
        return 'retry-scheduled';
      }
      return 'lease-lost';
    }
    const exhausted = safe.retryable;
    const error = exhausted
      ? { code: safe.code, message: `${safe.message} Gave up after ${job.attempt} attempts; retry the export later.` }
      : { code: safe.code === 'INTERNAL' ? 'EXPORT_FAILED' : safe.code, message: safe.message };
    await repo.fail(job.id, token, error, at.toISOString());
    jl.warn('export.failed', { code: error.code });
    jl.metric('export_failed', 1, { code: error.code });
    return 'failed';
  }
}
