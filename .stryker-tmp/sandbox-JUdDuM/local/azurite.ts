// @ts-nocheck
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

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
  stop(): Promise<void>;
}

/**
 * Starts Azurite's blob service (the official emulator, from npm) as a child process and waits for
 * it to listen. Runs `main.js` directly: killing an npx wrapper would orphan the server.
 * `--skipApiVersionCheck`: @azure/storage-blob 12.32 sends a newer API version than Azurite 3.35 knows.
 */
export async function startAzurite(options: { location: string; port?: number; inMemory?: boolean }): Promise<AzuriteProcess> {
  const port = await freePort(options.port);
  mkdirSync(options.location, { recursive: true });
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const args = [
    main,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    '--skipApiVersionCheck',
    '--silent',
    '--loose',
    '--disableTelemetry',
  ];
  args.push(...(options.inMemory ? ['--inMemoryPersistence'] : ['--location', options.location]));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start in 20 s: ${output.slice(-500)}`)), 20_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('successfully listens')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output.slice(-500)}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    port,
    connectionString: azuriteConnectionString(port),
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
