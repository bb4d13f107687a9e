/**
 * The production blob path — Entra bearer tokens and user delegation SAS — run for real against an
 * HTTPS Azurite started here with `--oauth basic` and a self-signed certificate made at test time.
 *
 * Node reads NODE_EXTRA_CA_CERTS only at start-up and the adapter builds its own SDK client, so the
 * adapter runs in a child process started with that variable: the adapter's TypeScript is
 * transpiled (TypeScript's transpileModule) into a temp folder and driven by a small CJS script.
 * The SAS URLs it prints are then fetched here, trusting the same certificate explicitly.
 */
// @ts-nocheck

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AZURITE_ACCOUNT, AZURITE_SAS_VERSION, freePort } from '../../../../local/azurite.js';
import { describeLive } from '../../../contracts/live.js';

const repoRoot = resolve(__dirname, '../../../..');
const TENANT = 'dd0d0df1-06c3-436c-8034-4b9a153097ce';
const OID = '23657296-5cd5-45b0-a809-d972a7f4dfe1';
const CONTENT = 'sessionId,startedAt\ns-1,2026-03-01T00:00:00.000Z\n';
const FILE = 'sessions_2026-03-01_2026-03-31.csv';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Transpiles `entry` and every relative module it requires into `outDir`, as CommonJS. */
function transpileTree(entry: string, outDir: string): string {
  const todo = [resolve(repoRoot, entry)];
  const done = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    const target = join(outDir, relative(repoRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out);
    for (const m of out.matchAll(/require\(["'](\.{1,2}\/[^"']+)\.js["']\)/g)) {
      todo.push(resolve(dirname(file), `${m[1]}.ts`));
    }
  }
  return join(outDir, entry).replace(/\.ts$/, '.js');
}

/** The child: the adapter with a TokenCredential that hands out unsigned JWTs Azurite accepts. */
const CHILD = String.raw`
const { azureBlobStore } = require(process.env.STORE_MODULE);
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (aud) => {
  const now = Math.floor(Date.now() / 1000);
  const tid = process.env.TENANT;
  return b64({ alg: 'none', typ: 'JWT' }) + '.' +
    b64({ aud, iss: 'https://sts.windows.net/' + tid + '/', oid: process.env.OID, tid, iat: now - 60, nbf: now - 60, exp: now + 3600 }) + '.';
};
let tokens = 0;
const credential = (aud) => ({
  getToken: async () => (tokens++, { token: jwt(aud), expiresOnTimestamp: Date.now() + 3600_000 }),
});
const store = (aud) => azureBlobStore({
  auth: { kind: 'tokenCredential', accountUrl: process.env.ACCOUNT_URL, credential: credential(aud) },
  container: process.env.CONTAINER,
  clock: { now: () => new Date() },
  sasVersion: process.env.SAS_VERSION,
});
(async () => {
  const s = store('https://storage.azure.com');
  await s.ensureContainer();
  const name = 'org-1/job-1/' + process.env.FILE;
  const half = Math.floor(process.env.CONTENT.length / 2);
  const ids = ['block-0', 'block-1'].map((x) => Buffer.from(x).toString('base64'));
  await s.stageBlock(name, ids[0], Buffer.from(process.env.CONTENT.slice(0, half)));
  await s.stageBlock(name, ids[1], Buffer.from(process.env.CONTENT.slice(half)));
  const staged = await s.stagedBlockIds(name);
  const opts = { contentType: 'text/csv; charset=utf-8', fileName: process.env.FILE };
  await s.commitBlocks(name, ids, opts);
  const { stream } = await s.openRead(name);
  let read = '';
  for await (const c of stream) read += c.toString();
  const inMinutes = (m) => new Date(Date.now() + m * 60_000);
  const urls = [];
  urls.push(await s.readUrl(name, inMinutes(15), opts));
  urls.push(await s.readUrl(name, inMinutes(30), opts));
  urls.push(await s.readUrl(name, inMinutes(30 * 60), opts)); // beyond the cached key: a new key
  urls.push(await s.readUrl(name, inMinutes(15), opts));
  const wrongAudience = await store('https://vault.azure.net').exists(name).then(
    () => 'accepted',
    (e) => ({ code: e.code, retryable: e.retryable }),
  );
  process.stdout.write(JSON.stringify({ staged, ids, read, urls, tokens, wrongAudience }));
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e));
  process.exit(1);
});
`;

interface ChildResult {
  staged: string[];
  ids: string[];
  read: string;
  urls: string[];
  tokens: number;
  wrongAudience: unknown;
}

function httpsFetch(url: string, ca: string, method = 'GET', body?: Buffer) {
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: string;
  }>((ok, fail) => {
    const req = request(
      url,
      {
        method,
        ca,
        headers: body ? { 'x-ms-blob-type': 'BlockBlob', 'content-length': body.length } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const keyOf = (url: string) => {
  const p = new URL(url).searchParams;
  return {
    skoid: p.get('skoid'),
    sktid: p.get('sktid'),
    skt: p.get('skt'),
    ske: p.get('ske'),
  };
};

describeLive('user delegation SAS on HTTPS Azurite (--oauth basic)', hasOpenssl ? [] : ['openssl on PATH'], () => {
  let dir: string;
  let azurite: ChildProcess | undefined;
  let ca: string;
  let result: ChildResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'udk-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');

    const port = await freePort();
    const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
    const child = spawn(
      process.execPath,
      [
        main,
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(port),
        '--inMemoryPersistence',
        '--skipApiVersionCheck',
        '--loose',
        '--disableTelemetry',
        '--oauth',
        'basic',
        '--cert',
        join(dir, 'cert.pem'),
        '--key',
        join(dir, 'key.pem'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    azurite = child;
    await new Promise<void>((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`Azurite (https) did not start: ${out}`)), 20_000);
      child.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('successfully listens')) {
          clearTimeout(timer);
          ok();
        }
      });
      child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
      child.once('exit', (code) => fail(new Error(`Azurite exited with ${code}: ${out}`)));
    });
    expect(existsSync(join(dir, 'cert.pem'))).toBe(true);

    const storeModule = transpileTree('shared/adapters/blob/azureBlobStore.ts', join(dir, 'build'));
    writeFileSync(join(dir, 'child.cjs'), CHILD);
    const stdout = await new Promise<string>((ok, fail) => {
      const c = spawn(process.execPath, [join(dir, 'child.cjs')], {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
          NODE_PATH: join(repoRoot, 'node_modules'),
          STORE_MODULE: storeModule,
          ACCOUNT_URL: `https://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
          CONTAINER: `udk-${randomUUID().slice(0, 8)}`,
          SAS_VERSION: AZURITE_SAS_VERSION,
          TENANT,
          OID,
          FILE,
          CONTENT,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      c.stdout.on('data', (b: Buffer) => (out += b.toString()));
      c.stderr.on('data', (b: Buffer) => (err += b.toString()));
      c.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`child exited with ${code}: ${err}`))));
    });
    result = JSON.parse(stdout) as ChildResult;
  }, 60_000);

  afterAll(async () => {
    if (azurite && azurite.exitCode === null) {
      const exited = new Promise((ok) => azurite?.once('exit', ok));
      azurite.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 3000))]);
      if (azurite.exitCode === null) azurite.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes and reads blobs with bearer tokens (staged blocks, commit, download)', () => {
    expect(result.staged).toEqual(result.ids);
    expect(result.read).toBe(CONTENT);
    expect(result.tokens).toBeGreaterThan(0);
  });

  it('rejects a token for another audience as a permanent error', () => {
    expect(result.wrongAudience).toEqual({
      code: 'INTERNAL',
      retryable: false,
    });
  });

  it('signs read-only, HTTPS-only SAS URLs with a user delegation key of the caller', () => {
    for (const url of result.urls) {
      const p = new URL(url).searchParams;
      expect(url.startsWith('https://')).toBe(true);
      expect(p.get('sv')).toBe(AZURITE_SAS_VERSION);
      expect(p.get('sp')).toBe('r');
      expect(p.get('spr')).toBe('https');
      expect(p.get('sr')).toBe('b');
      expect(keyOf(url)).toMatchObject({ skoid: OID, sktid: TENANT });
      expect(p.get('rscd')).toBe(`attachment; filename="${FILE}"`);
    }
  });

  it('caches the delegation key, and renews it only when a URL outlives it', () => {
    const [k1, k2, k3, k4] = result.urls.map(keyOf);
    expect(k2).toEqual(k1);
    expect(k3?.ske).not.toBe(k1?.ske);
    expect(Date.parse(k3?.ske ?? '')).toBeGreaterThan(Date.now() + 30 * 3600_000);
    expect(k4).toEqual(k3);
  });

  it('serves the file through the SAS URL, read-only, as an attachment', async () => {
    for (const url of [result.urls[0] as string, result.urls[2] as string]) {
      const res = await httpsFetch(url, ca);
      expect(res.status).toBe(200);
      expect(res.body).toBe(CONTENT);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${FILE}"`);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    }
    const url = result.urls[0] as string;
    expect((await httpsFetch(url, ca, 'PUT', Buffer.from('overwrite'))).status).toBe(403);
    const tampered = url.replace(/sig=([^&]+)/, (_m, s: string) => `sig=${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`);
    expect((await httpsFetch(tampered, ca)).status).toBe(403);
    expect((await httpsFetch(url, ca)).body).toBe(CONTENT);
  });
});
