// @ts-nocheck
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../../../local/azurite.js';

/** What the proxy knows about a request when it decides whether to fail it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  /** 1-based count of all requests seen. */
  readonly n: number;
  /** Block staging (`PUT ?comp=block`), the bulk of an export's requests. */
  readonly isStageBlock: boolean;
  readonly isCommit: boolean;
}

/** Returns a status to answer instead of forwarding (e.g. 503), or undefined to forward. */
export type FaultRule = (r: ProxiedRequest) => number | undefined;

export interface FaultProxy {
  readonly port: number;
  /** A connection string that sends blob traffic through the proxy. */
  readonly connectionString: string;
  /** Replace the rule at any time; undefined forwards everything. */
  rule: FaultRule | undefined;
  readonly seen: number;
  /** Requests answered with an injected error, in order. */
  readonly injected: ProxiedRequest[];
  close(): Promise<void>;
}

const errorBody = (status: number) =>
  `<?xml version="1.0" encoding="utf-8"?><Error><Code>${status === 503 ? 'ServerBusy' : 'InternalError'}</Code><Message>Injected by the test proxy (${status}).</Message></Error>`;

/**
 * A tiny HTTP proxy on 127.0.0.1 in front of Azurite that answers selected requests with an error
 * status instead of forwarding them — storage faults without touching the storage adapter.
 *
 * Mind the SDK: @azure/storage-blob itself retries 500/503 (at once, then after 4 s, 12 s …) but
 * not 502/504, which our adapter still reports as STORAGE_UNAVAILABLE (retryable). So a single 503
 * is absorbed by the SDK, and 502s reach the app's own retry without the SDK's long delays.
 */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const agent = new Agent({ keepAlive: true });
  const injected: ProxiedRequest[] = [];
  let seen = 0;
  const proxy: { rule: FaultRule | undefined } = { rule: undefined };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen++;
    const url = req.url ?? '/';
    const info: ProxiedRequest = {
      method: req.method ?? 'GET',
      url,
      n: seen,
      isStageBlock: req.method === 'PUT' && /[?&]comp=block(&|$)/.test(url),
      isCommit: req.method === 'PUT' && /[?&]comp=blocklist(&|$)/.test(url),
    };
    const status = proxy.rule?.(info);
    if (status !== undefined) {
      injected.push(info);
      req.resume();
      req.once('end', () => {
        res.writeHead(status, {
          'content-type': 'application/xml',
          'x-ms-error-code': status === 503 ? 'ServerBusy' : 'InternalError',
        });
        res.end(errorBody(status));
      });
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: url, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    connectionString: azuriteConnectionString(port),
    get rule() {
      return proxy.rule;
    },
    set rule(r) {
      proxy.rule = r;
    },
    get seen() {
      return seen;
    },
    injected,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      agent.destroy();
    },
  };
}
