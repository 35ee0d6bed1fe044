/** How the transport retries. */
export interface RetryPolicy {
  /** Total attempts including the first (1 disables retries). Default 4. */
  maxAttempts: number;
  /** First backoff ceiling; doubles each retry. Default 300 ms. */
  baseDelayMs: number;
  /** Largest backoff ceiling. Default 20 s. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown with `retryAfterMs`. Default 60 s. */
  maxRetryAfterMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Exponential backoff with full jitter: a uniform delay in `[0, min(maxDelayMs, baseDelayMs·2^retry))`.
 * @param retry - 0 for the first retry.
 */
export function computeBackoffMs(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Reads `retry-after-ms` (milliseconds) or `Retry-After` (delta seconds or an HTTP-date) from
 * response headers. Returns milliseconds to wait, or undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
