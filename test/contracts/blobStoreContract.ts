import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockIdOf } from '../../shared/app/export/checkpoint.js';
import { AppError } from '../../shared/domain/errors.js';
import type { BlobCommitOptions, BlobStore } from '../../shared/ports/blobStore.js';

/** Minimal HTTP response view, so a target can fetch through its own TLS settings. */
export interface FetchedUrl {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

/** A BlobStore under test (its container exists); `cleanup` deletes what the test wrote. */
export interface BlobStoreTarget {
  readonly store: BlobStore;
  /** The clock's "now" as the store sees it (SAS start/expiry are relative to it). */
  now(): Date;
  fetchUrl(url: string, init?: { method?: string; body?: Buffer; headers?: Record<string, string> }): Promise<FetchedUrl>;
  cleanup(): Promise<void>;
}

/** Fetch with the platform's `fetch` (plain HTTP Azurite, or real Azure with public CAs). */
export async function plainFetch(
  url: string,
  init: {
    method?: string;
    body?: Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<FetchedUrl> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body ? { body: init.body } : {}),
    ...(init.headers ? { headers: init.headers } : {}),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return {
    status: res.status,
    headers,
    body: Buffer.from(await res.arrayBuffer()),
  };
}

const readAll = async (stream: Readable): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
};

const csv: BlobCommitOptions = {
  contentType: 'text/csv; charset=utf-8',
  fileName: 'sessions_2026-01-01_2026-01-31.csv',
  metadata: { jobid: 'j-1', organizationid: 'o-1' },
};

/**
 * The BlobStore contract: staged blocks stay invisible until one atomic commit, staged ids survive
 * for a resumed export, a missing blob is NOT_FOUND, and the read URL serves the file read-only,
 * as an attachment, until it expires.
 */
export function blobStoreContract(name: string, open: () => Promise<BlobStoreTarget>): void {
  describe(`BlobStore contract — ${name}`, () => {
    let target: BlobStoreTarget;
    let store: BlobStore;
    let prefix: string;
    beforeEach(async () => {
      target = await open();
      store = target.store;
      prefix = `${randomUUID()}/${randomUUID()}`;
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const blob = (file = csv.fileName) => `${prefix}/${file}`;
    const stage = async (name: string, parts: readonly Buffer[], from = 0) => {
      const ids: string[] = [];
      for (const [i, p] of parts.entries()) {
        const id = blockIdOf(from + i);
        await store.stageBlock(name, id, p);
        ids.push(id);
      }
      return ids;
    };

    it('keeps staged blocks invisible until committed, and lists their ids', async () => {
      const name = blob();
      const ids = await stage(name, [Buffer.from('a,b\n'), Buffer.from('1,2\n')]);
      expect(await store.exists(name)).toBe(false);
      await expect(store.openRead(name)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await store.stagedBlockIds(name)).toEqual(ids);
    });

    it('commits the listed blocks, in order, as one blob; nothing stays staged', async () => {
      const name = blob();
      const parts = [Buffer.from('header\n'), Buffer.from('dropped\n'), randomBytes(256 * 1024), Buffer.from('tail ✓\n')];
      const ids = await stage(name, parts);
      await store.commitBlocks(name, [ids[0], ids[2], ids[3]] as string[], csv);
      const { stream, contentLength } = await store.openRead(name);
      const body = await readAll(stream);
      const expected = Buffer.concat([parts[0], parts[2], parts[3]] as Buffer[]);
      expect(contentLength).toBe(expected.byteLength);
      expect(body.equals(expected)).toBe(true);
      expect(await store.exists(name)).toBe(true);
      expect(await store.stagedBlockIds(name)).toEqual([]);
    });

    it('reads one byte range of a committed blob (a Range download)', async () => {
      const name = blob();
      const bytes = randomBytes(300 * 1024);
      await store.commitBlocks(name, await stage(name, [bytes.subarray(0, 100_000), bytes.subarray(100_000)]), csv);
      for (const [offset, count] of [
        [0, 1],
        [99_990, 20],
        [bytes.length - 7, 7],
        [12_345, 200_000],
      ] as const) {
        const part = await store.openRead(name, { offset, count });
        expect(part.contentLength, `${offset}+${count}`).toBe(count);
        expect((await readAll(part.stream)).equals(bytes.subarray(offset, offset + count))).toBe(true);
      }
    });

    it('resumes: blocks staged by an earlier attempt can be committed together with new ones', async () => {
      const name = blob();
      const first = await stage(name, [Buffer.from('one\n'), Buffer.from('two\n')]);
      // A later attempt finds what is staged and continues after it.
      const found = await store.stagedBlockIds(name);
      expect(found).toEqual(first);
      const more = await stage(name, [Buffer.from('three\n')], found.length);
      await store.commitBlocks(name, [...found, ...more], csv);
      expect((await readAll((await store.openRead(name)).stream)).toString()).toBe('one\ntwo\nthree\n');
    });

    it('has no staged ids and no content for a blob that does not exist', async () => {
      const name = blob('missing.csv');
      expect(await store.stagedBlockIds(name)).toEqual([]);
      expect(await store.exists(name)).toBe(false);
      const err = await store.openRead(name).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    });

    it('tells the size of a committed blob, and undefined for a missing or merely staged one', async () => {
      const name = blob();
      expect(await store.sizeOf(name)).toBeUndefined();
      const ids = await stage(name, [Buffer.from('a,b\r\n'), randomBytes(3000)]);
      expect(await store.sizeOf(name), 'staged blocks are not a blob').toBeUndefined();
      await store.commitBlocks(name, ids, csv);
      expect(await store.sizeOf(name)).toBe(5 + 3000);
      await store.delete(name);
      expect(await store.sizeOf(name)).toBeUndefined();
    });

    it('deletes a blob once', async () => {
      const name = blob();
      await store.commitBlocks(name, await stage(name, [Buffer.from('x')]), csv);
      expect(await store.delete(name)).toBe(true);
      expect(await store.exists(name)).toBe(false);
      expect(await store.delete(name)).toBe(false);
      await expect(store.openRead(name)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('serves a read URL as a read-only attachment with the content type', async () => {
      const name = blob();
      const content = Buffer.from('sessionId,userEmail\n1,åsa@example.com\n');
      await store.commitBlocks(name, await stage(name, [content]), csv);
      const url = await store.readUrl(name, new Date(target.now().getTime() + 15 * 60_000), csv);

      const res = await target.fetchUrl(url);
      expect(res.status).toBe(200);
      expect(res.body.equals(content)).toBe(true);
      expect(res.headers['content-type']).toBe(csv.contentType);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${csv.fileName}"`);

      const write = await target.fetchUrl(url, {
        method: 'PUT',
        body: Buffer.from('overwritten'),
        headers: { 'x-ms-blob-type': 'BlockBlob' },
      });
      expect(write.status).toBe(403);
      const del = await target.fetchUrl(url, { method: 'DELETE' });
      expect(del.status).toBe(403);
      expect((await readAll((await store.openRead(name)).stream)).equals(content)).toBe(true);

      const tampered = url.replace(/sig=([^&]+)/, (_m, s: string) => `sig=${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`);
      expect((await target.fetchUrl(tampered)).status).toBe(403);
    });

    it('refuses a read URL once it has expired', async () => {
      const name = blob();
      await store.commitBlocks(name, await stage(name, [Buffer.from('x')]), csv);
      const url = await store.readUrl(name, new Date(target.now().getTime() - 60_000), csv);
      expect((await target.fetchUrl(url)).status).toBe(403);
    });
  });
}
