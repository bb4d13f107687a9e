// @ts-nocheck
// A worker in its own process, for the crash matrix and the multi-process tests. It builds the
// services from the COMPILED code (dist/, `npm run build`) against the same SQLite file and blob
// container as the test, wraps ports to SIGKILL itself at a chosen point, and hands each doorbell
// to the registered queue function, as the Functions host would.
//
//   node workerChild.mjs '<json spec>'     (spec: see runWorkerChild.ts)
//
// It reports on stdout, one JSON object per line, written synchronously so nothing is lost to a
// SIGKILL: {ev:'claimed'|'complete'|'kill'|'handled'|'abandoned'|'log'|'done', ...}.
import { createRequire } from 'node:module';
import { writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const spec = JSON.parse(process.argv[2]);
const require = createRequire(`${spec.repoRoot}/package.json`);
const dist = (p) => require(`${spec.repoRoot}/dist/${p}`);

const { InvocationContext } = require('@azure/functions');
const { loadConfig } = dist('shared/config/config.js');
const { Settings } = dist('shared/config/settings.js');
const { createRuntime } = dist('shared/host/compositionRoot.js');
const { silentLogger } = dist('shared/adapters/log/jsonLogger.js');
const { decodeCheckpoint } = dist('shared/app/export/checkpoint.js');
const { processExportFunction } = dist('functions/processExport.js');

const emit = (ev) => writeSync(1, JSON.stringify({ pid: process.pid, ...ev }) + '\n');
const kill = spec.kill ?? null;
const die = (extra = {}) => {
  emit({ ev: 'kill', point: kill.point, ...extra });
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => undefined); // never reached: nothing may run after the kill
};

/** Replaces some async methods of a port with `(inner, ...args) => …`. */
const around = (port, arounds) =>
  new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      const wrap = arounds[prop];
      return typeof value === 'function' && wrap ? (...args) => wrap(value.bind(target), ...args) : value;
    },
  });

// The clock starts where the test says and runs in real time, so the test can restart "later".
const t0 = Date.now();
const start = Date.parse(spec.clockStart);
const clock = { now: () => new Date(start + (Date.now() - t0)) };

const settings = {
  ...spec.env,
  ...(spec.blockSize ? { [Settings.blockSizeBytes]: String(spec.blockSize) } : {}),
  ...(spec.pageSize ? { [Settings.pageSize]: String(spec.pageSize) } : {}),
  [Settings.progressIntervalMs]: String(spec.progressIntervalMs ?? 200),
};
const runtime = await createRuntime(loadConfig(settings), { clock, logger: silentLogger });
const base = runtime.services;

let staged = 0;
const blobs = around(base.blobs, {
  async stageBlock(inner, name, id, data) {
    staged++;
    if (kill?.point === 'during-stage' && staged === kill.block) {
      // The request is on its way when the process dies; Azurite may or may not have the block.
      void inner(name, id, data).catch(() => undefined);
      await new Promise((r) => setImmediate(r));
      return die({ block: staged });
    }
    await inner(name, id, data);
    if (kill?.point === 'after-stage' && staged === kill.block) return die({ block: staged });
  },
  async commitBlocks(inner, ...args) {
    await inner(...args);
    if (kill?.point === 'after-commit') return die();
  },
});

const repo = around(base.repo, {
  async apply(inner, id, transition) {
    const ok = await inner(id, transition);
    if (transition.name === 'claim' && ok) {
      const job = await base.repo.get(id);
      emit({ ev: 'claimed', jobId: id, attempt: job.attempt });
      if (kill?.point === 'after-claim') return die();
    }
    if (transition.name === 'heartbeat' && ok && transition.changes.set.checkpoint && kill?.point === 'after-checkpoint') {
      const cp = decodeCheckpoint(transition.changes.set.checkpoint);
      if (cp?.blocks.length === kill.block) return die({ block: kill.block, rows: cp.rows });
    }
    if (transition.name === 'complete') {
      emit({ ev: 'complete', jobId: id, ok });
      if (ok && kill?.point === 'after-complete') return die();
    }
    return ok;
  },
});

const services = { ...base, blobs, repo };
const getServices = () => Promise.resolve(services);

const contextFor = (messageId) =>
  new InvocationContext({
    invocationId: randomUUID(),
    functionName: 'processExport',
    triggerMetadata: { messageId, deliveryCount: 1 },
    logHandler: (level, ...args) => emit({ ev: 'log', level, line: args.map(String).join(' ') }),
  });

if (spec.waitForGo) {
  // Line up with the other consumers: start only when the test says so.
  emit({ ev: 'ready' });
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}

const queue = [...spec.messages];
const lane = async () => {
  for (let m = queue.shift(); m; m = queue.shift()) {
    try {
      await processExportFunction.handler(m, contextFor(`${m.jobId}:${m.attempt}`), getServices);
      emit({ ev: 'handled', jobId: m.jobId });
    } catch (e) {
      emit({ ev: 'abandoned', jobId: m.jobId, error: e instanceof Error ? e.message : String(e) });
    }
  }
};
await Promise.all(Array.from({ length: spec.concurrency ?? 1 }, lane));
emit({ ev: 'done' });
await runtime.close();
process.exit(0);
