import { dirname, join } from 'node:path';

/**
 * Azurite's blob service, run in this process: the child that the local host starts
 * (local/azurite.ts). Command-line options are Azurite's own, plus `--durable-writes`.
 *
 * Why not Azurite's own entry: Azurite keeps blob metadata (which blobs exist, their block lists)
 * and its extent index (which file holds which block data) in two LokiJS databases that it saves to
 * disk every 5 seconds. A hard kill loses whatever changed since the last save: files committed in
 * the last seconds before a `kill -9` were gone after a restart, while SQLite said Completed.
 * With `--durable-writes` every operation that changes those databases waits for a save before it is
 * answered, so a commit the worker saw succeed survives a kill of the process. LokiJS throttles
 * saves (callers that arrive during a save share the next one), so a burst costs one or two writes
 * of the metadata file, not one per request.
 *
 * This reaches into Azurite internals (property and method names of azurite 3.35.0, which is
 * pinned); they are checked at start, and a mismatch stops start-up naming what is missing rather
 * than silently running without durability.
 *
 * Stopping: "shutdown" over the IPC channel, SIGTERM or SIGINT close the server, which saves both
 * databases. When the channel closes because the parent died (the host alone was killed), this
 * process does the same instead of living on as an orphan that holds the data folder.
 */

interface LokiDatabase {
  saveDatabase(callback: (error?: unknown) => void): void;
}

interface BlobServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  readonly metadataStore?: { readonly db?: LokiDatabase } & Record<string, unknown>;
  readonly extentMetadataStore?: { readonly db?: LokiDatabase } & Record<string, unknown>;
}

/** Operations that change the blob metadata database (those the export service and its tests use, and their kin). */
const BLOB_METADATA_WRITES = [
  'createContainer',
  'deleteContainer',
  'createBlob',
  'deleteBlob',
  'stageBlock',
  'commitBlockList',
  'setBlobHTTPHeaders',
  'setBlobMetadata',
] as const;
/** The extent index changes when block data is appended to an extent file. */
const EXTENT_METADATA_WRITES = ['updateExtent'] as const;

const DURABLE_FLAG = '--durable-writes';
const FORCE_EXIT_MS = 5000;

const save = (db: LokiDatabase): Promise<void> =>
  new Promise((resolve, reject) => db.saveDatabase((error) => (error ? reject(toError(error)) : resolve())));

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Wraps each named async method of `store` so it resolves only once its database is saved. */
function saveAfter(store: BlobServer['metadataStore'], what: string, methods: readonly string[]): void {
  const db = store?.db;
  if (!store || !db || typeof db.saveDatabase !== 'function') throw new Error(`azurite internals changed: no ${what} database`);
  for (const name of methods) {
    const original = store[name];
    if (typeof original !== 'function') throw new Error(`azurite internals changed: ${what} has no ${name}()`);
    const call = original as (...args: unknown[]) => Promise<unknown>;
    (store as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const result = await call.apply(store, args);
      await save(db);
      return result;
    };
  }
}

async function main(): Promise<void> {
  const durable = process.argv.includes(DURABLE_FLAG);
  // Azurite parses process.argv itself and knows nothing of our flag.
  process.argv = process.argv.filter((a) => a !== DURABLE_FLAG);
  const dist = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Azurite ships CommonJS without types
  const factoryModule = require(join(dist, 'blob', 'BlobServerFactory.js')) as {
    BlobServerFactory: new () => { createServer(): Promise<BlobServer> };
  };
  const server = await new factoryModule.BlobServerFactory().createServer();

  if (durable) {
    saveAfter(server.metadataStore, 'blob metadata', BLOB_METADATA_WRITES);
    saveAfter(server.extentMetadataStore, 'extent metadata', EXTENT_METADATA_WRITES);
  }
  await server.start();

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    // Saving takes milliseconds; never linger if closing hangs.
    setTimeout(() => process.exit(0), FORCE_EXIT_MS).unref();
    return (closing ??= server
      .close()
      .catch((e: unknown) => void process.stderr.write(`azurite close failed: ${toError(e).message}\n`))
      .finally(() => process.exit(0)));
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  process.on('message', (message) => {
    if (message === 'shutdown') void shutdown();
  });
  // The parent died without telling us: save and go, rather than keep the data folder busy.
  process.once('disconnect', () => void shutdown());

  const ready = { ready: server.getHttpServerAddress(), durable };
  if (process.send) process.send(ready);
  else process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`azurite failed to start: ${toError(e).message}\n`);
  process.exit(1);
});
