import { app, type HttpFunctionOptions, type ServiceBusQueueFunctionOptions, type TimerFunctionOptions } from '@azure/functions';

/**
 * Registers functions with the Azure Functions host AND records them, so the local host serves
 * exactly the same routes, queue and timer handlers: `functions/` is the one route table.
 */
export const registrations = {
  http: [] as (HttpFunctionOptions & { name: string })[],
  queue: [] as (ServiceBusQueueFunctionOptions & { name: string })[],
  timer: [] as (TimerFunctionOptions & { name: string })[],
};

let embedded = false;
let setUp = false;

/** The local host records registrations only; the Functions host gets them through `app`. */
export function useEmbeddedHost(): void {
  embedded = true;
}

function toFunctionsHost(register: () => void): void {
  if (embedded) return;
  if (!setUp) {
    // Stream download bodies instead of buffering them in the host.
    app.setup({ enableHttpStream: true });
    // Close the Service Bus client and the SQL pool when the worker shuts down (scale-in, deploy).
    app.hook.appTerminate(async () => {
      const { services } = await import('./runtime.js');
      await (await services()).close();
    });
    setUp = true;
  }
  register();
}

export function registerHttp(name: string, options: HttpFunctionOptions): void {
  toFunctionsHost(() => app.http(name, options));
  registrations.http.push({ name, ...options });
}

export function registerQueue(name: string, options: ServiceBusQueueFunctionOptions): void {
  toFunctionsHost(() => app.serviceBusQueue(name, options));
  registrations.queue.push({ name, ...options });
}

export function registerTimer(name: string, options: TimerFunctionOptions): void {
  toFunctionsHost(() => app.timer(name, options));
  registrations.timer.push({ name, ...options });
}
