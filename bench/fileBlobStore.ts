import { closeSync, createReadStream, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../shared/ports/blobStore.js';

/**
 * A BlobStore that writes one local file, for the benchmark only: it separates the cost of Blob
 * Storage (an HTTP upload to Azurite per block) from producing the file. Blocks are appended in the
 * order staged (the pipeline stages them in file order) and the commit renames the file; nothing
 * else of a real store (resume, SAS URLs) is offered.
 */
export function fileBlobStore(dir: string): BlobStore {
  const open = new Map<string, { fd: number; path: string; blocks: string[] }>();
  const pathOf = (name: string) => join(dir, name.replace(/[^\w.-]/g, '_'));
  const unsupported = (what: string) => Promise.reject(new Error(`fileBlobStore: ${what} is not supported`));
  return {
    async stageBlock(name, id, data) {
      let file = open.get(name);
      if (!file) {
        const path = `${pathOf(name)}.partial`;
        file = { fd: openSync(path, 'w'), path, blocks: [] };
        open.set(name, file);
      }
      for (let offset = 0; offset < data.byteLength;) offset += writeSync(file.fd, data, offset);
      file.blocks.push(id);
    },
    async commitBlocks(name, ids) {
      const file = open.get(name);
      if (!file || file.blocks.join() !== ids.join()) throw new Error('fileBlobStore: blocks must be committed as staged');
      closeSync(file.fd);
      renameSync(file.path, pathOf(name));
      open.delete(name);
    },
    stagedBlockIds: async (name) => [...(open.get(name)?.blocks ?? [])],
    async openRead(name) {
      const path = pathOf(name);
      return { stream: createReadStream(path), contentLength: statSync(path).size };
    },
    async delete(name) {
      rmSync(pathOf(name), { force: true });
      return true;
    },
    exists: async (name) => {
      try {
        statSync(pathOf(name));
        return true;
      } catch {
        return false;
      }
    },
    sizeOf: async (name) => {
      try {
        return statSync(pathOf(name)).size;
      } catch {
        return undefined;
      }
    },
    readUrl: () => unsupported('readUrl'),
  };
}
