import {
  expressionBuilder,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  type UpdateObject,
  type Updateable,
} from 'kysely';
import type { Database, ExportJobsTable } from './schema.js';
import { toNumber, type SqlFlavor } from './flavor.js';
import { storedRequestSchema, storedSnapshotSchema, type ExportJob, type JobStatus } from '../../domain/job.js';
import {
  conditionOf,
  runningAt,
  type Condition,
  type FairClaimOrder,
  type JobChanges,
  type KeyField,
  type TimeField,
  type WritableField,
} from '../../domain/lifecycle.js';
import { AppError } from '../../domain/errors.js';
import type { FindOptions, JobRepository } from '../../ports/jobRepository.js';
import { translateSqlError } from './sqlErrors.js';

type JobRow = Selectable<ExportJobsTable>;
type Jobs = ExpressionBuilder<Database, 'export_jobs'>;

function parseStored<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  text: string,
  what: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('INTERNAL', `A stored job has an unreadable ${what}.`);
  return parsed.data;
}

function toJob(r: JobRow): ExportJob {
  return {
    id: r.id,
    organizationId: r.organization_id,
    createdBy: r.created_by,
    createdByOrganizationId: r.created_by_org ?? r.organization_id,
    request: parseStored(storedRequestSchema, r.request_json, 'request'),
    status: r.status as JobStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    expiresAt: r.expires_at,
    rowsWritten: toNumber(r.rows_written) ?? 0,
    rowsTotal: toNumber(r.rows_total ?? null),
    rowsPerSecond: toNumber(r.rows_per_second ?? null),
    progressAt: r.progress_at ?? null,
    eventsQueuedAt: r.events_queued_at ?? null,
    rowCount: toNumber(r.row_count),
    sizeBytes: toNumber(r.size_bytes),
    sha256: r.sha256,
    blobName: r.blob_name,
    fileName: r.file_name,
    contentType: r.content_type,
    lastError: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    attempt: r.attempt,
    nextAttemptAt: r.next_attempt_at,
    leaseToken: r.lease_token,
    leaseExpiresAt: r.lease_expires_at,
    enqueuedAt: r.enqueued_at,
    retryOf: r.retry_of,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    snapshot: r.snapshot_json ? parseStored(storedSnapshotSchema, r.snapshot_json, 'snapshot') : null,
    checkpoint: r.checkpoint_json,
  };
}

const timeColumn = {
  leaseExpiresAt: 'lease_expires_at',
  nextAttemptAt: 'next_attempt_at',
  enqueuedAt: 'enqueued_at',
  updatedAt: 'updated_at',
  expiresAt: 'expires_at',
  createdAt: 'created_at',
  completedAt: 'completed_at',
  eventsQueuedAt: 'events_queued_at',
} as const satisfies Record<TimeField, keyof ExportJobsTable>;

const keyColumn = {
  organizationId: 'organization_id',
  createdBy: 'created_by',
  createdByOrganizationId: 'created_by_org',
  retryOf: 'retry_of',
  idempotencyKey: 'idempotency_key',
} as const satisfies Record<KeyField, keyof ExportJobsTable>;

/**
 * A domain condition as a `WHERE` expression; undefined when it always holds. SQL's NULL semantics
 * match the domain's: a null timestamp is never before anything.
 */
export function whereOf(eb: Jobs, c: Condition): Expression<SqlBool> | undefined {
  switch (c.op) {
    case 'always':
      return undefined;
    case 'status':
      return eb('status', '=', c.is);
    case 'leaseHeldBy':
      return eb('lease_token', '=', c.token);
    case 'before':
      return eb(timeColumn[c.field], c.orEqual ? '<=' : '<', c.time);
    case 'after':
      return eb(timeColumn[c.field], c.orEqual ? '>=' : '>', c.time);
    case 'isNull':
      return eb(c.field === 'snapshot' ? 'snapshot_json' : timeColumn[c.field], 'is', null);
    case 'equals':
      return eb(keyColumn[c.field], '=', c.value);
    case 'all': {
      const parts = c.of.map((x) => whereOf(eb, x)).filter((x) => x !== undefined);
      return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : eb.and(parts);
    }
    case 'any': {
      const parts = c.of.map((x) => whereOf(eb, x));
      if (parts.some((x) => x === undefined)) return undefined;
      return parts.length === 1 ? parts[0] : eb.or(parts as Expression<SqlBool>[]);
    }
  }
}

type Columns = Updateable<ExportJobsTable>;

/** Each writable field as the columns that store it. */
const columnsOf: { [F in WritableField]: (value: ExportJob[F]) => Columns } = {
  status: (v) => ({ status: v }),
  updatedAt: (v) => ({ updated_at: v }),
  startedAt: (v) => ({ started_at: v }),
  completedAt: (v) => ({ completed_at: v }),
  expiresAt: (v) => ({ expires_at: v }),
  rowsWritten: (v) => ({ rows_written: v }),
  rowCount: (v) => ({ row_count: v }),
  sizeBytes: (v) => ({ size_bytes: v }),
  sha256: (v) => ({ sha256: v }),
  blobName: (v) => ({ blob_name: v }),
  lastError: (v) => ({ error_code: v?.code ?? null, error_message: v?.message ?? null }),
  nextAttemptAt: (v) => ({ next_attempt_at: v }),
  leaseToken: (v) => ({ lease_token: v }),
  leaseExpiresAt: (v) => ({ lease_expires_at: v }),
  enqueuedAt: (v) => ({ enqueued_at: v }),
  snapshot: (v) => ({ snapshot_json: v === null ? null : JSON.stringify(v) }),
  checkpoint: (v) => ({ checkpoint_json: v }),
  idempotencyKey: (v) => ({ idempotency_key: v }),
  rowsTotal: (v) => ({ rows_total: v }),
  rowsPerSecond: (v) => ({ rows_per_second: v }),
  progressAt: (v) => ({ progress_at: v }),
  eventsQueuedAt: (v) => ({ events_queued_at: v }),
};

function setOf(eb: Jobs, changes: JobChanges): UpdateObject<Database, 'export_jobs'> {
  const set: UpdateObject<Database, 'export_jobs'> = {};
  for (const [field, value] of Object.entries(changes.set) as [WritableField, never][]) {
    Object.assign(set, columnsOf[field](value));
  }
  if (changes.nextAttempt) set.attempt = eb('attempt', '+', 1);
  if (changes.startedAtIfUnset !== undefined) set.started_at = eb.fn.coalesce('started_at', eb.val(changes.startedAtIfUnset));
  return set;
}

const jobs: Jobs = expressionBuilder<Database, 'export_jobs'>();

/** A unique index refused the row (SQLite constraint, SQL Server 2601/2627). */
const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: unknown; number?: unknown };
  return err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.number === 2601 || err.number === 2627;
};

const orderColumn = {
  createdAt: 'created_at',
  expiresAt: 'expires_at',
  completedAt: 'completed_at',
} as const satisfies Record<Exclude<FindOptions['orderBy'], object>, keyof ExportJobsTable>;

/** The job store over Kysely: one implementation for SQLite and Azure SQL. */
export function sqlJobRepository(db: Kysely<Database>, flavor: SqlFlavor): JobRepository {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));

  /**
   * The fair claim order (domain/lifecycle.ts FairClaimOrder): the organization's running jobs
   * (a correlated count: the inner, unqualified columns are the subquery's own rows), the
   * doorbell's own job first among equals, then the oldest.
   */
  const fairShare = <O>(qb: SelectQueryBuilder<Database, 'export_jobs', O>, order: FairClaimOrder) => {
    const running = whereOf(jobs, runningAt(order.now)) as Expression<SqlBool>;
    return qb
      .orderBy((eb) =>
        eb
          .selectFrom('export_jobs as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r.organization_id', '=', 'export_jobs.organization_id')
          .where(() => running),
      )
      .orderBy((eb) =>
        eb
          .case()
          .when('id', '=', order.prefer ?? '')
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('created_at')
      .orderBy('id');
  };

  return {
    insert: (job) =>
      guard(async () => {
        await db
          .insertInto('export_jobs')
          .values({
            id: job.id,
            organization_id: job.organizationId,
            created_by: job.createdBy,
            created_by_org: job.createdByOrganizationId ?? job.organizationId,
            idempotency_key: job.idempotencyKey ?? null,
            request_hash: job.requestHash ?? null,
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
          .execute()
          .catch((e: unknown) => {
            if (!isUniqueViolation(e)) throw e;
            // The primary key is unique too, but ids are random UUIDs: the filtered indexes are
            // what a concurrent duplicate runs into.
            throw new AppError('DUPLICATE', 'The job holds an idempotency key or retry that another job holds.', {
              cause: e,
            });
          });
      }),

    get: (id) =>
      guard(async () => {
        const row = await db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toJob(row) : undefined;
      }),

    list: (q) =>
      guard(async () => {
        let qb = db.selectFrom('export_jobs').selectAll();
        const { organizationId, createdBy, orCreatedBy } = q;
        const scope = (eb: Jobs): Expression<SqlBool> | undefined => {
          const own: Expression<SqlBool>[] = [];
          if (organizationId) own.push(eb('organization_id', '=', organizationId));
          if (createdBy) own.push(eb('created_by', '=', createdBy));
          if (createdBy && organizationId) own.push(eb('created_by_org', '=', organizationId));
          if (!orCreatedBy) return own.length ? eb.and(own) : undefined;
          const created = eb.and([
            eb('created_by', '=', orCreatedBy.userId),
            eb('created_by_org', '=', orCreatedBy.organizationId),
          ]);
          return own.length ? eb.or([eb.and(own), created]) : created;
        };
        const where = scope(jobs);
        if (where) qb = qb.where(() => where);
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

    apply: (id, transition) =>
      guard(async () => {
        let update = db
          .updateTable('export_jobs')
          .set((eb) => setOf(eb, transition.changes))
          .where('id', '=', id);
        const condition = whereOf(jobs, conditionOf(transition));
        if (condition) update = update.where(() => condition);
        const result = await update.executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    find: (condition, options) =>
      guard(async () => {
        let qb = db.selectFrom('export_jobs').selectAll();
        const where = whereOf(jobs, condition);
        if (where) qb = qb.where(() => where);
        const order = options.orderBy;
        qb =
          typeof order === 'object' ? fairShare(qb, order) : qb.orderBy(orderColumn[order], options.newestFirst ? 'desc' : 'asc');
        return (await flavor.page(qb, options.limit).execute()).map(toJob);
      }),

    count: (condition) =>
      guard(async () => {
        let qb = db.selectFrom('export_jobs').select((eb) => eb.fn.countAll<number>().as('n'));
        const where = whereOf(jobs, condition);
        if (where) qb = qb.where(() => where);
        return toNumber((await qb.executeTakeFirstOrThrow()).n) ?? 0;
      }),
  };
}
