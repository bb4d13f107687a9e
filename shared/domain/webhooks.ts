import { failureOf, type ExportJob, type JobStatus } from './job.js';
import { classifyAddress, isIpLiteral } from './networkAddress.js';

/**
 * Completion webhooks: an organization's Admins register https endpoints; when one of its jobs
 * first reaches Completed, Failed or Cancelled (or Expired, if it got there unannounced) every
 * endpoint registered by then gets one signed event, delivered at least once through the queue
 * and retried with backoff. The delivery row is the truth (as the job row is for exports); the
 * queue message is its doorbell.
 */
export interface Webhook {
  readonly id: string;
  readonly organizationId: string;
  /** https URL the events are POSTed to. */
  readonly url: string;
  readonly description: string | null;
  /** The signing secret (`whsec_…`): shown once, when created or rotated; never logged. */
  readonly secret: string;
  /** After a rotation, the old secret signs too until `previousSecretExpiresAt`. */
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly secretRotatedAt: string | null;
}

export const deliveryStatuses = ['Pending', 'Delivered', 'Failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One try at delivering an event, as the delivery log shows it. */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: string;
  /** The endpoint's HTTP status; null when no response came (refused, timeout, network). */
  readonly statusCode: number | null;
  /** Why it did not count as delivered (safe to show: no secrets, no response body). */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly organizationId: string;
  readonly eventId: string;
  readonly eventType: JobEventType;
  readonly jobId: string;
  /** The exact body every attempt sends (so retries are byte-identical, only the signature's time changes). */
  readonly payload: string;
  readonly status: DeliveryStatus;
  /** Attempts started so far. */
  readonly attempt: number;
  readonly nextAttemptAt: string | null;
  readonly leaseToken: string | null;
  readonly leaseExpiresAt: string | null;
  /** When the doorbell of the next attempt was last sent (outbox). */
  readonly enqueuedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
  readonly attempts: readonly DeliveryAttempt[];
}

export const jobEventTypes = ['export_job.completed', 'export_job.failed', 'export_job.cancelled', 'export_job.expired'] as const;
export type JobEventType = (typeof jobEventTypes)[number];

const eventTypeByStatus: Partial<Record<JobStatus, JobEventType>> = {
  Completed: 'export_job.completed',
  Failed: 'export_job.failed',
  Cancelled: 'export_job.cancelled',
  Expired: 'export_job.expired',
};

export const eventTypeOf = (status: JobStatus): JobEventType | undefined => eventTypeByStatus[status];

/** One event per job (its first terminal state): receivers deduplicate on this id. */
export const eventIdOf = (jobId: string): string => `evt_${jobId.replace(/-/g, '')}`;

/** The body of a delivery: what happened to which job, in the API's own terms. */
export interface JobEvent {
  readonly id: string;
  readonly type: JobEventType;
  readonly createdAt: string;
  readonly data: {
    readonly jobId: string;
    readonly organizationId: string;
    readonly status: JobStatus;
    readonly dataType: string;
    readonly format: string;
    readonly dateRange: { readonly from: string; readonly to: string };
    readonly rowCount: number | null;
    readonly sizeBytes: number | null;
    readonly sha256: string | null;
    readonly fileName: string;
    readonly completedAt: string | null;
    readonly expiresAt: string | null;
    readonly error: { readonly code: string; readonly message: string } | null;
    readonly links: { readonly self: string; readonly download?: string };
  };
}

export function jobEventOf(job: ExportJob, type: JobEventType, at: string): JobEvent {
  return {
    id: eventIdOf(job.id),
    type,
    createdAt: at,
    data: {
      jobId: job.id,
      organizationId: job.organizationId,
      status: job.status,
      dataType: job.request.dataType,
      format: job.request.format,
      dateRange: job.request.dateRange,
      rowCount: job.rowCount,
      sizeBytes: job.sizeBytes,
      sha256: job.sha256,
      fileName: job.fileName,
      completedAt: job.completedAt,
      expiresAt: job.expiresAt,
      error: failureOf(job),
      links: {
        self: `/api/export-jobs/${job.id}`,
        ...(job.status === 'Completed' ? { download: `/api/export-jobs/${job.id}/download` } : {}),
      },
    },
  };
}

/** How deliveries are retried. */
export interface WebhookPolicy {
  /** Attempts before a delivery is Failed for good. */
  readonly maxAttempts: number;
  /** First retry delay, doubled each attempt up to `capSeconds`. */
  readonly retryBaseSeconds: number;
  readonly capSeconds: number;
  /** An endpoint gets this long to answer, ms. */
  readonly timeoutMs: number;
  /** How long an old secret keeps signing after a rotation, hours. */
  readonly secretGraceHours: number;
  /** Endpoints one organization may register. */
  readonly maxPerOrganization: number;
  /** Loopback targets (and plain http to them) are allowed: the embedded host's tests only. */
  readonly allowLoopback: boolean;
}

/** Delay before attempt `next` (2, 3, …): base · 2^(next − 2), capped. */
export const retryDelaySeconds = (policy: Pick<WebhookPolicy, 'retryBaseSeconds' | 'capSeconds'>, next: number): number =>
  Math.min(policy.capSeconds, policy.retryBaseSeconds * 2 ** Math.max(0, next - 2));

/** Did the endpoint take the event? Only a 2xx counts (a redirect is not followed). */
export const accepted = (statusCode: number | null): boolean => statusCode !== null && statusCode >= 200 && statusCode < 300;

/**
 * What is wrong with an endpoint URL at registration, or undefined when it is acceptable:
 * https only (plain http only for loopback when allowed), no credentials, no fragment, and a host
 * that is a name or a public address. Names are resolved and checked again at every delivery —
 * a name that points at a private address then is refused then (DNS rebinding).
 */
export function webhookUrlProblem(url: string, allowLoopback: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  // Stryker disable next-line Regex: a URL's hostname can hold a bracket only as the first and last character (IPv6)
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const literal = isIpLiteral(host);
  const loopbackHost = host === 'localhost' || host.endsWith('.localhost') || (literal && classifyAddress(host) === 'loopback');
  if (parsed.protocol !== 'https:' && !(allowLoopback && parsed.protocol === 'http:' && loopbackHost)) return 'must use https';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (parsed.hash) return 'must not have a fragment';
  if (loopbackHost) return allowLoopback ? undefined : 'must not point at this machine (loopback)';
  if (literal && classifyAddress(host) !== 'public') return 'must not point at a private, link-local or reserved address';
  if (!literal && !host.includes('.')) return 'must name a public host';
  return undefined;
}
