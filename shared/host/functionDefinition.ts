import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import type { Services } from '../app/services.js';

/** How a handler gets the process's services (built on first use; see lazyRuntime.ts). */
export type GetServices = () => Promise<Services>;

/**
 * One function of the app: its trigger and a handler that receives the services. `functions/`
 * holds the list; the Functions host entry (functions/index.ts) and the local host register the
 * same list, so there is one route table.
 */
export type FunctionDefinition = HttpFunctionDefinition | QueueFunctionDefinition | TimerFunctionDefinition;

export interface HttpFunctionDefinition {
  readonly kind: 'http';
  readonly name: string;
  readonly methods: readonly ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS')[];
  /** Route under /api, Functions syntax: `export-jobs/{id}`. */
  readonly route: string;
  /** Needs a bearer token (every route but the OpenAPI document). The local host checks it before reading a body. */
  readonly authenticated: boolean;
  handler(request: HttpRequest, context: InvocationContext, services: GetServices): Promise<HttpResponseInit>;
}

export interface QueueFunctionDefinition {
  readonly kind: 'queue';
  readonly name: string;
  /** App setting prefix of the identity-based Service Bus connection. */
  readonly connection: string;
  /** Binding expression, e.g. `%EXPORT_QUEUE_NAME%` or `%EXPORT_QUEUE_NAME%/$deadletterqueue`. */
  readonly queueName: string;
  /** Returning completes the message; throwing abandons it for redelivery. */
  handler(message: unknown, context: InvocationContext, services: GetServices): Promise<void>;
}

export interface TimerFunctionDefinition {
  readonly kind: 'timer';
  readonly name: string;
  /** NCRONTAB (six fields) or a `%SETTING%` expression. */
  readonly schedule: string;
  handler(timer: Timer, context: InvocationContext, services: GetServices): Promise<void>;
}

/** The dead-letter sub-queue of a queue (Service Bus path suffix). */
export const DEAD_LETTER_SUFFIX = '/$deadletterqueue';
export const isDeadLetterQueue = (d: QueueFunctionDefinition): boolean => d.queueName.endsWith(DEAD_LETTER_SUFFIX);
