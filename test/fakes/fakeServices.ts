import { sinkLogger } from '../../shared/adapters/log/jsonLogger.js';
import { inlinePageWorkers } from '../../shared/app/export/encodePage.js';
import { readCaches } from '../../shared/app/readCaches.js';
import type { ExportPolicy, Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { LogProps } from '../../shared/ports/logger.js';
import { buildFixture, type Fixture } from '../contracts/datasetFixture.js';
import { testClock, type TestClock } from '../support/testClock.js';
import { memoryAuditTrail } from './memoryAuditTrail.js';
import { memoryBlobStore } from './memoryBlobStore.js';
import { memoryDatasetSource } from './memoryDatasetSource.js';
import { memoryJobRepository } from './memoryJobRepository.js';
import { recordingDeliveryQueue, recordingQueue } from './recordingQueue.js';
import { memoryWebhookStore } from './memoryWebhookStore.js';
import { scriptedWebhookSender } from './scriptedWebhookSender.js';

export const ORG_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const ORG_B = '7d444840-9dc0-41d2-b2d0-2d6b6b3f2c01';

/**
 * The policy of the unit tests: the production defaults, with small blocks so a small export makes
 * several, and quotas and rates out of the way (the tests of limits set their own).
 */
export const testPolicy: ExportPolicy = {
  fileTtlHours: 24,
  sasTtlMinutes: 15,
  pdfRowCap: 100_000,
  leaseSeconds: 120,
  retry: { maxAttempts: 5, baseSeconds: 5, capSeconds: 600 },
  resendAfterSeconds: 60,
  reconcileWindowMinutes: 60,
  blockSizeBytes: 1024,
  progressIntervalMs: 1000,
  writers: { pdf: { pageSize: 'A4', orientation: 'landscape' }, xlsx: { sheetRowLimit: 1_048_576 } },
  limits: {
    maxDateSpanDays: 366,
    maxRows: 1_000_000,
    maxActiveJobsPerOrganization: 1000,
    maxActiveJobsPerUser: 1000,
    createRate: { limit: 1000, windowSeconds: 60 },
    syncRowCap: 10_000,
  },
  downloadRedirectBytes: 4 * 1024 * 1024,
  auditRetentionDays: 365,
  eventsMaxSeconds: 180,
  webhooks: {
    maxAttempts: 4,
    retryBaseSeconds: 30,
    capSeconds: 3600,
    timeoutMs: 10_000,
    secretGraceHours: 24,
    maxPerOrganization: 10,
    allowLoopback: false,
  },
};

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly props: LogProps;
}

/**
 * Services over in-memory fakes of every port — the fast layer's world. The dataset holds the
 * contract fixture (two organizations with awkward rows); the queue records what was sent.
 */
export function fakeServices(
  o: {
    policy?: Partial<ExportPolicy>;
    pageSize?: number;
    clock?: TestClock;
    /** Share one dataset between worlds. */ fixture?: Fixture;
    /** How webhook endpoints answer. */
    sender?: ReturnType<typeof scriptedWebhookSender>;
  } = {},
) {
  const clock = o.clock ?? testClock('2026-07-01T00:00:00.000Z');
  const source = memoryDatasetSource(o.pageSize ?? 7);
  const fixture = o.fixture ?? buildFixture(ORG_A, ORG_B);
  void source.addOrganization(ORG_A, 'Acme');
  void source.addOrganization(ORG_B, 'Globex');
  void source.addUsers(fixture.users);
  void source.addSessions(fixture.sessions);
  const lines: LogLine[] = [];
  const services = {
    repo: memoryJobRepository(),
    audit: memoryAuditTrail(),
    queue: recordingQueue(),
    blobs: memoryBlobStore(clock),
    source,
    pageWorkers: inlinePageWorkers(source),
    verifier: {
      verify: async () => Promise.reject(new AppError('UNAUTHENTICATED', 'Use cases get their principal from the test.')),
    },
    clock,
    logger: sinkLogger((level, msg, props) => void lines.push({ level, msg, props })),
    policy: { ...testPolicy, ...o.policy },
    random: () => 0.5,
    webhooks: memoryWebhookStore(),
    deliveryQueue: recordingDeliveryQueue(),
    webhookSender: o.sender ?? scriptedWebhookSender(),
    caches: readCaches(),
  } satisfies Services;
  return { ...services, fixture, lines };
}

export type FakeServices = ReturnType<typeof fakeServices>;
