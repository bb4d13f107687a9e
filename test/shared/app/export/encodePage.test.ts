import { describe, expect, it } from 'vitest';
import { encodePage, inlinePageWorkers } from '../../../../shared/app/export/encodePage.js';
import type { DatasetQuery } from '../../../../shared/ports/datasetSource.js';
import type { PageEncoding } from '../../../../shared/ports/pageWorkers.js';
import { ORG_A } from '../../../fakes/fakeServices.js';
import { memoryDatasetSource } from '../../../fakes/memoryDatasetSource.js';

const query: DatasetQuery = {
  dataType: 'sessions',
  organizationId: ORG_A,
  from: '2026-03-01',
  to: '2026-03-31',
  columns: ['sessionId'],
  snapshot: { maxSessionSeq: 0, maxUserSeq: 0 },
};

describe('encodePage', () => {
  it('refuses a text encoding of a format that has no text writer (a caller’s bug, not a user’s)', async () => {
    // What a caller bypassing the types could ask for: XLSX is written from rows, never page by page.
    const xlsx = JSON.parse('{"kind":"text","format":"xlsx","csv":{}}') as PageEncoding;
    await expect(encodePage(memoryDatasetSource(), { query, encoding: xlsx, rowsBefore: 0 })).rejects.toThrow(
      new Error('xlsx is not a text format'),
    );
  });

  it('closed inline workers refuse new pages with a retryable SERVICE_UNAVAILABLE', async () => {
    const workers = inlinePageWorkers(memoryDatasetSource());
    await workers.close();
    await expect(workers.run({ query, encoding: { kind: 'rows' }, rowsBefore: 0 })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The export page workers are closed.',
      retryable: true,
    });
  });
});
