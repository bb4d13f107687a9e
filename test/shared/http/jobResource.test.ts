import { describe, expect, it } from 'vitest';
import { jobResource } from '../../../shared/http/jobResource.js';
import type { ExportJob } from '../../../shared/domain/job.js';

const base: ExportJob = {
  id: '00000000-0000-4000-8000-000000000001',
  organizationId: 'org',
  createdBy: 'u',
  request: {
    dataType: 'sessions',
    format: 'csv',
    dateRange: { from: '2026-01-01', to: '2026-01-02' },
    filters: {},
    compression: 'none',
    csv: { delimiter: ',', includeBom: true },
  },
  status: 'Pending',
  createdAt: '2026-07-01T00:00:00.000Z',
  updatedAt: '2026-07-01T00:00:00.000Z',
  startedAt: null,
  completedAt: null,
  expiresAt: null,
  rowsWritten: 0,
  rowCount: null,
  sizeBytes: null,
  sha256: null,
  blobName: 'org/x/f.csv',
  fileName: 'sessions_2026-01-01_2026-01-02.csv',
  contentType: 'text/csv; charset=utf-8',
  lastError: null,
  attempt: 0,
  nextAttemptAt: null,
  leaseToken: 'secret-lease',
  leaseExpiresAt: null,
  enqueuedAt: null,
  retryOf: null,
  snapshot: { maxSessionSeq: 1, maxUserSeq: 1 },
  checkpoint: '{"v":1}',
};

describe('job resource', () => {
  it('never exposes lease, checkpoint, snapshot or blob path', () => {
    const json = JSON.stringify(jobResource(base, null));
    for (const secret of ['secret-lease', 'checkpoint', 'snapshot', 'org/x/f.csv', 'blobName'])
      expect(json).not.toContain(secret);
  });

  it('says why a Pending job waits for a retry, and when it runs next', () => {
    const lastError = { code: 'STORAGE_UNAVAILABLE', message: 'Blob Storage is temporarily unavailable.' };
    const r = jobResource({ ...base, attempt: 2, nextAttemptAt: '2026-07-01T00:01:00.000Z', lastError }, null);
    expect(r).toMatchObject({ status: 'Pending', attempts: 2, nextAttemptAt: '2026-07-01T00:01:00.000Z', lastError });
    expect(r).not.toHaveProperty('error');
  });

  it('shows error only when Failed and downloadUrl only when Completed', () => {
    const error = { code: 'EXPORT_FAILED', message: 'x' };
    expect(jobResource({ ...base, status: 'Failed', lastError: error }, null)).toMatchObject({ error });
    expect(jobResource({ ...base, status: 'Failed', lastError: error }, null)).not.toHaveProperty('lastError');
    const done = jobResource({ ...base, status: 'Completed' }, 'https://sas');
    expect(done).toMatchObject({ downloadUrl: 'https://sas', links: { download: `/api/export-jobs/${base.id}/download` } });
    expect(jobResource(base, 'https://sas')).not.toHaveProperty('downloadUrl');
  });
});
