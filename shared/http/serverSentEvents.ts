import { Readable } from 'node:stream';

/**
 * Server-Sent Events framing (WHATWG HTML § 9.2): `id`, `event` and one `data` line per line of
 * the payload, a blank line after each event; lines starting with `:` are comments (keep-alives).
 */
export interface ServerSentEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
  /** Tells the client how long to wait before reconnecting, ms. */
  readonly retry?: number;
}

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** One event as text. Ids and event names never carry a line break (they would end the field). */
export function sseFrame(e: ServerSentEvent): string {
  const clean = (v: string) => v.replace(/[\r\n]/g, ' ');
  let out = '';
  if (e.retry !== undefined) out += `retry: ${Math.round(e.retry)}\n`;
  if (e.id !== undefined) out += `id: ${clean(e.id)}\n`;
  if (e.event !== undefined) out += `event: ${clean(e.event)}\n`;
  for (const line of e.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** Sets the client's reconnection delay, ms (a block without data dispatches no event). */
export const sseRetry = (ms: number): string => `retry: ${Math.round(ms)}\n\n`;

export const sseComment = (text: string): string => `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;

/** A stream of frames as a response body: stops pulling (and so watching) when the client goes. */
export const sseBody = (frames: AsyncIterable<string>): Readable =>
  Readable.from(
    (async function* () {
      for await (const frame of frames) yield Buffer.from(frame, 'utf8');
    })(),
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the chunks are Buffers either way; only the stream's buffering threshold differs
    { objectMode: false },
  );
