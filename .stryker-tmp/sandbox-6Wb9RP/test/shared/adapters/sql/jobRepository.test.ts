// @ts-nocheck
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openSqlite } from '../../../../shared/adapters/sql/connect.js';
import { sqlJobRepository } from '../../../../shared/adapters/sql/jobRepository.js';
import type { JobRepository } from '../../../../shared/ports/jobRepository.js';
import { jobRepositoryContract } from '../../../contracts/jobRepositoryContract.js';
import { describeLive, LiveEnv, liveMssql, unset } from '../../../contracts/live.js';

// Embedded: a fresh SQLite file per test, migrated like production.
jobRepositoryContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobrepo-'));
  const handle = await openSqlite(join(dir, 'jobs.db'));
  await migrate(handle);
  return {
    repo: sqlJobRepository(handle.db, handle.flavor),
    cleanup: async () => {
      await handle.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// Azure SQL: one pool for the file; each test deletes the jobs it inserted.
describeLive('Azure SQL job repository', unset(LiveEnv.mssqlServer, LiveEnv.mssqlDatabase), () => {
  const handle = liveMssql();

  jobRepositoryContract('Azure SQL', async () => {
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
  });
});
