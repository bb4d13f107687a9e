import { randomUUID } from 'node:crypto';
import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import { AppError, isAppError } from '../domain/errors.js';
import { contentTypeFor, fileNameFor } from '../domain/formats.js';
import type { ExportJob, ExportRequest } from '../domain/job.js';
import { activeRetryOf } from '../domain/lifecycle.js';
import type { RateLimitState } from '../domain/limits.js';
import { canCreate, canExportOrganization, type Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { parseExportRequest } from './exportRequest.js';
import { replayOf, requestHashOf, scopedKey } from './idempotency.js';
import { checkDateSpan, checkQuotas, checkRate, checkRows } from './limits.js';
import { recordAudit } from './recordAudit.js';
import { sendDoorbell } from './sendDoorbell.js';
import type { Services } from './services.js';

/** How a create or retry request is carried out beyond its body. */
export interface SubmitOptions {
  /** Where the request came from (the audit trail). */
  readonly origin?: RequestOrigin;
  /** The client's `Idempotency-Key` header, as sent. */
  readonly idempotencyKey?: string | null;
}

/** What a create or retry did: the job, whether it existed already, and the caller's rate standing. */
export interface Submission {
  readonly job: ExportJob;
  /** True when an earlier request (same key, or a concurrent retry) had created this job. */
  readonly replayed: boolean;
  /** Absent for a replay, which starts nothing. */
  readonly rateLimit?: RateLimitState;
}

/**
 * Records a new export job (Pending) and rings its doorbell. Never waits for the export.
 * Authorization, validation, the idempotency key and every limit are checked before anything is
 * written: role → body → organization → key (a replay returns the original job) → date span →
 * rate → quotas → rows.
 */
export async function submitExportJob(
  services: Services,
  principal: Principal,
  body: unknown,
  log: Logger,
  options: SubmitOptions = {},
): Promise<Submission> {
  if (!canCreate(principal)) throw new AppError('FORBIDDEN', 'Your role may not create exports.');
  const request = parseExportRequest(body);
  const organizationId = request.filters.organizationId ?? principal.organizationId;
  // Stryker disable next-line BlockStatement: enqueueNewJob, called next with nothing in between, repeats this check with the same 403
  if (!canExportOrganization(principal, organizationId)) {
    throw new AppError('FORBIDDEN', 'You may only export your own organization.');
  }
  return enqueueNewJob(services, principal, request, null, log, { ...options, operation: 'create' });
}

/** POST /api/export-jobs as a plain use case: the new (or replayed) job. */
export async function createExportJob(
  services: Services,
  principal: Principal,
  body: unknown,
  log: Logger,
  options: SubmitOptions = {},
): Promise<ExportJob> {
  return (await submitExportJob(services, principal, body, log, options)).job;
}

/**
 * Shared by create and retry: idempotency, limits, insert, audit, doorbell. The job store refuses
 * a second holder of a key and a second active retry of a job atomically; the loser of such a race
 * gets the winner's job.
 */
export async function enqueueNewJob(
  services: Services,
  principal: Principal,
  request: ExportRequest,
  retryOf: string | null,
  log: Logger,
  options: SubmitOptions & { readonly operation: string },
): Promise<Submission> {
  const organizationId = request.filters.organizationId ?? principal.organizationId;
  if (!canExportOrganization(principal, organizationId)) {
    throw new AppError('FORBIDDEN', 'You may only export your own organization.');
  }
  const origin = options.origin ?? unknownOrigin;
  const key = options.idempotencyKey ? scopedKey(principal, options.idempotencyKey) : null;
  const requestHash = key ? requestHashOf(options.operation, request) : null;
  const earlier = async (): Promise<ExportJob | undefined> => {
    if (key && requestHash) {
      const replay = await replayOf(services, key, requestHash);
      if (replay) return replay;
    }
    if (retryOf) {
      const [running] = await services.repo.find(activeRetryOf(retryOf), { orderBy: 'createdAt', limit: 1 });
      if (running) return running;
    }
    return undefined;
  };

  const before = await earlier();
  if (before) return { job: before, replayed: true };
  checkDateSpan(services, request.dateRange);
  const rateLimit = await checkRate(services, principal);
  await checkQuotas(services, principal, organizationId);
  await checkRows(services, organizationId, request);

  const now = services.clock.now().toISOString();
  const id = randomUUID();
  try {
    await services.repo.insert({
      id,
      organizationId,
      createdBy: principal.userId,
      createdByOrganizationId: principal.organizationId,
      request,
      createdAt: now,
      fileName: fileNameFor(request.dataType, request.format, request.dateRange.from, request.dateRange.to, request.compression),
      contentType: contentTypeFor(request.format, request.compression),
      retryOf,
      idempotencyKey: key,
      requestHash,
    });
  } catch (e) {
    if (!isAppError(e) || e.code !== 'DUPLICATE') throw e;
    // A concurrent request with the same key, or a concurrent retry of the same job, won the race.
    const winner = await earlier();
    if (!winner) throw e;
    return { job: winner, replayed: true };
  }
  const jobLog = log.child({ jobId: id, organizationId, dataType: request.dataType, format: request.format });
  jobLog.info(retryOf ? 'export.retried' : 'export.created', retryOf ? { retryOf } : {});
  await recordAudit(
    services,
    principal,
    origin,
    retryOf ? 'retry' : 'create',
    { jobId: id, organizationId },
    retryOf ? `retryOf=${retryOf}` : null,
  );
  await sendDoorbell(services, { jobId: id, attempt: 1 }, undefined, jobLog);
  const job = await services.repo.get(id);
  if (!job) throw new AppError('INTERNAL', 'The job vanished after it was created.');
  return { job, replayed: false, rateLimit };
}
