// A stand-in for the Azure Functions Node.js worker, for machines without Functions Core Tools.
//
// The real worker exposes its API to the `@azure/functions` library as the built-in module
// `@azure/functions-core` (it proxies Module.prototype.require), loads the app's package.json `main`,
// collects what the app registers, and later drives each invocation through the library's own
// ProgrammingModel: getArguments (RPC data → HttpRequest / message / InvocationContext with
// triggerMetadata), invokeFunction, getResponse. HTTP runs in the library's streaming mode: the host
// forwards the client's request to the library's HTTP proxy with an `x-ms-invocation-id` header and
// reads the response from it. This script does the same, so the app's real entry point and the real
// library code run here — only the host (the .NET process, gRPC, bindings) is stood in for.
//
// Usage: node functionsWorker.mjs <app directory>
//   Commands are JSON lines on stdin; each answer is one JSON line on file descriptor 3.
//   {op:'functions'}                          → {functions: [{name, bindings}], hooks: [names], setup}
//   {op:'invoke', name, body, triggerMetadata} → {returnValue, logs, error?}     (non-HTTP triggers)
//   {op:'http', name, method, path, headers, body?, params?} → {status, headers, body, logs, error?}
//   {op:'terminate'}                           → runs the appTerminate hooks, then exits
import Module, { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const appDir = resolve(process.argv[2] ?? '.');
const out = createWriteStream(null, { fd: 3 });
const reply = (value) => out.write(`${JSON.stringify(value)}\n`);

const registered = new Map();
const hooks = new Map();
let programmingModel;
let capabilities;

class Disposable {
  constructor(callback) {
    this.callback = callback;
  }
  dispose() {
    this.callback?.();
    this.callback = undefined;
  }
}

// The worker's public API to the library (version 3.10+ shape: with `log`, which HTTP streaming requires).
const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1040.0',
  registerHook(name, callback) {
    const list = hooks.get(name) ?? [];
    list.push(callback);
    hooks.set(name, list);
    return new Disposable(() =>
      hooks.set(
        name,
        (hooks.get(name) ?? []).filter((c) => c !== callback),
      ),
    );
  },
  setProgrammingModel(model) {
    programmingModel = model;
  },
  getProgrammingModel: () => programmingModel,
  registerFunction(metadata, callback) {
    if (registered.has(metadata.name))
      throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
    registered.set(metadata.name, { metadata, callback });
    return new Disposable(() => registered.delete(metadata.name));
  },
  log(level, category, message) {
    process.stderr.write(`[worker ${level} ${category}] ${message}\n`);
  },
  Disposable,
};

Module.prototype.require = new Proxy(Module.prototype.require, {
  apply(target, thisArg, args) {
    return args[0] === '@azure/functions-core' ? coreApi : Reflect.apply(target, thisArg, args);
  },
});

const packageJson = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
createRequire(join(appDir, 'package.json'))(join(appDir, packageJson.main));
for (const callback of hooks.get('appStart') ?? [])
  await callback({ hookData: {}, appHookData: {}, functionAppDirectory: appDir });
// The host asks for the worker's capabilities once the app is loaded; that starts the HTTP proxy.
capabilities = await programmingModel.getCapabilities({});

const triggerOf = (metadata) => Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type));

/** One invocation through the library's InvocationModel, as the worker runs it. */
async function invoke(name, request, logs) {
  const fn = registered.get(name);
  if (!fn) throw new Error(`no function named ${name}`);
  const coreCtx = {
    invocationId: request.invocationId,
    request,
    metadata: fn.metadata,
    state: undefined,
    log: (level, category, message) => logs.push({ level, category, message }),
  };
  const model = programmingModel.getInvocationModel(coreCtx);
  const { context, inputs } = await model.getArguments();
  const result = await model.invokeFunction(context, inputs, fn.callback);
  return model.getResponse(context, result);
}

const asText = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function handle(command) {
  const logs = [];
  switch (command.op) {
    case 'functions':
      return {
        functions: [...registered.values()].map(({ metadata }) => ({ name: metadata.name, bindings: metadata.bindings })),
        hooks: [...hooks.keys()],
        capabilities,
      };
    case 'invoke': {
      const fn = registered.get(command.name);
      const [bindingName] = triggerOf(fn?.metadata ?? { bindings: {} }) ?? [];
      try {
        const response = await invoke(
          command.name,
          {
            invocationId: randomUUID(),
            inputData: [{ name: bindingName, data: command.body }],
            triggerMetadata: command.triggerMetadata ?? {},
          },
          logs,
        );
        return { returnValue: response.returnValue ?? null, logs };
      } catch (e) {
        return { error: asText(e), logs };
      }
    }
    case 'http': {
      const fn = registered.get(command.name);
      const [bindingName] = triggerOf(fn?.metadata ?? { bindings: {} }) ?? [];
      const invocationId = randomUUID();
      const proxy = new URL(capabilities.HttpUri);
      // The host forwards the client's request to the proxy; its answer is the HTTP response.
      const answered = new Promise((resolveAnswer, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: proxy.port,
            method: command.method,
            path: `/api/${command.path}`,
            headers: {
              ...command.headers,
              'x-ms-invocation-id': invocationId,
              'x-forwarded-host': 'func-export.azurewebsites.net',
              'x-forwarded-proto': 'https',
            },
          },
          (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () =>
              resolveAnswer({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(command.body ?? undefined);
      });
      const headers = Object.fromEntries(Object.entries(command.headers ?? {}).map(([k, v]) => [k, v]));
      const triggerMetadata = {
        Headers: { json: JSON.stringify(headers) },
        Query: { json: '{}' },
        ...Object.fromEntries(Object.entries(command.params ?? {}).map(([k, v]) => [k, { string: v }])),
      };
      try {
        await invoke(
          command.name,
          { invocationId, inputData: [{ name: bindingName, data: { http: {} } }], triggerMetadata },
          logs,
        );
        return { ...(await answered), logs };
      } catch (e) {
        return { error: asText(e), logs };
      }
    }
    case 'terminate':
      for (const callback of hooks.get('appTerminate') ?? []) await callback({ hookData: {}, appHookData: {} });
      return { terminated: true };
    default:
      return { error: `unknown op ${command.op}` };
  }
}

reply({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  reply(await handle(command));
  if (command.op === 'terminate') break;
}
out.end(() => process.exit(0));
