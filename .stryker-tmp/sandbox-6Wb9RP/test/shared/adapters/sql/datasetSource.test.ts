// @ts-nocheck
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openSqlite, type SqlHandle } from '../../../../shared/adapters/sql/connect.js';
import { sqlDatasetSource } from '../../../../shared/adapters/sql/datasetSource.js';
import { datasetSourceContract, type DatasetSourceTarget } from '../../../contracts/datasetSourceContract.js';
import { describeLive, LiveEnv, liveMssql, unset } from '../../../contracts/live.js';

/** The contract's fixture rows written through Kysely, the same on both engines. */
function sqlTarget(h: SqlHandle, pageSize: number, onCleanup: () => Promise<void>): DatasetSourceTarget {
  const orgs: string[] = [];
  return {
    source: sqlDatasetSource(h.db, h.flavor, pageSize),
    addOrganization: async (id, name) => {
      orgs.push(id);
      await h.db.insertInto('organizations').values({ id, name }).execute();
    },
    addUsers: async (users) => {
      await h.db
        .insertInto('users')
        .values(
          users.map((u) => ({
            id: u.id,
            organization_id: u.organizationId,
            email: u.email,
            display_name: u.displayName,
            role: u.role,
            department: u.department,
            country: u.country,
            created_at: u.createdAt,
            last_login_at: u.lastLoginAt,
            is_active: u.isActive ? 1 : 0,
          })),
        )
        .execute();
    },
    addSessions: async (sessions) => {
      await h.db
        .insertInto('sessions')
        .values(
          sessions.map((s) => ({
            id: s.id,
            organization_id: s.organizationId,
            user_id: s.userId,
            started_at: s.startedAt,
            ended_at: s.endedAt,
            duration_seconds: s.durationSeconds,
            page_views: s.pageViews,
            bounced: s.bounced ? 1 : 0,
            device: s.device,
            browser: s.browser,
            country: s.country,
            entry_page: s.entryPage,
          })),
        )
        .execute();
    },
    cleanup: async () => {
      if (orgs.length > 0) {
        await h.db.deleteFrom('sessions').where('organization_id', 'in', orgs).execute();
        await h.db.deleteFrom('users').where('organization_id', 'in', orgs).execute();
        await h.db.deleteFrom('organizations').where('id', 'in', orgs).execute();
      }
      await onCleanup();
    },
  };
}

// Embedded: a fresh SQLite file per test, migrated like production.
datasetSourceContract('SQLite file', async (pageSize) => {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
  const h = await openSqlite(join(dir, 'source.db'));
  await migrate(h);
  return sqlTarget(h, pageSize, async () => {
    await h.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
});

// Azure SQL: one pool for the file; each test deletes the organizations it created.
describeLive('Azure SQL dataset source', unset(LiveEnv.mssqlServer, LiveEnv.mssqlDatabase), () => {
  const handle = liveMssql();

  datasetSourceContract('Azure SQL', async (pageSize) => sqlTarget(await handle(), pageSize, async () => undefined));
});
