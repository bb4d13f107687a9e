import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterEach, describe, expect, it } from 'vitest';
import { startAzurite, type AzuriteProcess } from '../../local/azurite.js';

/**
 * How the local host runs Azurite: an acknowledged write survives a kill -9 (durable metadata
 * writes), an Azurite whose host died goes away by itself instead of holding the data folder, and
 * one data folder is never served by two hosts.
 */

const AZURITE_JS = resolve(__dirname, '..', '..', 'dist', 'local', 'azurite.js');
const HOLDER = join(__dirname, 'fixtures', 'azuriteHolder.mjs');

const dirs: string[] = [];
const running: AzuriteProcess[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'azurite-test-'));
  dirs.push(d);
  return d;
};
const start = async (location: string) => {
  const a = await startAzurite({ location });
  running.push(a);
  return a;
};
const container = (a: AzuriteProcess): ContainerClient =>
  BlobServiceClient.fromConnectionString(a.connectionString).getContainerClient('exports');
const lock = (location: string) =>
  JSON.parse(readFileSync(join(location, 'azurite.lock'), 'utf8')) as { hostPid: number; azuritePid: number };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(what: string, check: () => boolean, ms = 15_000) {
  for (const end = Date.now() + ms; !check();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the local host’s Azurite', () => {
  it('keeps every acknowledged commit and delete through a kill -9 (durable metadata writes)', async () => {
    const location = folder();
    const first = await start(location);
    expect(first.durable).toBe(true);
    await container(first).createIfNotExists();
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `org/job-${i}/f.csv`, bytes: Buffer.alloc(50_000 + i, i) }));
    for (const f of files) {
      const blob = container(first).getBlockBlobClient(f.name);
      const id = Buffer.from('block-0').toString('base64');
      await blob.stageBlock(id, f.bytes, f.bytes.length);
      await blob.commitBlockList([id]);
    }
    await container(first).deleteBlob(files[0]!.name);
    // Well inside Azurite's own 5 s autosave: without durable writes all of this would be gone.
    const { azuritePid } = lock(location);
    process.kill(azuritePid, 'SIGKILL');
    await until('Azurite to die', () => !alive(azuritePid));
    running.splice(0);

    const second = await start(location);
    expect(await container(second).getBlockBlobClient(files[0]!.name).exists(), 'the delete held').toBe(false);
    for (const f of files.slice(1)) {
      const body = await container(second).getBlockBlobClient(f.name).downloadToBuffer();
      expect(body.equals(f.bytes), f.name).toBe(true);
    }
  });

  it('exits by itself when its host is killed, and the next host takes the folder over', async () => {
    const location = folder();
    const holder = spawn(process.execPath, [HOLDER, location, AZURITE_JS], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await until('the holder to start Azurite', () => out.includes('"port"'), 30_000);
    const { hostPid, azuritePid } = lock(location);
    expect(hostPid).toBe(holder.pid);

    // While that host lives, nobody else may serve its folder.
    await expect(startAzurite({ location })).rejects.toThrow(/another local host \(pid \d+\) is using/);

    holder.kill('SIGKILL');
    await until('the orphaned Azurite to exit', () => !alive(azuritePid));
    const next = await start(location);
    expect(lock(location)).toMatchObject({ hostPid: process.pid });
    await container(next).createIfNotExists();
  });
});
