import { describe, expect, it } from 'vitest';
import {
  ALLOWED_REQUEST_HEADERS,
  EXPOSED_HEADERS,
  REQUEST_ID_HEADER,
  baseHeaders,
  clientAddressOf,
  originOf,
  rateLimitHeaders,
  requestIdOf,
} from '../../../shared/http/headers.js';
import { etagOf, notModified, rangeOf } from '../../../shared/http/range.js';
import { SSE_CONTENT_TYPE, sseBody, sseComment, sseFrame, sseRetry } from '../../../shared/http/serverSentEvents.js';

const withForwardedFor = (value: string | null) => ({
  headers: new Headers(value === null ? {} : { 'x-forwarded-for': value }),
});

describe('headers', () => {
  it('the CORS lists and the request id header, literally', () => {
    expect(REQUEST_ID_HEADER).toBe('X-Request-Id');
    expect(EXPOSED_HEADERS).toEqual([
      'Location',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'X-Request-Id',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
      'ETag',
      'Repr-Digest',
      'Deprecation',
      'Link',
      'Idempotent-Replayed',
    ]);
    expect(ALLOWED_REQUEST_HEADERS).toEqual([
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'X-Request-Id',
      'Range',
      'If-Range',
      'If-None-Match',
    ]);
  });

  it('baseHeaders', () => {
    expect(baseHeaders('r-1')).toEqual({
      'X-Request-Id': 'r-1',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Expose-Headers':
        'Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, X-Request-Id, ' +
        'Content-Disposition, Content-Range, Accept-Ranges, ETag, Repr-Digest, Deprecation, Link, Idempotent-Replayed',
    });
  });

  it('rateLimitHeaders', () => {
    expect(rateLimitHeaders({ limit: 5, remaining: 2, resetSeconds: 40, windowSeconds: 3600 })).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '2',
      'RateLimit-Reset': '40',
      'RateLimit-Policy': '5;w=3600',
    });
  });

  it.each([
    ['abc-123', 'abc-123'],
    ['A.b_c:d-9', 'A.b_c:d-9'],
    ['x'.repeat(128), 'x'.repeat(128)],
    ['x'.repeat(129), 'made'],
    ['-leading-dash', 'made'],
    ['has space', 'made'],
    ['new\nline', 'made'],
    ['', 'made'],
    [null, 'made'],
  ])('requestIdOf(%j) → %s', (given, expected) => {
    expect(requestIdOf(given, () => 'made')).toBe(expected);
  });

  it.each([
    [null, null],
    ['', null],
    [' , ', null],
    ['203.0.113.7', '203.0.113.7'],
    ['10.0.0.1, 203.0.113.7', '203.0.113.7'],
    ['10.0.0.1,203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['<script>', null],
    ['a'.repeat(65), null],
    ['a'.repeat(64), 'a'.repeat(64)],
    // brackets and a port are recognised only as the whole hop
    ['x[2001:db8::1]', null],
    ['[2001:db8::1]:443x', null],
    // only a plain IPv4 address with one port loses the port
    ['a1.2.3.4:80', 'a1.2.3.4:80'],
    ['1.2.3.4:80:90', '1.2.3.4:80:90'],
  ])('clientAddressOf(%j) → %j', (header, expected) => {
    expect(clientAddressOf(withForwardedFor(header))).toBe(expected);
  });

  it('originOf', () => {
    expect(originOf(withForwardedFor('198.51.100.2'), 'r-9')).toEqual({ requestId: 'r-9', clientAddress: '198.51.100.2' });
  });
});

describe('range', () => {
  const etag = '"abc"';
  it('etagOf quotes the digest', () => expect(etagOf('abc')).toBe(etag));

  it.each([
    [null, 100, null, { kind: 'full' }],
    ['', 100, null, { kind: 'full' }],
    ['bytes=0-9', 100, null, { kind: 'partial', offset: 0, count: 10 }],
    [' bytes=10-19 ', 100, null, { kind: 'partial', offset: 10, count: 10 }],
    ['bytes=90-', 100, null, { kind: 'partial', offset: 90, count: 10 }],
    ['bytes=90-200', 100, null, { kind: 'partial', offset: 90, count: 10 }],
    ['bytes=99-99', 100, null, { kind: 'partial', offset: 99, count: 1 }],
    ['bytes=-10', 100, null, { kind: 'partial', offset: 90, count: 10 }],
    ['bytes=-500', 100, null, { kind: 'partial', offset: 0, count: 100 }],
    ['bytes=-0', 100, null, { kind: 'unsatisfiable' }],
    ['bytes=-5', 0, null, { kind: 'unsatisfiable' }],
    ['bytes=100-', 100, null, { kind: 'unsatisfiable' }],
    ['bytes=100-200', 100, null, { kind: 'unsatisfiable' }],
    ['bytes=20-10', 100, null, { kind: 'full' }],
    ['bytes=-', 100, null, { kind: 'full' }],
    ['bytes=0-1,5-6', 100, null, { kind: 'full' }],
    ['items=0-1', 100, null, { kind: 'full' }],
    ['xbytes=0-1', 100, null, { kind: 'full' }],
    ['bytes=0-1x', 100, null, { kind: 'full' }],
    ['bytes=0-9', 100, '"abc"', { kind: 'partial', offset: 0, count: 10 }],
    ['bytes=0-9', 100, ' "abc" ', { kind: 'partial', offset: 0, count: 10 }],
    ['bytes=0-9', 100, '"old"', { kind: 'full' }],
  ])('rangeOf(%j, %i, if-range %j)', (header, size, ifRange, expected) => {
    expect(rangeOf(header, size, ifRange, etag)).toEqual(expected);
  });

  it.each([
    [null, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"aW/bc"', false],
  ])('notModified(%j) → %s', (header, expected) => {
    expect(notModified(header, etag)).toBe(expected);
  });
});

describe('server-sent events', () => {
  it('frames an event literally', () => {
    expect(SSE_CONTENT_TYPE).toBe('text/event-stream; charset=utf-8');
    expect(sseFrame({ data: 'x' })).toBe('data: x\n\n');
    expect(sseFrame({ id: '7', event: 'progress', data: '{"a":1}', retry: 1500.4 })).toBe(
      'retry: 1500\nid: 7\nevent: progress\ndata: {"a":1}\n\n',
    );
    expect(sseFrame({ id: 'a\nb', event: 'e\r\nf', data: 'one\r\ntwo\rthree\nfour' })).toBe(
      'id: a b\nevent: e  f\ndata: one\ndata: two\ndata: three\ndata: four\n\n',
    );
    expect(sseRetry(2999.6)).toBe('retry: 3000\n\n');
    expect(sseComment('keep\nalive\r')).toBe(': keep alive \n\n');
  });

  it('streams frames as UTF-8 bytes', async () => {
    async function* frames() {
      yield 'data: é\n\n';
      yield ': ping\n\n';
    }
    const chunks: Buffer[] = [];
    for await (const chunk of sseBody(frames())) chunks.push(chunk as Buffer);
    expect(chunks.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('data: é\n\n: ping\n\n');
  });
});
