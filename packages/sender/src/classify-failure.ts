import {
  ApiCallError,
  computeBackoffMs,
  type ErrorReason,
  UnsupportedFeatureError,
  ValidationError,
} from '@omnicast/core';
import type { FailureReason, RetryOptions } from './batch-sender-types.js';

/** Resolved retry options. */
export type ResolvedRetry = Required<Omit<RetryOptions, 'maybeDeliveredReasons'>> & {
  maybeDelivered: ReadonlySet<ErrorReason>;
};

/** Fills in retry defaults. */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRateLimitRetries: options.maxRateLimitRetries ?? 20,
    random: options.random ?? Math.random,
    maybeDelivered: new Set(
      options.maybeDeliveredReasons ?? ['timeout', 'network', 'server-error', 'unknown', 'aborted'],
    ),
  };
}

/** What to do after a failed call. */
export type FailureDecision =
  /** The vendor had accepted it earlier (retry key conflict): count as sent. */
  | { action: 'sent' }
  /** A 429: slow the bucket, wait, try again. */
  | { action: 'rate-limited'; retryAfterMs?: number }
  /** Vendor quota used up: stop the run. */
  | { action: 'quota-exceeded' }
  /** Try again after a backoff. */
  | { action: 'retry'; delayMs: number; reason: FailureReason }
  /** Provably not delivered. */
  | { action: 'failed'; reason: FailureReason; splittable: boolean }
  /** May have been delivered. */
  | { action: 'in-doubt'; reason: FailureReason };

const splittableReasons: ReadonlySet<ErrorReason> = new Set([
  'invalid-request',
  'recipient-unreachable',
  'not-found',
  'forbidden',
  'outside-window',
]);

/**
 * Decides how a failed call continues.
 * @param attempt - attempts made so far (1 after the first call).
 */
export function classifyFailure(
  error: unknown,
  attempt: number,
  supportsIdempotencyKey: boolean,
  retry: ResolvedRetry,
): FailureDecision {
  if (ValidationError.isInstance(error) || UnsupportedFeatureError.isInstance(error)) {
    return { action: 'failed', reason: 'invalid-message', splittable: false };
  }
  if (!ApiCallError.isInstance(error)) return { action: 'in-doubt', reason: 'unknown' };
  const reason = error.reason;
  if (reason === 'conflict-already-accepted') return { action: 'sent' };
  if (reason === 'quota-exceeded') return { action: 'quota-exceeded' };
  if (reason === 'rate-limited') {
    return error.retryAfterMs === undefined
      ? { action: 'rate-limited' }
      : { action: 'rate-limited', retryAfterMs: error.retryAfterMs };
  }
  const maybeDelivered = retry.maybeDelivered.has(reason);
  const safeToRetry = supportsIdempotencyKey || !maybeDelivered;
  if (error.isRetryable && safeToRetry && attempt < retry.maxAttempts) {
    const backoff = computeBackoffMs(attempt - 1, retry, retry.random);
    return { action: 'retry', delayMs: Math.max(backoff, error.retryAfterMs ?? 0), reason };
  }
  if (maybeDelivered) return { action: 'in-doubt', reason };
  return { action: 'failed', reason, splittable: splittableReasons.has(reason) };
}
