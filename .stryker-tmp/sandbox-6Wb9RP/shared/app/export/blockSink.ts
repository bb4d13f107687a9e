// @ts-nocheck
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { BlobCommitOptions, BlobStore } from '../../ports/blobStore.js';
import { blockIdOf } from './checkpoint.js';
import { ResumableSha256, type Sha256State } from './sha256.js';

const gzipAsync = promisify(gzip);

/** What the sink has staged so far: enough to continue it after a crash. */
export interface SinkState {
  readonly blocks: readonly string[];
  readonly bytes: number;
  readonly hash: Sha256State;
}

/**
 * The file's bytes on their way to storage: step 4 of the pipeline. Bytes collect until a block is
 * full; each block is [gzipped as its own gzip member,] hashed, counted and staged (invisible until
 * the commit). Memory is bounded by one block.
 */
export interface BlockSink {
  push(bytes: Uint8Array): void;
  /** A block's worth of bytes is waiting. */
  readonly full: boolean;
  /** Stages what is waiting as one block (none when nothing waits). */
  flush(): Promise<void>;
  state(): SinkState;
  /** Stages the rest and makes the blob the staged blocks, atomically. */
  commit(options: BlobCommitOptions): Promise<{ sizeBytes: number; sha256: string }>;
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

export function blockSink(blobs: BlobStore, options: BlockSinkOptions): BlockSink {
  const hash = new ResumableSha256(options.resumeFrom?.hash);
  const blocks: string[] = [...(options.resumeFrom?.blocks ?? [])];
  let bytes = options.resumeFrom?.bytes ?? 0;
  let waiting: Uint8Array[] = [];
  let waitingBytes = 0;

  const stage = async (): Promise<void> => {
    const plain = Buffer.concat(waiting);
    waiting = [];
    waitingBytes = 0;
    const data = options.gzip ? await gzipAsync(plain) : plain;
    const id = blockIdOf(blocks.length, options.generation);
    await blobs.stageBlock(options.blobName, id, data);
    hash.update(data);
    bytes += data.byteLength;
    blocks.push(id);
  };

  return {
    push(chunk) {
      waiting.push(chunk);
      waitingBytes += chunk.byteLength;
    },
    get full() {
      return waitingBytes >= options.blockSize;
    },
    flush: async () => {
      if (waitingBytes > 0) await stage();
    },
    state: () => ({ blocks: [...blocks], bytes, hash: hash.state() }),
    async commit(properties) {
      // An empty file is one empty block (with gzip: a valid, empty gzip member).
      if (waitingBytes > 0 || blocks.length === 0) await stage();
      await blobs.commitBlocks(options.blobName, blocks, properties);
      return { sizeBytes: bytes, sha256: hash.digestHex() };
    },
  };
}
