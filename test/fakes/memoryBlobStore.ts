import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/domain/errors.js';
import type { BlobCommitOptions, BlobStore } from '../../shared/ports/blobStore.js';
import type { Clock } from '../../shared/ports/clock.js';

interface Committed {
  readonly bytes: Buffer;
  readonly properties: BlobCommitOptions;
}

/** A response to a read URL of the in-memory store (what Blob Storage would answer). */
export interface MemoryUrlResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

/**
 * BlobStore in memory, for unit tests: staged blocks stay invisible until one atomic commit (which
 * drops whatever else was staged, as Blob Storage does), and read URLs are signed, read-only and
 * expire — served by `fetchUrl`. Passes the same contract suite as the Azure adapter.
 */
export function memoryBlobStore(clock: Clock): BlobStore & {
  fetchUrl(url: string, init?: { method?: string }): MemoryUrlResponse;
  readonly blobs: ReadonlyMap<string, Committed>;
} {
  const committed = new Map<string, Committed>();
  const staged = new Map<string, Map<string, Buffer>>();
  const key = randomBytes(32);
  const sign = (name: string, expires: string) => createHmac('sha256', key).update(`${name}\n${expires}`).digest('base64url');
  const notFound = () => new AppError('NOT_FOUND', 'The export file does not exist.');

  return {
    blobs: committed,
    async stageBlock(name, blockId, data) {
      const blocks = staged.get(name) ?? new Map<string, Buffer>();
      blocks.set(blockId, Buffer.from(data));
      staged.set(name, blocks);
    },
    async commitBlocks(name, blockIds, properties) {
      const blocks = staged.get(name) ?? new Map<string, Buffer>();
      const parts = blockIds.map((id) => {
        const block = blocks.get(id);
        if (!block) throw new AppError('INTERNAL', 'A Blob Storage request was rejected.');
        return block;
      });
      committed.set(name, { bytes: Buffer.concat(parts), properties });
      staged.delete(name);
    },
    async stagedBlockIds(name) {
      return [...(staged.get(name)?.keys() ?? [])];
    },
    async openRead(name, range) {
      const blob = committed.get(name);
      if (!blob) throw notFound();
      const bytes = range ? blob.bytes.subarray(range.offset, range.offset + range.count) : blob.bytes;
      return { stream: Readable.from([bytes]), contentLength: bytes.byteLength };
    },
    async delete(name) {
      staged.delete(name);
      return committed.delete(name);
    },
    async exists(name) {
      return committed.has(name);
    },
    async sizeOf(name) {
      return committed.get(name)?.bytes.byteLength;
    },
    async readUrl(name, expiresOn) {
      const expires = expiresOn.toISOString();
      return `memory://exports/${encodeURIComponent(name)}?se=${encodeURIComponent(expires)}&sp=r&sig=${sign(name, expires)}`;
    },
    fetchUrl(url, init = {}) {
      const parsed = new URL(url);
      const name = decodeURIComponent(parsed.pathname.slice(1));
      const expires = parsed.searchParams.get('se') ?? '';
      const given = Buffer.from(parsed.searchParams.get('sig') ?? '', 'base64url');
      const expected = Buffer.from(sign(name, expires), 'base64url');
      const forbidden: MemoryUrlResponse = { status: 403, headers: {}, body: Buffer.alloc(0) };
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return forbidden;
      if (Date.parse(expires) <= clock.now().getTime() || (init.method ?? 'GET') !== 'GET') return forbidden;
      const blob = committed.get(name);
      if (!blob) return { status: 404, headers: {}, body: Buffer.alloc(0) };
      return {
        status: 200,
        headers: {
          'content-type': blob.properties.contentType,
          'content-disposition': `attachment; filename="${blob.properties.fileName}"`,
        },
        body: blob.bytes,
      };
    },
  };
}
