// Mutation testing of the core, judged by the fast unit layer (test/mutation/vitest.config.mts).
// One scope per run, chosen by MUTATION_SCOPE (test/mutation/run.mjs runs them all, one after the
// other): each scope has its own incremental file, committed next to this config, so a clean clone
// re-tests only the mutants in code or tests changed since the recorded run; the reports land in
// reports/mutation/<scope>/ (a CI artifact).
//
// ignoreStatic: a mutant in a module-level initialiser (the dataset catalog, the format table, the
// content types, the zod schemas) can only be judged by re-running every test, which took 98 % of the
// time of a domain run; such mutants are reported "ignored", not killed. Those tables are pinned
// instead by tests with literal expected values (see README, Tests → Mutation testing).
const scopes = {
  domain: ['shared/domain/**/*.ts'],
  app: ['shared/app/**/*.ts', '!shared/app/export/writers/**/*.ts'],
  // The writers in three parts, each judged by its own (slow, for XLSX and PDF) tests; README and
  // run.mjs add them up into the writers' score.
  'writers-text': [
    'shared/app/export/writers/**/*.ts',
    '!shared/app/export/writers/xlsx*.ts',
    '!shared/app/export/writers/pdf*.ts',
  ],
  'writers-xlsx': ['shared/app/export/writers/xlsx*.ts'],
  'writers-pdf': ['shared/app/export/writers/pdf*.ts'],
  http: ['shared/http/**/*.ts'],
};
const scope = process.env.MUTATION_SCOPE ?? 'domain';
if (!(scope in scopes)) throw new Error(`MUTATION_SCOPE must be one of ${Object.keys(scopes).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.mts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: scopes[scope],
  ignoreStatic: true,
  ignorePatterns: ['.stryker-tmp', 'dist', '.data', '.tools', 'reports', 'coverage', 'bench/results.json', '.bench', '.deploy'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `test/mutation/incremental/${scope}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${scope}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}/mutation.json` },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  // One temporary directory per scope, so two scopes may run side by side.
  tempDirName: `.stryker-tmp/${scope}`,
};
