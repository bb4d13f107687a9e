import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openSqlite } from '../../../../shared/adapters/sql/connect.js';
import { sqlJobRepository } from '../../../../shared/adapters/sql/jobRepository.js';
import type { JobRepository } from '../../../../shared/ports/jobRepository.js';
import { jobRepositoryContract } from '../../../contracts/jobRepositoryContract.js';
import { jobRepositoryApiContract } from '../../../contracts/jobRepositoryApiContract.js';
import { auditTrailContract } from '../../../contracts/auditTrailContract.js';
import { sqlAuditTrail } from '../../../../shared/adapters/sql/auditTrail.js';
import { sqlWebhookStore } from '../../../../shared/adapters/sql/webhookStore.js';
import { webhookStoreContract } from '../../../contracts/webhookStoreContract.js';
import { describeLive, LiveEnv, liveMssql, unset } from '../../../contracts/live.js';

// Embedded: a fresh SQLite file per test, migrated like production.
const sqliteTarget = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobrepo-'));
  const handle = await openSqlite(join(dir, 'jobs.db'));
  await migrate(handle);
  return {
    repo: sqlJobRepository(handle.db, handle.flavor),
    audit: sqlAuditTrail(handle.db, handle.flavor),
    store: sqlWebhookStore(handle.db, handle.flavor),
    cleanup: async () => {
      await handle.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
jobRepositoryContract('SQLite file', sqliteTarget);
jobRepositoryApiContract('SQLite file', sqliteTarget);
auditTrailContract('SQLite file', sqliteTarget);
webhookStoreContract('SQLite file', sqliteTarget);

// Azure SQL: one pool for the file; each test deletes the jobs it inserted.
describeLive('Azure SQL job repository', unset(LiveEnv.mssqlServer, LiveEnv.mssqlDatabase), () => {
  const handle = liveMssql();

  const liveTarget = async () => {
    const h = await handle();
    const repo = sqlJobRepository(h.db, h.flavor);
    const ids: string[] = [];
    const tracked: JobRepository = {
      ...repo,
      insert: (job) => {
        ids.push(job.id);
        return repo.insert(job);
      },
    };
    return {
      repo: tracked,
      cleanup: async () => {
        if (ids.length > 0) await h.db.deleteFrom('export_jobs').where('id', 'in', ids).execute();
      },
    };
  };
  jobRepositoryContract('Azure SQL', liveTarget);
  jobRepositoryApiContract('Azure SQL', liveTarget);
  // Audit records of the contract carry fresh job and actor ids; they age out with the retention.
  auditTrailContract('Azure SQL', async () => {
    const h = await handle();
    return { audit: sqlAuditTrail(h.db, h.flavor), cleanup: async () => undefined };
  });
});
