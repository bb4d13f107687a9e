import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Azurite's public, well-known development account (not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** Newest storage service version Azurite 3.35 accepts; SAS tokens are signed with it. */
export const AZURITE_SAS_VERSION = '2025-11-05';

export const azuriteConnectionString = (port: number): string =>
  `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => {
        const addr = s.address();
        const port = typeof addr === 'object' && addr ? addr.port : p;
        s.close(() => resolve(port));
      });
    });
  if (preferred !== undefined) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  return tryPort(0);
}

export interface AzuriteProcess {
  readonly port: number;
  readonly connectionString: string;
  /** Whether every metadata change is saved before it is answered (see local/azuriteServer.ts). */
  readonly durable: boolean;
  /** Closes Azurite gracefully (it saves its metadata) and waits for it to exit; kills it after 5 s. */
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Data folder (blob data and metadata). */
  readonly location: string;
  /** Preferred port; any free port when it is taken. */
  readonly port?: number;
  /** Keep nothing on disk (the test run's shared Azurite). */
  readonly inMemory?: boolean;
  /** Save metadata before answering each write (default true; ignored in memory). */
  readonly durableWrites?: boolean;
}

const LOCK_FILE = 'azurite.lock';
const STOP_GRACE_MS = 5000;
const PORT_ATTEMPTS = 5;

/** The entry of the Azurite child: compiled next to this file, or in dist/ when this runs from source (tests). */
function serverEntry(): string {
  const candidates = [join(__dirname, 'azuriteServer.js'), join(__dirname, '..', 'dist', 'local', 'azuriteServer.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('azuriteServer.js not found: run `npm run build` first');
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One Azurite per data folder: two would overwrite each other's metadata. A lock file names the
 * host and its Azurite. A lock left by a host that was killed is stale and taken over; an Azurite
 * whose host died is still saving and exiting (it watches its parent), so it is given a moment.
 */
async function lockDataFolder(location: string): Promise<{ path: string; record(azuritePid: number | undefined): void }> {
  const path = join(location, LOCK_FILE);
  let previous: { hostPid?: unknown; azuritePid?: unknown } = {};
  try {
    previous = JSON.parse(readFileSync(path, 'utf8')) as typeof previous;
  } catch {
    /* no lock, or unreadable: nobody to wait for */
  }
  const hostPid = typeof previous.hostPid === 'number' ? previous.hostPid : undefined;
  const azuritePid = typeof previous.azuritePid === 'number' ? previous.azuritePid : undefined;
  if (hostPid !== undefined && hostPid !== process.pid && alive(hostPid)) {
    throw new Error(
      `another local host (pid ${hostPid}) is using ${location}; stop it first (or delete ${path} if it is not running)`,
    );
  }
  if (azuritePid !== undefined) {
    for (const end = Date.now() + STOP_GRACE_MS * 2; alive(azuritePid) && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (alive(azuritePid)) throw new Error(`Azurite (pid ${azuritePid}) of a stopped host still uses ${location}; stop it first`);
  }
  const record = (pid: number | undefined) => writeFileSync(path, JSON.stringify({ hostPid: process.pid, azuritePid: pid }));
  record(undefined);
  return { path, record };
}

/** Runs local/azuriteServer.js on `port` and resolves once it listens. */
async function spawnAzurite(port: number, options: AzuriteOptions, durable: boolean): Promise<ChildProcess> {
  const args = [
    serverEntry(),
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    '--skipApiVersionCheck',
    '--silent',
    '--loose',
    '--disableTelemetry',
    ...(options.inMemory ? ['--inMemoryPersistence'] : ['--location', options.location]),
    ...(durable ? ['--durable-writes'] : []),
  ];
  // No kill on our exit: when this process goes, the IPC channel closes and Azurite saves and exits.
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start in 20 s: ${output.slice(-500)}`));
    }, 20_000);
    child.on('message', (m: { ready?: unknown }) => {
      if (typeof m === 'object' && m !== null && 'ready' in m) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output.slice(-500)}`));
    });
  });
  return child;
}

/**
 * Starts Azurite's blob service (the official emulator, from npm) as a child process, through
 * local/azuriteServer.js, and waits until it listens.
 * `--skipApiVersionCheck`: @azure/storage-blob 12.32 sends a newer API version than Azurite 3.35 knows.
 *
 * Data safety: with `durableWrites` (the default on disk) a write is answered only once Azurite's
 * metadata is saved, so a hard kill loses nothing that was acknowledged. The child exits by itself
 * when this process dies (it watches the IPC channel), and `stop()` lets it save before exiting.
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteProcess> {
  mkdirSync(options.location, { recursive: true });
  const lock = options.inMemory ? undefined : await lockDataFolder(options.location);
  const durable = !options.inMemory && options.durableWrites !== false;
  // A free port can be taken by someone else before Azurite binds it: then try another.
  let started: { child: ChildProcess; port: number } | undefined;
  for (let attempt = 1; !started; attempt++) {
    const port = await freePort(attempt === 1 ? options.port : undefined);
    try {
      started = { child: await spawnAzurite(port, options, durable), port };
    } catch (e) {
      if (attempt >= PORT_ATTEMPTS || !(e instanceof Error) || !e.message.includes('EADDRINUSE')) {
        if (lock) rmSync(lock.path, { force: true });
        throw e;
      }
    }
  }
  const { child, port } = started;
  child.stdout?.resume();
  child.stderr?.resume();
  lock?.record(child.pid);
  // The IPC channel must not keep this process alive on its own.
  child.channel?.unref();

  return {
    port,
    connectionString: azuriteConnectionString(port),
    durable,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (lock) rmSync(lock.path, { force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        if (child.connected) child.send('shutdown');
        else child.kill('SIGTERM');
      }),
  };
}
