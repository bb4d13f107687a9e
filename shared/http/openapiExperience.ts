/**
 * The OpenAPI paths of issue 12's endpoints: the job's event stream and the webhook endpoints. The
 * document's helpers are passed in (openapi.ts owns them), so this file adds paths without a cycle.
 */
type Json = Record<string, unknown>;

export interface OpenApiParts {
  readonly problems: (...statuses: number[]) => Json;
  readonly ok: (description: string, schema: Json, extra?: Json) => Json;
  readonly h: (name: string) => Json;
  readonly ref: (name: string) => Json;
  readonly common: readonly Json[];
  readonly jobId: Json;
}

const EVENTS_DESCRIPTION = [
  'Server-Sent Events (text/event-stream) of the job’s status and progress, for as long as it runs: an event `status` first and on every change of status, `progress` when only the progress moved; each event’s `data` is the job (as GET returns it, without downloadUrl) and its `id` names that state.',
  'The stream ends after the terminal event (Completed, Failed, Cancelled, Expired), or after EXPORT_EVENTS_MAX_SECONDS (180 s): the client reconnects (after `retry` ms) sending `Last-Event-ID`, and gets the current state unless it is the one it saw last. Events are states, not a log: nothing in between is replayed.',
  'Same authorization as GET /export-jobs/{id} (a job the caller may not see is a 404). Browsers’ EventSource cannot send a bearer token: read the stream with fetch (as the typed client does); the token never goes into the URL.',
].join('\n\n');

export function experiencePaths(p: OpenApiParts): Json {
  return {
    '/export-jobs/{id}/events': {
      get: {
        operationId: 'watchExportJob',
        summary: 'The job’s status and progress as Server-Sent Events, until it ends',
        description: EVENTS_DESCRIPTION,
        tags: ['export-jobs'],
        parameters: [
          ...p.common,
          p.jobId,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 200 },
            description: 'The id of the last event seen: that state is not sent again.',
          },
        ],
        responses: {
          '200': {
            description: 'The event stream.',
            headers: { 'X-Request-Id': p.h('RequestId') },
            content: {
              'text/event-stream': {
                schema: {
                  type: 'string',
                  description: 'Events `status` and `progress`; each `data` is an ExportJob (#/components/schemas/ExportJob).',
                },
              },
            },
          },
          ...p.problems(401, 403, 404),
        },
      },
    },
  };
}
