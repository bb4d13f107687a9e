import type { ExportJob } from '../domain/job.js';
import { claimableAt } from '../domain/lifecycle.js';
import type { Services } from './services.js';

/** How far down the claim order positions are counted; a job further back shows none. */
export const QUEUE_POSITION_HORIZON = 500;

/**
 * Where each Pending job stands in the order free workers claim jobs (the domain's fair claim
 * order: organizations with fewer running exports first, then the oldest): 1 = the next job a free
 * worker takes. One query for any number of jobs, and none when no job is Pending. A job waiting
 * for a backoff retry is not claimable yet and has no position.
 */
export async function queuePositions(
  services: Pick<Services, 'repo' | 'clock'>,
  jobs: readonly ExportJob[],
): Promise<ReadonlyMap<string, number>> {
  if (!jobs.some((j) => j.status === 'Pending')) return new Map();
  const now = services.clock.now().toISOString();
  const order = await services.repo.find(claimableAt(now), {
    orderBy: { kind: 'fairShare', now },
    limit: QUEUE_POSITION_HORIZON,
  });
  // A Processing job whose worker died is claimable too, and ahead of those behind it.
  return new Map(order.map((j, i) => [j.id, i + 1]));
}
