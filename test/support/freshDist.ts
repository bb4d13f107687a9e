import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

/**
 * Tests that run the compiled app (worker and host child processes, the CLIs, the writers' memory
 * probes) must never run a stale dist/: the integration setup always runs the incremental build
 * first (a few seconds when nothing changed). Timestamps are not trusted: a type check alone rewrites
 * the build info, and a checkout touches files whose output does not change.
 */
export function ensureFreshDist(): void {
  const started = Date.now();
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`the build of dist/ failed:\n${tsc.stdout}${tsc.stderr}`);
  process.stdout.write(`dist/ built (incremental) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
