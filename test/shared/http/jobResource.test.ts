import { describe, expect, it } from 'vitest';
import { jobResource } from '../../../shared/http/jobResource.js';
import { storedJob } from '../../support/storedJob.js';

const base = storedJob({
  blobName: 'org/x/f.csv',
  leaseToken: 'secret-lease',
  snapshot: { maxSessionSeq: 1, maxUserSeq: 1 },
  checkpoint: '{"v":1}',
});

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

  it('shows the CSV options only for a CSV, the columns as a copy, and the links', () => {
    const csv = jobResource({ ...base, request: { ...base.request, columns: ['userId', 'device'] } }, null);
    expect(csv).toMatchObject({ csv: { delimiter: ',', includeBom: true }, columns: ['userId', 'device'] });
    expect(csv.links).toEqual({ self: '/api/export-jobs/00000000-0000-4000-8000-000000000001' });
    expect(csv).not.toHaveProperty('downloadUrl');
    const json = jobResource({ ...base, request: { ...base.request, format: 'json' } }, null);
    expect(json).not.toHaveProperty('csv');
    expect(json.columns).toBeNull();
  });

  it('shows nextAttemptAt only while Pending', () => {
    const processing = jobResource({ ...base, status: 'Processing', nextAttemptAt: '2026-07-01T00:01:00.000Z' }, null);
    expect(processing.nextAttemptAt).toBeNull();
    expect(processing).not.toHaveProperty('lastError');
  });
});
