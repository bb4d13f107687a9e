import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite } from '../../local/azurite.js';
import { ensureFreshDist } from './freshDist.js';
import { banner, prepareTestTools } from './testTools.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuritePort: number;
  }
}

/**
 * The integration layer's world: dist/ as fresh as the sources, and one real Azurite (in memory)
 * for the whole run; each test file uses its own container.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureFreshDist();
  const missing = prepareTestTools();
  process.stderr.write(banner(missing));
  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  const azurite = await startAzurite({ location, inMemory: true });
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuritePort', azurite.port);
  return async () => {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
    // Again at the end, where it is read.
    process.stderr.write(banner(missing));
  };
}
