import { webhookRequestBody } from '../app/webhooks/createWebhook.js';
import { deliveriesQuerySchema } from '../app/webhooks/listWebhookDeliveries.js';
import {
  deliveryPageSchema,
  deliveryResourceSchema,
  jobEventSchema,
  webhookListSchema,
  webhookResourceSchema,
  webhookWithSecretSchema,
} from './webhookResources.js';

export { deliveriesQuerySchema };

/** The schemas these endpoints publish under components/schemas. */
export const experienceComponents = {
  WebhookRequest: webhookRequestBody,
  Webhook: webhookResourceSchema,
  WebhookWithSecret: webhookWithSecretSchema,
  WebhookList: webhookListSchema,
  WebhookDelivery: deliveryResourceSchema,
  WebhookDeliveryPage: deliveryPageSchema,
  JobEvent: jobEventSchema,
} as const;

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
  /** The query parameters of the delivery log. */
  readonly deliveriesQuery: readonly Json[];
}

const WEBHOOK_DESCRIPTION = [
  'Completion webhooks: when a job of the organization first ends (Completed, Failed or Cancelled — or Expired if it got there unannounced), each endpoint registered by then receives one POST of a JobEvent (application/json), delivered at least once: deduplicate on `id` (also in Export-Event-Id).',
  'Every request carries `Export-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 with the endpoint’s secret over `<t>.<raw body>`. Refuse a timestamp more than 5 minutes off (replays). After a rotation the old secret signs too for 24 hours (a second v1).',
  'A 2xx answer within 10 s counts as delivered; anything else (another status, a redirect — never followed —, a timeout) is retried with exponential backoff (30 s, doubling, at most an hour apart; 8 attempts). Deliveries go to public addresses only: the host is resolved at every attempt and a private, loopback, link-local or reserved address is refused (SSRF).',
  'Admins (and SuperAdmins) manage their own organization’s endpoints; another organization’s endpoint is a 404.',
].join('\n\n');

const webhookId: Json = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  description: 'Webhook endpoint id (a GUID).',
};

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
    '/webhooks': {
      post: {
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint (Admins); its secret is shown once',
        description: WEBHOOK_DESCRIPTION,
        tags: ['webhooks'],
        parameters: [...p.common],
        requestBody: { required: true, content: { 'application/json': { schema: p.ref('WebhookRequest') } } },
        responses: {
          '201': p.ok('The endpoint and its signing secret.', p.ref('WebhookWithSecret'), { Location: p.h('Location') }),
          ...p.problems(400, 401, 403, 409, 413, 415),
        },
      },
      get: {
        operationId: 'listWebhooks',
        summary: 'The organization’s webhook endpoints (Admins)',
        tags: ['webhooks'],
        parameters: [...p.common],
        responses: { '200': p.ok('The endpoints (no secrets).', p.ref('WebhookList')), ...p.problems(401, 403) },
      },
    },
    '/webhooks/{id}': {
      delete: {
        operationId: 'deleteWebhook',
        summary: 'Remove a webhook endpoint and its delivery log (Admins)',
        tags: ['webhooks'],
        parameters: [...p.common, webhookId],
        responses: {
          '204': { description: 'Removed.', headers: { 'X-Request-Id': p.h('RequestId') } },
          ...p.problems(401, 403, 404),
        },
      },
    },
    '/webhooks/{id}/rotate-secret': {
      post: {
        operationId: 'rotateWebhookSecret',
        summary: 'A new signing secret, shown once; the old one signs for 24 hours more (Admins)',
        tags: ['webhooks'],
        parameters: [...p.common, webhookId],
        responses: { '200': p.ok('The endpoint and its new secret.', p.ref('WebhookWithSecret')), ...p.problems(401, 403, 404) },
      },
    },
    '/webhooks/{id}/deliveries': {
      get: {
        operationId: 'listWebhookDeliveries',
        summary: 'The endpoint’s delivery log, newest first, with every attempt (Admins)',
        tags: ['webhooks'],
        parameters: [...p.common, webhookId, ...p.deliveriesQuery],
        responses: { '200': p.ok('A page of deliveries.', p.ref('WebhookDeliveryPage')), ...p.problems(400, 401, 403, 404) },
      },
    },
  };
}
