import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layer rules of docs/ARCHITECTURE.md, as lint rules: dependencies point inward
 * (domain ← ports ← app ← adapters, http, host ← functions, local), and SDK clients are made only by
 * adapters and the composition roots. `test/infra/layerRules.test.ts` proves a violation fails.
 */
const SDK_PACKAGES = [
  '@azure/storage-blob',
  '@azure/service-bus',
  '@azure/identity',
  'tedious',
  'tarn',
  'better-sqlite3',
  'kysely',
];

/** `import-x/no-restricted-paths` zones: files under `target` must not import from `from`. */
const zones = [
  {
    target: './shared/domain',
    from: './shared',
    except: ['./domain'],
    message: 'domain/ is the core: it imports nothing of ours outside domain/.',
  },
  { target: './shared/ports', from: './shared', except: ['./ports', './domain'], message: 'ports/ depend on the domain only.' },
  {
    target: './shared/app',
    from: ['./shared/adapters', './shared/host', './shared/http', './shared/config', './functions', './local'],
    message: 'app/ (use cases) sees the world through ports/ only: no adapters, host, http or config.',
  },
  {
    target: './shared/app/export/writers',
    from: './shared',
    except: ['./app/export/writers', './domain'],
    message: 'writers/ are pure encoders (rows → bytes): they import the domain only.',
  },
  {
    target: './shared/config',
    from: './shared',
    except: ['./config'],
    message: 'config/ is a leaf: settings and their validation.',
  },
  {
    target: './shared/adapters',
    from: ['./shared/app', './shared/host', './shared/http', './functions', './local'],
    message: 'adapters implement ports/: they import ports/ and the domain, never use cases or hosts.',
  },
  {
    target: './shared/http',
    from: ['./shared/adapters', './shared/host', './functions', './local'],
    message: 'http/ maps results to HTTP; it knows no adapters or hosts.',
  },
  {
    target: './functions',
    from: ['./shared/adapters', './local'],
    message: 'functions/ reach adapters only through the composition root (shared/host).',
  },
  {
    target: './client',
    from: ['./shared', './functions', './local', './bench', './local/console', './test'],
    message: 'client/ is the API’s client: it knows the service only through the OpenAPI types.',
  },
  {
    target: './shared',
    from: ['./functions', './local', './bench', './test', './client', './local/console'],
    message: 'shared/ never imports a host, a benchmark or a test.',
  },
];

const noSdk = (message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: SDK_PACKAGES.flatMap((p) => [p, `${p}/*`]), message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
      'client/schema.d.ts',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Parse our .ts dependencies (no-cycle follows them); resolve `./x.js` to `./x.ts` like tsc.
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'test/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.mts', 'test/mutation/vitest.config.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through shared/config (one validated config).' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
    },
  },
  {
    // SDK clients are made by adapters and composition roots only.
    files: ['shared/domain/**', 'shared/ports/**', 'shared/app/**', 'shared/http/**', 'shared/config/**', 'functions/**'],
    rules: noSdk('SDK packages belong in shared/adapters (and the composition root that wires them).'),
  },
  {
    files: ['shared/domain/**', 'shared/app/**', 'shared/ports/**'],
    ignores: ['shared/app/export/writers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: SDK_PACKAGES.flatMap((p) => [p, `${p}/*`]), message: 'SDK packages belong in shared/adapters.' },
            { group: ['@azure/*'], message: 'The core knows no Azure SDK (not even @azure/functions): that is the host’s.' },
          ],
        },
      ],
    },
  },
  {
    // The domain has no I/O at all.
    files: ['shared/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: SDK_PACKAGES.flatMap((p) => [p, `${p}/*`]), message: 'SDK packages belong in shared/adapters.' },
            { group: ['@azure/*'], message: 'The core knows no Azure SDK.' },
            { group: ['node:*'], message: 'The domain does no I/O: Node modules belong in app/ or adapters/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'vitest.config.mts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['it', 'describe', 'test'].map((object) => ({
          object,
          property: 'only',
          message: 'A focused test skips the rest of the suite.',
        })),
      ],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
);
