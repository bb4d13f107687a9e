import { parseArgs } from 'node:util';
import { seedDemoData } from '../shared/adapters/sql/seed.js';
import { migrate, openSqlite } from '../shared/adapters/sql/connect.js';
import { loadDbConfig } from '../shared/config/config.js';
import { seedOptions } from './seedOptions.js';
import { localEnv } from './localEnv.js';
import { progressBar } from './progressBar.js';

const USAGE = `usage: [SEED_USERS=500] [SEED_SESSIONS=20000] npm run seed

Replaces the embedded database's demo data (EXPORT_SQLITE_PATH, default .data/export.db): the two demo
organizations with SEED_USERS users and SEED_SESSIONS sessions each over 2026-01-01 … 2026-06-30
(deterministic). Export jobs are kept. Shows a progress bar on stderr while sessions are written.`;

/** `npm run seed`: replaces the embedded database's demo data (SEED_USERS, SEED_SESSIONS). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = localEnv();
  const db = loadDbConfig(env);
  if (db.kind !== 'sqlite') throw new Error('seed: only the embedded SQLite database is seeded');
  const sql = await openSqlite(db.path);
  await migrate(sql);
  const options = seedOptions(env);
  const t = Date.now();
  const bar = progressBar('seeding sessions');
  await seedDemoData(sql.db, sql.flavor, options, (done, total) => bar.update(done, total));
  await sql.db.destroy();
  bar.done(`${(options.sessionsPerOrg * 2).toLocaleString('en-US')} sessions`);
  process.stdout.write(
    `seeded ${db.path}: 2 organizations × ${options.usersPerOrg} users, ${options.sessionsPerOrg} sessions in ${Date.now() - t} ms\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`seed failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
