import { blobStoreContract } from '../contracts/blobStoreContract.js';
import { datasetSourceContract } from '../contracts/datasetSourceContract.js';
import { jobRepositoryContract } from '../contracts/jobRepositoryContract.js';
import { jobRepositoryApiContract } from '../contracts/jobRepositoryApiContract.js';
import { auditTrailContract } from '../contracts/auditTrailContract.js';
import { memoryAuditTrail } from './memoryAuditTrail.js';
import { testClock } from '../support/testClock.js';
import { memoryBlobStore } from './memoryBlobStore.js';
import { memoryDatasetSource } from './memoryDatasetSource.js';
import { memoryJobRepository } from './memoryJobRepository.js';
import { memoryWebhookStore } from './memoryWebhookStore.js';
import { webhookStoreContract } from '../contracts/webhookStoreContract.js';

// The fakes the unit tests run on pass the very contracts the real adapters pass, so they cannot drift.

jobRepositoryContract('in-memory fake', async () => ({ repo: memoryJobRepository(), cleanup: async () => undefined }));
jobRepositoryApiContract('in-memory fake', async () => ({ repo: memoryJobRepository(), cleanup: async () => undefined }));
auditTrailContract('in-memory fake', async () => ({ audit: memoryAuditTrail(), cleanup: async () => undefined }));

datasetSourceContract('in-memory fake', async (pageSize) => {
  const source = memoryDatasetSource(pageSize);
  return { source, ...source, cleanup: async () => undefined };
});

blobStoreContract('in-memory fake', async () => {
  const clock = testClock();
  const store = memoryBlobStore(clock);
  return {
    store,
    now: () => clock.now(),
    fetchUrl: async (url, init) => store.fetchUrl(url, init),
    cleanup: async () => undefined,
  };
});

webhookStoreContract('in-memory fake', async () => ({ store: memoryWebhookStore(), cleanup: async () => undefined }));
