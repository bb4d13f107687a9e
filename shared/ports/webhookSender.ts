/**
 * POSTs one event to an endpoint. The adapter resolves the host at every call and refuses
 * anything but public addresses (AppError WEBHOOK_TARGET_REFUSED, permanent), connects to the
 * address it checked (no second lookup an attacker's DNS could answer differently), follows no
 * redirect and reads no more of the response than its status. Network failures and timeouts are
 * AppError WEBHOOK_UNREACHABLE (retryable).
 */
export interface WebhookSender {
  post(request: {
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    readonly timeoutMs: number;
  }): Promise<{ readonly statusCode: number }>;
}
