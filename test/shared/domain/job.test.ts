import { describe, expect, it } from 'vitest';
import { isTerminal, jobStatuses, type JobStatus } from '../../../shared/domain/job.js';
import { canRetryAsNewJob, lifecycle, type Transition } from '../../../shared/domain/lifecycle.js';

/** Every status a status-changing transition leads to from `from`: the state diagram, read off the lifecycle. */
function nextStatuses(from: JobStatus): JobStatus[] {
  const error = { code: 'X', message: 'x' };
  const file = { rowCount: 0, sizeBytes: 0, sha256: '', blobName: '', completedAt: '', expiresAt: '' };
  const transitions: Transition[] = [
    lifecycle.claim('', { token: '', expiresAt: '' }),
    lifecycle.complete('', file),
    lifecycle.fail('', error, ''),
    lifecycle.scheduleRetry('', error, ''),
    lifecycle.cancel(''),
    lifecycle.deadLetter(error, ''),
    lifecycle.expire(''),
    lifecycle.regenerate('', { completedAt: '' }, error),
  ];
  return [...new Set(transitions.filter((t) => t.to && t.from[from]).map((t) => t.to as JobStatus))];
}

describe('job status machine (derived from the lifecycle transitions)', () => {
  it('allows the lifecycle Pending → Processing → Completed → Expired', () => {
    expect(nextStatuses('Pending')).toContain('Processing');
    expect(nextStatuses('Processing')).toContain('Completed');
    // Completed expires — or, when its file was lost before expiring, goes back to make it again.
    expect(nextStatuses('Completed').sort()).toEqual(['Expired', 'Pending']);
  });

  it('never leaves a terminal state but Completed (which expires, or makes a lost file again)', () => {
    for (const s of ['Failed', 'Cancelled', 'Expired'] as const) expect(nextStatuses(s)).toEqual([]);
    expect(nextStatuses('Completed')).not.toContain('Processing');
    expect(nextStatuses('Pending')).not.toContain('Completed');
  });

  it('lists every move of an active job', () => {
    expect(nextStatuses('Pending').sort()).toEqual(['Cancelled', 'Failed', 'Processing']);
    // Processing → Processing: another attempt takes over a job whose lease expired.
    expect(nextStatuses('Processing').sort()).toEqual(['Cancelled', 'Completed', 'Failed', 'Pending', 'Processing']);
  });

  it('marks only Pending and Processing as active', () => {
    expect(jobStatuses.filter((s) => !isTerminal(s))).toEqual(['Pending', 'Processing']);
  });

  it('retries as a new job only what ended without a file to show for it', () => {
    expect(jobStatuses.filter(canRetryAsNewJob)).toEqual(['Failed', 'Cancelled', 'Expired']);
  });
});
