import './heapFlags.js';
import type { Config } from '../config/config.js';
import type { ExportPolicy, Services } from '../app/services.js';
import type { Clock } from '../ports/clock.js';
import { deliveryMessageIdOf, type DeliveryMessage, type DeliveryQueue, type JobQueue } from '../ports/jobQueue.js';
import type { WebhookSender } from '../ports/webhookSender.js';
import { sqlWebhookStore } from '../adapters/sql/webhookStore.js';
import { httpWebhookSender } from '../adapters/webhook/httpWebhookSender.js';
import type { Logger } from '../ports/logger.js';
import type { TokenVerifier } from '../ports/tokenVerifier.js';
import { openMssql, openSqlite, prepareSchema, type SqlHandle } from '../adapters/sql/connect.js';
import { sqlJobRepository } from '../adapters/sql/jobRepository.js';
import { sqlAuditTrail } from '../adapters/sql/auditTrail.js';
import { compilePageRead, sqlDatasetSource } from '../adapters/sql/datasetSource.js';
import { azureBlobStore } from '../adapters/blob/azureBlobStore.js';
import { hs256Verifier } from '../adapters/auth/hs256.js';
import { inProcessQueue, type InProcessQueue } from '../adapters/queue/inProcessQueue.js';
import { sinkLogger, stdoutSink } from '../adapters/log/jsonLogger.js';
import { systemClock } from '../adapters/systemClock.js';
import { inlinePageWorkers } from '../app/export/encodePage.js';
import { readCaches } from '../app/readCaches.js';
import { cachingVerifier } from '../adapters/auth/cachingVerifier.js';
import { threadPageWorkers } from './pageThreads.js';

/**
 * What one process runs on: the services every handler gets, plus what only the host itself
 * touches — closing them, the embedded queue it consumes, the SQL handle it seeds.
 */
export interface Runtime {
  readonly services: Services;
  readonly sql: SqlHandle;
  /** Present in the embedded setup: the local host consumes it. */
  readonly localQueue?: InProcessQueue;
  /** The webhook deliveries' in-process queue (embedded setup). */
  readonly localDeliveryQueue?: InProcessQueue<DeliveryMessage>;
  /** Creates the exports container if missing (embedded/Azurite only; Bicep creates it in Azure). */
  ensureContainer(): Promise<void>;
  close(): Promise<void>;
}

/** What a host or a test may choose besides the config. */
export interface RuntimeOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Storage service version for SAS tokens (Azurite 3.35 accepts up to 2025-11-05). */
  readonly sasVersion?: string;
  /** Random source for backoff jitter. */
  readonly random?: () => number;
  /** How webhooks are POSTed (tests pass one with a fake resolver). */
  readonly webhookSender?: WebhookSender;
}

/** The export policy from the validated config: every default is the config schema's. */
export function exportPolicy(config: Config): ExportPolicy {
  return {
    fileTtlHours: config.files.ttlHours,
    sasTtlMinutes: config.files.sasTtlMinutes,
    pdfRowCap: config.pdf.rowCap,
    leaseSeconds: config.leaseSeconds,
    retry: config.retry,
    resendAfterSeconds: config.export.resendAfterSeconds,
    reconcileWindowMinutes: config.export.reconcileWindowMinutes,
    blockSizeBytes: config.export.blockSizeBytes,
    progressIntervalMs: config.export.progressIntervalMs,
    writers: { pdf: config.pdf, xlsx: config.xlsx },
    limits: config.limits,
    downloadRedirectBytes: config.downloadRedirectBytes,
    auditRetentionDays: config.auditRetentionDays,
    eventsMaxSeconds: config.eventsMaxSeconds,
    webhooks: {
      maxAttempts: config.webhooks.maxAttempts,
      retryBaseSeconds: config.webhooks.retryBaseSeconds,
      capSeconds: config.webhooks.capSeconds,
      timeoutMs: config.webhooks.timeoutMs,
      secretGraceHours: config.webhooks.secretGraceHours,
      maxPerOrganization: config.webhooks.maxPerOrganization,
      allowLoopback: config.webhooks.allowLoopback,
    },
  };
}

/**
 * The one place that turns validated config into adapters. Every SDK client is made here (or in
 * the adapter factories it calls), once per process.
 */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? sinkLogger(stdoutSink);
  const credential = async (clientId?: string) => {
    const { DefaultAzureCredential } = await import('@azure/identity');
    return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  };

  const sql = config.db.kind === 'sqlite' ? await openSqlite(config.db.path) : await openMssql({ ...config.db });
  try {
    // SQLite: migrate the embedded file. Azure SQL: only check the schema version (no DDL at start).
    await prepareSchema(sql);
  } catch (e) {
    await sql.db.destroy();
    throw e;
  }

  let queue: JobQueue;
  let deliveryQueue: DeliveryQueue;
  let localQueue: InProcessQueue | undefined;
  let localDeliveryQueue: InProcessQueue<DeliveryMessage> | undefined;
  if (config.queue.kind === 'memory') {
    localQueue = inProcessQueue({ ...config.localQueue, clock });
    queue = localQueue;
    localDeliveryQueue = inProcessQueue<DeliveryMessage>({ ...config.localQueue, clock, idOf: deliveryMessageIdOf });
    deliveryQueue = localDeliveryQueue;
  } else {
    const { serviceBusQueue } = await import('../adapters/queue/serviceBusQueue.js');
    const connection = config.queue.connectionString
      ? { connectionString: config.queue.connectionString }
      : {
          namespace: required(config.queue.namespace, 'ServiceBusConnection__fullyQualifiedNamespace'),
          credential: await credential(config.queue.clientId),
        };
    queue = await serviceBusQueue({ queueName: config.queue.name, ...connection });
    deliveryQueue = await serviceBusQueue<DeliveryMessage>({
      queueName: config.webhooks.queueName,
      idOf: (m) => ({ messageId: deliveryMessageIdOf(m), correlationId: m.deliveryId, attempt: m.attempt }),
      ...connection,
    });
  }

  const blobs = azureBlobStore({
    auth:
      config.blob.kind === 'connectionString'
        ? { kind: 'connectionString', connectionString: config.blob.connectionString }
        : { kind: 'tokenCredential', accountUrl: config.blob.accountUrl, credential: await credential(config.blob.clientId) },
    container: config.blob.container,
    clock,
    ...(options.sasVersion ? { sasVersion: options.sasVersion } : {}),
  });

  let verifier: TokenVerifier;
  if (config.auth.kind === 'hs256') {
    verifier = hs256Verifier({ ...config.auth, clock });
  } else {
    const { entraVerifier } = await import('../adapters/auth/entraVerifier.js');
    verifier = entraVerifier({
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      maxLifetimeSeconds: config.auth.maxLifetimeSeconds,
      clock,
    });
  }

  const source = sqlDatasetSource(sql.db, sql.flavor, config.export.pageSize, sql.rawRows);
  const pageWorkers =
    config.export.workerThreads > 0 && !(config.db.kind === 'sqlite' && config.db.path === ':memory:')
      ? threadPageWorkers({ db: config.db, pageSize: config.export.pageSize }, config.export.workerThreads, {
          compile: (task) => compilePageRead(sql.db, sql.flavor, config.export.pageSize, task.query),
          inline: inlinePageWorkers(source),
        })
      : inlinePageWorkers(source);
  const services: Services = {
    repo: sqlJobRepository(sql.db, sql.flavor),
    audit: sqlAuditTrail(sql.db, sql.flavor),
    queue,
    blobs,
    source,
    pageWorkers,
    // Each token is verified once until it expires (bounded; see cachingVerifier).
    verifier: cachingVerifier(verifier, { clock }),
    clock,
    logger,
    policy: exportPolicy(config),
    random: options.random ?? Math.random,
    webhooks: sqlWebhookStore(sql.db, sql.flavor),
    deliveryQueue,
    webhookSender: options.webhookSender ?? httpWebhookSender({ allowLoopback: config.webhooks.allowLoopback }),
    caches: readCaches(),
  };

  return {
    services,
    sql,
    ...(localQueue ? { localQueue } : {}),
    ...(localDeliveryQueue ? { localDeliveryQueue } : {}),
    ensureContainer: () => blobs.ensureContainer(),
    async close() {
      await pageWorkers.close();
      await queue.close();
      await deliveryQueue.close();
      await sql.db.destroy();
    },
  };
}

function required<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`setting ${name} is required`);
  return v;
}
