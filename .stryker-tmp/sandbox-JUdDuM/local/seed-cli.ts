// @ts-nocheck
import { seedDemoData } from '../shared/adapters/sql/seed.js';
import { migrate, openSqlite } from '../shared/adapters/sql/connect.js';
import { loadDbConfig } from '../shared/config/config.js';
import { seedOptions } from './seedOptions.js';
import { localEnv } from './localEnv.js';

/** `npm run seed`: replaces the embedded database's demo data (SEED_USERS, SEED_SESSIONS). */
async function main(): Promise<void> {
  const env = localEnv();
  const db = loadDbConfig(env);
  if (db.kind !== 'sqlite') throw new Error('seed: only the embedded SQLite database is seeded');
  const sql = await openSqlite(db.path);
  await migrate(sql);
  const options = seedOptions(env);
  const t = Date.now();
  await seedDemoData(sql.db, sql.flavor, options);
  await sql.db.destroy();
  process.stdout.write(
    `seeded ${db.path}: 2 organizations × ${options.usersPerOrg} users, ${options.sessionsPerOrg} sessions in ${Date.now() - t} ms\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`seed failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
