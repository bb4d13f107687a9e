import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { roles } from '../shared/domain/principal.js';
import { GUID_PATTERN } from '../shared/domain/ids.js';

/**
 * The local console, served by the local host only: the page, its script (compiled to
 * dist/web/), the demo organizations and development tokens for the identity picked in the page.
 * Nothing here is a function definition, so Azure never registers it.
 */
export interface ConsoleSiteOptions {
  /** The repository root (local/console/ sources and dist/web/). */
  readonly root: string;
  readonly organizations: readonly { readonly id: string; readonly name: string }[];
  /** A development token for the identity (the local HS256 secret). */
  mintToken(identity: { org: string; role: string; sub: string }): string;
}

const identitySchema = z.strictObject({
  org: z.string().regex(new RegExp(GUID_PATTERN)),
  role: z.enum(roles),
  sub: z.string().regex(/^[\w.@-]{1,64}$/),
});

const HEADERS = {
  // Only our own script and styles; the page talks to this host and, for downloads, to the SAS URL.
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
} as const;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': type });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new Error('body too large');
  }
  return text;
}

/** Answers the console's paths; false for any other path (the caller answers those). */
export function consoleSite(
  options: ConsoleSiteOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const file = async (res: ServerResponse, path: string) => {
    const ext = path.slice(path.lastIndexOf('.') + 1);
    try {
      send(res, 200, TYPES[ext] ?? 'application/octet-stream', await readFile(path));
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found (has `npm run build` run?)');
    }
  };
  return async (req, res, path) => {
    const method = req.method ?? 'GET';
    if (method === 'GET' && (path === '/' || path === '/console' || path === '/console/')) {
      await file(res, join(options.root, 'local', 'console', 'index.html'));
      return true;
    }
    if (method === 'GET' && path === '/console/styles.css') {
      await file(res, join(options.root, 'local', 'console', 'styles.css'));
      return true;
    }
    const script = /^\/console\/((?:local\/console|client)\/[\w-]+\.js)$/.exec(path);
    if (method === 'GET' && script) {
      await file(res, join(options.root, 'dist', 'web', script[1] as string));
      return true;
    }
    if (method === 'GET' && path === '/console/organizations') {
      send(res, 200, 'application/json', JSON.stringify(options.organizations));
      return true;
    }
    if (path === '/console/token') {
      // A custom header makes a cross-site request need a CORS preflight, which is never granted:
      // only the console's own page can get a token.
      if (method !== 'POST' || req.headers['x-console'] !== '1') {
        send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
        return true;
      }
      let identity;
      try {
        identity = identitySchema.parse(JSON.parse(await readBody(req)));
      } catch {
        send(res, 400, 'text/plain; charset=utf-8', 'Expected {"org": GUID, "role": one of the roles, "sub": a user id}');
        return true;
      }
      send(res, 200, 'application/json', JSON.stringify({ token: options.mintToken(identity) }));
      return true;
    }
    return false;
  };
}
