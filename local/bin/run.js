// Runs a compiled CLI of local/ (`node local/bin/run.js token …`) without compiling first when
// dist/ is up to date: a token in a fraction of a second instead of a full tsc run. When a source
// is newer than the last build (or there is none), it builds first, saying so on stderr.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const SOURCES = ['functions', 'shared', 'local', 'bench', 'client', 'console'];

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(path));
    else if (/\.(ts|html|css)$/.test(entry.name)) t = Math.max(t, statSync(path).mtimeMs);
  }
  return t;
}

const name = process.argv[2];
const entry = join(root, 'dist', 'local', `${name}.js`);
const buildInfo = join(root, 'dist', '.tsbuildinfo');
const built = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
const stale =
  !existsSync(entry) ||
  SOURCES.some((f) => newest(join(root, f)) > built) ||
  statSync(join(root, 'tsconfig.json')).mtimeMs > built;
if (stale) {
  process.stderr.write('dist/ is older than the sources: building first (npm run build)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
process.argv.splice(2, 1);
require(entry);
