// @ts-nocheck
import { inject } from 'vitest';
import { Settings as S } from '../../../shared/config/settings.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import type { Services } from '../../../shared/app/services.js';
import { silentLogger } from '../../../shared/adapters/log/jsonLogger.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { JobMessage } from '../../../shared/ports/jobQueue.js';
import { testClock } from '../../support/testClock.js';
import { ACME, testEnv, type TestEnv } from '../../support/testServices.js';
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
  readonly clock: ReturnType<typeof testClock>;
  readonly connectionString: string;
  readonly pageSize: number;
  readonly blockSize: number;
  /** The services with the test clock and the small pages and blocks, plus any replacements. */
  deps(replace?: Partial<Services>): Services;
  /** Creates a job through the create use case and returns it with the doorbell it rang. */
  newJob(body: unknown): Promise<{ job: ExportJob; message: JobMessage }>;
}

/**
 * testEnv (real SQLite file + container on the shared Azurite) with a test clock, small blocks and
 * pages so a few thousand rows make many checkpoints, and the settings a child process needs to
 * build the same services.
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
  const clock = testClock(T0);
  const blockSize = o.blockSize ?? 64 * 1024;
  const pageSize = o.pageSize ?? 250;
  const env = await testEnv({
    clock,
    ...(o.sessions !== undefined ? { sessions: o.sessions } : {}),
    ...(o.users !== undefined ? { users: o.users } : {}),
    env: {
      [S.leaseSeconds]: '5',
      [S.retryBaseSeconds]: '1',
      [S.retryCapSeconds]: '4',
      [S.blockSizeBytes]: String(blockSize),
      [S.pageSize]: String(pageSize),
      [S.progressIntervalMs]: String(o.progressIntervalMs ?? 200),
      ...o.settings,
    },
  });
  const deps = (replace: Partial<Services> = {}): Services => ({ ...env.services, ...replace });
  return {
    ...env,
    clock,
    connectionString: inject('azuriteConnectionString'),
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
