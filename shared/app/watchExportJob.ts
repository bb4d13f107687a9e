import type { ExportJob } from '../domain/job.js';
import { isTerminal } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import { findVisibleJob } from './findVisibleJob.js';
import { queuePositions } from './queuePositions.js';
import type { Services } from './services.js';

/** One state of a job worth telling a watcher: its status changed, or it moved on. */
export interface JobChange {
  /** Opaque and deterministic for the state: a client that saw it sends it back as `Last-Event-ID`. */
  readonly id: string;
  /** `status` for the first event and every change of status; `progress` otherwise. */
  readonly kind: 'status' | 'progress';
  readonly job: ExportJob;
  readonly queuePosition: number | null;
  /** The job reached a terminal state: the last event of the stream. */
  readonly last: boolean;
}

/** A pause in the stream with nothing new: time for a keep-alive. */
export interface Quiet {
  readonly quiet: true;
}

export interface WatchOptions {
  /** The `Last-Event-ID` the client sent: a state it has already seen is not sent again. */
  readonly lastEventId?: string | null;
  /** How often the job is read. */
  readonly pollMs: number;
  /** The stream ends after this long even if the job is still running (the client reconnects). */
  readonly maxSeconds: number;
  /** Yield a `Quiet` after this long without a change (keep-alive for proxies). */
  readonly quietMs: number;
}

/** The state's identity: what a client must see again when any of it changed. */
export const changeIdOf = (job: ExportJob, queuePosition: number | null): string =>
  [job.status, job.attempt, job.rowsWritten, queuePosition ?? '-'].join('.');

/**
 * Opens a watch on a job: the same authorization as reading it (a job the caller may not see is a
 * 404, before any event), so the caller can answer an error with a status code, not mid-stream.
 */
export async function openJobWatch(services: Pick<Services, 'repo'>, principal: Principal, id: string): Promise<ExportJob> {
  return findVisibleJob(services, principal, id);
}

/**
 * The job's changes as they happen, read from the job row (the truth, whichever instance runs the
 * export) every `pollMs` — one primary-key read — until it is terminal or `maxSeconds` are over.
 * Events are states, not a log: a watcher that reconnects with `Last-Event-ID` gets the current
 * state unless it is the one it saw last, never a replay of what happened in between.
 */
export async function* watchExportJob(
  services: Pick<Services, 'repo' | 'clock'>,
  first: ExportJob,
  options: WatchOptions,
): AsyncGenerator<JobChange | Quiet> {
  const { clock } = services;
  const started = clock.now().getTime();
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  let lastId = options.lastEventId ?? null;
  let lastStatus: string | null = null;
  let lastSent = started;
  let job: ExportJob | undefined = first;
  for (;;) {
    if (!job) return; // deleted under us: nothing more will happen
    const position = (await queuePositions(services, [job])).get(job.id) ?? null;
    const id = changeIdOf(job, position);
    const last = isTerminal(job.status);
    if (id !== lastId) {
      yield {
        id,
        kind: lastStatus === null || lastStatus !== job.status ? 'status' : 'progress',
        job,
        queuePosition: position,
        last,
      };
      lastId = id;
      lastSent = clock.now().getTime();
    } else if (clock.now().getTime() - lastSent >= options.quietMs) {
      yield { quiet: true };
      lastSent = clock.now().getTime();
    }
    lastStatus = job.status;
    if (last || clock.now().getTime() - started >= options.maxSeconds * 1000) return;
    await sleep(options.pollMs);
    job = await services.repo.get(job.id);
  }
}
