// @ts-nocheck
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { JobMessage } from '../../../shared/ports/jobQueue.js';

const script = fileURLToPath(new URL('./workerChild.mjs', import.meta.url));
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Where the worker child kills itself (SIGKILL), counted in staged blocks where it matters. */
export type KillPoint =
  | { readonly point: 'after-claim' }
  /** Block `block` is staged, its checkpoint not yet written. */
  | { readonly point: 'after-stage'; readonly block: number }
  /** The checkpoint covering `block` staged blocks is written. */
  | { readonly point: 'after-checkpoint'; readonly block: number }
  /** The request staging block `block` is in flight. */
  | { readonly point: 'during-stage'; readonly block: number }
  /** The block list is committed (the file is visible), the job row not yet updated. */
  | { readonly point: 'after-commit' }
  /** The job row says Completed; the queue message was never completed. */
  | { readonly point: 'after-complete' };

export interface WorkerChildSpec {
  readonly env: Record<string, string>;
  readonly clockStart: string;
  readonly messages: readonly JobMessage[];
  readonly blockSize?: number;
  readonly pageSize?: number;
  readonly progressIntervalMs?: number;
  /** Messages handled at once (Service Bus maxConcurrentCalls). */
  readonly concurrency?: number;
  readonly kill?: KillPoint;
  /** Build the services, report `ready`, and wait for `go()` before handling messages. */
  readonly waitForGo?: boolean;
}

export type ChildEvent =
  | { ev: 'claimed'; pid: number; jobId: string; attempt: number }
  | { ev: 'complete'; pid: number; jobId: string; ok: boolean }
  | { ev: 'kill'; pid: number; point: string; block?: number; rows?: number }
  | { ev: 'handled' | 'abandoned'; pid: number; jobId: string; error?: string }
  | { ev: 'log'; pid: number; level: string; line: string; msg: string; props: Record<string, unknown> }
  | { ev: 'ready' | 'done'; pid: number };

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly events: ChildEvent[];
  readonly stderr: string;
  /** Log lines of the invocation logger, split into message and properties. */
  logs(msg: string): Extract<ChildEvent, { ev: 'log' }>[];
}

/** Runs the compiled worker in a child process until it exits (or kills itself). */
export async function runWorkerChild(spec: WorkerChildSpec, timeoutMs = 60_000): Promise<ChildResult> {
  return startWorkerChild(spec, timeoutMs).done;
}

export interface WorkerChild {
  /** Resolves once the child has built its services (with `waitForGo`). */
  readonly ready: Promise<void>;
  /** Lets a `waitForGo` child start handling its messages. */
  go(): void;
  readonly done: Promise<ChildResult>;
}

/** Starts the compiled worker in a child process; `done` resolves when it exits (or killed itself). */
export function startWorkerChild(spec: WorkerChildSpec, timeoutMs = 60_000): WorkerChild {
  if (!existsSync(resolve(repoRoot, 'dist/functions/processExport.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does) before the reliability tests');
  }
  const child = spawn(process.execPath, [script, JSON.stringify({ repoRoot, ...spec })], {
    cwd: repoRoot,
    stdio: [spec.waitForGo ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stderr = '';
  let markReady = () => undefined as void;
  const ready = new Promise<void>((ok) => (markReady = ok));
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    if (out.includes('"ev":"ready"')) markReady();
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<[number | null, NodeJS.Signals | null]>((ok) => child.once('close', (c, s) => ok([c, s]))).then(
    ([code, signal]): ChildResult => {
      clearTimeout(timer);
      markReady(); // never leave a waiter hanging on a child that died early
      const events = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ChildEvent)
        .map((e) => (e.ev === 'log' ? { ...e, ...splitLogLine(e.line) } : e));
      return {
        code,
        signal,
        events,
        stderr,
        logs: (msg) => events.filter((e): e is Extract<ChildEvent, { ev: 'log' }> => e.ev === 'log' && e.msg === msg),
      };
    },
  );
  return {
    ready,
    go: () => void child.stdin?.end('go\n'),
    done,
  };
}

/** The invocation logger writes `message {json props}`. */
function splitLogLine(line: string): { msg: string; props: Record<string, unknown> } {
  const i = line.indexOf(' {"');
  return i < 0
    ? { msg: line, props: {} }
    : { msg: line.slice(0, i), props: JSON.parse(line.slice(i + 1)) as Record<string, unknown> };
}
