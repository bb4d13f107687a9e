import { inject } from 'vitest';
import { Settings as S } from '../../../shared/config/settings.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import type { AppDeps } from '../../../shared/app/deps.js';
import { sqlDatasetSource } from '../../../shared/adapters/sql/datasetSource.js';
import { silentLogger } from '../../../shared/adapters/log/jsonLogger.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { JobMessage } from '../../../shared/ports/jobQueue.js';
import { fakeClock } from '../../support/fakeClock.js';
import { ACME, TEST_SECRET, testEnv, type TestEnv } from '../../support/testServices.js';
import { recordingQueue } from './ports.js';

export const T0 = '2026-07-01T00:00:00.000Z';
export const acmeAdmin: Principal = { userId: 'user-admin', organizationId: ACME, roles: ['Admin'] };

/** A request body as a client would POST it. */
export const exportBody = (
  format: 'csv' | 'json' | 'ndjson',
  o: { gzip?: boolean; dataType?: 'sessions' | 'users'; from?: string; to?: string } = {},
) => ({
  dataType: o.dataType ?? 'sessions',
  format,
  dateRange: { from: o.from ?? '2026-01-01', to: o.to ?? '2026-06-30' },
  ...(o.gzip ? { compression: 'gzip' } : {}),
});

export interface ReliabilityEnv extends TestEnv {
  readonly clock: ReturnType<typeof fakeClock>;
  /** The app settings of this environment, for a worker child process to build the same services. */
  readonly settings: Record<string, string>;
  readonly connectionString: string;
  readonly pageSize: number;
  readonly blockSize: number;
  /** The services' deps with a fake clock and the test page size, plus any replacements. */
  deps(replace?: Partial<AppDeps>): AppDeps;
  /** Creates a job through the create use case and returns it with the doorbell it rang. */
  newJob(body: unknown): Promise<{ job: ExportJob; message: JobMessage }>;
}

/**
 * testEnv (real SQLite file + container on the shared Azurite) with a fake clock, small blocks and
 * pages so a few thousand rows make many checkpoints, and the settings a child process needs.
 */
export async function reliabilityEnv(
  o: {
    sessions?: number;
    users?: number;
    settings?: Record<string, string>;
    pageSize?: number;
    blockSize?: number;
    progressIntervalMs?: number;
  } = {},
): Promise<ReliabilityEnv> {
  const clock = fakeClock(T0);
  const blockSize = o.blockSize ?? 64 * 1024;
  const pageSize = o.pageSize ?? 250;
  const extra = { [S.leaseSeconds]: '5', [S.retryBaseSeconds]: '1', [S.retryCapSeconds]: '4', ...o.settings };
  const env = await testEnv({
    clock,
    blockSize,
    progressIntervalMs: o.progressIntervalMs ?? 200,
    ...(o.sessions !== undefined ? { sessions: o.sessions } : {}),
    ...(o.users !== undefined ? { users: o.users } : {}),
    env: extra,
  });
  const connectionString = inject('azuriteConnectionString');
  const settings = {
    [S.sqlitePath]: env.sqlitePath,
    [S.blobConnectionString]: connectionString,
    [S.blobContainer]: env.container,
    [S.authHs256Secret]: TEST_SECRET,
    ...extra,
  };
  const base = env.services.deps;
  const source = sqlDatasetSource(env.services.sql.db, env.services.sql.flavor, pageSize);
  const deps = (replace: Partial<AppDeps> = {}): AppDeps => ({ ...base, source, ...replace });
  return {
    ...env,
    clock,
    settings,
    connectionString,
    pageSize,
    blockSize,
    deps,
    async newJob(body) {
      const queue = recordingQueue();
      const job = await createExportJob(deps({ queue }), acmeAdmin, body, silentLogger);
      const first = queue.sent[0];
      if (!first) throw new Error('no doorbell was sent');
      return { job, message: first.message };
    },
  };
}
