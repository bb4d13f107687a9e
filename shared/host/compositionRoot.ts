import type { Config } from '../config/config.js';
import type { AppDeps } from '../app/deps.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/jobQueue.js';
import type { Logger } from '../ports/logger.js';
import type { TokenVerifier } from '../ports/tokenVerifier.js';
import { migrate, openMssql, openSqlite, type SqlHandle } from '../adapters/sql/connect.js';
import { sqlJobRepository } from '../adapters/sql/jobRepository.js';
import { sqlDatasetSource } from '../adapters/sql/datasetSource.js';
import { azureBlobStore } from '../adapters/blob/azureBlobStore.js';
import { hs256Verifier } from '../adapters/auth/hs256.js';
import { inProcessQueue, type InProcessQueue } from '../adapters/queue/inProcessQueue.js';
import { sinkLogger, stdoutSink } from '../adapters/log/jsonLogger.js';

export interface Services {
  readonly deps: AppDeps;
  readonly sql: SqlHandle;
  /** Present in the embedded setup: the local host consumes it. */
  readonly localQueue?: InProcessQueue;
  /** Creates the exports container if missing (embedded/Azurite only; Bicep creates it in Azure). */
  ensureContainer(): Promise<void>;
  close(): Promise<void>;
}

export interface Overrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Storage service version for SAS tokens (Azurite 3.35 accepts up to 2025-11-05). */
  readonly sasVersion?: string;
  readonly queueConcurrency?: number;
  readonly maxDeliveryCount?: number;
  readonly resendAfterSeconds?: number;
  readonly blockSize?: number;
  readonly progressIntervalMs?: number;
}

/**
 * The one place that turns validated config into adapters. Every SDK client is made here (or in
 * the adapter factories it calls), once per process.
 */
export async function createServices(config: Config, o: Overrides = {}): Promise<Services> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? sinkLogger(stdoutSink);
  const credential = async (clientId?: string) => {
    const { DefaultAzureCredential } = await import('@azure/identity');
    return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  };

  const sql = config.db.kind === 'sqlite' ? await openSqlite(config.db.path) : await openMssql({ ...config.db });
  await migrate(sql);

  let queue: JobQueue;
  let localQueue: InProcessQueue | undefined;
  if (config.queue.kind === 'memory') {
    localQueue = inProcessQueue({ maxDeliveryCount: o.maxDeliveryCount ?? 5, concurrency: o.queueConcurrency ?? 2 });
    queue = localQueue;
  } else {
    const { serviceBusQueue } = await import('../adapters/queue/serviceBusQueue.js');
    queue = await serviceBusQueue({
      queueName: config.queue.name,
      ...(config.queue.connectionString
        ? { connectionString: config.queue.connectionString }
        : {
            namespace: required(config.queue.namespace, 'ServiceBusConnection__fullyQualifiedNamespace'),
            credential: await credential(config.queue.clientId),
          }),
    });
  }

  const blobs = azureBlobStore({
    auth:
      config.blob.kind === 'connectionString'
        ? { kind: 'connectionString', connectionString: config.blob.connectionString }
        : { kind: 'tokenCredential', accountUrl: config.blob.accountUrl, credential: await credential(config.blob.clientId) },
    container: config.blob.container,
    clock,
    ...(o.sasVersion ? { sasVersion: o.sasVersion } : {}),
  });

  let verifier: TokenVerifier;
  if (config.auth.kind === 'hs256') {
    verifier = hs256Verifier({ ...config.auth, clock });
  } else {
    const { entraVerifier } = await import('../adapters/auth/entraVerifier.js');
    verifier = entraVerifier({ issuer: config.auth.issuer, audience: config.auth.audience, clock });
  }

  const deps: AppDeps = {
    repo: sqlJobRepository(sql.db, sql.flavor),
    queue,
    blobs,
    source: sqlDatasetSource(sql.db, sql.flavor),
    verifier,
    clock,
    logger,
    policy: {
      fileTtlHours: config.files.ttlHours,
      sasTtlMinutes: config.files.sasTtlMinutes,
      pdfRowCap: config.pdf.rowCap,
      leaseSeconds: config.leaseSeconds,
      retry: config.retry,
      resendAfterSeconds: o.resendAfterSeconds ?? 60,
      ...(o.blockSize ? { blockSize: o.blockSize } : {}),
      ...(o.progressIntervalMs !== undefined ? { progressIntervalMs: o.progressIntervalMs } : {}),
    },
    writers: { pdf: config.pdf, xlsx: config.xlsx },
  };

  return {
    deps,
    sql,
    ...(localQueue ? { localQueue } : {}),
    ensureContainer: () => blobs.ensureContainer(),
    async close() {
      await queue.close();
      await sql.db.destroy();
    },
  };
}

function required<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`setting ${name} is required`);
  return v;
}
