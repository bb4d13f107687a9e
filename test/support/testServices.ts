import { inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../shared/config/config.js';
import { Settings as S } from '../../shared/config/settings.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../shared/host/compositionRoot.js';
import type { Services } from '../../shared/app/services.js';
import { seedDemoData } from '../../shared/adapters/sql/seed.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { AZURITE_SAS_VERSION } from '../../local/azurite.js';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import type { Role } from '../../shared/domain/principal.js';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';
export const ACME = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const GLOBEX = '7d444840-9dc0-41d2-b2d0-2d6b6b3f2c01';

/** Limits high enough that a test creating many jobs quickly never meets them. */
export const RELAXED_LIMITS: Readonly<Record<string, string>> = {
  [S.maxActiveJobsPerOrg]: '100000',
  [S.maxActiveJobsPerUser]: '100000',
  [S.createRatePerMinute]: '100000',
};

export interface TestEnv {
  readonly runtime: Runtime;
  readonly services: Services;
  readonly dir: string;
  readonly container: string;
  readonly sqlitePath: string;
  /** The app settings this environment was built from (for a child process to build the same). */
  readonly settings: Record<string, string>;
  token(org: string, role: Role, sub?: string): string;
  cleanup(): Promise<void>;
}

/**
 * A real SQLite file in a temp folder, seeded small, and a fresh container on the shared Azurite,
 * built by the production composition root from settings. Call `cleanup()` in afterAll/afterEach.
 */
export async function testEnv(
  o: RuntimeOptions & { users?: number; sessions?: number; env?: Record<string, string> } = {},
): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
  const container = `t-${randomUUID().slice(0, 13)}`;
  const sqlitePath = join(dir, 'export.db');
  const settings = {
    [S.sqlitePath]: sqlitePath,
    [S.blobConnectionString]: inject('azuriteConnectionString'),
    [S.blobContainer]: container,
    [S.authHs256Secret]: TEST_SECRET,
    // Quotas and rates out of the way: the tests of limits set their own.
    ...RELAXED_LIMITS,
    ...o.env,
  };
  const runtime = await createRuntime(loadConfig(settings), { logger: silentLogger, sasVersion: AZURITE_SAS_VERSION, ...o });
  await runtime.ensureContainer();
  await seedDemoData(runtime.sql.db, runtime.sql.flavor, { usersPerOrg: o.users ?? 40, sessionsPerOrg: o.sessions ?? 600 });
  return {
    runtime,
    services: runtime.services,
    dir,
    container,
    sqlitePath,
    settings,
    token: (org, role, sub) =>
      signHs256(
        { sub: sub ?? `user-${role.toLowerCase()}`, org, roles: [role] },
        {
          secret: TEST_SECRET,
          issuer: 'portal-export-local',
          audience: 'portal-export',
          now: (o.clock ?? { now: () => new Date() }).now(),
        },
      ),
    async cleanup() {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
