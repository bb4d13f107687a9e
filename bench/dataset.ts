import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate, openSqlite } from '../shared/adapters/sql/connect.js';
import { DEMO_ORGS, seedDemoData } from '../shared/adapters/sql/seed.js';
import { progressBar } from './report.js';

/**
 * The benchmark's database: N sessions for each demo organization (2,000 users each), seeded once
 * into `.data/bench/sessions-<N>.db` and reused by later runs (the seed is deterministic).
 */
export async function benchDataset(rows: number, dir: string): Promise<{ path: string; seededMs: number | undefined }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `sessions-${rows}.db`);
  if (existsSync(path)) {
    await forgetJobs(path);
    return { path, seededMs: undefined };
  }
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const started = Date.now();
  const handle = await openSqlite(partial);
  await migrate(handle);
  // A throw-away file until it is complete: no need to survive a power cut while seeding.
  await sql`PRAGMA synchronous = OFF`.execute(handle.db);
  const bar = progressBar(`seeding ${rows.toLocaleString('en-US')} × ${DEMO_ORGS.length}`, rows * DEMO_ORGS.length);
  await seedDemoData(handle.db, handle.flavor, { usersPerOrg: 2000, sessionsPerOrg: rows }, (done) => bar.update(done));
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(handle.db);
  await handle.db.destroy();
  bar.done();
  renameSync(partial, path);
  return { path, seededMs: Date.now() - started };
}

/**
 * Each run starts with no export history: the jobs of an earlier run point at files in an Azurite
 * that is gone, so a host started on this database would regenerate every one of them (its lost-file
 * reconciliation) and pick up every job left Pending — work that is not the bench's.
 */
async function forgetJobs(path: string): Promise<void> {
  const handle = await openSqlite(path);
  try {
    await migrate(handle);
    for (const table of ['webhook_deliveries', 'webhooks', 'export_audit', 'export_jobs'] as const) {
      await handle.db.deleteFrom(table).execute();
    }
  } finally {
    await handle.db.destroy();
  }
}

/** The export's own query for one organization's sessions (the join and the keyset order), as SQL text. */
export const referenceQuery = (from: string, to: string): string =>
  [
    'select s.id, s.user_id, u.email, s.started_at, s.ended_at, s.duration_seconds, s.page_views, s.bounced,',
    '  s.device, s.browser, s.country, s.entry_page',
    'from sessions as s left join users as u on u.id = s.user_id',
    `where s.organization_id = '${DEMO_ORGS[0].id}' and s.started_at >= '${from}T00:00:00.000Z'`,
    `  and s.started_at < '${to}T00:00:00.000Z' and s.seq <= 9223372036854775807`,
    'order by s.started_at, s.id;',
  ].join('\n');

/**
 * The reference: the sqlite3 command-line shell dumping the same rows as CSV into a file, timed
 * from outside. Undefined (with the reason) where the shell is not installed.
 */
export async function sqliteCliReference(
  dbPath: string,
  outFile: string,
): Promise<{ ms: number; bytes: number } | { skipped: string }> {
  if (spawnSync('sqlite3', ['-version']).error)
    return { skipped: 'the sqlite3 shell is not installed (apt-get install sqlite3)' };
  // The shell writes straight into the file, as it would redirected by a shell.
  const out = openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('sqlite3', ['-readonly', '-csv', '-header', dbPath, referenceQuery('2026-01-01', '2026-07-01')], {
        stdio: ['ignore', out, 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sqlite3 exited with ${code}`))));
    });
  } finally {
    closeSync(out);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const bytes = statSync(outFile).size;
  rmSync(outFile, { force: true });
  return { ms, bytes };
}
