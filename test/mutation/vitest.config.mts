import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { integrationOnly, unitTests } from '../../vitest.config.mts';

/** The unit layer alone, for Stryker: every mutant is judged by the fast tests on in-memory fakes. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { environment: 'node', include: unitTests, exclude: [integrationOnly], testTimeout: 30_000, pool: 'forks' },
});
