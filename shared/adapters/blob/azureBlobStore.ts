import {
  BlobSASPermissions,
  BlobServiceClient,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type ContainerClient,
  type UserDelegationKey,
} from '@azure/storage-blob';
import type { Readable } from 'node:stream';
import type { TokenCredential } from '@azure/identity';
import type { BlobStore } from '../../ports/blobStore.js';
import type { Clock } from '../../ports/clock.js';
import { translateBlobError } from './blobErrors.js';

export type BlobAuth =
  /** Account key (Azurite only): service SAS signed with the key. */
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  /** Managed identity / Entra: user delegation SAS. */
  | { readonly kind: 'tokenCredential'; readonly accountUrl: string; readonly credential: TokenCredential };

export interface AzureBlobStoreOptions {
  readonly auth: BlobAuth;
  readonly container: string;
  readonly clock: Clock;
  /** Storage service version to sign SAS with (Azurite 3.35 knows up to 2025-11-05). */
  readonly sasVersion?: string;
}

const DELEGATION_KEY_HOURS = 24;
const DELEGATION_KEY_RENEW_MS = 60 * 60 * 1000;

function sharedKeyOf(connectionString: string): StorageSharedKeyCredential {
  const parts = new Map(
    connectionString
      .split(';')
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf('=');
        return [kv.slice(0, i), kv.slice(i + 1)] as const;
      }),
  );
  const name = parts.get('AccountName');
  const key = parts.get('AccountKey');
  if (!name || !key) throw new Error('blob connection string must carry AccountName and AccountKey');
  return new StorageSharedKeyCredential(name, key);
}

/** BlobStore over @azure/storage-blob, for Azure Storage and Azurite alike. */
export function azureBlobStore(options: AzureBlobStoreOptions): BlobStore & { ensureContainer(): Promise<void> } {
  const { auth, clock } = options;
  const service =
    auth.kind === 'connectionString'
      ? BlobServiceClient.fromConnectionString(auth.connectionString)
      : new BlobServiceClient(auth.accountUrl, auth.credential);
  const container: ContainerClient = service.getContainerClient(options.container);
  const sharedKey = auth.kind === 'connectionString' ? sharedKeyOf(auth.connectionString) : undefined;
  let delegation: { key: UserDelegationKey; expiresAt: number } | undefined;

  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateBlobError(e)));
  const block = (name: string) => container.getBlockBlobClient(name);

  async function delegationKey(until: Date): Promise<UserDelegationKey> {
    const now = clock.now().getTime();
    if (!delegation || delegation.expiresAt - DELEGATION_KEY_RENEW_MS < Math.max(now, until.getTime())) {
      const startsOn = new Date(now - 5 * 60 * 1000);
      const expiresOn = new Date(Math.max(now + DELEGATION_KEY_HOURS * 3600_000, until.getTime() + DELEGATION_KEY_RENEW_MS));
      const key = await service.getUserDelegationKey(startsOn, expiresOn);
      delegation = { key, expiresAt: expiresOn.getTime() };
    }
    return delegation.key;
  }

  return {
    ensureContainer: () => guard(async () => void (await container.createIfNotExists())),

    stageBlock: (name, blockId, data) => guard(async () => void (await block(name).stageBlock(blockId, data, data.byteLength))),

    commitBlocks: (name, ids, properties) =>
      guard(async () => {
        await block(name).commitBlockList([...ids], {
          blobHTTPHeaders: {
            blobContentType: properties.contentType,
            blobContentDisposition: `attachment; filename="${properties.fileName}"`,
          },
          ...(properties.metadata ? { metadata: { ...properties.metadata } } : {}),
        });
      }),

    stagedBlockIds: (name) =>
      guard(async () => {
        try {
          const list = await block(name).getBlockList('uncommitted');
          return (list.uncommittedBlocks ?? []).map((b) => b.name);
        } catch (e) {
          if ((e as { statusCode?: number }).statusCode === 404) return [];
          throw e;
        }
      }),

    openRead: (name, range) =>
      guard(async () => {
        const res = range ? await block(name).download(range.offset, range.count) : await block(name).download(0);
        if (!res.readableStreamBody) throw new Error('download returned no body');
        return {
          stream: res.readableStreamBody as unknown as Readable,
          contentLength: res.contentLength ?? 0,
        };
      }),

    delete: (name) => guard(async () => (await block(name).deleteIfExists({ deleteSnapshots: 'include' })).succeeded),

    exists: (name) => guard(async () => block(name).exists()),

    sizeOf: (name) =>
      guard(async () => {
        try {
          return (await block(name).getProperties()).contentLength ?? 0;
        } catch (e) {
          if ((e as { statusCode?: number }).statusCode === 404) return undefined;
          throw e;
        }
      }),

    readUrl: (name, expiresOn, properties) =>
      guard(async () => {
        const startsOn = new Date(clock.now().getTime() - 5 * 60 * 1000);
        const values = {
          containerName: options.container,
          blobName: name,
          permissions: BlobSASPermissions.parse('r'),
          startsOn,
          expiresOn,
          contentDisposition: `attachment; filename="${properties.fileName}"`,
          contentType: properties.contentType,
          protocol: block(name).url.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
          ...(options.sasVersion ? { version: options.sasVersion } : {}),
        };
        const sas = sharedKey
          ? generateBlobSASQueryParameters(values, sharedKey)
          : generateBlobSASQueryParameters(values, await delegationKey(expiresOn), service.accountName);
        return `${block(name).url}?${sas.toString()}`;
      }),
  };
}
