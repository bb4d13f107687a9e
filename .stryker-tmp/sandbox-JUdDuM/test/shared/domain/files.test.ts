// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { blobNameOf, keepsNoFile } from '../../../shared/domain/files.js';
import { jobStatuses } from '../../../shared/domain/job.js';

describe('a job’s file', () => {
  it('lives at <organization>/<job>/<file name>', () => {
    expect(blobNameOf({ organizationId: 'org-1', id: 'job-1', fileName: 'users_2026-01-01_2026-01-31.csv' })).toBe(
      'org-1/job-1/users_2026-01-01_2026-01-31.csv',
    );
  });

  it('must not exist once the job ended Failed or Cancelled', () => {
    expect(jobStatuses.filter(keepsNoFile)).toEqual(['Failed', 'Cancelled']);
  });
});
