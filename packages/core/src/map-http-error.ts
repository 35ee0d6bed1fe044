import type { ErrorReason } from './errors.js';
import type { HttpErrorMapper } from './http-types.js';

/** The reason a bare HTTP status stands for. */
export const reasonByStatus = (status: number): ErrorReason => {
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict-already-accepted';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'unknown';
};

function vendorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.length > 0 && body.length < 300 ? body : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { message?: unknown; error?: unknown };
  if (typeof record.message === 'string') return record.message;
  if (typeof record.error === 'string') return record.error;
  const nested = record.error as { message?: unknown } | undefined;
  return nested && typeof nested === 'object' && typeof nested.message === 'string'
    ? nested.message
    : undefined;
}

/** The default error mapper: reason from the status, message from a JSON `message`/`error` field. */
export const defaultMapHttpError: HttpErrorMapper = (context) => {
  const vendorMessage = vendorMessageOf(context.body);
  const reason = reasonByStatus(context.status);
  return {
    reason,
    message: `${context.channel} ${context.operation} failed with HTTP ${context.status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
  };
};
