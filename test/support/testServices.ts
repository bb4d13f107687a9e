import { inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../shared/config/config.js';
import { Settings as S } from '../../shared/config/settings.js';
import { createServices, type Overrides, type Services } from '../../shared/host/compositionRoot.js';
import { seedDemoData } from '../../shared/adapters/sql/seed.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { AZURITE_SAS_VERSION } from '../../local/azurite.js';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import type { Role } from '../../shared/domain/principal.js';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';
export const ACME = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const GLOBEX = '7d444840-9dc0-41d2-b2d0-2d6b6b3f2c01';

export interface TestEnv {
  readonly services: Services;
  readonly dir: string;
  readonly container: string;
  readonly sqlitePath: string;
  token(org: string, role: Role, sub?: string): string;
  cleanup(): Promise<void>;
}

/**
 * A real SQLite file in a temp folder, seeded small, and a fresh container on the shared Azurite.
 * Call `cleanup()` in afterAll/afterEach.
 */
export async function testEnv(
  o: Overrides & { users?: number; sessions?: number; env?: Record<string, string> } = {},
): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
  const container = `t-${randomUUID().slice(0, 13)}`;
  const sqlitePath = join(dir, 'export.db');
  const config = loadConfig({
    [S.sqlitePath]: sqlitePath,
    [S.blobConnectionString]: inject('azuriteConnectionString'),
    [S.blobContainer]: container,
    [S.authHs256Secret]: TEST_SECRET,
    ...o.env,
  });
  const services = await createServices(config, { logger: silentLogger, sasVersion: AZURITE_SAS_VERSION, ...o });
  await services.ensureContainer();
  await seedDemoData(services.sql.db, services.sql.flavor, { usersPerOrg: o.users ?? 40, sessionsPerOrg: o.sessions ?? 600 });
  return {
    services,
    dir,
    container,
    sqlitePath,
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
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
