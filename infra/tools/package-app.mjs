// Builds the deployment package of the Function App: what Azure runs, and nothing else.
//
//   npm run package            → builds, then .deploy/app/ (the folder azd deploys) and .deploy/app.zip (az CLI)
//   node infra/tools/package-app.mjs --out <dir>   (after a build; tests: the same steps, another folder)
//
// Contents: dist/functions + dist/shared (compiled JavaScript, no maps or typings), host.json, a
// package.json with `main` and the production dependencies, and node_modules installed from
// package-lock.json with `npm ci --omit=dev --omit=optional --ignore-scripts`: no dev tooling, and no
// better-sqlite3 (an optional dependency that only the embedded SQLite mode loads). No install script
// runs, so nothing is compiled for the deploying machine: every production dependency is plain
// JavaScript, and the package runs unchanged on the Linux Node 22 workers (no remote build needed).
// test/infra/package.test.ts builds it this way and checks the contents, the size, and that every
// function registers from it.
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const deployDir = resolve(repoRoot, outArg >= 0 ? args[outArg + 1] : '.deploy');
const appDir = join(deployDir, 'app');
const zipPath = join(deployDir, 'app.zip');

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(path)) {
    const sub = sizeOf(join(path, entry));
    bytes += sub.bytes;
    files += sub.files;
  }
  return { bytes, files };
}

// 1. The compiled app (`npm run package` builds first).
if (!existsSync(join(repoRoot, 'dist', 'functions', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');

rmSync(deployDir, { recursive: true, force: true });
mkdirSync(appDir, { recursive: true });

// 2. Only the code Azure loads: the functions and what they import. local/ and bench/ stay home, and
// so does the output of a source file that no longer exists (tsc never deletes what it once emitted).
const hasSource = (js) => existsSync(join(repoRoot, relative(join(repoRoot, 'dist'), js)).replace(/\.js$/, '.ts'));
for (const folder of ['functions', 'shared']) {
  cpSync(join(repoRoot, 'dist', folder), join(appDir, 'dist', folder), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || (src.endsWith('.js') && hasSource(src)),
  });
}
cpSync(join(repoRoot, 'host.json'), join(appDir, 'host.json'));

// 3. Production dependencies, exactly as locked. npm ci needs the full manifest and lock file…
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
cpSync(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
cpSync(join(repoRoot, 'package-lock.json'), join(appDir, 'package-lock.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
run(npm, ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], appDir);

// … then the package keeps only what the Functions host reads: `main` and the dependencies.
rmSync(join(appDir, 'package-lock.json'));
writeFileSync(
  join(appDir, 'package.json'),
  `${JSON.stringify(
    {
      name: manifest.name,
      version: manifest.version,
      private: true,
      description: manifest.description,
      main: manifest.main,
      engines: manifest.engines,
      dependencies: manifest.dependencies,
    },
    null,
    2,
  )}\n`,
);

// … and drops files of a dependency that the app never reads. The CJK font package ships all nine
// weights of Noto Sans SC (≈ 92 MB); the PDF writer reads two (shared/app/export/writers/pdfGlyphs.ts).
const UNUSED = [
  {
    dir: join(appDir, 'node_modules', '@expo-google-fonts', 'noto-sans-sc'),
    keep: (name) => !/^\d{3}/.test(name) || name === '400Regular' || name === '700Bold',
  },
];
for (const { dir, keep } of UNUSED) {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) if (!keep(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

// 4. The same folder as one zip, for `az functionapp deployment source config-zip`.
const archiver = createRequire(join(repoRoot, 'package.json'))('archiver');
await new Promise((resolveZip, rejectZip) => {
  const output = createWriteStream(zipPath);
  const zip = archiver('zip', { zlib: { level: 6 } });
  output.on('close', resolveZip);
  zip.on('error', rejectZip);
  zip.pipe(output);
  zip.directory(appDir, false);
  void zip.finalize();
});

const unpacked = sizeOf(appDir);
const modules = sizeOf(join(appDir, 'node_modules'));
const summary = {
  app: relative(repoRoot, appDir),
  zip: relative(repoRoot, zipPath),
  files: unpacked.files,
  unpackedBytes: unpacked.bytes,
  nodeModulesBytes: modules.bytes,
  zipBytes: statSync(zipPath).size,
};
writeFileSync(join(deployDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
process.stdout.write(
  `package: ${summary.app} — ${summary.files} files, ${mb(summary.unpackedBytes)} unpacked (node_modules ${mb(summary.nodeModulesBytes)}); ${summary.zip} ${mb(summary.zipBytes)}\n`,
);
