import { inlinePageWorkers } from '../../shared/app/export/encodePage.js';
import { blobStoreContract } from '../contracts/blobStoreContract.js';
import { buildFixture } from '../contracts/datasetFixture.js';
import { pageWorkersContract } from '../contracts/pageWorkersContract.js';
import { ORG_A, ORG_B } from './fakeServices.js';
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

pageWorkersContract('inline over the in-memory fake', async () => {
  const source = memoryDatasetSource(3);
  const fixture = buildFixture(ORG_A, ORG_B);
  await source.addOrganization(ORG_A, 'Acme');
  await source.addUsers(fixture.users);
  await source.addSessions(fixture.sessions);
  return { workers: inlinePageWorkers(source), source, organizationId: ORG_A, cleanup: async () => undefined };
});
webhookStoreContract('in-memory fake', async () => ({ store: memoryWebhookStore(), cleanup: async () => undefined }));
