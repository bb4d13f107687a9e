import type { BlobStore } from '../ports/blobStore.js';
import type { Clock } from '../ports/clock.js';
import type { DatasetSource } from '../ports/datasetSource.js';
import type { JobQueue } from '../ports/jobQueue.js';
import type { JobRepository } from '../ports/jobRepository.js';
import type { Logger } from '../ports/logger.js';
import type { TokenVerifier } from '../ports/tokenVerifier.js';
import type { WriterSettings } from '../writers/registry.js';
import type { RetryPolicy } from './export/backoff.js';

/** What the use cases need: the ports plus the policy knobs, built once by a composition root. */
export interface AppDeps {
  readonly repo: JobRepository;
  readonly queue: JobQueue;
  readonly blobs: BlobStore;
  readonly source: DatasetSource;
  readonly verifier: TokenVerifier;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: {
    readonly fileTtlHours: number;
    readonly sasTtlMinutes: number;
    readonly pdfRowCap: number;
    readonly leaseSeconds: number;
    readonly retry: RetryPolicy;
    /** A Pending job whose doorbell is older than this is re-sent by the sweeper (seconds). */
    readonly resendAfterSeconds: number;
    readonly blockSize?: number;
    readonly progressIntervalMs?: number;
  };
  readonly writers: WriterSettings;
  /** Random source for backoff jitter (tests pass a seeded one). */
  readonly random?: () => number;
}
