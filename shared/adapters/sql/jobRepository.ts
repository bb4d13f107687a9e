import type { Kysely, Selectable, UpdateResult } from 'kysely';
import type { Database, ExportJobsTable } from './schema.js';
import { toNumber, type SqlFlavor } from './flavor.js';
import type { ExportJob, ExportRequest, JobError, JobStatus, Snapshot } from '../../domain/job.js';
import type { JobRepository } from '../../ports/jobRepository.js';
import { translateSqlError } from './sqlErrors.js';

type JobRow = Selectable<ExportJobsTable>;

const ACTIVE: JobStatus[] = ['Pending', 'Processing'];

function toJob(r: JobRow): ExportJob {
  const error = r.error_code && r.status === 'Failed' ? { code: r.error_code, message: r.error_message ?? '' } : null;
  return {
    id: r.id,
    organizationId: r.organization_id,
    createdBy: r.created_by,
    request: JSON.parse(r.request_json) as ExportRequest,
    status: r.status as JobStatus,
    createdAt: r.created_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    expiresAt: r.expires_at,
    rowsWritten: toNumber(r.rows_written) ?? 0,
    rowCount: toNumber(r.row_count),
    sizeBytes: toNumber(r.size_bytes),
    sha256: r.sha256,
    blobName: r.blob_name,
    fileName: r.file_name,
    contentType: r.content_type,
    error,
    lastError: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    attempt: r.attempt,
    nextAttemptAt: r.next_attempt_at,
    leaseToken: r.lease_token,
    leaseExpiresAt: r.lease_expires_at,
    enqueuedAt: r.enqueued_at,
    retryOf: r.retry_of,
    snapshot: r.snapshot_json ? (JSON.parse(r.snapshot_json) as Snapshot) : null,
    checkpoint: r.checkpoint_json,
  };
}

const changed = (r: UpdateResult | undefined): boolean => (r ? r.numUpdatedRows > 0n : false);

/** The job store over Kysely: one implementation for SQLite and Azure SQL. */
export function sqlJobRepository(db: Kysely<Database>, flavor: SqlFlavor): JobRepository {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));
  const update = () => db.updateTable('export_jobs');
  /** A worker write: only the attempt holding the lease, only while Processing. */
  const fenced = (id: string, token: string) =>
    update().where('id', '=', id).where('lease_token', '=', token).where('status', '=', 'Processing');
  const active = (id: string) => update().where('id', '=', id).where('status', 'in', ACTIVE);
  const run = async (q: { executeTakeFirst(): Promise<UpdateResult> }) => changed(await q.executeTakeFirst());
  const released = { lease_token: null, lease_expires_at: null } as const;
  const failed = (error: JobError, at: string) =>
    ({
      status: 'Failed',
      error_code: error.code,
      error_message: error.message,
      completed_at: at,
      updated_at: at,
      next_attempt_at: null,
      checkpoint_json: null,
      ...released,
    }) as const;

  const repo: JobRepository = {
    insert: (job) =>
      guard(async () => {
        await db
          .insertInto('export_jobs')
          .values({
            id: job.id,
            organization_id: job.organizationId,
            created_by: job.createdBy,
            data_type: job.request.dataType,
            format: job.request.format,
            request_json: JSON.stringify(job.request),
            status: 'Pending',
            created_at: job.createdAt,
            updated_at: job.createdAt,
            file_name: job.fileName,
            content_type: job.contentType,
            rows_written: 0,
            attempt: 0,
            retry_of: job.retryOf,
          })
          .execute();
      }),

    get: (id) =>
      guard(async () => {
        const row = await db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toJob(row) : undefined;
      }),

    list: (q) =>
      guard(async () => {
        let qb = db.selectFrom('export_jobs').selectAll();
        if (q.organizationId) qb = qb.where('organization_id', '=', q.organizationId);
        if (q.createdBy) qb = qb.where('created_by', '=', q.createdBy);
        if (q.status) qb = qb.where('status', '=', q.status);
        if (q.dataType) qb = qb.where('data_type', '=', q.dataType);
        const after = q.after;
        if (after) {
          qb = qb.where((eb) =>
            eb.or([
              eb('created_at', '<', after.createdAt),
              eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
            ]),
          );
        }
        qb = qb.orderBy('created_at', 'desc').orderBy('id', 'desc');
        const rows = await flavor.page(qb, q.limit).execute();
        return rows.map(toJob);
      }),

    markEnqueued: (id, attempt, at) =>
      guard(async () => {
        await update().set({ enqueued_at: at, enqueued_attempt: attempt }).where('id', '=', id).execute();
      }),

    claim: (id, lease, now, snapshot) =>
      guard(async () => {
        const claimed = await update()
          .set((eb) => ({
            status: 'Processing',
            attempt: eb('attempt', '+', 1),
            lease_token: lease.token,
            lease_expires_at: lease.expiresAt,
            started_at: eb.fn.coalesce('started_at', eb.val(now)),
            next_attempt_at: null,
            updated_at: now,
          }))
          .where('id', '=', id)
          .where((eb) =>
            eb.or([
              eb.and([
                eb('status', '=', 'Pending'),
                eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
              ]),
              eb.and([eb('status', '=', 'Processing'), eb('lease_expires_at', '<', now)]),
            ]),
          )
          .executeTakeFirst();
        if (!changed(claimed)) return undefined;
        // The snapshot is fixed once, at the first claim; retries and resumes reuse it.
        const snap = JSON.stringify(await snapshot());
        await update()
          .set({ snapshot_json: snap })
          .where('id', '=', id)
          .where('lease_token', '=', lease.token)
          .where('snapshot_json', 'is', null)
          .execute();
        const row = await db
          .selectFrom('export_jobs')
          .selectAll()
          .where('id', '=', id)
          .where('lease_token', '=', lease.token)
          .executeTakeFirst();
        return row ? toJob(row) : undefined;
      }),

    heartbeat: (id, token, p) =>
      guard(() =>
        run(
          fenced(id, token).set({
            rows_written: p.rowsWritten,
            lease_expires_at: p.leaseExpiresAt,
            ...(p.checkpoint !== undefined ? { checkpoint_json: p.checkpoint } : {}),
          }),
        ),
      ),

    complete: (id, token, r) =>
      guard(() =>
        run(
          fenced(id, token).set({
            status: 'Completed',
            rows_written: r.rowCount,
            row_count: r.rowCount,
            size_bytes: r.sizeBytes,
            sha256: r.sha256,
            blob_name: r.blobName,
            completed_at: r.completedAt,
            expires_at: r.expiresAt,
            updated_at: r.completedAt,
            checkpoint_json: null,
            error_code: null,
            error_message: null,
            ...released,
          }),
        ),
      ),

    fail: (id, token, error, at) => guard(() => run(fenced(id, token).set(failed(error, at)))),

    scheduleRetry: (id, token, error, nextAttemptAt) =>
      guard(() =>
        run(
          fenced(id, token).set({
            status: 'Pending',
            error_code: error.code,
            error_message: error.message,
            next_attempt_at: nextAttemptAt,
            ...released,
          }),
        ),
      ),

    cancel: (id, at) =>
      guard(() =>
        run(active(id).set({ status: 'Cancelled', completed_at: at, updated_at: at, next_attempt_at: null, ...released })),
      ),

    failUnlessTerminal: (id, error, at) => guard(() => run(active(id).set(failed(error, at)))),

    findExpired: (now, limit) =>
      guard(async () => {
        const qb = db
          .selectFrom('export_jobs')
          .selectAll()
          .where('status', '=', 'Completed')
          .where('expires_at', '<=', now)
          .orderBy('expires_at');
        return (await flavor.page(qb, limit).execute()).map(toJob);
      }),

    markExpired: (id, now) =>
      guard(async () =>
        changed(
          await update()
            .set({ status: 'Expired', updated_at: now })
            .where('id', '=', id)
            .where('status', '=', 'Completed')
            .where('expires_at', '<=', now)
            .executeTakeFirst(),
        ),
      ),

    findDue: (now, staleBefore, limit) =>
      guard(async () => {
        const qb = db
          .selectFrom('export_jobs')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb.and([
                eb('status', '=', 'Pending'),
                eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
                eb.or([eb('enqueued_at', 'is', null), eb('enqueued_at', '<=', staleBefore)]),
                eb('updated_at', '<=', staleBefore),
              ]),
              eb.and([eb('status', '=', 'Processing'), eb('lease_expires_at', '<', now)]),
            ]),
          )
          .orderBy('created_at');
        return (await flavor.page(qb, limit).execute()).map(toJob);
      }),
  };
  return repo;
}
