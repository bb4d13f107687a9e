import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal, jobStatuses, sourcesOf } from '../../../shared/domain/job.js';

describe('job status machine', () => {
  it('allows the lifecycle Pending → Processing → Completed → Expired', () => {
    expect(canTransition('Pending', 'Processing')).toBe(true);
    expect(canTransition('Processing', 'Completed')).toBe(true);
    expect(canTransition('Completed', 'Expired')).toBe(true);
  });

  it('rejects leaving a terminal state', () => {
    for (const to of jobStatuses) {
      expect(canTransition('Failed', to)).toBe(false);
      expect(canTransition('Cancelled', to)).toBe(false);
      expect(canTransition('Expired', to)).toBe(false);
    }
    expect(canTransition('Completed', 'Processing')).toBe(false);
    expect(canTransition('Pending', 'Completed')).toBe(false);
  });

  it('marks only Pending and Processing as active', () => {
    expect(jobStatuses.filter((s) => !isTerminal(s))).toEqual(['Pending', 'Processing']);
  });

  it('lists the sources of a transition for conditional updates', () => {
    expect(sourcesOf('Cancelled').sort()).toEqual(['Pending', 'Processing']);
  });
});
