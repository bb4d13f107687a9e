// `npm run test:mutation [-- scope…]`: runs Stryker once per scope (domain, app, writers, http —
// see stryker.config.mjs), one after the other, and prints each scope's score and time; the
// summary also lands in reports/mutation/summary.md. Exits non-zero when a scope fails (a score
// under 85 % breaks the run). MUTATION_CONCURRENCY sets Stryker's concurrency (default 2).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const allScopes = ['domain', 'app', 'writers-text', 'writers-xlsx', 'writers-pdf', 'http'];
const scopes = process.argv.slice(2).length ? process.argv.slice(2) : allScopes;
const unknown = scopes.filter((s) => !allScopes.includes(s));
if (unknown.length) {
  console.error(`unknown scope(s) ${unknown.join(', ')}; choose from ${allScopes.join(', ')}`);
  process.exit(2);
}

/** Stryker's score: detected (killed, timed out) over valid mutants; ignored and non-compiling ones don't count. */
function scoreOf(...parts) {
  const counts = {};
  for (const part of parts) {
    const report = JSON.parse(readFileSync(`reports/mutation/${part}/mutation.json`, 'utf8'));
    for (const file of Object.values(report.files)) for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { score: valid ? (100 * detected) / valid : 100, counts };
}

const describe = ({ score, counts }) =>
  `${score.toFixed(2)} % (${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`;

const rows = [];
let failed = false;
for (const scope of scopes) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_SCOPE: scope },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (run.status !== 0) failed = true;
  let summary = 'no report';
  try {
    summary = describe(scoreOf(scope));
  } catch {
    failed = true;
  }
  rows.push(`| ${scope} | ${summary} | ${minutes} min | ${run.status === 0 ? 'passed' : 'FAILED'} |`);
}
// The writers' folder score: its three parts' mutants together (from their latest reports).
const writerParts = allScopes.filter((s) => s.startsWith('writers-'));
if (scopes.some((s) => writerParts.includes(s))) {
  try {
    rows.push(`| writers (all three parts) | ${describe(scoreOf(...writerParts))} | | |`);
  } catch {
    rows.push('| writers (all three parts) | a part has no report yet | | |');
  }
}
const table = ['| scope | score | time | result |', '|---|---|---|---|', ...rows].join('\n');
mkdirSync('reports/mutation', { recursive: true });
writeFileSync('reports/mutation/summary.md', `${table}\n`);
console.log(`\n${table}`);
process.exit(failed ? 1 : 0);
