import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../../domain/errors.js';
import { classifyAddress, isIpLiteral } from '../../domain/networkAddress.js';
import type { WebhookSender } from '../../ports/webhookSender.js';

export interface HttpWebhookSenderOptions {
  /**
   * Deliver to loopback addresses (and over plain http to them): the embedded host's local
   * receiver only. Private, link-local and reserved addresses stay refused even then.
   */
  readonly allowLoopback: boolean;
  /** Name resolution (tests pass a fake resolver to play a rebinding DNS). */
  readonly resolve?: (host: string) => Promise<readonly LookupAddress[]>;
}

const resolveAll = (host: string): Promise<LookupAddress[]> =>
  new Promise((ok, fail) => dnsLookup(host, { all: true, verbatim: true }, (e, addresses) => (e ? fail(e) : ok(addresses))));

const refused = (why: string) => new AppError('WEBHOOK_TARGET_REFUSED', why, { retryable: false });
const unreachable = (why: string, cause?: unknown) => new AppError('WEBHOOK_UNREACHABLE', why, { retryable: true, cause });

/**
 * Webhook delivery over node:http(s), guarded against SSRF at delivery time: the host is resolved
 * now, every address it resolves to must be public (one private answer is enough to refuse: a
 * rebinding DNS may alternate), and the connection goes to the address that was checked — the
 * socket's own lookup is replaced, so nothing resolves the name a second time. TLS still verifies
 * the certificate against the host name (SNI). No redirects, no response body beyond 64 KiB.
 */
export function httpWebhookSender(options: HttpWebhookSenderOptions): WebhookSender {
  const resolve = options.resolve ?? resolveAll;
  const permitted = (address: string): boolean => {
    const verdict = classifyAddress(address);
    return verdict === 'public' || (verdict === 'loopback' && options.allowLoopback);
  };
  return {
    async post({ url, headers, body, timeoutMs }) {
      const target = new URL(url);
      const https = target.protocol === 'https:';
      if (!https && !(target.protocol === 'http:' && options.allowLoopback)) throw refused('The endpoint must use https.');
      const host = target.hostname.replace(/^\[|\]$/g, '');
      let addresses: readonly LookupAddress[];
      try {
        addresses = isIpLiteral(host) ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await resolve(host);
      } catch (e) {
        throw unreachable('The endpoint’s host name could not be resolved.', e);
      }
      if (addresses.length === 0) throw unreachable('The endpoint’s host name resolved to no address.');
      const blocked = addresses.find((a) => !permitted(a.address));
      if (blocked)
        throw refused(
          'The endpoint resolves to a private, loopback, link-local or reserved address; deliveries go to public addresses only.',
        );
      if (!https && !addresses.every((a) => classifyAddress(a.address) === 'loopback'))
        throw refused('Plain http is allowed to loopback only.');
      const pinned = addresses[0] as LookupAddress;
      const lookup: LookupFunction = (_hostname, opts, callback) => {
        if (typeof opts === 'object' && opts?.all) callback(null, [pinned]);
        else callback(null, pinned.address, pinned.family);
      };
      const requestOptions: RequestOptions & { servername?: string } = {
        method: 'POST',
        host,
        port: target.port || (https ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup,
        timeout: timeoutMs,
        ...(https && !isIpLiteral(host) ? { servername: host } : {}),
      };
      return new Promise((ok, fail) => {
        let settled = false;
        const done = (f: () => void) => {
          if (!settled) {
            settled = true;
            clearTimeout(deadline);
            f();
          }
        };
        const req: ClientRequest = (https ? httpsRequest : httpRequest)(requestOptions, (res: IncomingMessage) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > 64 * 1024) res.destroy();
          });
          res.on('close', () => done(() => ok({ statusCode: res.statusCode ?? 0 })));
          res.on('error', () => done(() => ok({ statusCode: res.statusCode ?? 0 })));
        });
        const deadline = setTimeout(() => {
          req.destroy();
          done(() => fail(unreachable(`The endpoint did not answer within ${timeoutMs} ms.`)));
        }, timeoutMs);
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (e: Error & { code?: string }) =>
          done(() => fail(unreachable(`The endpoint could not be reached (${e.code ?? e.name}).`, e))),
        );
        req.end(body);
      });
    },
  };
}
