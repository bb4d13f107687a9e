import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookSender } from '../../../../shared/adapters/webhook/httpWebhookSender.js';
import { AppError } from '../../../../shared/domain/errors.js';
import { classifyAddress } from '../../../../shared/domain/networkAddress.js';

/**
 * The delivery adapter over real sockets: a local receiver on 127.0.0.1 gets the POST (with the
 * loopback escape hatch the embedded host's tests use); without it, and for every private answer of
 * a resolver, nothing is sent. The resolver is replaced to play a DNS that answers with private
 * addresses — no request leaves this machine.
 */
let server: Server;
let port: number;
const received: { headers: IncomingMessage['headers']; body: string; path: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(204).end(), 2000);
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'sent',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
const post = { headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' }, body: '{"id":"evt_1"}', timeoutMs: 1000 };

describe('httpWebhookSender', () => {
  it('POSTs the exact body and headers to a loopback receiver when the local escape hatch is on', async () => {
    const sender = httpWebhookSender({ allowLoopback: true });
    expect(await sender.post({ ...post, url: `http://127.0.0.1:${port}/hook?a=1` })).toEqual({ statusCode: 204 });
    const last = received.at(-1)!;
    expect(last).toMatchObject({ body: post.body, path: '/hook?a=1' });
    expect(last.headers['x-test']).toBe('yes');
    expect(last.headers['content-length']).toBe(String(post.body.length));
  });

  it('refuses loopback without the escape hatch, and private answers of a (rebinding) resolver always', async () => {
    const before = received.length;
    expect(
      await codeOf(httpWebhookSender({ allowLoopback: false }).post({ ...post, url: `http://127.0.0.1:${port}/hook` })),
    ).toBe('WEBHOOK_TARGET_REFUSED');
    expect(
      await codeOf(httpWebhookSender({ allowLoopback: false }).post({ ...post, url: `https://127.0.0.1:${port}/hook` })),
    ).toBe('WEBHOOK_TARGET_REFUSED');
    for (const answers of [
      ['10.0.0.7'],
      ['93.184.216.34', '192.168.1.1'],
      ['169.254.169.254'],
      ['fd12::1'],
      ['::ffff:192.168.0.1'],
      ['fe80::1'],
    ]) {
      const sender = httpWebhookSender({
        allowLoopback: true,
        resolve: async () => answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      });
      expect(await codeOf(sender.post({ ...post, url: 'https://hooks.example.com/x' })), answers.join()).toBe(
        'WEBHOOK_TARGET_REFUSED',
      );
    }
    // A name that resolves to loopback: allowed only with the hatch, and then it reaches the receiver.
    const toLoopback = httpWebhookSender({ allowLoopback: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await toLoopback.post({ ...post, url: `http://receiver.test:${port}/named` })).toEqual({ statusCode: 204 });
    expect(received.length).toBe(before + 1);
  });

  it('follows no redirect (the status is the answer) and gives up after the timeout', async () => {
    const sender = httpWebhookSender({ allowLoopback: true });
    expect(await sender.post({ ...post, url: `http://127.0.0.1:${port}/redirect` })).toEqual({ statusCode: 302 });
    expect(received.at(-1)?.path).toBe('/redirect');
    expect(await codeOf(sender.post({ ...post, url: `http://127.0.0.1:${port}/slow`, timeoutMs: 300 }))).toBe(
      'WEBHOOK_UNREACHABLE',
    );
    expect(await codeOf(sender.post({ ...post, url: 'http://127.0.0.1:1/closed' }))).toBe('WEBHOOK_UNREACHABLE');
  });
});

describe('address classification (SSRF rules)', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'blocked'],
    ['10.1.2.3', 'blocked'],
    ['172.16.0.1', 'blocked'],
    ['172.31.255.255', 'blocked'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'blocked'],
    ['100.64.0.1', 'blocked'],
    ['169.254.169.254', 'blocked'],
    ['224.0.0.1', 'blocked'],
    ['255.255.255.255', 'blocked'],
    ['::', 'blocked'],
    ['fc00::1', 'blocked'],
    ['fd00:ec2::254', 'blocked'],
    ['fe80::1%eth0', 'blocked'],
    ['ff02::1', 'blocked'],
    ['::ffff:10.0.0.1', 'blocked'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'blocked'],
    ['2002:0a00:0001::1', 'blocked'],
    ['2001:db8::1', 'blocked'],
    ['2001:0::1', 'blocked'],
    ['not-an-address', 'blocked'],
    ['1.2.3', 'blocked'],
  ])('%s is %s', (address, verdict) => {
    expect(classifyAddress(address)).toBe(verdict);
  });
});
