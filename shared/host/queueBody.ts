/**
 * The body of a Service Bus message as the trigger hands it over: already-parsed JSON, or a string
 * that may or may not be JSON. Undefined for a string that is not JSON, so callers can reject it
 * (a malformed message must be completed and logged, not retried forever).
 */
export function queueBody(message: unknown): unknown {
  if (typeof message !== 'string') return message;
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return undefined;
  }
}
