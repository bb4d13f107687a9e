import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { blockSink, type BlockSinkOptions, type SinkState } from '../../../../shared/app/export/blockSink.js';
import type { BlobStore } from '../../../../shared/ports/blobStore.js';
import { memoryBlobStore } from '../../../fakes/memoryBlobStore.js';
import { testClock } from '../../../support/testClock.js';

const NAME = 'org/job.csv';
const properties = { contentType: 'text/csv', fileName: 'job.csv', metadata: { jobid: 'job' } };
const bytesOf = (char: string, count: number) => Buffer.alloc(count, char);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A memory blob store that also records every staged block: its id (decoded) and its bytes. */
function recordingStore() {
  const store = memoryBlobStore(testClock());
  const staged: { id: string; data: Buffer }[] = [];
  const blobs: BlobStore = {
    ...store,
    stageBlock: async (name, id, data) => {
      staged.push({ id: Buffer.from(id, 'base64').toString('utf8'), data: Buffer.from(data) });
      return store.stageBlock(name, id, data);
    },
  };
  const committed = (): Buffer => {
    const blob = store.blobs.get(NAME);
    if (!blob) throw new Error('nothing committed');
    return blob.bytes;
  };
  return { store, blobs, staged, committed };
}

const sinkOn = (blobs: BlobStore, options: Partial<BlockSinkOptions> = {}) =>
  blockSink(blobs, { blobName: NAME, blockSize: 1024, gzip: false, generation: 0, ...options });

describe('blockSink', () => {
  it('is full from exactly one block size of waiting bytes, and empty again after a cut', async () => {
    const { blobs } = recordingStore();
    const sink = await sinkOn(blobs);
    expect(sink.full).toBe(false);
    sink.push(bytesOf('a', 1023));
    expect(sink.full).toBe(false);
    sink.push(bytesOf('a', 1));
    expect(sink.full).toBe(true);
    await sink.cut();
    expect(sink.full).toBe(false);
  });

  it('stages the blocks in order as they are cut, the rest at the commit, and commits them as one file', async () => {
    const { blobs, staged, committed, store } = recordingStore();
    const sink = await sinkOn(blobs, { generation: 3 });
    const states: SinkState[] = [];
    sink.push(bytesOf('a', 1024));
    await sink.cut(async (state) => void states.push(state));
    sink.push(bytesOf('b', 600));
    sink.push(bytesOf('b', 500));
    await sink.cut(async (state) => void states.push(state));
    sink.push(bytesOf('c', 10));
    const expected = Buffer.concat([bytesOf('a', 1024), bytesOf('b', 1100), bytesOf('c', 10)]);
    expect(await sink.commit(properties)).toEqual({ sizeBytes: 2134, sha256: sha256(expected) });
    expect(staged.map((b) => [b.id, b.data.byteLength])).toEqual([
      ['g0003-block-0000000', 1024],
      ['g0003-block-0000001', 1100],
      ['g0003-block-0000002', 10],
    ]);
    expect(committed().equals(expected)).toBe(true);
    expect(store.blobs.get(NAME)?.properties).toEqual(properties);
    // Each block's follow-up sees the sink up to that block.
    expect(states.map((s) => [s.blocks.length, s.bytes])).toEqual([
      [1, 1024],
      [2, 2124],
    ]);
  });

  it('a cut with nothing waiting stages nothing and runs no follow-up', async () => {
    const { blobs, staged, store } = recordingStore();
    const sink = await sinkOn(blobs);
    let followUps = 0;
    await sink.cut(async () => void followUps++);
    await sink.settle();
    expect(staged).toEqual([]);
    expect(await store.stagedBlockIds(NAME)).toEqual([]);
    expect(followUps).toBe(0);
  });

  it('commits no empty block after the last cut', async () => {
    const { blobs, staged, committed } = recordingStore();
    const sink = await sinkOn(blobs, { gzip: true });
    sink.push(bytesOf('a', 1024));
    await sink.cut();
    await sink.commit(properties);
    expect(staged.map((b) => b.id)).toEqual(['g0000-block-0000000']);
    // One gzip member, nothing after it (an empty member would add 20 bytes).
    expect(committed().equals(staged[0]?.data ?? Buffer.alloc(0))).toBe(true);
    expect(gunzipSync(committed()).equals(bytesOf('a', 1024))).toBe(true);
  });

  it('an empty export still commits one (empty) block; with gzip a valid empty gzip member', async () => {
    const plain = recordingStore();
    const empty = await sinkOn(plain.blobs);
    expect(await empty.commit(properties)).toEqual({
      sizeBytes: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(plain.staged.map((b) => [b.id, b.data.byteLength])).toEqual([['g0000-block-0000000', 0]]);
    expect(plain.committed().byteLength).toBe(0);

    const zipped = recordingStore();
    const emptyGzip = await sinkOn(zipped.blobs, { gzip: true });
    expect((await emptyGzip.commit(properties)).sizeBytes).toBe(20);
    expect(zipped.staged.map((b) => b.id)).toEqual(['g0000-block-0000000']);
    expect(zipped.committed().byteLength).toBe(20);
    expect(gunzipSync(zipped.committed()).byteLength).toBe(0);
  });

  it('gzips each block as its own member at deflate level 1 (XFL 4: fastest)', async () => {
    const { blobs, staged, committed } = recordingStore();
    const sink = await sinkOn(blobs, { gzip: true });
    sink.push(Buffer.from('session,user\r\n'.repeat(100), 'utf8'));
    await sink.cut();
    sink.push(Buffer.from('tail\r\n', 'utf8'));
    await sink.commit(properties);
    expect(staged).toHaveLength(2);
    for (const block of staged) {
      expect([...block.data.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
      expect(block.data[8]).toBe(4);
    }
    expect(gunzipSync(staged[0]?.data ?? Buffer.alloc(0)).toString('utf8')).toBe('session,user\r\n'.repeat(100));
    expect(gunzipSync(committed()).toString('utf8')).toBe(`${'session,user\r\n'.repeat(100)}tail\r\n`);
  });

  it('takes a chunk larger than its buffers (over 1 MB into a 1 KB block)', async () => {
    const { blobs, committed } = recordingStore();
    const sink = await sinkOn(blobs);
    sink.push(bytesOf('a', 100));
    sink.push(bytesOf('b', 1_100_000));
    sink.push(bytesOf('c', 1));
    const expected = Buffer.concat([bytesOf('a', 100), bytesOf('b', 1_100_000), bytesOf('c', 1)]);
    expect(await sink.commit(properties)).toEqual({ sizeBytes: 1_100_101, sha256: sha256(expected) });
    expect(committed().equals(expected)).toBe(true);
  });

  it('collects many small chunks into one block', async () => {
    const { blobs, committed, staged } = recordingStore();
    const sink = await sinkOn(blobs);
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.from([i]));
    for (const chunk of chunks) sink.push(chunk);
    await sink.commit(properties);
    expect(staged).toHaveLength(1);
    expect(committed().equals(Buffer.concat(chunks))).toBe(true);
  });

  it('continues a resumed list: the next block gets the next index and the size and hash go on', async () => {
    const first = recordingStore();
    const before = await sinkOn(first.blobs);
    let saved: SinkState | undefined;
    before.push(bytesOf('a', 1024));
    await before.cut(async (state) => void (saved = state));
    await before.settle();
    if (!saved) throw new Error('no state after the cut');

    const resumed = await sinkOn(first.blobs, { resumeFrom: saved });
    resumed.push(bytesOf('b', 5));
    const expected = Buffer.concat([bytesOf('a', 1024), bytesOf('b', 5)]);
    expect(await resumed.commit(properties)).toEqual({ sizeBytes: 1029, sha256: sha256(expected) });
    expect(first.staged.map((b) => b.id)).toEqual(['g0000-block-0000000', 'g0000-block-0000001']);
    expect(first.committed().equals(expected)).toBe(true);
  });
});
