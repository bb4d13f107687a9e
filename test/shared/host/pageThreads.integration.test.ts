import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openSqlite } from '../../../shared/adapters/sql/connect.js';
import { compilePageRead, sqlDatasetSource } from '../../../shared/adapters/sql/datasetSource.js';
import { DEMO_ORGS, seedDemoData } from '../../../shared/adapters/sql/seed.js';
import { inlinePageWorkers } from '../../../shared/app/export/encodePage.js';
import { threadPageWorkers } from '../../../shared/host/pageThreads.js';
import { pageWorkersContract } from '../../contracts/pageWorkersContract.js';

// The production page workers: two worker threads of the compiled app (dist/), each with its own
// read-only connection to a real SQLite file, against the same contract as the inline fake.
pageWorkersContract('worker threads over a SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'page-threads-'));
  const path = join(dir, 'export.db');
  const handle = await openSqlite(path);
  await migrate(handle);
  await seedDemoData(handle.db, handle.flavor, { usersPerOrg: 40, sessionsPerOrg: 600 });
  const pageSize = 10;
  const source = sqlDatasetSource(handle.db, handle.flavor, pageSize, handle.rawRows);
  const workers = threadPageWorkers({ db: { kind: 'sqlite', path }, pageSize }, 2, {
    compile: (task) => compilePageRead(handle.db, handle.flavor, pageSize, task.query),
    inline: inlinePageWorkers(source),
  });
  return {
    workers,
    source,
    organizationId: DEMO_ORGS[0].id,
    async cleanup() {
      await workers.close();
      await handle.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
