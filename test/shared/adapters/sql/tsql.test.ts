/**
 * Compiles every statement the SQL adapters issue — job repository, dataset source, migrations and
 * seed — to T-SQL with Kysely's MSSQL compiler, without a server: a recording driver captures each
 * CompiledQuery and answers with canned rows. The same calls are captured for SQLite to cross-check
 * that both engines get the same statements with the same parameters.
 */
import {
  CompiledQuery,
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { Parser } from 'node-sql-parser/build/transactsql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../../shared/adapters/sql/schema.js';
import { mssqlFlavor, sqliteFlavor, type SqlFlavor, type SqlKind } from '../../../../shared/adapters/sql/flavor.js';
import { sqlJobRepository } from '../../../../shared/adapters/sql/jobRepository.js';
import { sqlDatasetSource } from '../../../../shared/adapters/sql/datasetSource.js';
import { sqlWebhookStore } from '../../../../shared/adapters/sql/webhookStore.js';
import { sqlAuditTrail } from '../../../../shared/adapters/sql/auditTrail.js';
import { migrationProvider } from '../../../../shared/adapters/sql/migrations.js';
import { isSeeded, seedDemoData } from '../../../../shared/adapters/sql/seed.js';
import type { ExportRequest } from '../../../../shared/domain/job.js';
import {
  activeJobsCreatedBy,
  activeJobsOf,
  activeRetryOf,
  claimableAt,
  fileExpired,
  holdsIdempotencyKey,
  fileShouldExist,
  lifecycle,
  needsDoorbell,
  type Transition,
  type TransitionName,
} from '../../../../shared/domain/lifecycle.js';
import type { DatasetQuery } from '../../../../shared/ports/datasetSource.js';
import { planned } from '../../../contracts/datasetSourceContract.js';

interface Captured {
  /** Which adapter call issued it, e.g. `repo.claim`. */
  readonly label: string;
  readonly kind: string;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

// User-supplied values, distinctive enough that finding one in SQL text means it was inlined.
const ORG = 'org-SENTINEL-3f2504e0';
const USER = "user-SENTINEL-O'Brien; drop table users --";
const JOB = 'job-SENTINEL-7d444840';
const TOKEN = 'lease-SENTINEL-0c7e';
const TS = (n: number) => `2031-02-0${n}T04:05:06.789Z`;
const SEQ = 987_654_321;
const ROWS = 123_456_789;
const PAGE = 2000;
const LIST_LIMIT = 37;

const request: ExportRequest = {
  dataType: 'sessions',
  format: 'csv',
  dateRange: { from: '2031-01-01', to: '2031-01-03' },
  filters: { userId: USER },
  compression: 'none',
  csv: { delimiter: ',', includeBom: false },
};

/** One row that satisfies every reader: job rows, dataset rows, counts, maxima, names. */
const CANNED = {
  id: JOB,
  organization_id: ORG,
  created_by: USER,
  data_type: 'sessions',
  format: 'csv',
  request_json: JSON.stringify(request),
  status: 'Processing',
  created_at: TS(1),
  updated_at: TS(1),
  started_at: TS(1),
  completed_at: null,
  expires_at: null,
  rows_written: 0,
  row_count: null,
  size_bytes: null,
  sha256: null,
  blob_name: null,
  file_name: 'f.csv',
  content_type: 'text/csv',
  error_code: null,
  error_message: null,
  attempt: 1,
  next_attempt_at: null,
  lease_token: TOKEN,
  lease_expires_at: TS(2),
  enqueued_at: null,
  enqueued_attempt: null,
  retry_of: null,
  snapshot_json: JSON.stringify({ maxSessionSeq: SEQ, maxUserSeq: SEQ }),
  checkpoint_json: null,
  user_id: USER,
  email: 'x@example.com',
  ended_at: TS(2),
  duration_seconds: 1,
  page_views: 1,
  bounced: 0,
  device: 'desktop',
  browser: 'Edge',
  country: null,
  entry_page: null,
  display_name: 'X',
  role: 'Admin',
  department: null,
  last_login_at: null,
  is_active: 1,
  session_count: 0,
  n: 0,
  ts: TS(1),
  m: SEQ,
  name: 'Org',
  created_by_org: ORG,
  idempotency_key: null,
  request_hash: null,
  at: TS(1),
  action: 'create',
  job_id: JOB,
  actor_id: USER,
  actor_org: ORG,
  client_address: null,
  request_id: null,
  detail: null,
  oldest: TS(1),
};

function recordingDb(kind: SqlKind) {
  const log: Captured[] = [];
  let label = 'unlabelled';
  const record = (q: CompiledQuery) =>
    log.push({
      label,
      kind: q.query.kind,
      sql: q.sql,
      parameters: q.parameters,
    });
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      record(q);
      if (q.query.kind === 'SelectQueryNode') return { rows: [CANNED as R] };
      return { rows: [], numAffectedRows: 1n };
    },
    async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
      throw new Error('the adapters do not stream queries');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => void record(CompiledQuery.raw(kind === 'mssql' ? 'begin transaction' : 'begin')),
    commitTransaction: async () => void record(CompiledQuery.raw(kind === 'mssql' ? 'commit transaction' : 'commit')),
    rollbackTransaction: async () => void record(CompiledQuery.raw('rollback')),
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => (kind === 'mssql' ? new MssqlAdapter() : new SqliteAdapter()),
      createDriver: () => driver,
      createIntrospector: (k) => (kind === 'mssql' ? new MssqlIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (kind === 'mssql' ? new MssqlQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
  return {
    db,
    log,
    as: async <T>(l: string, fn: () => Promise<T>): Promise<T> => {
      label = l;
      return fn();
    },
  };
}

const drain = async (it: AsyncIterable<unknown>) => {
  for await (const _ of it) void _;
};

/** Calls every adapter method, on every branch that changes the SQL. */
async function exercise(kind: SqlKind, flavor: SqlFlavor) {
  const r = recordingDb(kind);
  const repo = sqlJobRepository(r.db, flavor);
  const source = sqlDatasetSource(r.db, flavor, PAGE);
  const audit = sqlAuditTrail(r.db, flavor);
  const called = { repo: new Set<string>(), source: new Set<string>(), audit: new Set<string>() };
  const onAudit = <T>(m: keyof typeof audit, fn: () => Promise<T>) => (called.audit.add(m), r.as(`audit.${m}`, fn));
  const onRepo = <T>(m: keyof typeof repo, fn: () => Promise<T>, what: string = m) => (
    called.repo.add(m),
    r.as(`repo.${what}`, fn)
  );
  const onSource = <T>(m: keyof typeof source, fn: () => Promise<T>) => (called.source.add(m), r.as(`source.${m}`, fn));

  await onRepo('insert', () =>
    repo.insert({
      id: JOB,
      organizationId: ORG,
      createdBy: USER,
      request,
      createdAt: TS(1),
      fileName: 'f.csv',
      contentType: 'text/csv',
      retryOf: null,
    }),
  );
  await onRepo(
    'insert',
    () =>
      repo.insert({
        id: JOB,
        organizationId: ORG,
        createdBy: USER,
        createdByOrganizationId: `${ORG}-creator`,
        request,
        createdAt: TS(1),
        fileName: 'f.csv',
        contentType: 'text/csv',
        retryOf: `${JOB}-original`,
        idempotencyKey: 'ab'.repeat(32),
        requestHash: 'cd'.repeat(32),
      }),
    'insert:keyed',
  );
  await onRepo('get', () => repo.get(JOB));
  await onRepo('list', () => repo.list({ organizationId: ORG, limit: LIST_LIMIT }));
  await onRepo('list', () =>
    repo.list({
      organizationId: ORG,
      createdBy: USER,
      status: 'Pending',
      dataType: 'users',
      limit: LIST_LIMIT,
      after: { createdAt: TS(3), id: JOB },
    }),
  );
  await onRepo(
    'list',
    () => repo.list({ organizationId: ORG, orCreatedBy: { userId: USER, organizationId: `${ORG}-creator` }, limit: LIST_LIMIT }),
    'list:orCreatedBy',
  );
  // Every transition of the lifecycle (the Record type makes a new one a compile error here).
  const error = { code: 'EXPORT_FAILED', message: USER };
  const transitions: Record<TransitionName, Transition[]> = {
    recordDoorbell: [lifecycle.recordDoorbell(TS(2))],
    claim: [lifecycle.claim(TS(3), { token: TOKEN, expiresAt: TS(4) })],
    fixSnapshot: [
      lifecycle.fixSnapshot(TOKEN, { maxSessionSeq: SEQ, maxUserSeq: SEQ }),
      lifecycle.fixSnapshot(TOKEN, { maxSessionSeq: SEQ, maxUserSeq: SEQ }, ROWS),
    ],
    heartbeat: [
      lifecycle.heartbeat(TOKEN, { rowsWritten: ROWS, leaseExpiresAt: TS(5), rowsPerSecond: ROWS, at: TS(5) }),
      lifecycle.heartbeat(TOKEN, { rowsWritten: ROWS, leaseExpiresAt: TS(5), checkpoint: '{"v":1}' }),
      lifecycle.heartbeat(TOKEN, { rowsWritten: ROWS, leaseExpiresAt: TS(5) }),
    ],
    complete: [
      lifecycle.complete(TOKEN, {
        rowCount: ROWS,
        sizeBytes: ROWS,
        sha256: 'ab'.repeat(32),
        blobName: `${ORG}/${JOB}/f.csv`,
        completedAt: TS(6),
        expiresAt: TS(7),
      }),
    ],
    fail: [lifecycle.fail(TOKEN, error, TS(6))],
    scheduleRetry: [lifecycle.scheduleRetry(TOKEN, { code: 'STORAGE_UNAVAILABLE', message: USER }, TS(8))],
    cancel: [lifecycle.cancel(TS(6))],
    deadLetter: [lifecycle.deadLetter({ code: 'DEAD_LETTERED', message: USER }, TS(6))],
    expire: [lifecycle.expire(TS(9))],
    releaseIdempotencyKey: [lifecycle.releaseIdempotencyKey(TS(1))],
    regenerate: [lifecycle.regenerate(TS(8), { completedAt: TS(6) }, { code: 'FILE_LOST', message: USER })],
    recordEventsQueued: [lifecycle.recordEventsQueued(TS(6))],
  };
  for (const ts of Object.values(transitions)) {
    for (const t of ts) await onRepo('apply', () => repo.apply(JOB, t), `apply:${t.name}`);
  }
  await onRepo('find', () => repo.find(fileExpired(TS(9)), { orderBy: 'expiresAt', limit: LIST_LIMIT }), 'find:fileExpired');
  await onRepo(
    'find',
    () => repo.find(needsDoorbell(TS(9), TS(8)), { orderBy: 'createdAt', limit: LIST_LIMIT }),
    'find:needsDoorbell',
  );
  await onRepo(
    'find',
    () => repo.find(claimableAt(TS(9)), { orderBy: { kind: 'fairShare', now: TS(9), prefer: JOB }, limit: LIST_LIMIT }),
    'find:claimable',
  );
  await onRepo(
    'find',
    () => repo.find(fileShouldExist(TS(9), TS(5)), { orderBy: 'completedAt', newestFirst: true, limit: LIST_LIMIT }),
    'find:fileShouldExist',
  );
  await onRepo('find', () => repo.find(activeRetryOf(JOB), { orderBy: 'createdAt', limit: 1 }), 'find:activeRetryOf');
  await onRepo('find', () => repo.find(holdsIdempotencyKey('ab'.repeat(32)), { orderBy: 'createdAt', limit: 1 }), 'find:key');
  await onRepo('count', () => repo.count(activeJobsOf(ORG)), 'count:org');
  await onRepo('count', () => repo.count(activeJobsCreatedBy(USER, ORG)), 'count:user');

  await onAudit('append', () =>
    audit.append({
      at: TS(1),
      action: 'create',
      jobId: JOB,
      organizationId: ORG,
      actorId: USER,
      actorOrganizationId: ORG,
      clientAddress: '203.0.113.9',
      requestId: `req-SENTINEL`,
      detail: USER,
    }),
  );
  await onAudit('forJob', () => audit.forJob(JOB, { limit: LIST_LIMIT }));
  await onAudit('forJob', () => audit.forJob(JOB, { limit: LIST_LIMIT, afterSeq: SEQ }));
  await onAudit('countRecent', () =>
    audit.countRecent({ actorId: USER, actorOrganizationId: ORG, actions: ['create', 'retry'], since: TS(1) }),
  );
  await onAudit('purgeBefore', () => audit.purgeBefore(TS(2), LIST_LIMIT));

  // The webhook store: only the SQL is of interest here (the canned row is a job's, so reads that
  // parse a delivery fail after their statement was recorded).
  const hooks = sqlWebhookStore(r.db, flavor);
  const onHooks = async (m: string, fn: () => Promise<unknown>) => r.as(`webhooks.${m}`, () => fn().catch(() => undefined));
  const hook = {
    id: JOB,
    organizationId: ORG,
    url: 'https://hooks.example.com/x',
    description: USER,
    secret: 'whsec_SENTINEL',
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdBy: USER,
    createdAt: TS(1),
    secretRotatedAt: null,
  };
  await onHooks('insert', () => hooks.insert(hook));
  await onHooks('get', () => hooks.get(JOB));
  await onHooks('listByOrganization', () => hooks.listByOrganization(ORG));
  await onHooks('rotateSecret', () => hooks.rotateSecret(JOB, { secret: 'whsec_NEW', previousExpiresAt: TS(5), at: TS(2) }));
  await onHooks('insertDeliveries', () =>
    hooks.insertDeliveries([
      {
        id: JOB,
        webhookId: JOB,
        organizationId: ORG,
        eventId: 'evt_1',
        eventType: 'export_job.completed',
        jobId: JOB,
        payload: USER,
        createdAt: TS(1),
      },
    ]),
  );
  await onHooks('getDelivery', () => hooks.getDelivery(JOB));
  await onHooks('listDeliveries', () => hooks.listDeliveries(JOB, { limit: LIST_LIMIT, after: { createdAt: TS(1), id: JOB } }));
  await onHooks('claimDelivery', () => hooks.claimDelivery(JOB, { now: TS(2), leaseToken: TOKEN, leaseExpiresAt: TS(3) }));
  await onHooks('recordAttempt', () =>
    hooks.recordAttempt(JOB, TOKEN, {
      status: 'Pending',
      attempt: { attempt: 1, at: TS(3), statusCode: 500, error: USER, durationMs: 5 },
      nextAttemptAt: TS(4),
    }),
  );
  await onHooks('recordDoorbell', () => hooks.recordDoorbell(JOB, TS(4)));
  await onHooks('findStalled', () => hooks.findStalled(TS(5), TS(4), LIST_LIMIT));
  await onHooks('purgeBefore', () => hooks.purgeBefore(TS(9), LIST_LIMIT));
  await onHooks('delete', () => hooks.delete(JOB));

  const snapshot = { maxSessionSeq: SEQ, maxUserSeq: SEQ + 1 };
  const q = (dataType: DatasetQuery['dataType'], o: Partial<DatasetQuery> = {}): DatasetQuery => ({
    dataType,
    organizationId: ORG,
    from: '2031-01-01',
    to: '2031-01-03',
    columns: ['sessionId'],
    snapshot,
    ...o,
  });
  for (const dt of ['sessions', 'users', 'analytics'] as const) {
    await onSource('read', () => drain(source.read(q(dt))));
    await onSource('read', () =>
      drain(
        source.read(
          q(dt, {
            userId: USER,
            after: dt === 'analytics' ? ['2031-01-01'] : [TS(1), JOB],
          }),
        ),
      ),
    );
    await onSource('count', () => source.count(q(dt)));
    await onSource('count', () => source.count(q(dt, { userId: USER })));
    const range = planned(q(dt));
    await onSource('pageEnds', () => source.pageEnds(range, 2));
    await onSource('pageEnds', () =>
      source.pageEnds({ ...range, userId: USER, after: dt === 'analytics' ? ['2031-01-01'] : [TS(1), JOB] }, 1),
    );
    await onSource('read', () =>
      drain(
        source.read(
          q(dt, {
            after: dt === 'analytics' ? ['2031-01-01'] : [TS(1), JOB],
            through: dt === 'analytics' ? ['2031-01-02'] : [TS(2), JOB],
          }),
        ),
      ),
    );
  }
  await onSource('snapshot', () => source.snapshot());
  await onSource('organizationName', () => source.organizationName(ORG));
  await onSource('dashboard', () => source.dashboard({ organizationId: ORG, from: '2031-01-01', to: '2031-01-03', snapshot }));

  const migrations = await migrationProvider(kind).getMigrations();
  for (const [name, m] of Object.entries(migrations)) {
    await r.as(`migration ${name} up`, () => m.up(r.db));
    await r.as(`migration ${name} down`, async () => m.down?.(r.db));
  }
  await r.as('seed', () =>
    seedDemoData(r.db, flavor, {
      usersPerOrg: 300,
      sessionsPerOrg: 400,
      seed: 7,
    }),
  );
  await r.as('isSeeded', () => isSeeded(r.db));

  return {
    log: r.log,
    called,
    repoMethods: Object.keys(repo),
    sourceMethods: Object.keys(source),
    auditMethods: Object.keys(audit),
  };
}

type Run = Awaited<ReturnType<typeof exercise>>;
const isDdl = (c: Captured) => c.label.startsWith('migration');
const literals = (s: string) => s.match(/'(?:[^']|'')*'/g) ?? [];

/** SQLite-only (or non-T-SQL) syntax that must never reach SQL Server. */
const NOT_TSQL: readonly [RegExp, string][] = [
  [/\blimit\b/i, 'LIMIT (T-SQL uses TOP)'],
  [/\boffset\b(?![\s\S]*\bfetch next\b)/i, 'OFFSET without FETCH'],
  [/autoincrement/i, 'AUTOINCREMENT (T-SQL uses IDENTITY)'],
  [/\breturning\b/i, 'RETURNING (T-SQL uses OUTPUT)'],
  [/\b(ifnull|substr|strftime|julianday|datetime|date|group_concat|printf|instr)\s*\(/i, 'a SQLite function'],
  [/\bglob\b|\bpragma\b|\binsert\s+or\b|\bon\s+conflict\b|\bilike\b/i, 'SQLite syntax'],
  [/`/, 'backtick quoting'],
  [/\|\|/, 'the || concatenation operator'],
  [/\b(true|false)\b/i, 'boolean literals (T-SQL has bit 0/1)'],
  [/\?|\$\d/, 'a non-T-SQL parameter placeholder'],
  [/\btext\b/i, 'the deprecated text type (not comparable with =)'],
  [/\bif\s+(not\s+)?exists\b/i, 'IF [NOT] EXISTS in DDL'],
];

describe('SQL adapters compile to T-SQL (MssqlDialect, no server)', () => {
  let mssql: Run;
  let sqlite: Run;
  beforeAll(async () => {
    mssql = await exercise('mssql', mssqlFlavor);
    sqlite = await exercise('sqlite', sqliteFlavor);
  });

  it('exercises every method of the job repository and the dataset source', () => {
    expect([...mssql.called.repo].sort()).toEqual([...mssql.repoMethods].sort());
    expect([...mssql.called.source].sort()).toEqual([...mssql.sourceMethods].sort());
    expect([...mssql.called.audit].sort()).toEqual([...mssql.auditMethods].sort());
    expect(mssql.log.length).toBeGreaterThan(40);
  });

  it('numbers parameters @1…@n, one per value, and never inlines a user value', () => {
    for (const c of mssql.log) {
      const used = new Set([...c.sql.matchAll(/@(\d+)/g)].map((m) => Number(m[1])));
      const expected = new Set(c.parameters.map((_, i) => i + 1));
      expect(used, `${c.label}: ${c.sql}`).toEqual(expected);
      for (const sentinel of [ORG, USER, JOB, TOKEN, 'SENTINEL', '2031-0', String(SEQ), String(ROWS)]) {
        expect(c.sql, c.label).not.toContain(sentinel);
      }
      // The only literals in the SQL text are the code's own constants (and, in a filtered index,
      // the statuses: DDL takes no parameters).
      const own = ["'desktop'", "'mobile'", "'tablet'", ...(isDdl(c) ? ["'Pending'", "'Processing'"] : [])];
      expect(
        literals(c.sql).filter((l) => !own.includes(l)),
        `${c.label}: ${c.sql}`,
      ).toEqual([]);
    }
    const values = mssql.log.flatMap((c) => c.parameters);
    for (const v of [ORG, USER, JOB, TOKEN, SEQ, ROWS]) expect(values).toContain(v);
  });

  it('stays within SQL Server limits: at most 2,100 parameters and 1,000 VALUES rows per statement', () => {
    for (const c of mssql.log) {
      expect(c.parameters.length, c.label).toBeLessThanOrEqual(2100);
      if (c.kind === 'InsertQueryNode') expect((c.sql.match(/\),\s*\(/g) ?? []).length + 1, c.label).toBeLessThanOrEqual(1000);
    }
  });

  it('pages with TOP, and plans export pages with OFFSET … FETCH; never LIMIT', () => {
    const paged = mssql.log.filter((c) => /^select top\(\d+\) /.test(c.sql));
    expect(new Set(paged.map((c) => c.label))).toEqual(
      new Set([
        'repo.list',
        'repo.list:orCreatedBy',
        'repo.find:fileExpired',
        'repo.find:needsDoorbell',
        'repo.find:claimable',
        'repo.find:activeRetryOf',
        'repo.find:key',
        'source.read',
        'source.dashboard',
        'audit.forJob',
        'repo.find:fileShouldExist',
        'webhooks.listDeliveries',
        'webhooks.findStalled',
        'webhooks.purgeBefore',
      ]),
    );
    for (const c of paged) {
      const n = Number(/^select top\((\d+)\)/.exec(c.sql)?.[1]);
      expect([PAGE, LIST_LIMIT, 1, 10]).toContain(n);
      expect(c.sql).toMatch(/ order by /);
    }
    const offsets = mssql.log.filter((c) => /\boffset\b/i.test(c.sql));
    expect(new Set(offsets.map((c) => c.label))).toEqual(new Set(['source.pageEnds']));
    for (const c of offsets) expect(c.sql).toMatch(/ order by .* offset @\d+ rows fetch next @\d+ rows only$/);
  });

  it('checks files newest completion first, and regenerates only an unexpired file of the completion seen', () => {
    const find = mssql.log.find((c) => c.label === 'repo.find:fileShouldExist')?.sql ?? '';
    expect(find).toMatch(/"status" = @\d+ and "expires_at" > @\d+ and "completed_at" >= @\d+/);
    expect(find).toMatch(/ order by "completed_at" desc$/);
    const regenerate = mssql.log.find((c) => c.label === 'repo.apply:regenerate')?.sql ?? '';
    expect(regenerate).toMatch(
      /where "id" = @\d+ and \("status" = @\d+ and \("expires_at" > @\d+ and "completed_at" <= @\d+\)\)$/,
    );
  });

  it('parses every statement with a T-SQL grammar (node-sql-parser, transactsql)', () => {
    const parser = new Parser();
    const raw = new Set(['begin transaction', 'commit transaction']);
    for (const c of mssql.log.filter((x) => !raw.has(x.sql))) {
      // T-SQL takes parameters in OFFSET … ROWS FETCH NEXT … ROWS ONLY; this grammar only literals.
      const text = c.sql.replace(/ offset @\d+ rows fetch next @\d+ rows only$/, ' offset 1999 rows fetch next 1 rows only');
      expect(() => parser.astify(text, { database: 'transactsql' }), `${c.label}: ${c.sql}`).not.toThrow();
    }
  });

  it('uses no SQLite-only syntax', () => {
    for (const c of mssql.log) {
      for (const [re, what] of NOT_TSQL) expect(re.test(c.sql), `${c.label} uses ${what}: ${c.sql}`).toBe(false);
    }
  });

  it('compiles the migrations: IDENTITY keys, nvarchar(max), bit, and nvarchar for every string column', () => {
    const ddl = mssql.log.filter(isDdl).map((c) => c.sql);
    const create = (table: string) => ddl.find((s) => s.startsWith(`create table "${table}"`)) ?? '';
    for (const t of ['users', 'sessions']) {
      expect(create(t)).toContain('"seq" bigint primary key identity(1,1)');
    }
    expect(create('users')).toContain('"is_active" bit not null');
    expect(create('sessions')).toContain('"bounced" bit not null');
    for (const col of ['request_json', 'snapshot_json', 'checkpoint_json']) {
      expect(create('export_jobs')).toMatch(new RegExp(`"${col}" nvarchar\\(max\\)`));
    }
    // tedious sends JS strings as nvarchar: a varchar column compared with an nvarchar parameter
    // is converted row by row under the default SQL_Latin1_General_CP1_CI_AS collation, which turns
    // every index seek (keyset pages, lookups by id) into a scan.
    for (const s of ddl) expect(s).not.toMatch(/(?<!n)varchar\(/);
    for (const ix of ['ix_users_org_created', 'ix_sessions_org_started', 'ix_sessions_user', 'ix_jobs_org_created']) {
      expect(ddl.some((s) => s.startsWith(`create index "${ix}" on `))).toBe(true);
    }
    expect(ddl.filter((s) => s.startsWith('drop table'))).toHaveLength(7);
    // 0005_experience: one delivery per endpoint and event, however often the fan-out runs.
    expect(ddl).toContain('create unique index "ux_deliveries_webhook_event" on "webhook_deliveries" ("webhook_id", "event_id")');
    expect(create('webhook_deliveries')).toMatch(/"payload" nvarchar\(max\) not null/);
    // 0002_api: the database itself allows one holder per idempotency key and one active retry per job.
    expect(ddl).toContain(
      'create unique index "ux_jobs_idempotency_key" on "export_jobs" ("idempotency_key") where "idempotency_key" is not null',
    );
    expect(ddl).toContain(
      `create unique index "ux_jobs_active_retry" on "export_jobs" ("retry_of") where ("retry_of" is not null and "status" in ('Pending', 'Processing'))`,
    );
    expect(create('export_audit')).toContain('"seq" bigint primary key identity(1,1)');
  });

  it('widens SUMs of int columns to bigint (T-SQL SUM(int) overflows at 2^31)', () => {
    const sums = mssql.log.flatMap((c) => [...c.sql.matchAll(/sum\(([^()]*(?:\([^()]*\))?[^()]*)\)/g)].map((m) => m[1] ?? ''));
    expect(sums.length).toBeGreaterThan(0);
    for (const arg of sums) expect(arg).toMatch(/^cast\(.* as bigint\)$|^case when .* then 1 else 0 end$/);
  });

  it('issues the same statements, with the same parameters, on SQLite (LIMIT as the one extra parameter)', () => {
    const notSeed = (log: Captured[]) => log.filter((c) => c.label !== 'seed');
    const seedValues = (log: Captured[]) => log.filter((c) => c.label === 'seed').flatMap((c) => c.parameters);
    // The seed chunks inserts by each engine's parameter limit; the values must be the same.
    expect(seedValues(sqlite.log)).toEqual(seedValues(mssql.log));
    expect(seedValues(mssql.log).length).toBeGreaterThan(2100);
    const lite = notSeed(sqlite.log);
    const ms = notSeed(mssql.log);
    expect(lite.map((c) => `${c.label} ${c.kind}`)).toEqual(ms.map((c) => `${c.label} ${c.kind}`));
    for (const [i, s] of lite.entries()) {
      const m = ms[i] as Captured;
      expect((s.sql.match(/\?/g) ?? []).length, `${s.label}: ${s.sql}`).toBe(s.parameters.length);
      const top = /^select top\((\d+)\)/.exec(m.sql);
      const innerTop = /\(select top\((\d+)\)/.exec(m.sql);
      if (/ offset @\d+ rows fetch next @\d+ rows only$/.test(m.sql)) {
        // The n-th row: LIMIT 1 OFFSET n against OFFSET n ROWS FETCH NEXT 1 ROWS ONLY.
        expect(s.sql, s.label).toMatch(/ limit \? offset \?$/);
        expect(s.parameters, s.label).toEqual([...m.parameters.slice(0, -2), ...m.parameters.slice(-2).reverse()]);
      } else if (top) {
        expect(s.sql, s.label).toMatch(/ limit \?$/);
        expect(s.parameters, s.label).toEqual([...m.parameters, Number(top[1])]);
      } else if (innerTop) {
        // A paged subquery (the audit purge): its LIMIT parameter sits inside the statement.
        expect(s.sql, s.label).toMatch(/ limit \?\)/);
        expect([...s.parameters].map(String).sort(), s.label).toEqual([...m.parameters, Number(innerTop[1])].map(String).sort());
      } else {
        expect(s.parameters, s.label).toEqual(m.parameters);
      }
    }
    const ddl = sqlite.log
      .filter(isDdl)
      .map((c) => c.sql)
      .join('\n');
    expect(ddl).toContain('"seq" integer primary key autoincrement');
    expect(ddl).not.toMatch(/nvarchar|identity|\bbit\b/);
  });
});
