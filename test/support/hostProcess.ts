import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { TEST_SECRET } from './testServices.js';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'local', 'main.js');

/** The compiled local host (`npm start`) running as its own process, on free ports, in a temp folder. */
export interface HostProcess {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `<origin>/api` */
  readonly api: string;
  readonly dir: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  token(org: string, role: string, sub?: string): string;
  stop(): Promise<void>;
}

export async function startHost(env: Record<string, string> = {}, timeoutMs = 90_000): Promise<HostProcess> {
  if (!existsSync(MAIN)) throw new Error('dist/local/main.js is missing: run `npm run build` first (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'export-host-'));
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      EXPORT_SQLITE_PATH: join(dir, 'export.db'),
      EXPORT_AUTH_HS256_SECRET: TEST_SECRET,
      SEED_USERS: '60',
      SEED_SESSIONS: '3000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const end = Date.now() + timeoutMs;
  let origin: string | undefined;
  while (!origin) {
    origin = /ready at (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(output)?.[1];
    if (origin) break;
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`the local host did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = origin;
  return {
    origin: ready,
    api: `${ready}/api`,
    dir,
    child,
    output: () => output,
    token: (org, role, sub) =>
      signHs256(
        { sub: sub ?? `user-${role.toLowerCase()}`, org, roles: [role] },
        { secret: TEST_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
      ),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
