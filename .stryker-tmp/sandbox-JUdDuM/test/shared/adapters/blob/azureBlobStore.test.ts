// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { azureBlobStore } from '../../../../shared/adapters/blob/azureBlobStore.js';
import { translateBlobError } from '../../../../shared/adapters/blob/blobErrors.js';
import { systemClock } from '../../../../shared/adapters/systemClock.js';
import { AZURITE_SAS_VERSION } from '../../../../local/azurite.js';
import { blobStoreContract, plainFetch } from '../../../contracts/blobStoreContract.js';
import { describeLive, LiveEnv, liveValue, unset } from '../../../contracts/live.js';

const containerName = () => `t-${randomUUID().slice(0, 13)}`;

// Embedded: the run's Azurite (account key, service SAS), one fresh container per test.
describe('azureBlobStore on Azurite', () => {
  const connectionString = inject('azuriteConnectionString');
  const service = BlobServiceClient.fromConnectionString(connectionString);

  blobStoreContract('Azurite (account key)', async () => {
    const container = containerName();
    const store = azureBlobStore({
      auth: { kind: 'connectionString', connectionString },
      container,
      clock: systemClock,
      sasVersion: AZURITE_SAS_VERSION,
    });
    await store.ensureContainer();
    return {
      store,
      now: () => systemClock.now(),
      fetchUrl: plainFetch,
      cleanup: async () => void (await service.getContainerClient(container).deleteIfExists()),
    };
  });

  it('ensureContainer is idempotent', async () => {
    const container = containerName();
    const store = azureBlobStore({
      auth: { kind: 'connectionString', connectionString },
      container,
      clock: systemClock,
    });
    await store.ensureContainer();
    await store.ensureContainer();
    expect(await service.getContainerClient(container).exists()).toBe(true);
    await service.getContainerClient(container).delete();
  });

  it('maps storage status codes to codes and retry decisions', () => {
    expect(translateBlobError({ statusCode: 404 })).toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
    });
    expect(translateBlobError({ statusCode: 403 })).toMatchObject({
      code: 'INTERNAL',
      retryable: false,
    });
    for (const statusCode of [408, 429, 500, 503]) {
      expect(translateBlobError({ statusCode })).toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        retryable: true,
      });
    }
    // No status at all: the request never got an answer (connection refused, reset, DNS).
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(translateBlobError(refused)).toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      retryable: true,
    });
  });
});

// Azure Storage: DefaultAzureCredential (Entra), user delegation SAS — exactly the production path.
describeLive('azureBlobStore on Azure Storage', unset(LiveEnv.blobAccountUrl), () => {
  const accountUrl = liveValue(LiveEnv.blobAccountUrl) as string;
  let service: BlobServiceClient;
  let credential: TokenCredential;
  const container = containerName();
  beforeAll(async () => {
    const { DefaultAzureCredential } = await import('@azure/identity');
    credential = new DefaultAzureCredential();
    service = new BlobServiceClient(accountUrl, credential);
    await service.getContainerClient(container).createIfNotExists();
  });
  afterAll(async () => {
    await service?.getContainerClient(container).deleteIfExists();
  });

  blobStoreContract('Azure Storage (Entra, user delegation SAS)', async () => {
    const store = azureBlobStore({
      auth: { kind: 'tokenCredential', accountUrl, credential },
      container,
      clock: systemClock,
    });
    // Tests write under fresh random prefixes; the container goes in afterAll.
    return {
      store,
      now: () => systemClock.now(),
      fetchUrl: plainFetch,
      cleanup: async () => undefined,
    };
  });
});
