import type { app as functionsApp } from '@azure/functions';
import { loadConfig } from '../config/config.js';
import { createRuntime } from './compositionRoot.js';
import type { FunctionDefinition } from './functionDefinition.js';
import { lazyRuntime } from './lazyRuntime.js';
import { methodFallbacks } from './methodFallbacks.js';

/**
 * Registers the app's functions with the Azure Functions host. Services are built from the app
 * settings on first use, once per worker process; a failed build is retried by the next invocation
 * (see lazyRuntime.ts), and everything is closed when the worker shuts down (scale-in, deploy).
 */
export function registerWithFunctionsHost(app: typeof functionsApp, definitions: readonly FunctionDefinition[]): void {
  const runtime = lazyRuntime(
    // eslint-disable-next-line no-restricted-properties -- the Functions host's one entry to the app settings
    () => createRuntime(loadConfig(process.env)),
    (e) =>
      // The host forwards console output to Application Insights; the error's name and message say
      // which setting or dependency failed (config errors never carry a value).
      console.error(
        `startup.failed ${JSON.stringify({ error: e instanceof Error ? e.name : 'unknown', message: e instanceof Error ? e.message : String(e) })}`,
      ),
  );
  // Stream download bodies instead of buffering them in the host.
  app.setup({ enableHttpStream: true });
  app.hook.appTerminate(() => runtime.close());
  const http = definitions.filter((d) => d.kind === 'http');
  for (const d of [...definitions, ...methodFallbacks(http)]) {
    switch (d.kind) {
      case 'http':
        app.http(d.name, {
          methods: [...d.methods],
          route: d.route,
          authLevel: 'anonymous', // authentication is ours (bearer JWT), not function keys
          handler: (request, context) => d.handler(request, context, runtime.services),
        });
        break;
      case 'queue':
        app.serviceBusQueue(d.name, {
          connection: d.connection,
          queueName: d.queueName,
          handler: (message, context) => d.handler(message, context, runtime.services),
        });
        break;
      case 'timer':
        app.timer(d.name, { schedule: d.schedule, handler: (timer, context) => d.handler(timer, context, runtime.services) });
        break;
    }
  }
}
