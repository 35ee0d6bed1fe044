import type { ErrorReason, HttpErrorContext, MappedHttpError } from '@omnicast/core';

/** LINE's message for an exhausted monthly message quota (HTTP 429). */
export const lineQuotaExceededMessage = 'You have reached your monthly limit.';
/** LINE's message for an exceeded per-endpoint rate limit (HTTP 429). */
export const lineRateLimitMessage = 'The API rate limit has been exceeded. Try again later.';

interface LineErrorBody {
  message?: unknown;
  details?: unknown;
}

function detailsText(details: unknown): string | undefined {
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const parts = details.slice(0, 10).map((detail) => {
    const record = (detail ?? {}) as { message?: unknown; property?: unknown };
    const message = typeof record.message === 'string' ? record.message : 'invalid';
    return typeof record.property === 'string' ? `${record.property}: ${message}` : message;
  });
  const more = details.length > 10 ? ` (+${details.length - 10} more)` : '';
  return parts.join('; ') + more;
}

function reasonFor(status: number, message: string): ErrorReason {
  if (status === 429) {
    // Quota and concurrency/cap errors share 429 with the rate limit; only the message tells them apart.
    if (/monthly limit|additional message|quota/i.test(message)) return 'quota-exceeded';
    return 'rate-limited';
  }
  if (status === 409) return 'conflict-already-accepted';
  if (status === 400 || status === 413 || status === 415) return 'invalid-request';
  if (status === 422) return 'recipient-unreachable';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'unknown';
}

/**
 * Maps a LINE error response to an omnicast reason. A 429 is `quota-exceeded` (never retried) when
 * the message says the monthly limit is reached, else `rate-limited`; `details[]` are folded into
 * the error message; a 422 (PNP: no LINE user for the number, no consent…) is
 * `recipient-unreachable`; a 409 is `conflict-already-accepted`.
 */
export function mapLineError(context: HttpErrorContext): MappedHttpError {
  const body = (context.body && typeof context.body === 'object' ? context.body : {}) as LineErrorBody;
  const vendorMessage =
    typeof body.message === 'string'
      ? body.message
      : typeof context.body === 'string' && context.body.length < 300
        ? context.body
        : '';
  const reason = reasonFor(context.status, vendorMessage);
  const details = detailsText(body.details);
  const summary = [vendorMessage, details ? `(${details})` : ''].filter(Boolean).join(' ');
  const requestId = context.headers.get('x-line-request-id');
  const message =
    `LINE ${context.operation} failed with HTTP ${context.status}` +
    (summary ? `: ${summary}` : '') +
    (requestId ? ` [x-line-request-id: ${requestId}]` : '');
  return {
    reason,
    message,
    ...(vendorMessage ? { vendorCode: vendorMessage } : {}),
    ...(reason === 'quota-exceeded' ? { isRetryable: false } : {}),
  };
}
