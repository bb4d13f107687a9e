import type { ExportLimits } from '../domain/limits.js';
import type { RetryPolicy } from '../domain/retryPolicy.js';
import type { AuditTrail } from '../ports/auditTrail.js';
import type { BlobStore } from '../ports/blobStore.js';
import type { Clock } from '../ports/clock.js';
import type { DatasetSource } from '../ports/datasetSource.js';
import type { DeliveryQueue, JobQueue } from '../ports/jobQueue.js';
import type { WebhookStore } from '../ports/webhookStore.js';
import type { WebhookSender } from '../ports/webhookSender.js';
import type { WebhookPolicy } from '../domain/webhooks.js';
import type { JobRepository } from '../ports/jobRepository.js';
import type { Logger } from '../ports/logger.js';
import type { PageWorkers } from '../ports/pageWorkers.js';
import type { TokenVerifier } from '../ports/tokenVerifier.js';
import type { WriterSettings } from './export/writers/registry.js';
import type { ReadCaches } from './readCaches.js';

/**
 * How exports behave: every knob the use cases read, built once from the validated config by the
 * composition root (the defaults live in the config schema, nowhere else).
 */
export interface ExportPolicy {
  /** Hours a finished file is kept before the purge deletes it. */
  readonly fileTtlHours: number;
  /** Minutes a download SAS URL stays valid (never past the file's expiry). */
  readonly sasTtlMinutes: number;
  readonly pdfRowCap: number;
  /** Seconds a worker's lease lasts without a heartbeat. */
  readonly leaseSeconds: number;
  readonly retry: RetryPolicy;
  /** A Pending job whose doorbell is older than this is re-sent by the sweeper (seconds). */
  readonly resendAfterSeconds: number;
  /** The sweeper checks that jobs completed this recently still have their files (minutes). */
  readonly reconcileWindowMinutes: number;
  /** Bytes per staged block; each block boundary of a text format is a checkpoint. */
  readonly blockSizeBytes: number;
  /** Progress (and the lease) is written at least this often while an export runs, ms. */
  readonly progressIntervalMs: number;
  readonly writers: WriterSettings;
  /** What one tenant and one user may consume; checked before anything is queued. */
  readonly limits: ExportLimits;
  /** Files larger than this are downloaded by a redirect to a SAS URL, not streamed through the API. */
  readonly downloadRedirectBytes: number;
  /** Days an audit record is kept. */
  readonly auditRetentionDays: number;
  /** Longest life of one Server-Sent Events stream of a job, seconds (the client reconnects). */
  readonly eventsMaxSeconds: number;
  /** How webhook deliveries are retried, and which endpoints are allowed. */
  readonly webhooks: WebhookPolicy;
}

/**
 * Everything a use case may use: the ports and the policy. One bag, built once per process by a
 * composition root (shared/host/compositionRoot.ts) and handed to every handler.
 */
export interface Services {
  readonly repo: JobRepository;
  readonly audit: AuditTrail;
  readonly queue: JobQueue;
  readonly blobs: BlobStore;
  readonly source: DatasetSource;
  /** Read and encode export pages (worker threads in the hosts; inline over `source` in unit tests). */
  readonly pageWorkers: PageWorkers;
  readonly verifier: TokenVerifier;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: ExportPolicy;
  /** Random source for backoff jitter (tests pass a seeded one). */
  readonly random: () => number;
  /** Webhook endpoints and their delivery log. */
  readonly webhooks: WebhookStore;
  /** The deliveries' doorbells (their own queue). */
  readonly deliveryQueue: DeliveryQueue;
  /** POSTs an event to an endpoint, refusing private targets. */
  readonly webhookSender: WebhookSender;
  /** What the job GET remembers between requests (download URLs handed out, files checked). */
  readonly caches: ReadCaches;
}
