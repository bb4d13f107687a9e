import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

const tsc = (project: string) =>
  spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

/**
 * Tests that run the compiled app (worker and host child processes, the CLIs, the console, the
 * writers' memory probes) must never run a stale dist/: the integration setup always runs the
 * incremental builds first (a few seconds when nothing changed). Timestamps are not trusted: a type
 * check alone rewrites the build info, and a checkout touches files whose output does not change.
 */
export function ensureFreshDist(): void {
  const started = Date.now();
  const app = tsc('tsconfig.json');
  if (app.status !== 0) throw new Error(`the build of dist/ failed:\n${app.stdout}${app.stderr}`);
  // The console's browser script (ES modules, DOM types) has its own configuration.
  const web = tsc('local/console/tsconfig.json');
  if (web.status !== 0) throw new Error(`the console's build failed:\n${web.stdout}${web.stderr}`);
  process.stdout.write(`dist/ built (incremental) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
