import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
export const LOCAL_MAIN = join(ROOT, 'dist', 'local', 'main.js');

/** The compiled local host (`npm start`) running as its own process group: it and its Azurite. */
export interface LocalHostProcess {
  /** `http://127.0.0.1:<port>/api` */
  readonly api: string;
  readonly pid: number;
  /** Everything it printed so far (JSON log lines on stdout, start-up errors on stderr). */
  output(): string;
  /** A power cut: SIGKILL to the whole process group (host and Azurite alike); resolves once both are gone. */
  killHard(): Promise<void>;
  /** SIGTERM (Ctrl-C): a graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${context().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `dist/local/main.js` with `env` in `dir` (its SQLite file and Azurite folder live there),
 * as the leader of a new process group, and waits for its ready line.
 */
export async function startLocalHost(dir: string, env: Record<string, string>, timeoutMs = 90_000): Promise<LocalHostProcess> {
  if (!existsSync(LOCAL_MAIN)) throw new Error('dist/local/main.js is missing: run `npm run build` first (npm test does)');
  const child: ChildProcess = spawn(process.execPath, [LOCAL_MAIN], {
    cwd: dir,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the local host did not start');
  let output = '';
  let exited = false;
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  child.once('exit', () => (exited = true));
  const exitedPromise = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  // Never leave a host behind if the test run itself ends.
  const reap = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', reap);

  let ready: RegExpExecArray | null = null;
  await until(
    'the ready line',
    () => {
      if (exited) throw new Error(`the local host exited during start-up:\n${output.slice(-3000)}`);
      ready = /ready at (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(output);
      return ready !== null;
    },
    timeoutMs,
    () => output,
  );
  const lockFile = join(dir, 'azurite', 'azurite.lock');
  const azuritePid = (): number | undefined => {
    try {
      const pidOf = (JSON.parse(readFileSync(lockFile, 'utf8')) as { azuritePid?: unknown }).azuritePid;
      return typeof pidOf === 'number' ? pidOf : undefined;
    } catch {
      return undefined;
    }
  };
  const api = `${(ready as unknown as RegExpExecArray)[1]}/api`;

  return {
    api,
    pid,
    output: () => output,
    async killHard() {
      const azurite = azuritePid();
      process.kill(-pid, 'SIGKILL');
      await until(
        'the host to die',
        () => exited,
        10_000,
        () => output,
      );
      if (azurite !== undefined)
        await until(
          'Azurite to die',
          () => !alive(azurite),
          10_000,
          () => output,
        );
      process.removeListener('exit', reap);
    },
    async stop() {
      child.kill('SIGTERM');
      const code = await exitedPromise;
      process.removeListener('exit', reap);
      return code;
    },
  };
}
