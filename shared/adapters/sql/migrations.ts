import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SqlKind } from './flavor.js';

/**
 * Schema migrations, in code so they ship with the app and run the same on SQLite and Azure SQL.
 * Column types differ only where the engines do (auto-increment keys, booleans, long text).
 */
function types(kind: SqlKind) {
  const mssql = kind === 'mssql';
  return {
    // SQL Server: nvarchar, because tedious sends every JS string as an nvarchar parameter; a
    // varchar column compared with one is converted row by row under the default SQL collation,
    // which turns index seeks (lookups by id, keyset pages) into scans.
    id: mssql ? sql`nvarchar(36)` : sql`varchar(36)`,
    ts: mssql ? sql`nvarchar(24)` : sql`varchar(24)`,
    code: (n: number) => sql.raw(`${mssql ? 'nvarchar' : 'varchar'}(${n})`),
    text: (n: number) => (mssql ? sql.raw(`nvarchar(${n})`) : sql`text`),
    longText: mssql ? sql`nvarchar(max)` : sql`text`,
    bool: mssql ? sql`bit` : sql`integer`,
    int: sql`integer`,
    bigint: sql`bigint`,
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design */
function initial(kind: SqlKind): Migration {
  const t = types(kind);
  const seq = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    kind === 'mssql' ? col.primaryKey().modifyEnd(sql`identity(1,1)`) : col.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organizations')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', t.text(200), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('seq', kind === 'mssql' ? t.bigint : t.int, seq)
        .addColumn('id', t.id, (c) => c.notNull().unique())
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('email', t.text(320), (c) => c.notNull())
        .addColumn('display_name', t.text(200), (c) => c.notNull())
        .addColumn('role', t.text(32), (c) => c.notNull())
        .addColumn('department', t.text(200))
        .addColumn('country', t.text(64))
        .addColumn('created_at', t.ts, (c) => c.notNull())
        .addColumn('last_login_at', t.ts)
        .addColumn('is_active', t.bool, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ix_users_org_created').on('users').columns(['organization_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('seq', kind === 'mssql' ? t.bigint : t.int, seq)
        .addColumn('id', t.id, (c) => c.notNull().unique())
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('user_id', t.id, (c) => c.notNull())
        .addColumn('started_at', t.ts, (c) => c.notNull())
        .addColumn('ended_at', t.ts)
        .addColumn('duration_seconds', t.int, (c) => c.notNull())
        .addColumn('page_views', t.int, (c) => c.notNull())
        .addColumn('bounced', t.bool, (c) => c.notNull())
        .addColumn('device', t.text(32), (c) => c.notNull())
        .addColumn('browser', t.text(32), (c) => c.notNull())
        .addColumn('country', t.text(64))
        .addColumn('entry_page', t.text(400))
        .execute();
      await db.schema
        .createIndex('ix_sessions_org_started')
        .on('sessions')
        .columns(['organization_id', 'started_at', 'id'])
        .execute();
      await db.schema.createIndex('ix_sessions_user').on('sessions').columns(['user_id', 'started_at']).execute();

      await db.schema
        .createTable('export_jobs')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('created_by', t.text(128), (c) => c.notNull())
        .addColumn('data_type', t.code(16), (c) => c.notNull())
        .addColumn('format', t.code(16), (c) => c.notNull())
        .addColumn('request_json', t.longText, (c) => c.notNull())
        .addColumn('status', t.code(16), (c) => c.notNull())
        .addColumn('created_at', t.ts, (c) => c.notNull())
        .addColumn('updated_at', t.ts, (c) => c.notNull())
        .addColumn('started_at', t.ts)
        .addColumn('completed_at', t.ts)
        .addColumn('expires_at', t.ts)
        .addColumn('rows_written', t.bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('row_count', t.bigint)
        .addColumn('size_bytes', t.bigint)
        .addColumn('sha256', t.code(64))
        .addColumn('blob_name', t.text(400))
        .addColumn('file_name', t.text(200), (c) => c.notNull())
        .addColumn('content_type', t.text(200), (c) => c.notNull())
        .addColumn('error_code', t.code(64))
        .addColumn('error_message', t.text(1000))
        .addColumn('attempt', t.int, (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.ts)
        .addColumn('lease_token', t.id)
        .addColumn('lease_expires_at', t.ts)
        .addColumn('enqueued_at', t.ts)
        .addColumn('enqueued_attempt', t.int)
        .addColumn('retry_of', t.id)
        .addColumn('snapshot_json', t.longText)
        .addColumn('checkpoint_json', t.longText)
        .execute();
      await db.schema
        .createIndex('ix_jobs_org_created')
        .on('export_jobs')
        .columns(['organization_id', 'created_at', 'id'])
        .execute();
      await db.schema.createIndex('ix_jobs_status_expires').on('export_jobs').columns(['status', 'expires_at']).execute();
      await db.schema.createIndex('ix_jobs_status_next').on('export_jobs').columns(['status', 'next_attempt_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['export_jobs', 'sessions', 'users', 'organizations']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
/**
 * The API's additions: the creator's organization, idempotency keys, at most one active retry per
 * job, an index for the fair claim order, and the audit trail. Both unique indexes are filtered
 * (SQLite partial index, SQL Server filtered index), so the database itself refuses a second
 * holder of a key or a second active retry, however many requests race.
 */
function api(kind: SqlKind): Migration {
  const t = types(kind);
  const seq = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    kind === 'mssql' ? col.primaryKey().modifyEnd(sql`identity(1,1)`) : col.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<any>) {
      for (const [column, type] of [
        ['created_by_org', t.id],
        ['idempotency_key', t.code(64)],
        ['request_hash', t.code(64)],
      ] as const) {
        await db.schema.alterTable('export_jobs').addColumn(column, type).execute();
      }
      // Jobs created before this migration were created by a user of the organization they export
      // (a SuperAdmin's cross-organization jobs were not listed to anyone but Admins before either).
      await db
        .updateTable('export_jobs')
        .set({ created_by_org: sql.ref('organization_id') })
        .execute();
      await db.schema
        .createIndex('ux_jobs_idempotency_key')
        .on('export_jobs')
        .column('idempotency_key')
        .unique()
        .where(sql.ref('idempotency_key'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('ux_jobs_active_retry')
        .on('export_jobs')
        .column('retry_of')
        .unique()
        .where((eb) => eb.and([eb(sql.ref('retry_of'), 'is not', null), eb(sql.ref('status'), 'in', ['Pending', 'Processing'])]))
        .execute();
      await db.schema.createIndex('ix_jobs_status_org').on('export_jobs').columns(['status', 'organization_id']).execute();
      await db.schema
        .createIndex('ix_jobs_creator')
        .on('export_jobs')
        .columns(['created_by', 'created_by_org', 'created_at'])
        .execute();

      await db.schema
        .createTable('export_audit')
        .addColumn('seq', kind === 'mssql' ? t.bigint : t.int, seq)
        .addColumn('at', t.ts, (c) => c.notNull())
        .addColumn('action', t.code(32), (c) => c.notNull())
        .addColumn('job_id', t.id)
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('actor_id', t.text(128), (c) => c.notNull())
        .addColumn('actor_org', t.id, (c) => c.notNull())
        .addColumn('client_address', t.code(64))
        .addColumn('request_id', t.code(128))
        .addColumn('detail', t.text(400))
        .execute();
      await db.schema.createIndex('ix_audit_job').on('export_audit').columns(['job_id', 'seq']).execute();
      await db.schema.createIndex('ix_audit_actor').on('export_audit').columns(['actor_id', 'actor_org', 'at']).execute();
      await db.schema.createIndex('ix_audit_at').on('export_audit').column('at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('export_audit').execute();
      for (const ix of ['ix_jobs_creator', 'ix_jobs_status_org', 'ux_jobs_active_retry', 'ux_jobs_idempotency_key']) {
        const drop = db.schema.dropIndex(ix);
        await (kind === 'mssql' ? drop.on('export_jobs') : drop).execute();
      }
      for (const column of ['request_hash', 'idempotency_key', 'created_by_org']) {
        await db.schema.alterTable('export_jobs').dropColumn(column).execute();
      }
    },
  };
}
/**
 * The user's experience: progress (rows counted at the first claim, the attempt's rate, when progress
 * was written), the webhook fan-out mark on jobs, webhook endpoints and their delivery log. Jobs
 * that ended before this migration count as announced: no endpoint existed to hear of them.
 */
function experience(kind: SqlKind): Migration {
  const t = types(kind);
  return {
    async up(db: Kysely<any>) {
      for (const [column, type] of [
        ['rows_total', t.bigint],
        ['rows_per_second', t.int],
        ['progress_at', t.ts],
        ['events_queued_at', t.ts],
      ] as const) {
        await db.schema.alterTable('export_jobs').addColumn(column, type).execute();
      }
      await db
        .updateTable('export_jobs')
        .set({ events_queued_at: sql.ref('updated_at') })
        .where('status', 'in', ['Completed', 'Failed', 'Cancelled', 'Expired'])
        .execute();
      await db.schema.createIndex('ix_jobs_status_events').on('export_jobs').columns(['status', 'events_queued_at']).execute();

      await db.schema
        .createTable('webhooks')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('url', t.text(2000), (c) => c.notNull())
        .addColumn('description', t.text(200))
        .addColumn('secret', t.code(100), (c) => c.notNull())
        .addColumn('previous_secret', t.code(100))
        .addColumn('previous_secret_expires_at', t.ts)
        .addColumn('created_by', t.text(128), (c) => c.notNull())
        .addColumn('created_at', t.ts, (c) => c.notNull())
        .addColumn('secret_rotated_at', t.ts)
        .execute();
      await db.schema.createIndex('ix_webhooks_org').on('webhooks').columns(['organization_id', 'created_at']).execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('webhook_id', t.id, (c) => c.notNull())
        .addColumn('organization_id', t.id, (c) => c.notNull())
        .addColumn('event_id', t.code(64), (c) => c.notNull())
        .addColumn('event_type', t.code(64), (c) => c.notNull())
        .addColumn('job_id', t.id, (c) => c.notNull())
        .addColumn('payload', t.longText, (c) => c.notNull())
        .addColumn('status', t.code(16), (c) => c.notNull())
        .addColumn('attempt', t.int, (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.ts)
        .addColumn('lease_token', t.id)
        .addColumn('lease_expires_at', t.ts)
        .addColumn('enqueued_at', t.ts)
        .addColumn('created_at', t.ts, (c) => c.notNull())
        .addColumn('updated_at', t.ts, (c) => c.notNull())
        .addColumn('delivered_at', t.ts)
        .addColumn('last_status_code', t.int)
        .addColumn('last_error', t.text(400))
        .addColumn('attempts_json', t.longText)
        .execute();
      // One delivery per endpoint and event: a repeated fan-out inserts nothing twice.
      await db.schema
        .createIndex('ux_deliveries_webhook_event')
        .on('webhook_deliveries')
        .columns(['webhook_id', 'event_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('ix_deliveries_webhook_created')
        .on('webhook_deliveries')
        .columns(['webhook_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('ix_deliveries_status_next')
        .on('webhook_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('webhook_deliveries').execute();
      await db.schema.dropTable('webhooks').execute();
      const drop = db.schema.dropIndex('ix_jobs_status_events');
      await (kind === 'mssql' ? drop.on('export_jobs') : drop).execute();
      for (const column of ['events_queued_at', 'progress_at', 'rows_per_second', 'rows_total']) {
        await db.schema.alterTable('export_jobs').dropColumn(column).execute();
      }
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function migrationProvider(kind: SqlKind): MigrationProvider {
  return {
    getMigrations: async () => ({
      '0001_initial': initial(kind),
      '0002_api': api(kind),
      '0005_experience': experience(kind),
    }),
  };
}
