// Mutation testing of the core — domain, use cases and the export pipeline, the writers, the HTTP
// mapping — judged by the unit layer. `npm run test:mutation`; the HTML report lands in
// reports/mutation/ (a CI artifact). Incremental: a re-run only tests mutants in changed code.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.mts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['shared/domain/**/*.ts', 'shared/app/**/*.ts', 'shared/http/**/*.ts'],
  ignorePatterns: ['dist', '.data', '.tools', 'reports', 'coverage', 'bench/results.json'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  timeoutMS: 20_000,
};
