import type { ExportJob } from './job.js';

/**
 * How far a job is, as a client shows it: rows written out of the rows counted at the first claim,
 * a percentage, the running attempt's rate and the time it still needs at that rate, and — while it
 * waits — its place in the claim order. Every figure is null when it is not known (yet), never a
 * guess: a job counted before this version has no total, a job that has not written progress has
 * no rate, a job waiting for a backoff retry has no queue position.
 */
export interface JobProgress {
  readonly rowsWritten: number;
  readonly rowsTotal: number | null;
  /** 0–100 with one decimal; 100 once Completed. */
  readonly percent: number | null;
  readonly rowsPerSecond: number | null;
  /** Seconds the rest takes at the current rate, as of `updatedAt` (Processing only). */
  readonly etaSeconds: number | null;
  /** 1 = the next job a free worker claims (Pending and due only). */
  readonly queuePosition: number | null;
  /** When the worker last wrote progress. */
  readonly updatedAt: string | null;
}

export function progressOf(
  job: Pick<ExportJob, 'status' | 'rowsWritten' | 'rowsTotal' | 'rowsPerSecond' | 'progressAt' | 'rowCount'>,
  queuePosition: number | null = null,
): JobProgress {
  const completed = job.status === 'Completed' || job.status === 'Expired';
  const rowsWritten = completed && job.rowCount !== null ? job.rowCount : job.rowsWritten;
  const total = job.rowsTotal;
  let percent: number | null = null;
  if (completed) percent = 100;
  else if (total !== null) percent = total === 0 ? 0 : Math.min(100, Math.floor((rowsWritten / total) * 1000) / 10);
  const rate = job.status === 'Processing' ? job.rowsPerSecond : null;
  const etaSeconds = rate !== null && rate > 0 && total !== null ? Math.max(0, Math.ceil((total - rowsWritten) / rate)) : null;
  return {
    rowsWritten,
    rowsTotal: total,
    percent,
    rowsPerSecond: rate,
    etaSeconds,
    queuePosition: job.status === 'Pending' ? queuePosition : null,
    updatedAt: job.progressAt,
  };
}
