import type { HttpRequest } from '@azure/functions';
import { AppError } from '../domain/errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body: requires application/json, bounds the size, rejects malformed JSON with 400. */
export async function readJsonBody(req: HttpRequest): Promise<unknown> {
  // Stryker disable next-line StringLiteral: without a Content-Type any stand-in text is refused alike (415)
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
  }
  // Stryker disable next-line StringLiteral: Number('') is 0 as well
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The body is not valid JSON.', {
      details: [{ field: '(body)', message: 'malformed JSON' }],
    });
  }
}
