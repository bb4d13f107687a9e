import { addSeconds } from '../domain/dates.js';
import { fileShouldExist } from '../domain/lifecycle.js';
import type { Logger } from '../ports/logger.js';
import { checkFile, regenerateFile } from './regenerateFile.js';
import type { Services } from './services.js';

export interface ReconcileOptions {
  /** Only jobs completed this recently; all unexpired Completed jobs when absent. */
  readonly completedWithinMinutes?: number;
  /** At most this many jobs, newest completion first. */
  readonly limit?: number;
}

export interface ReconcileResult {
  readonly checked: number;
  /** Files found missing (or not their recorded size) and sent to be made again. */
  readonly lost: number;
  /** True when storage stopped answering and the pass ended early (the next one tries again). */
  readonly interrupted: boolean;
}

const DEFAULT_LIMIT = 500;
/** Checks in flight at once: each is one small metadata request. */
const PARALLEL_CHECKS = 8;

/**
 * The reconciliation pass: do Completed jobs still have their files? Each is checked cheaply
 * (existence and size, no content), newest completion first, and a job whose file is lost before
 * it expired is sent back to be made again from its snapshot (`regenerateFile`).
 *
 * Newest first because that is where losses are: a hard kill of the local emulator loses the most
 * recent commits, and in Azure a file deleted or mis-expired early is caught while it still matters
 * most. The local host runs this at start, before it serves; both hosts run it with the sweeper over
 * the jobs completed in the last `reconcileWindowMinutes`. Reads (download, job GET) check the file
 * they are about to hand out as well, so an older loss is caught when someone asks for it.
 *
 * A storage error ends the pass early without judging any file: only a definite "not there" or a
 * wrong size sends a job back.
 */
export async function reconcileFiles(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock'>,
  log: Logger,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const now = services.clock.now();
  const since = options.completedWithinMinutes !== undefined ? addSeconds(now, -options.completedWithinMinutes * 60) : undefined;
  const jobs = await services.repo.find(fileShouldExist(now.toISOString(), since), {
    orderBy: 'completedAt',
    newestFirst: true,
    limit: options.limit ?? DEFAULT_LIMIT,
  });
  let checked = 0;
  let lost = 0;
  // Stryker disable next-line EqualityOperator: equivalent — '<=' adds an empty last batch when the count is a multiple of 8, which checks nothing (the '>=' variant hidden with it fails every reconcile test)
  for (let i = 0; i < jobs.length; i += PARALLEL_CHECKS) {
    const batch = jobs.slice(i, i + PARALLEL_CHECKS);
    let checks;
    try {
      checks = await Promise.all(batch.map((job) => checkFile(services, job)));
    } catch (e) {
      log.warn('reconcile.interrupted: storage did not answer', { checked, error: e instanceof Error ? e.name : 'unknown' });
      return { checked, lost, interrupted: true };
    }
    for (const [k, check] of checks.entries()) {
      const job = batch[k];
      checked++;
      if (check.ok || !job) continue;
      if ((await regenerateFile(services, job, check, 'reconcile', log)).sentBack) lost++;
    }
  }
  if (lost > 0) log.warn('reconcile.files_lost', { checked, lost });
  return { checked, lost, interrupted: false };
}
