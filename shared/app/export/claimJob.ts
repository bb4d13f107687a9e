import { addSeconds } from '../../domain/dates.js';
import type { ExportJob, Snapshot } from '../../domain/job.js';
import { claimableAt, lifecycle } from '../../domain/lifecycle.js';
import type { Services } from '../services.js';

/** How many of the fairest claimable jobs one doorbell tries before it gives up (others raced it). */
const CANDIDATES = 8;

/**
 * Claims a job for one attempt under a fresh lease, fixing its snapshot at the first claim. The
 * doorbell names a job, but the claim follows the domain's fair claim order (lifecycle.ts
 * `FairClaimOrder`): the claimable job of the organization with the fewest running jobs, the named
 * job first among equals. Undefined when there is nothing to claim (a duplicate or stale doorbell
 * and no other job due, or every candidate taken by concurrent workers).
 */
export async function claimJob(
  services: Pick<Services, 'repo' | 'source' | 'clock' | 'policy'>,
  jobId: string,
  leaseToken: string,
): Promise<ExportJob | undefined> {
  const { repo, source, clock, policy } = services;
  const now = clock.now();
  const at = now.toISOString();
  const lease = { token: leaseToken, expiresAt: addSeconds(now, policy.leaseSeconds) };
  const candidates = await repo.find(claimableAt(at), {
    orderBy: { kind: 'fairShare', now: at, prefer: jobId },
    limit: CANDIDATES,
  });
  let claimed: string | undefined;
  for (const candidate of candidates) {
    if (await repo.apply(candidate.id, lifecycle.claim(at, lease))) {
      claimed = candidate.id;
      break;
    }
  }
  if (!claimed) return undefined;
  let job = await repo.get(claimed);
  // Stryker disable next-line ConditionalExpression: without the lease check a taken-over job is only read and counted; fixSnapshot is fenced by the same lease, changes nothing, and the final check returns undefined
  if (job && !job.snapshot && job.leaseToken === leaseToken) {
    const snapshot = { ...(await source.snapshot()), takenAt: at };
    // Counted once, under the snapshot every attempt reads: progress can then show a percentage.
    const rowsTotal = await source.count(countQueryOf(job, snapshot));
    await repo.apply(claimed, lifecycle.fixSnapshot(leaseToken, snapshot, rowsTotal));
    job = await repo.get(claimed);
  }
  // Taken over between the claim and the read (our lease expired already): not ours.
  return job?.leaseToken === leaseToken ? job : undefined;
}

/** The rows a job's export reads (its organization, range and user filter) under a snapshot. */
const countQueryOf = (job: ExportJob, snapshot: Snapshot) => ({
  dataType: job.request.dataType,
  organizationId: job.organizationId,
  from: job.request.dateRange.from,
  to: job.request.dateRange.to,
  snapshot,
  ...(job.request.filters.userId ? { userId: job.request.filters.userId } : {}),
});
