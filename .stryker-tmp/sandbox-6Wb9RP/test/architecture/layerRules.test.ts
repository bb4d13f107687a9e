// @ts-nocheck
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules are lint rules (eslint.config.mjs), not conventions. This proves they bite: each
 * probe is linted as if it were a file of the project (in a child process, as the CLI would), and
 * must fail with the rule named — while the files as they are pass.
 */
interface Probe {
  readonly what: string;
  readonly path: string;
  /** Undefined: lint the file as it is on disk. */
  readonly code?: string;
  /** The rule that must report it; undefined = nothing may be reported. */
  readonly rule?: string;
}

const violation = (what: string, path: string, line: string, rule = 'import-x/no-restricted-paths'): Probe => ({
  what,
  path,
  code: `${line}\nexport const probe = 1;\n`,
  rule,
});

const probes: Probe[] = [
  violation(
    'the domain importing an adapter',
    'shared/domain/datasets.ts',
    "import { systemClock } from '../adapters/systemClock.js';",
  ),
  violation(
    'the domain importing a use case',
    'shared/domain/job.ts',
    "import { processExport } from '../app/processExport.js';",
  ),
  violation(
    'the domain importing a database driver',
    'shared/domain/job.ts',
    "import { Kysely } from 'kysely';",
    'no-restricted-imports',
  ),
  violation(
    'a use case importing an adapter',
    'shared/app/getExportJob.ts',
    "import { sqlJobRepository } from '../adapters/sql/jobRepository.js';",
  ),
  violation(
    'a use case importing the host',
    'shared/app/getExportJob.ts',
    "import { createRuntime } from '../host/compositionRoot.js';",
  ),
  violation('a use case importing HTTP mapping', 'shared/app/getExportJob.ts', "import { problem } from '../http/problem.js';"),
  violation('a use case importing config', 'shared/app/getExportJob.ts', "import { loadConfig } from '../config/config.js';"),
  violation(
    'a use case importing an Azure SDK',
    'shared/app/getExportJob.ts',
    "import type { HttpRequest } from '@azure/functions';",
    'no-restricted-imports',
  ),
  violation(
    'a writer importing a port',
    'shared/app/export/writers/csv.ts',
    "import type { BlobStore } from '../../../ports/blobStore.js';",
  ),
  violation(
    'a function importing an adapter',
    'functions/getExportJob.ts',
    "import { sqlJobRepository } from '../shared/adapters/sql/jobRepository.js';",
  ),
  violation(
    'a function using a storage SDK',
    'functions/getExportJob.ts',
    "import { BlobServiceClient } from '@azure/storage-blob';",
    'no-restricted-imports',
  ),
  violation(
    'an adapter importing a use case',
    'shared/adapters/systemClock.ts',
    "import { processExport } from '../app/processExport.js';",
  ),
  violation(
    'shared code importing a host',
    'shared/host/compositionRoot.ts',
    "import { functionDefinitions } from '../../functions/definitions.js';",
  ),
  // shared/domain/analytics.ts imports dates.ts; dates.ts importing analytics.ts closes a loop.
  violation(
    'an import cycle',
    'shared/domain/dates.ts',
    "import { noActivity } from './analytics.js';\nexport const loop = noActivity;",
    'import-x/no-cycle',
  ),
  violation(
    'a focused test',
    'test/shared/domain/job.test.ts',
    "import { it } from 'vitest';\nit.only('x', () => undefined);",
    'no-restricted-properties',
  ),
  { what: 'the domain as it is', path: 'shared/domain/analytics.ts' },
  { what: 'a use case as it is', path: 'shared/app/processExport.ts' },
  { what: 'the composition root as it is', path: 'shared/host/compositionRoot.ts' },
];

let results: string[][];
beforeAll(() => {
  const out = execFileSync(process.execPath, [join(__dirname, 'lintProbes.mjs')], {
    input: JSON.stringify(probes),
    encoding: 'utf8',
  });
  results = JSON.parse(out) as string[][];
}, 60_000);

describe('layer rules are enforced by lint', () => {
  it.each(probes.map((p, i) => [p.what, i] as const))('%s', (_what, i) => {
    const probe = probes[i]!;
    const messages = results[i]!;
    if (probe.rule === undefined) expect(messages).toEqual([]);
    else
      expect(
        messages.some((m) => m.startsWith(`${probe.rule}:`)),
        messages.join('\n') || 'no messages',
      ).toBe(true);
  });
});
