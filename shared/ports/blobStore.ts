import type { Readable } from 'node:stream';

/** Bytes `offset … offset + count − 1` of a blob. */
export interface ByteRange {
  readonly offset: number;
  readonly count: number;
}

/** Properties stamped on a committed export blob. */
export interface BlobCommitOptions {
  readonly contentType: string;
  readonly fileName: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Export files. Uploads are staged block by block and committed at the end, so an unfinished
 * export never becomes a visible blob, and a resumed one can continue after its staged blocks.
 */
export interface BlobStore {
  /** Stages one block (not visible until committed). Block ids must be equal length per blob. */
  stageBlock(blobName: string, blockId: string, data: Uint8Array): Promise<void>;
  /** Makes the blob the concatenation of these staged blocks, atomically. */
  commitBlocks(blobName: string, blockIds: readonly string[], options: BlobCommitOptions): Promise<void>;
  /** Ids of the staged, uncommitted blocks of a blob (empty when none or no blob). */
  stagedBlockIds(blobName: string): Promise<string[]>;
  /**
   * Streams a committed blob, or `count` bytes of it from `offset` (a Range request); AppError
   * NOT_FOUND when it does not exist. `contentLength` is the length of what the stream yields.
   */
  openRead(blobName: string, range?: ByteRange): Promise<{ stream: Readable; contentLength: number }>;
  /** Deletes the blob if it exists; true when something was deleted. */
  delete(blobName: string): Promise<boolean>;
  exists(blobName: string): Promise<boolean>;
  /**
   * The committed blob's size in bytes, or undefined when there is none: the cheap check (one
   * metadata request, no content) that a Completed job still has its file.
   */
  sizeOf(blobName: string): Promise<number | undefined>;
  /** A read-only URL valid until `expiresOn`, served as an attachment named `fileName`. */
  readUrl(blobName: string, expiresOn: Date, options: BlobCommitOptions): Promise<string>;
}
