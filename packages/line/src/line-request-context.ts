import {
  type Clock,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type RetryPolicy,
  ValidationError,
  type ValidationIssue,
} from '@omnicast/core';
import { generateLineRetryKey, isUuid, toLineRetryKey } from './line-retry-key.js';
import {
  type LineSentMessage,
  lineErrorResponseSchema,
  lineSentMessagesResponseSchema,
} from './line-schemas.js';

/** Per-call options of keyed sends (push, multicast, narrowcast, broadcast). */
export interface LineSendOptions {
  /**
   * The `X-Line-Retry-Key`. A UUID is sent as is; any other string is mapped to a stable UUID.
   * Default: a new random UUID, kept for every retry of this call.
   */
  retryKey?: string;
  signal?: AbortSignal;
}

/** Per-call options of calls without a retry key. */
export interface LineCallOptions {
  signal?: AbortSignal;
}

/** The outcome of a keyed send. */
export interface LineSendResult {
  /** `x-line-request-id` of the response (the narrowcast request id for progress polling). */
  requestId?: string;
  /** Set when LINE answered 409: the request id of the earlier attempt that was accepted. */
  acceptedRequestId?: string;
  /** True when an earlier attempt with the same retry key had already been accepted (409). */
  alreadyAccepted: boolean;
  /** The retry key sent. */
  retryKey: string;
  /** Messages LINE accepted (push and reply; empty for multicast, narrowcast and broadcast). */
  sentMessages: LineSentMessage[];
  /** HTTP attempts made, including retries. */
  attempts: number;
}

/** What the API groups of {@link LineClient} share. @internal */
export interface LineRequestContext {
  transport: HttpTransport;
  dataBaseUrl: string;
  clock: Clock;
  random: () => number;
  retryPolicy: RetryPolicy | false;
  generateRetryKey: () => string;
  validate: boolean;
}

/** Throws a {@link ValidationError} when `issues` is not empty. @internal */
export function throwIfInvalid(what: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(`Invalid LINE ${what}`, { issues });
}

/**
 * Sends a request that has no retry key. After reaching LINE it is repeated only for a rate-limit
 * 429 (LINE rejected it before processing, so no duplicate is possible); the transport itself repeats
 * it only when the connection was never made. @internal
 */
export function requestUnkeyed<T>(
  context: LineRequestContext,
  request: HttpRequest,
): Promise<HttpResponse<T>> {
  return context.transport.request<T>({ ...request, retryWhenRateLimited: true });
}

/**
 * Sends push/multicast/narrowcast/broadcast with an `X-Line-Retry-Key` that stays the same across
 * retries. The transport retries 5xx, timeouts, network errors and rate-limit 429s (a quota 429 is
 * never retried); a 409 "already accepted" resolves as success carrying
 * `x-line-accepted-request-id` and, for push, the original sent messages. @internal
 */
export async function requestKeyed(
  context: LineRequestContext,
  operation: string,
  path: string,
  body: unknown,
  options: LineSendOptions = {},
): Promise<LineSendResult> {
  const retryKey =
    options.retryKey !== undefined ? toLineRetryKey(options.retryKey) : context.generateRetryKey();
  if (!isUuid(retryKey)) {
    throw new ValidationError('Invalid LINE retry key', {
      issues: [
        { path: ['retryKey'], message: 'generateRetryKey must return a UUID', code: 'invalid-format' },
      ],
    });
  }
  const response = await context.transport.request<unknown>({
    operation,
    method: 'POST',
    path,
    body: { json: body },
    headers: { 'x-line-retry-key': retryKey },
    idempotencyKey: retryKey,
    okStatuses: [409],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const alreadyAccepted = response.status === 409;
  const parsed = alreadyAccepted
    ? lineErrorResponseSchema.safeParse(response.data)
    : lineSentMessagesResponseSchema.safeParse(response.data);
  const sentMessages = parsed.success ? (parsed.data.sentMessages ?? []) : [];
  const acceptedRequestId = response.headers.get('x-line-accepted-request-id') ?? undefined;
  return {
    alreadyAccepted,
    retryKey,
    sentMessages,
    attempts: response.attempts,
    ...(response.requestId !== undefined ? { requestId: response.requestId } : {}),
    ...(acceptedRequestId !== undefined ? { acceptedRequestId } : {}),
  };
}

/** The default key generator, re-exported for the client. @internal */
export const defaultGenerateRetryKey = generateLineRetryKey;

/** Formats a date as LINE's `yyyyMMdd` in UTC+9 (the stats endpoints' time zone). @internal */
export function toLineDate(date: Date | string): string {
  if (typeof date === 'string') {
    if (!/^\d{8}$/.test(date)) {
      throw new ValidationError('Invalid LINE date', {
        issues: [{ path: ['date'], message: 'must be yyyyMMdd or a Date', code: 'invalid-format' }],
      });
    }
    return date;
  }
  const tokyo = new Date(date.getTime() + 9 * 3600_000);
  return tokyo.toISOString().slice(0, 10).replace(/-/g, '');
}
