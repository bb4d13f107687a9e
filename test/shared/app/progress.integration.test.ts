import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExport } from '../../../shared/app/processExport.js';
import { Settings as S } from '../../../shared/config/settings.js';
import { silentLogger } from '../../../shared/adapters/log/jsonLogger.js';
import type { PageWorkers } from '../../../shared/ports/pageWorkers.js';
import { ACME, testEnv, type TestEnv } from '../../support/testServices.js';
import { exportRequest, insertJob } from '../../support/insertJob.js';

let env: TestEnv;
beforeAll(async () => {
  // 3,000 sessions per organization → two pages of 2,000 and 1,000 rows; progress every page.
  env = await testEnv({ users: 30, sessions: 3000, env: { [S.progressIntervalMs]: '0' } });
});
afterAll(async () => env.cleanup());

describe('progress while an export runs', () => {
  it('shows Processing with rowsWritten advancing before the export completes', async () => {
    const deps = env.services;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Hold the export's second page (pages are read ahead in parallel, so holding its result is
    // what keeps the export mid-run after the first page was written).
    const pageWorkers: PageWorkers = {
      ...deps.pageWorkers,
      async run(task) {
        const page = await deps.pageWorkers.run(task);
        if (task.rowsBefore === 2000) await gate;
        return page;
      },
    };
    const { id } = await insertJob(deps.repo, ACME, exportRequest({ format: 'ndjson' }));
    const running = processExport({ ...deps, pageWorkers }, { jobId: id, attempt: 1 }, silentLogger);
    try {
      // The first page's progress shows up while the second is held (or the wait times out).
      let mid = await deps.repo.get(id);
      for (let waited = 0; (mid?.rowsWritten ?? 0) === 0 && waited < 10_000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
        mid = await deps.repo.get(id);
      }
      expect(mid).toMatchObject({ status: 'Processing', rowsWritten: 2000, rowCount: null });
    } finally {
      release();
    }
    expect(await running).toBe('completed');
    expect(await deps.repo.get(id)).toMatchObject({ status: 'Completed', rowsWritten: 3000, rowCount: 3000 });
  });
});
