import { addSeconds } from '../../domain/dates.js';
import type { ExportJob } from '../../domain/job.js';
import { lifecycle } from '../../domain/lifecycle.js';
import type { Services } from '../services.js';

/**
 * Claims a job for one attempt under a fresh lease, fixing its snapshot at the first claim.
 * Undefined when there is nothing to claim (a duplicate or stale doorbell, a job not yet due, one
 * still leased by a live worker, or one that ended).
 */
export async function claimJob(
  services: Pick<Services, 'repo' | 'source' | 'clock' | 'policy'>,
  jobId: string,
  leaseToken: string,
): Promise<ExportJob | undefined> {
  const { repo, source, clock, policy } = services;
  const now = clock.now();
  const lease = { token: leaseToken, expiresAt: addSeconds(now, policy.leaseSeconds) };
  if (!(await repo.apply(jobId, lifecycle.claim(now.toISOString(), lease)))) return undefined;
  let job = await repo.get(jobId);
  if (job && !job.snapshot && job.leaseToken === leaseToken) {
    const snapshot = { ...(await source.snapshot()), takenAt: now.toISOString() };
    await repo.apply(jobId, lifecycle.fixSnapshot(leaseToken, snapshot));
    job = await repo.get(jobId);
  }
  // Taken over between the claim and the read (our lease expired already): not ours.
  return job?.leaseToken === leaseToken ? job : undefined;
}
