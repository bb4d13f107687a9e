/**
 * The deployment package, built exactly as `npm run package` builds it (infra/tools/package-app.mjs:
 * the compiled app + host.json + package.json + `npm ci --omit=dev --omit=optional --ignore-scripts`),
 * then checked: what it holds, that it holds the production dependencies of package-lock.json and
 * nothing else (no dev tooling, no better-sqlite3, no native addon), its size, and that the Azure
 * entry point loads from it and registers every function (under whichever Node runs the tests —
 * CI runs them under Node 22 too).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { methodFallbacks } from '../../shared/host/methodFallbacks.js';
import { startFunctionsWorker } from '../support/functionsWorker.js';

/** What the Azure entry registers: the route table plus one 405/OPTIONS fallback per route (methodFallbacks.ts). */
const registeredNames = [
  ...functionDefinitions,
  ...methodFallbacks(functionDefinitions.filter((d): d is HttpFunctionDefinition => d.kind === 'http')),
]
  .map((d) => d.name)
  .sort();

const repoRoot = join(__dirname, '..', '..');
/** Measured 2026-11-29: 122 MB unpacked in 15,101 files, 35 MB zipped (README "Deploy to Azure"). */
const MAX_UNPACKED_BYTES = 160 * 1024 * 1024;
const MAX_ZIP_BYTES = 50 * 1024 * 1024;

interface LockFile {
  packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean; version?: string }>;
}

let out: string;
let app: string;
let build: { status: number | null; output: string };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'export-package-'));
  app = join(out, 'app');
  const run = spawnSync(process.execPath, [join(repoRoot, 'infra', 'tools', 'package-app.mjs'), '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 600_000,
  });
  build = { status: run.status, output: `${run.stdout}${run.stderr}` };
}, 620_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run package (infra/tools/package-app.mjs)', () => {
  it('builds', () => {
    expect(build.status, build.output).toBe(0);
    expect(build.output).toMatch(/package: .* files, .* MB unpacked/);
  });

  it('ships dist/, host.json, package.json and node_modules — nothing else', () => {
    expect(readdirSync(app).sort()).toEqual(['dist', 'host.json', 'node_modules', 'package.json']);
    expect(readdirSync(join(app, 'dist')).sort()).toEqual(['functions', 'shared']);
    const code = walk(join(app, 'dist')).map((f) => relative(join(app, 'dist'), f));
    expect(code.filter((f) => !f.endsWith('.js'))).toEqual([]);
    // Every source file of the app, compiled; no local host, benchmark or test code.
    const sources = ['functions', 'shared'].flatMap((d) =>
      walk(join(repoRoot, d))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => relative(repoRoot, f).replace(/\.ts$/, '.js')),
    );
    expect(code.sort()).toEqual(sources.sort());
    expect(readFileSync(join(app, 'host.json'), 'utf8')).toBe(readFileSync(join(repoRoot, 'host.json'), 'utf8'));
  });

  it('has a package.json with main and the production dependencies only', () => {
    const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const shipped = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
    expect(shipped.main).toBe('dist/functions/index.js');
    expect(existsSync(join(app, shipped.main))).toBe(true);
    expect(shipped.dependencies).toEqual(root.dependencies);
    expect(shipped).not.toHaveProperty('devDependencies');
    expect(shipped).not.toHaveProperty('optionalDependencies');
    expect(shipped).not.toHaveProperty('scripts');
    expect(root.optionalDependencies).toHaveProperty('better-sqlite3');
  });

  it('installs exactly the production packages of package-lock.json (no dev, no optional)', () => {
    const rootLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as LockFile;
    const production = Object.entries(rootLock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && !p.optional && !p.devOptional)
      .map(([path]) => path)
      .sort();
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', '.package-lock.json'), 'utf8')) as LockFile;
    const shipped = Object.keys(installed.packages).sort();
    expect(shipped).toEqual(production);
    for (const name of ['better-sqlite3', 'prebuild-install', 'typescript', 'vitest', 'azurite', 'eslint', 'exceljs']) {
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    }
  });

  it('contains no native addon (nothing compiled for the deploying machine)', () => {
    const native = walk(join(app, 'node_modules')).filter((f) => f.endsWith('.node') || f.endsWith('binding.gyp'));
    expect(native).toEqual([]);
  });

  it(`stays under ${MAX_UNPACKED_BYTES / 1024 / 1024} MB unpacked and ${MAX_ZIP_BYTES / 1024 / 1024} MB zipped`, () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const files = walk(app);
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(summary.unpackedBytes).toBe(bytes);
    expect(bytes).toBeLessThan(MAX_UNPACKED_BYTES);
    const zip = readFileSync(join(out, 'app.zip'));
    expect(zip.length).toBe(summary.zipBytes);
    expect(zip.length).toBeLessThan(MAX_ZIP_BYTES);
    // The zip's central directory names every file of the folder (and its folders), nothing else.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(eocd).toBeGreaterThan(0);
    const names: string[] = [];
    for (let at = zip.readUInt32LE(eocd + 16); zip.readUInt32LE(at) === 0x02014b50; ) {
      const nameLength = zip.readUInt16LE(at + 28);
      names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    const zipped = names.filter((n) => !n.endsWith('/')).sort();
    expect(zipped).toEqual(files.map((f) => relative(app, f).split('\\').join('/')).sort());
  });

  it('loads under the Functions worker stand-in and registers every function', async () => {
    const worker = await startFunctionsWorker(app, {
      PATH: process.env.PATH,
      EXPORT_DB_KIND: 'sqlite',
      EXPORT_SQLITE_PATH: join(out, 'never-opened.db'),
      EXPORT_BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      EXPORT_AUTH_HS256_SECRET: 'package-test-secret-0123456789abcdefghij',
    });
    try {
      const { functions } = await worker.functions();
      expect(functions.map((f) => f.name).sort()).toEqual(registeredNames);
      // better-sqlite3 is not in the package: only the embedded mode asks for it, and fails clearly.
      const answer = await worker.http('listExportJobs', { method: 'GET', path: 'export-jobs', headers: {} });
      expect(answer.status).toBe(503);
      expect(worker.output()).toMatch(/startup\.failed .*better-sqlite3/);
    } finally {
      await worker.stop();
    }
  });
});
