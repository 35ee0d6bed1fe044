import type { z } from 'zod';
import { type Clock, systemClock } from './clock.js';
import { ApiCallError, ConfigurationError, defaultIsRetryable } from './errors.js';
import { appendQuery, encodeBody, NotJsonBody, readBody, readErrorBody } from './http-body.js';
import type {
  HttpErrorContext,
  HttpErrorMapper,
  HttpHooks,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  MappedHttpError,
} from './http-types.js';
import { defaultMapHttpError } from './map-http-error.js';
import {
  credentialOf,
  redactHeaders,
  redactText,
  redactUrl,
  redactValue,
  sensitiveUrlValues,
} from './redact.js';
import { computeBackoffMs, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import { createTimeoutSignals } from './timeout-signals.js';
import { toValidationIssues } from './zod-issues.js';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** Channel name used in errors and hooks, e.g. `line`. */
  channel: string;
  baseUrl: string;
  /** A fetch implementation; default: `globalThis.fetch` looked up at call time (so msw intercepts it). */
  fetch?: typeof globalThis.fetch;
  /** An undici `Agent` (or other Dispatcher) for keep-alive and connection limits, passed to fetch. */
  dispatcher?: object;
  /** Headers on every request, e.g. `Authorization`. Credentials in them are redacted everywhere. */
  headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout. Default 30 s. `0` or `Infinity` disables it. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy> | false;
  /** Response header(s) carrying the vendor's request id. */
  requestIdHeaders?: readonly string[];
  mapError?: HttpErrorMapper;
  hooks?: HttpHooks;
  /** Extra secret values to redact (app secrets…). Credentials in `headers` are added automatically. */
  secrets?: readonly string[];
  clock?: Clock;
  /** Random source for jitter, in [0, 1). */
  random?: () => number;
}

/** A configured HTTP transport shared by channel clients. */
export interface HttpTransport {
  readonly channel: string;
  request<T = unknown, S extends z.ZodType = z.ZodType>(request: HttpRequest<S>): Promise<HttpResponse<T>>;
  /** Redacts known secrets from any value (for clients that build their own errors). */
  redact(value: unknown): unknown;
}

const idempotentMethods = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const neverConnectedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The longest delay setTimeout honours. */
const maxTimerMs = 2_147_483_647;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function callHook<E>(hook: ((event: E) => void) | undefined, event: () => E): void {
  if (!hook) return;
  try {
    hook(event());
  } catch {
    // Hooks are for observation; a failing logger must not fail the call.
  }
}

/**
 * Creates the HTTP transport every channel client uses: fetch looked up at call time, per-attempt
 * timeout and AbortSignal, retries with exponential backoff and full jitter that honour
 * `Retry-After`/`retry-after-ms`, and never a retry of a non-idempotent request that carries no
 * idempotency key unless it provably never reached the server.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  if (!options.baseUrl) throw new ConfigurationError('baseUrl is required', { option: 'baseUrl' });
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const mapError = options.mapError ?? defaultMapHttpError;
  const hooks = options.hooks ?? {};
  const requestIdHeaders = options.requestIdHeaders ?? ['x-request-id'];
  const defaultHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {}))
    defaultHeaders[name.toLowerCase()] = value;
  const secrets = [...(options.secrets ?? [])];
  if (defaultHeaders.authorization) secrets.push(...credentialOf(defaultHeaders.authorization));
  const basePolicy: RetryPolicy =
    options.retry === false
      ? { ...defaultRetryPolicy, maxAttempts: 1 }
      : { ...defaultRetryPolicy, ...options.retry };
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const timeoutSignals = createTimeoutSignals();

  const redact = (value: unknown): unknown => redactValue(value, secrets);
  const findRequestId = (headers: Headers): string | undefined => {
    for (const name of requestIdHeaders) {
      const value = headers.get(name);
      if (value) return value;
    }
    return undefined;
  };

  const buildError = (
    request: HttpRequest,
    mapped: MappedHttpError,
    extra: { status?: number; requestId?: string; body?: unknown; retryAfterMs?: number; cause?: unknown },
    callSecrets: readonly string[] = secrets,
  ): ApiCallError => {
    const retryAfterMs = mapped.retryAfterMs ?? extra.retryAfterMs;
    return new ApiCallError(String(redactValue(mapped.message, callSecrets)), {
      channel: options.channel,
      operation: request.operation,
      reason: mapped.reason,
      isRetryable: mapped.isRetryable ?? defaultIsRetryable(mapped.reason),
      ...(extra.status !== undefined ? { statusCode: extra.status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(mapped.vendorCode !== undefined ? { vendorCode: mapped.vendorCode } : {}),
      ...(extra.requestId !== undefined ? { requestId: extra.requestId } : {}),
      ...(extra.body !== undefined ? { responseBody: redactValue(extra.body, callSecrets) } : {}),
      ...(extra.cause !== undefined ? { cause: extra.cause } : {}),
    });
  };

  async function attemptOnce<T>(
    request: HttpRequest,
    url: string,
    init: RequestInit,
    attempt: number,
    callSecrets: readonly string[],
  ): Promise<{ response?: HttpResponse<T>; error?: ApiCallError; reachedServer: boolean }> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    // setTimeout cannot wait longer than 2^31-1 ms (it would fire at once): treat that as no timeout.
    const hasTimeout = timeoutMs > 0 && timeoutMs <= maxTimerMs;
    const callerSignal = request.signal;
    // Without a caller signal the attempt only needs a timeout, and shares a timeout signal.
    const shared = !callerSignal && hasTimeout ? timeoutSignals(timeoutMs) : undefined;
    const controller = callerSignal ? new AbortController() : undefined;
    let timedOut = false;
    const timer =
      controller && hasTimeout
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new DOMException('The request timed out', 'TimeoutError'));
          }, timeoutMs)
        : undefined;
    const onCallerAbort = () => controller?.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = shared ? shared.signal : controller?.signal;
    const started = hooks.onResponse ? clock.now() : 0;
    if (hooks.onRequest) {
      callHook(hooks.onRequest, () => ({
        channel: options.channel,
        operation: request.operation,
        method: request.method,
        url: redactUrl(url, callSecrets),
        attempt,
        headers: redactHeaders(init.headers as Record<string, string>, callSecrets),
        ...(request.body && 'json' in request.body
          ? { body: redactValue(request.body.json, callSecrets) }
          : {}),
      }));
    }
    try {
      if (signal) init.signal = signal;
      const response = await fetchImpl(url, init);
      const requestId = findRequestId(response.headers);
      if (hooks.onResponse) {
        callHook(hooks.onResponse, () => ({
          channel: options.channel,
          operation: request.operation,
          method: request.method,
          url: redactUrl(url, callSecrets),
          attempt,
          status: response.status,
          headers: redactHeaders(response.headers, callSecrets),
          durationMs: clock.now() - started,
          ...(requestId !== undefined ? { requestId } : {}),
        }));
      }
      const isOk = response.ok || (request.okStatuses?.includes(response.status) ?? false);
      if (isOk) {
        let data = await readBody(
          response,
          response.status === 204 ? 'none' : (request.responseType ?? 'json'),
        );
        if (data instanceof NotJsonBody) {
          const error = buildError(
            request,
            {
              reason: 'unknown',
              isRetryable: false,
              message: `${options.channel} ${request.operation} returned a body that is not JSON`,
            },
            {
              status: response.status,
              body: data.text.slice(0, 2000),
              ...(requestId !== undefined ? { requestId } : {}),
            },
            callSecrets,
          );
          return { error, reachedServer: true };
        }
        if (request.schema && (request.responseType ?? 'json') === 'json') {
          const parsed = request.schema.safeParse(data);
          if (!parsed.success) {
            const issues = toValidationIssues(parsed.error.issues);
            const error = buildError(
              request,
              {
                reason: 'unknown',
                isRetryable: false,
                message: `${options.channel} ${request.operation} returned an unexpected response body: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
              },
              { status: response.status, body: data, ...(requestId !== undefined ? { requestId } : {}) },
              callSecrets,
            );
            return { error, reachedServer: true };
          }
          data = parsed.data;
        }
        return {
          response: {
            status: response.status,
            headers: response.headers,
            data: data as T,
            attempts: attempt,
            ...(requestId !== undefined ? { requestId } : {}),
          },
          reachedServer: true,
        };
      }
      const body = await readErrorBody(response);
      const context: HttpErrorContext = {
        channel: options.channel,
        operation: request.operation,
        status: response.status,
        headers: response.headers,
        body,
      };
      const mapped = mapError(context);
      const retryAfterMs = parseRetryAfter(response.headers, clock.now());
      return {
        error: buildError(
          request,
          mapped,
          {
            status: response.status,
            body,
            ...(requestId !== undefined ? { requestId } : {}),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          },
          callSecrets,
        ),
        reachedServer: true,
      };
    } catch (cause) {
      if (callerSignal?.aborted) {
        return {
          error: buildError(
            request,
            {
              reason: 'aborted',
              isRetryable: false,
              message: `${options.channel} ${request.operation} was aborted`,
            },
            { cause: callerSignal.reason },
            callSecrets,
          ),
          reachedServer: true,
        };
      }
      if (timedOut || shared?.signal.aborted) {
        return {
          error: buildError(
            request,
            {
              reason: 'timeout',
              message: `${options.channel} ${request.operation} timed out after ${timeoutMs} ms`,
            },
            {},
            callSecrets,
          ),
          reachedServer: true,
        };
      }
      const code = errorCode(cause);
      const neverConnected = code !== undefined && neverConnectedCodes.has(code);
      const detail = code ?? (cause instanceof Error ? cause.message : 'network error');
      return {
        error: buildError(
          request,
          { reason: 'network', message: `${options.channel} ${request.operation} failed: ${detail}` },
          { cause: cause instanceof Error ? new Error(redactText(cause.message, callSecrets)) : undefined },
          callSecrets,
        ),
        reachedServer: !neverConnected,
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      shared?.release();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function request<T = unknown, S extends z.ZodType = z.ZodType>(
    request: HttpRequest<S>,
  ): Promise<HttpResponse<T>> {
    const url = new URL(request.path, request.baseUrl ?? options.baseUrl);
    appendQuery(url, request.query);
    const headers: Record<string, string> = { ...defaultHeaders };
    let callSecrets: readonly string[] = secrets;
    if (request.headers) {
      for (const [name, value] of Object.entries(request.headers)) {
        const lower = name.toLowerCase();
        headers[lower] = value;
        if (lower === 'authorization') callSecrets = [...callSecrets, ...credentialOf(value)];
      }
    }
    const urlSecrets = sensitiveUrlValues(url);
    if (urlSecrets.length > 0) callSecrets = [...callSecrets, ...urlSecrets];
    if (url.username !== '' || url.password !== '') {
      // fetch refuses URLs with credentials (and would echo them in its error): send them as Basic auth.
      const username = safeDecode(url.username);
      const password = safeDecode(url.password);
      headers['authorization'] ??= `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      callSecrets = [...callSecrets, ...credentialOf(headers['authorization'])];
      url.username = '';
      url.password = '';
    }
    const body = encodeBody(request.body, headers);
    const init: RequestInit & { dispatcher?: object } = { method: request.method, headers };
    if (body !== undefined) init.body = body;
    if (options.dispatcher) init.dispatcher = options.dispatcher;
    const policy: RetryPolicy =
      request.retry === false
        ? { ...basePolicy, maxAttempts: 1 }
        : request.retry
          ? { ...basePolicy, ...request.retry }
          : basePolicy;
    const isSafeToRepeat =
      request.idempotent ?? (request.idempotencyKey !== undefined || idempotentMethods.has(request.method));
    const urlText = url.toString();

    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) {
        throw buildError(
          request,
          {
            reason: 'aborted',
            isRetryable: false,
            message: `${options.channel} ${request.operation} was aborted`,
          },
          { cause: request.signal.reason },
          callSecrets,
        );
      }
      const outcome = await attemptOnce<T>(request, urlText, init, attempt, callSecrets);
      if (outcome.response) return outcome.response;
      const error = outcome.error!;
      const mayRepeat =
        isSafeToRepeat ||
        !outcome.reachedServer ||
        (request.retryWhenRateLimited === true && error.reason === 'rate-limited');
      if (!error.isRetryable || !mayRepeat || attempt >= policy.maxAttempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delayMs = error.retryAfterMs ?? computeBackoffMs(attempt - 1, policy, random);
      callHook(hooks.onRetry, () => ({
        channel: options.channel,
        operation: request.operation,
        method: request.method,
        url: redactUrl(urlText, callSecrets),
        attempt,
        delayMs,
        error,
      }));
      try {
        await clock.sleep(delayMs, request.signal);
      } catch (cause) {
        throw buildError(
          request,
          {
            reason: 'aborted',
            isRetryable: false,
            message: `${options.channel} ${request.operation} was aborted`,
          },
          { cause },
          callSecrets,
        );
      }
    }
  }

  return { channel: options.channel, request, redact };
}
