import { addSeconds } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import { lifecycle } from '../../domain/lifecycle.js';
import type { Services } from '../services.js';
import { encodeCheckpoint, type Checkpoint } from './checkpoint.js';

/**
 * The lease of a running export: step 5 of the pipeline. Every heartbeat extends the lease and
 * records progress (and the checkpoint, when given) as one fenced write; when it changes nothing,
 * the job was cancelled or another attempt took over, and the export stops with LEASE_LOST.
 */
export interface LeaseKeeper {
  /** Writes now; throws LEASE_LOST when the lease is gone. */
  beat(rowsWritten: number, checkpoint?: Checkpoint): Promise<void>;
  /** Writes when the progress interval has passed since the last write. */
  beatIfDue(rowsWritten: number): Promise<void>;
}

/**
 * `startRows`: rows already written when this attempt began (a resume), so the rate it reports is
 * this attempt's own: rows written since it started over the time since.
 */
export function keepLease(
  services: Pick<Services, 'repo' | 'clock' | 'policy'>,
  jobId: string,
  leaseToken: string,
  startRows = 0,
): LeaseKeeper {
  const { repo, clock, policy } = services;
  const started = clock.now().getTime();
  let lastBeat = started;
  // A block's checkpoint is written once the block is staged, which may be after a later page's
  // beat: the progress shown never goes back within an attempt (the checkpoint keeps its own rows).
  let rowsShown = startRows;
  const beat = async (rowsCounted: number, checkpoint?: Checkpoint): Promise<void> => {
    const now = clock.now();
    const rowsWritten = (rowsShown = Math.max(rowsShown, rowsCounted));
    const seconds = (now.getTime() - started) / 1000;
    const ok = await repo.apply(
      jobId,
      lifecycle.heartbeat(leaseToken, {
        rowsWritten,
        leaseExpiresAt: addSeconds(now, policy.leaseSeconds),
        at: now.toISOString(),
        ...(seconds > 0 ? { rowsPerSecond: Math.round(Math.max(0, rowsWritten - startRows) / seconds) } : {}),
        ...(checkpoint ? { checkpoint: encodeCheckpoint(checkpoint) } : {}),
      }),
    );
    lastBeat = clock.now().getTime();
    if (!ok) throw new AppError('LEASE_LOST', 'The job was cancelled or taken over by another attempt.');
  };
  return {
    beat,
    beatIfDue: async (rowsWritten) => {
      if (clock.now().getTime() - lastBeat >= policy.progressIntervalMs) await beat(rowsWritten);
    },
  };
}
