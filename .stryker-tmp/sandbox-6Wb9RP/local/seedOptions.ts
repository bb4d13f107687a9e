// @ts-nocheck
import { z } from 'zod';
import { Settings as S } from '../shared/config/settings.js';
import type { SeedOptions } from '../shared/adapters/sql/seed.js';

const schema = z.object({
  [S.seedUsers]: z.coerce.number().int().min(1).default(500),
  [S.seedSessions]: z.coerce.number().int().min(0).default(20_000),
});

export function seedOptions(env: Readonly<Record<string, string | undefined>>): SeedOptions {
  const e = schema.parse(env);
  return { usersPerOrg: e[S.seedUsers], sessionsPerOrg: e[S.seedSessions] };
}
