/** The doorbell: "attempt N of job X may run now". The database row stays the truth. */
// @ts-nocheck

export interface JobMessage {
  readonly jobId: string;
  readonly attempt: number;
}

/** Deterministic id so Service Bus duplicate detection drops repeats of the same doorbell. */
export const messageIdOf = (m: JobMessage): string => `${m.jobId}:${m.attempt}`;

export interface JobQueue {
  /** Sends now, or at `notBefore` (scheduled enqueue) for a backoff retry. */
  send(message: JobMessage, notBefore?: Date): Promise<void>;
  close(): Promise<void>;
}
