import { defineConfig } from 'vitest/config';

/**
 * Two layers. `unit`: domain, use cases, writers, HTTP mapping, config and the hosts' frames, on
 * in-memory fakes of the ports (which pass the same contract suites as the real adapters) — no
 * Azurite, no database file, no dist/; `npm run test:unit`. `integration`: everything that runs real
 * parts (SQLite files, Azurite, child processes of the compiled app, HTTP, the Bicep CLI).
 */
export const unitTests = [
  'test/shared/domain/**/*.test.ts',
  'test/shared/app/**/*.test.ts',
  'test/shared/http/**/*.test.ts',
  'test/shared/config/**/*.test.ts',
  'test/shared/host/**/*.test.ts',
  'test/shared/adapters/queue/inProcessQueue.test.ts',
  'test/shared/adapters/auth/*.test.ts',
  'test/fakes/**/*.test.ts',
  'test/local/functionHost.test.ts',
];
export const integrationOnly = '**/*.integration.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    // A focused test (`.only`) must not silently skip the rest: fail instead (lint refuses it too).
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // The unit layer shares each worker's module cache between its files (no per-file fresh
        // import): its modules hold no state a test leaves behind (every test builds its own fakes
        // and clock), and re-importing the app for each of ~90 files took two thirds of the run
        // (21.6 s isolated, 6.6 s shared, measured on an idle machine). It passes both ways.
        test: { name: 'unit', include: unitTests, exclude: [integrationOnly], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: unitTests
            .filter((g) => !g.startsWith('test/shared/app/') && !g.startsWith('test/shared/host/'))
            .concat(
              // app/ and host/ tests are unit tests unless named *.integration.test.ts
              'test/shared/app/**/!(*.integration).test.ts',
              'test/shared/host/**/!(*.integration).test.ts',
            ),
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
    ],
  },
});
