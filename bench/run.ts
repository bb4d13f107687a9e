import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite, migrate } from '../shared/adapters/sql/connect.js';
import { seedDemoData } from '../shared/adapters/sql/seed.js';
import { startAzurite } from '../local/azurite.js';
import { LOCAL_DEV_SECRET } from '../local/localEnv.js';

/**
 * `npm run bench [-- --rows 1000000 --formats csv,json]`: seeds a SQLite file with N sessions for
 * one organization, then runs each export in a child process against a real Azurite and prints
 * rows/s, MB/s, peak RSS and the worst event-loop stall (what an API request sharing the process
 * would wait).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '200000' },
      formats: { type: 'string', default: 'csv,csv+gzip,json,ndjson,excel,pdf' },
      'pdf-rows': { type: 'string', default: '100000' },
      // Azurite with its own 5 s metadata autosave instead of durable writes: what durability costs.
      'stock-azurite': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  const sqlitePath = join(dir, 'bench.db');
  const sql = await openSqlite(sqlitePath);
  await migrate(sql);
  let t = Date.now();
  await seedDemoData(sql.db, sql.flavor, { usersPerOrg: 2000, sessionsPerOrg: rows });
  await sql.db.destroy();
  process.stdout.write(`seeded ${rows} sessions per organization in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);

  const azurite = await startAzurite({ location: join(dir, 'azurite'), durableWrites: !values['stock-azurite'] });
  const env = {
    ...process.env,
    EXPORT_SQLITE_PATH: sqlitePath,
    EXPORT_BLOB_CONNECTION_STRING: azurite.connectionString,
    EXPORT_AUTH_HS256_SECRET: LOCAL_DEV_SECRET,
  };
  const results: Record<string, unknown>[] = [];
  try {
    for (const spec of (values.formats ?? '').split(',').filter(Boolean)) {
      const [format, compression] = spec.split('+') as [string, string | undefined];
      if (format === 'pdf' && rows > Number(values['pdf-rows'])) {
        process.stdout.write(
          `pdf: skipped at ${rows} rows (over the ${values['pdf-rows']}-row PDF cap; pass --rows ≤ the cap)\n`,
        );
        continue;
      }
      t = Date.now();
      const out = execFileSync(process.execPath, [join(__dirname, 'exportOne.js'), format, compression ?? 'none', 'sessions'], {
        env: { ...env, EXPORT_PDF_ROW_CAP: String(rows) },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as { rows: number; bytes: number; ms: number };
      const row = {
        format: spec,
        ...r,
        rowsPerSec: Math.round(r.rows / (r.ms / 1000)),
        mbPerSec: +(r.bytes / 1e6 / (r.ms / 1000)).toFixed(1),
      };
      results.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.table(results);
}

void main();
