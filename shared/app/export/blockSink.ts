import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { BlobCommitOptions, BlobStore } from '../../ports/blobStore.js';
import { blockIdOf } from './checkpoint.js';
import { resumableSha256, type Sha256State } from './sha256.js';

const gzipAsync = promisify(gzip);
/**
 * Deflate level of gzip exports. Level 1, not zlib's default 6: measured here on export CSV, 425 vs
 * 761 ms per 40 MB for a file 6 % larger (36.6 % vs 34.5 % of the CSV); compression was the largest
 * CPU cost of a gzip export. The level is part of the file's bytes: a resumed export must use the
 * one its checkpoint was written with (checkpoints of another version are not continued).
 */
const GZIP_LEVEL = 1;

/** What the sink has staged so far: enough to continue it after a crash. */
export interface SinkState {
  readonly blocks: readonly string[];
  readonly bytes: number;
  readonly hash: Sha256State;
}

/**
 * The file's bytes on their way to storage: step 4 of the pipeline. Bytes collect until a block is
 * full; each block is [gzipped as its own gzip member,] staged (invisible until the commit),
 * hashed and counted. The next block collects while one is being compressed and staged, so reading
 * and uploading overlap; staging itself stays strictly in order, one block at a time, and a block's
 * follow-up (its checkpoint) is written before the next block is staged. Memory is bounded by
 * three blocks: one collecting, one compressing, one staging.
 */
export interface BlockSink {
  push(bytes: Uint8Array): void;
  /** A block's worth of bytes is waiting. */
  readonly full: boolean;
  /**
   * Sends what is waiting on as one block (none when nothing waits) and returns once the block
   * before it is staged. `then` runs after this block is staged, with the sink's state up to it.
   * A failure of the block before surfaces here; of this one, at the next cut or the commit.
   */
  cut(then?: (state: SinkState) => Promise<void>): Promise<void>;
  /** Stages the rest and makes the blob the staged blocks, atomically. */
  commit(options: BlobCommitOptions): Promise<{ sizeBytes: number; sha256: string }>;
  /** Waits until no block is in flight (for an export that stops early); errors are dropped. */
  settle(): Promise<void>;
}

export interface BlockSinkOptions {
  readonly blobName: string;
  readonly blockSize: number;
  readonly gzip: boolean;
  /**
   * Tags block ids. Resumable formats use 0 on every attempt: their bytes are deterministic, so a
   * resumed attempt continues the same list. Others use the attempt number, so a stale attempt can
   * never commit a mix of its blocks and a newer one's.
   */
  readonly generation: number;
  readonly resumeFrom?: SinkState;
}

/**
 * Block buffers are allocated once and reused (one collecting, one compressing, one staging): the
 * bytes of the pages are copied in as they arrive. Allocating a fresh buffer per block instead
 * left tens of MB of dead buffers waiting for a garbage collection on the request thread, which
 * allocates little else and so collects rarely.
 */
const SLACK = 512 * 1024;

/** A sink; rejects when `resumeFrom.hash` cannot be continued (callers check that in prepare). */
export async function blockSink(blobs: BlobStore, options: BlockSinkOptions): Promise<BlockSink> {
  const hash = await resumableSha256(options.resumeFrom?.hash);
  const blocks: string[] = [...(options.resumeFrom?.blocks ?? [])];
  let bytes = options.resumeFrom?.bytes ?? 0;
  const spare: Buffer[] = [];
  const allocate = (least: number): Buffer => {
    const reused = spare.pop();
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,ArithmeticOperator: only ever asked for 0 bytes, and a buffer too small grows on push; which buffer holds the bytes (pooled or fresh, how large) never changes them
    return reused && reused.length >= least ? reused : Buffer.allocUnsafe(Math.max(least, options.blockSize + SLACK));
  };
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: the pool's size only decides which buffers are reused, not the bytes staged
  const release = (buffer: Buffer): void => void (spare.length < 2 && spare.push(buffer));
  let current = allocate(0);
  let filled = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let sent = blocks.length;

  const state = (): SinkState => ({ blocks: [...blocks], bytes, hash: hash.state() });
  /** The waiting bytes as one block, and the buffer to release once they are no longer needed. */
  const take = (): { plain: Buffer; buffer: Buffer } => {
    const taken = { plain: current.subarray(0, filled), buffer: current };
    current = allocate(0);
    filled = 0;
    return taken;
  };
  /** The block as staged: [gzipped,] with its buffer released as soon as it is not needed. */
  const encode = async ({ plain, buffer }: { plain: Buffer; buffer: Buffer }): Promise<{ data: Uint8Array; done(): void }> => {
    // Stryker disable next-line ArrowFunction: a buffer not handed back is not reused; the bytes are the same
    if (!options.gzip) return { data: plain, done: () => release(buffer) };
    // Stryker disable next-line ArrowFunction: as above
    const data = await gzipAsync(plain, { level: GZIP_LEVEL }).finally(() => release(buffer));
    return { data, done: () => undefined };
  };
  const stage = async (data: Uint8Array, index: number): Promise<void> => {
    const id = blockIdOf(index, options.generation);
    await blobs.stageBlock(options.blobName, id, data);
    hash.update(data);
    bytes += data.byteLength;
    blocks.push(id);
  };

  return {
    push(chunk) {
      if (filled + chunk.byteLength > current.length) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * current.length, filled + chunk.byteLength));
        current.copy(bigger, 0, 0, filled);
        current = bigger;
      }
      current.set(chunk, filled);
      filled += chunk.byteLength;
    },
    get full() {
      return filled >= options.blockSize;
    },
    async cut(then) {
      if (filled === 0) return;
      // Compression starts now, on libuv's pool, while the block before may still be staging.
      const block = encode(take());
      block.catch(() => undefined);
      const before = inFlight;
      const index = sent++;
      inFlight = (async () => {
        await before;
        const encoded = await block;
        try {
          await stage(encoded.data, index);
        } finally /* Stryker disable next-line BlockStatement: only hands the buffer back to the pool (see release) */ {
          encoded.done();
        }
        if (then) await then(state());
      })();
      inFlight.catch(() => undefined);
      await before;
    },
    async commit(properties) {
      await inFlight;
      // An empty file is one empty block (with gzip: a valid, empty gzip member).
      if (filled > 0 || blocks.length === 0) {
        const { data } = await encode(take());
        // Stryker disable next-line UpdateOperator: the index is the value before the update, and nothing is staged after the commit
        await stage(data, sent++);
      }
      await blobs.commitBlocks(options.blobName, blocks, properties);
      return { sizeBytes: bytes, sha256: hash.digestHex() };
    },
    settle: () => inFlight.catch(() => undefined),
  };
}
