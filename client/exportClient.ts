import type { components, operations } from './schema.js';

/**
 * A small typed client of the Portal Export Service over fetch, for Node (the CLI, the tests) and
 * browsers (the local console) alike. Its types are generated from the service's OpenAPI document
 * (client/schema.d.ts), so the CLI, the console and the end-to-end tests use the contract as any
 * client would: a change of the API that breaks them fails their build.
 */
export type ExportJob = components['schemas']['ExportJob'];
export type ExportJobList = components['schemas']['ExportJobList'];
export type ExportRequest = components['schemas']['ExportRequest'];
export type Problem = components['schemas']['Problem'];
export type Webhook = components['schemas']['Webhook'];
export type WebhookWithSecret = components['schemas']['WebhookWithSecret'];
export type WebhookDeliveryPage = components['schemas']['WebhookDeliveryPage'];
export type JobEvent = components['schemas']['JobEvent'];
export type ListQuery = NonNullable<operations['listExportJobs']['parameters']['query']>;
export type DeliveriesQuery = NonNullable<operations['listWebhookDeliveries']['parameters']['query']>;
export type JobStatus = ExportJob['status'];

export const TERMINAL: readonly JobStatus[] = ['Completed', 'Failed', 'Cancelled', 'Expired'];

/** An error answer of the API (RFC 9457 problem), or a transport failure (status 0). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly problem?: Problem,
  ) {
    super(detail);
  }
}

export interface ClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:7071/api`. */
  readonly baseUrl: string;
  /** The bearer token, or a function that gives a fresh one. */
  readonly token: string | (() => string | Promise<string>);
  readonly fetch?: typeof fetch;
}

/** One event of a job's stream: its kind (`status` or `progress`) and the job as it is now. */
export interface JobUpdate {
  readonly kind: string;
  readonly id: string | undefined;
  readonly job: ExportJob;
}

export function exportClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const token = async () => (typeof options.token === 'function' ? options.token() : options.token);

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${await token()}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw e;
      throw new ApiProblem(
        0,
        'NETWORK',
        `The service at ${base} could not be reached (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
    if (!res.ok) throw await problemOf(res);
    return res;
  }
  const json = async <T>(method: string, path: string, init?: Parameters<typeof request>[2]): Promise<T> =>
    (await (await request(method, path, init)).json()) as T;
  const query = (q: Record<string, unknown>) => {
    const s = new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return s ? `?${s}` : '';
  };
  const id = (value: string) => encodeURIComponent(value);

  /**
   * The job's updates as Server-Sent Events, read with fetch (a bearer token cannot ride on a
   * browser EventSource); reconnects with Last-Event-ID when the stream ends early, and stops after
   * the terminal state or when `signal` aborts.
   */
  async function* watchJob(jobId: string, watch: { signal?: AbortSignal; reconnectMs?: number } = {}): AsyncGenerator<JobUpdate> {
    let lastEventId: string | undefined;
    for (;;) {
      const res = await request('GET', `/export-jobs/${id(jobId)}/events`, {
        headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        ...(watch.signal ? { signal: watch.signal } : {}),
      });
      if (!res.body) throw new ApiProblem(0, 'NETWORK', 'The event stream has no body.');
      let terminal = false;
      for await (const event of sseEvents(res.body)) {
        if (event.id !== undefined) lastEventId = event.id;
        const job = JSON.parse(event.data) as ExportJob;
        yield { kind: event.event ?? 'message', id: event.id, job };
        if (TERMINAL.includes(job.status)) terminal = true;
      }
      if (terminal || watch.signal?.aborted) return;
      await new Promise((r) => setTimeout(r, watch.reconnectMs ?? 1000));
    }
  }

  return {
    createExport: (body: ExportRequest, o: { idempotencyKey?: string } = {}) =>
      json<ExportJob>('POST', '/export-jobs', {
        body,
        ...(o.idempotencyKey ? { headers: { 'idempotency-key': o.idempotencyKey } } : {}),
      }),
    getJob: (jobId: string) => json<ExportJob>('GET', `/export-jobs/${id(jobId)}`),
    listJobs: (q: ListQuery = {}) => json<ExportJobList>('GET', `/export-jobs${query(q)}`),
    cancelJob: (jobId: string) => json<ExportJob>('DELETE', `/export-jobs/${id(jobId)}`),
    retryJob: (jobId: string) => json<ExportJob>('POST', `/export-jobs/${id(jobId)}/retry`),
    /** The file (a 303 to a SAS URL is followed; the token is not sent there). */
    download: (jobId: string, o: { signal?: AbortSignal } = {}) =>
      request('GET', `/export-jobs/${id(jobId)}/download`, o.signal ? { signal: o.signal } : {}),
    watchJob,
    /** Resolves with the job once it is terminal (watching its events). */
    async waitForJob(jobId: string, onUpdate?: (u: JobUpdate) => void): Promise<ExportJob> {
      let last: ExportJob | undefined;
      for await (const u of watchJob(jobId)) {
        onUpdate?.(u);
        last = u.job;
      }
      return last ?? (await json<ExportJob>('GET', `/export-jobs/${id(jobId)}`));
    },
    createWebhook: (body: components['schemas']['WebhookRequest']) => json<WebhookWithSecret>('POST', '/webhooks', { body }),
    listWebhooks: () => json<components['schemas']['WebhookList']>('GET', '/webhooks'),
    deleteWebhook: async (webhookId: string) => void (await request('DELETE', `/webhooks/${id(webhookId)}`)),
    rotateWebhookSecret: (webhookId: string) => json<WebhookWithSecret>('POST', `/webhooks/${id(webhookId)}/rotate-secret`),
    listWebhookDeliveries: (webhookId: string, q: DeliveriesQuery = {}) =>
      json<WebhookDeliveryPage>('GET', `/webhooks/${id(webhookId)}/deliveries${query(q)}`),
  };
}

export type ExportClient = ReturnType<typeof exportClient>;

async function problemOf(res: Response): Promise<ApiProblem> {
  const text = await res.text().catch(() => '');
  try {
    const p = JSON.parse(text) as Problem;
    if (typeof p.code === 'string' && typeof p.detail === 'string') return new ApiProblem(res.status, p.code, p.detail, p);
  } catch {
    // not a problem document
  }
  return new ApiProblem(res.status, `HTTP_${res.status}`, `The service answered ${res.status} ${res.statusText}.`);
}

/** One Server-Sent Event. */
export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

/** Parses a text/event-stream body into events (comments and `retry` lines are dropped). */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = parseBlock(block);
        if (event) yield event;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { ...(id !== undefined ? { id } : {}), ...(event !== undefined ? { event } : {}), data: data.join('\n') };
}
