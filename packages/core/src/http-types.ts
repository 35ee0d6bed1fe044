import type { z } from 'zod';
import type { ErrorReason } from './errors.js';
import type { RetryPolicy } from './retry-policy.js';

/** HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Query parameters; `undefined` values are left out, arrays repeat the key. */
export type HttpQuery = Readonly<
  Record<string, string | number | boolean | readonly (string | number)[] | undefined>
>;

/** A request body: JSON, form-encoded, raw bytes or multipart. */
export type HttpBody =
  | { json: unknown }
  | { form: HttpQuery }
  | { binary: Uint8Array | ArrayBuffer | Blob; contentType: string }
  | { formData: FormData };

/** How the response body is read. */
export type HttpResponseType = 'json' | 'text' | 'binary' | 'none';

/** One API call. */
export interface HttpRequest<S extends z.ZodType = z.ZodType> {
  /** Operation name used in errors, hooks and rate limits, e.g. `push`. */
  operation: string;
  method: HttpMethod;
  /** Path appended to the base URL, e.g. `/v2/bot/message/push`. */
  path: string;
  /** Overrides the transport's base URL (LINE's api-data host). */
  baseUrl?: string;
  query?: HttpQuery;
  headers?: Readonly<Record<string, string>>;
  body?: HttpBody;
  responseType?: HttpResponseType;
  /** Validates a 2xx JSON body; unknown fields are tolerated when the schema is loose. */
  schema?: S;
  /**
   * Overrides whether the request is idempotent (GET, HEAD, PUT, DELETE are by default). A
   * non-idempotent request is retried only when it carries an idempotency key or provably never
   * reached the server.
   */
  idempotent?: boolean;
  /** The request carries a vendor idempotency key (set in `headers`): retries are safe. */
  idempotencyKey?: string;
  /**
   * Repeat a non-idempotent, unkeyed request after a `rate-limited` answer. Only for vendors that
   * document that a rate-limited request is rejected before it is processed (LINE does); otherwise
   * such a request is never repeated once it reached the server.
   */
  retryWhenRateLimited?: boolean;
  /** Statuses besides 2xx that resolve instead of throwing (LINE's 409 "already accepted"). */
  okStatuses?: readonly number[];
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy> | false;
}

/** A successful response. */
export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  requestId?: string;
  /** Attempts made, 1 when the first succeeded. */
  attempts: number;
}

/** What a channel's error mapper sees. */
export interface HttpErrorContext {
  channel: string;
  operation: string;
  status: number;
  headers: Headers;
  /** Parsed JSON when the body was JSON, else text. */
  body: unknown;
}

/** A channel's reading of an error response. */
export interface MappedHttpError {
  reason: ErrorReason;
  message: string;
  vendorCode?: string | number;
  /** Overrides the reason's default retryability. */
  isRetryable?: boolean;
  /** Overrides the `Retry-After` header. */
  retryAfterMs?: number;
}

/** Maps an error response to a reason; the default reads the status only. */
export type HttpErrorMapper = (context: HttpErrorContext) => MappedHttpError;

/** Common fields of hook events (URLs and headers already redacted). */
export interface HttpEventBase {
  channel: string;
  operation: string;
  method: HttpMethod;
  url: string;
  attempt: number;
}

/** Emitted before each attempt. */
export interface HttpRequestEvent extends HttpEventBase {
  headers: Record<string, string>;
  body?: unknown;
}

/** Emitted for each response received (any status). */
export interface HttpResponseEvent extends HttpEventBase {
  status: number;
  headers: Record<string, string>;
  durationMs: number;
  requestId?: string;
}

/** Emitted before waiting to retry. */
export interface HttpRetryEvent extends HttpEventBase {
  delayMs: number;
  error: import('./errors.js').ApiCallError;
}

/** Observability hooks. Errors thrown by hooks are swallowed: logging never breaks a send. */
export interface HttpHooks {
  onRequest?(event: HttpRequestEvent): void;
  onResponse?(event: HttpResponseEvent): void;
  onRetry?(event: HttpRetryEvent): void;
}
