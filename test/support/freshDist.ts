import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const SOURCE_FOLDERS = ['functions', 'shared', 'local', 'bench', 'client', 'console'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Tests that run the compiled app (worker and host child processes, the CLIs, the writers' memory
 * probes) must never run a stale dist/: when any source is newer than the last build, build first.
 */
export function ensureFreshDist(): void {
  const buildInfo = join(repoRoot, 'dist', '.tsbuildinfo');
  const built = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
  const newest = Math.max(
    ...SOURCE_FOLDERS.map((f) => newestSource(join(repoRoot, f))),
    statSync(join(repoRoot, 'tsconfig.json')).mtimeMs,
  );
  if (built >= newest) return;
  const started = Date.now();
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`dist/ is stale and the build failed:\n${tsc.stdout}${tsc.stderr}`);
  // The console's browser script (ES modules, DOM types) has its own configuration.
  const web = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'console/tsconfig.json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (web.status !== 0) throw new Error(`the console's build failed:\n${web.stdout}${web.stderr}`);
  // tsc leaves its build info alone when nothing changed: stamp it, so a touched source does not rebuild every run.
  utimesSync(buildInfo, new Date(), new Date());
  process.stdout.write(`dist/ was older than the sources: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
