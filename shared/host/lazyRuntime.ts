import { AppError } from '../domain/errors.js';
import type { Services } from '../app/services.js';
import type { Runtime } from './compositionRoot.js';

/** The process's services, built on first use. */
export interface LazyRuntime {
  /** The services; builds them on first use, and again after a failed build. */
  readonly services: () => Promise<Services>;
  /** Closes what was built (scale-in, deploy, Ctrl-C); a later call builds anew. */
  readonly close: () => Promise<void>;
}

/**
 * Builds the runtime once per process — but never keeps a FAILED build: a SQL hiccup during a cold
 * start fails the invocations that waited for it (503, the message is retried) and the next
 * invocation tries again, instead of turning the worker into a 500 machine until it is recycled.
 * Concurrent callers share one build. `onFailure` hears why each failed build failed.
 */
export function lazyRuntime(build: () => Promise<Runtime>, onFailure: (error: unknown) => void): LazyRuntime {
  let current: Promise<Runtime> | undefined;
  const runtime = (): Promise<Runtime> => {
    // Through a promise, so a build that throws before its first await (an invalid setting) is
    // handled like any other failed build.
    current ??= Promise.resolve()
      .then(build)
      .catch((e: unknown) => {
        current = undefined;
        onFailure(e);
        throw new AppError('SERVICE_UNAVAILABLE', 'The service is starting or temporarily unavailable; try again shortly.', {
          retryable: true,
          cause: e,
        });
      });
    return current;
  };
  return {
    services: async () => (await runtime()).services,
    async close() {
      const built = current;
      current = undefined;
      await (await built?.catch(() => undefined))?.close();
    },
  };
}
