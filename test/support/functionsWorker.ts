import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** A binding as the library hands it to the worker (RpcBindingInfo). */
export interface WorkerBinding {
  readonly type: string;
  readonly direction: string;
  readonly [key: string]: unknown;
}

/** One registration the app made through `@azure/functions`. */
export interface RegisteredFunction {
  readonly name: string;
  readonly bindings: Readonly<Record<string, WorkerBinding>>;
}

/** A log line of an invocation, as the worker receives it from the library. */
export interface WorkerLog {
  readonly level: string;
  readonly category: string;
  readonly message: string;
}

export interface HttpAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly logs: WorkerLog[];
  readonly error?: string;
}

export interface InvokeAnswer {
  readonly returnValue?: unknown;
  readonly logs: WorkerLog[];
  readonly error?: string;
}

/**
 * The app loaded by test/support/functionsWorker.mjs (a stand-in for the Functions Node.js worker) in a
 * child process: its package.json `main` registers with the real `@azure/functions` library, and each
 * call is driven through that library as the worker would.
 */
export interface FunctionsWorker {
  functions(): Promise<{ functions: RegisteredFunction[]; hooks: string[]; capabilities: Record<string, string> }>;
  /** A non-HTTP trigger; `body` and the trigger metadata values are RPC typed data, as the host sends them. */
  invoke(name: string, body: unknown, triggerMetadata?: Record<string, unknown>): Promise<InvokeAnswer>;
  http(
    name: string,
    request: { method: string; path: string; headers?: Record<string, string>; params?: Record<string, string>; body?: string },
  ): Promise<HttpAnswer>;
  /** Runs the appTerminate hooks and waits for the process to exit. */
  stop(): Promise<void>;
  /** What the app wrote to stdout/stderr (console output goes there, as in Azure). */
  output(): string;
}

export async function startFunctionsWorker(
  appDir: string,
  env: Record<string, string | undefined>,
  nodeBinary: string = process.execPath,
): Promise<FunctionsWorker> {
  const child: ChildProcess = spawn(nodeBinary, [join(__dirname, 'functionsWorker.mjs'), appDir], {
    cwd: appDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const answers = createInterface({ input: child.stdio[3] as Readable })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const line = await Promise.race([
      answers.next(),
      exited.then((code) => {
        throw new Error(`the worker exited (${code}) before answering:\n${output}`);
      }),
    ]);
    if (line.done) throw new Error(`the worker closed its answers:\n${output}`);
    return JSON.parse(line.value) as unknown;
  };
  const send = async <T>(command: Record<string, unknown>): Promise<T> => {
    child.stdin?.write(`${JSON.stringify(command)}\n`);
    return (await next()) as T;
  };
  await next(); // { ready: true }: the app is loaded and registered
  return {
    functions: () => send({ op: 'functions' }),
    invoke: (name, body, triggerMetadata) => send({ op: 'invoke', name, body, triggerMetadata }),
    http: (name, request) => send({ op: 'http', name, ...request }),
    async stop() {
      if (child.exitCode === null) {
        await send({ op: 'terminate' }).catch(() => undefined);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    output: () => output,
  };
}
