import { AppError } from '../../shared/domain/errors.js';
import type { WebhookSender } from '../../shared/ports/webhookSender.js';

export interface SentWebhook {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A WebhookSender for unit tests: records each request and answers from a script (a status code,
 * or an AppError code to throw); the last answer repeats. Real delivery (sockets, DNS, the SSRF
 * guard) is tested against the adapter with a real local receiver.
 */
export function scriptedWebhookSender(
  script: (number | 'refused' | 'unreachable')[] = [204],
): WebhookSender & { readonly sent: SentWebhook[] } {
  const sent: SentWebhook[] = [];
  return {
    sent,
    async post(request) {
      sent.push({ url: request.url, headers: request.headers, body: request.body });
      const answer = script[Math.min(sent.length, script.length) - 1] ?? 204;
      if (answer === 'refused') throw new AppError('WEBHOOK_TARGET_REFUSED', 'refused by the SSRF guard');
      if (answer === 'unreachable') throw new AppError('WEBHOOK_UNREACHABLE', 'network', { retryable: true });
      return { statusCode: answer };
    },
  };
}
