// @ts-nocheck
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { BlobServiceClient } from '@azure/storage-blob';
import type { BlobStore } from '../../../shared/ports/blobStore.js';
import type { ExportJob } from '../../../shared/domain/job.js';

/** Downloads a committed blob whole (test files are a few MB at most). */
export async function download(blobs: BlobStore, name: string): Promise<Buffer> {
  const { stream } = await blobs.openRead(name);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Data rows in an export file, counted by parsing it (CSV fields may hold line breaks). */
export function countRows(job: Pick<ExportJob, 'request'>, file: Buffer): number {
  const text = (job.request.compression === 'gzip' ? gunzipSync(file) : file).toString('utf8');
  switch (job.request.format) {
    case 'csv': {
      const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
        delimiter: job.request.csv.delimiter,
        skipEmptyLines: true,
      });
      if (parsed.errors.length > 0) throw new Error(`unparsable CSV: ${parsed.errors[0]?.message ?? ''}`);
      return parsed.data.length - 1;
    }
    case 'json':
      return (JSON.parse(text) as unknown[]).length;
    case 'ndjson':
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as unknown).length;
    default:
      throw new Error(`cannot count rows of ${job.request.format}`);
  }
}

/**
 * Names of the committed blobs under a prefix, read straight from the storage account (not through
 * our BlobStore) so the check does not trust the code under test. Staged, uncommitted blocks are
 * not blobs and are not listed.
 */
export async function committedBlobs(connectionString: string, container: string, prefix: string): Promise<string[]> {
  const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  const names: string[] = [];
  for await (const b of client.listBlobsFlat({ prefix })) names.push(b.name);
  return names;
}

/** The prefix every file of one job lives under. */
export const jobPrefix = (job: Pick<ExportJob, 'organizationId' | 'id'>): string => `${job.organizationId}/${job.id}/`;
