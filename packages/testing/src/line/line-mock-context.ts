import type { MockMethod, MockRequest, MockResponse, MockRoute } from '../mock-server.js';
import { detailsBody } from './line-mock-checks.js';
import type { LineMockRateLimiter } from './line-mock-rate-limiter.js';
import type { LineMockState } from './line-mock-state.js';
import type { LineMockServerOptions } from './line-mock-types.js';

/** LINE's error messages, as documented. */
export const lineMockMessages = {
  rateLimit: 'The API rate limit has been exceeded. Try again later.',
  quota: 'You have reached your monthly limit.',
  auth: 'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.',
  json: 'The request body could not be parsed as JSON (line: 1, column: 1)',
  retryKeyAccepted: 'The retry key is already accepted',
  retryKeyUnsupported: 'The X-Line-Retry-Key header is not supported by this endpoint',
  retryKeyInvalid: 'The value of the X-Line-Retry-Key header is invalid',
  notFound: 'Not found',
  failedToSend: 'Failed to send messages',
  tooLarge: 'Request Entity Too Large',
} as const;

/** What every LINE mock route can reach. @internal */
export interface LineMockEnv {
  state: LineMockState;
  limiter: LineMockRateLimiter;
  options: LineMockServerOptions;
  tokens: ReadonlySet<string>;
}

/** One call of a LINE route, after auth, rate limit, retry-key and JSON checks. @internal */
export interface LineRouteCall {
  request: MockRequest;
  /** The parsed JSON body (an empty object when the route takes none). */
  body: Record<string, unknown>;
  requestId: string;
  retryKey?: string;
}

/** A LINE mock route. @internal */
export interface LineRouteSpec {
  method: MockMethod;
  path: string;
  operation: string;
  /** Rate-limit name (default: the operation). */
  limit?: string;
  /** Accepts `X-Line-Retry-Key` (push, multicast, narrowcast, broadcast). */
  retryKey?: boolean;
  /** How the body is read: JSON (default for POST/PUT), or left raw. */
  body?: 'json' | 'raw';
  handler(call: LineRouteCall): MockResponse | Promise<MockResponse>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A LINE error response. @internal */
export function lineError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): MockResponse {
  return { status, body: { message, ...extra } };
}

/** Consumes monthly quota for `recipients`; returns the 429 to answer when it is exhausted. @internal */
export function consumeQuota(env: LineMockEnv, recipients: number): MockResponse | undefined {
  const quota = env.options.monthlyQuota;
  if (quota !== undefined && env.state.usage + recipients > quota)
    return lineError(429, lineMockMessages.quota);
  env.state.usage += recipients;
  return undefined;
}

function parseJson(request: MockRequest): { ok: true; value: unknown } | { ok: false } {
  if (request.rawBody.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: request.json() };
  } catch {
    return { ok: false };
  }
}

async function readFormFields(request: MockRequest): Promise<Record<string, string> | undefined> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return undefined;
  try {
    const form = await new Request('http://mock.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: request.rawBody as BodyInit,
    }).formData();
    const fields: Record<string, string> = {};
    form.forEach((value, key) => {
      fields[key] = typeof value === 'string' ? value : '(file)';
    });
    return fields;
  } catch {
    return undefined;
  }
}

/** Wraps LINE route specs into mock routes with LINE's checks and error shapes. @internal */
export function lineRoutes(env: LineMockEnv, specs: readonly LineRouteSpec[]): MockRoute[] {
  return specs.map((spec) => ({
    method: spec.method,
    path: spec.path,
    handler: async (request: MockRequest): Promise<MockResponse> => {
      const requestId = env.state.nextRequestId();
      const isJson = (spec.body ?? 'json') === 'json' && spec.method !== 'GET' && spec.method !== 'DELETE';
      const parsed = isJson ? parseJson(request) : { ok: true as const, value: undefined };
      const requestBody: unknown = parsed.ok ? parsed.value : undefined;
      const formFields = await readFormFields(request);
      const answer = (response: MockResponse): MockResponse => {
        const headers = { ...response.headers, 'x-line-request-id': requestId };
        env.options.onExchange?.({
          operation: spec.operation,
          method: spec.method,
          route: spec.path,
          path: request.path,
          headers: request.headers,
          requestBody,
          contentType: request.headers.get('content-type'),
          ...(formFields ? { formFields } : {}),
          status: response.status,
          responseBody: response.body,
        });
        return { ...response, headers };
      };
      const authorization = request.headers.get('authorization') ?? '';
      const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
      if (!env.tokens.has(token)) return answer(lineError(401, lineMockMessages.auth));
      if (request.rawBody.length > 2 * 1024 * 1024) return answer(lineError(413, lineMockMessages.tooLarge));
      const retryKey = request.headers.get('x-line-retry-key') ?? undefined;
      if (retryKey !== undefined && !spec.retryKey)
        return answer(lineError(400, lineMockMessages.retryKeyUnsupported));
      if (retryKey !== undefined && !uuid.test(retryKey))
        return answer(lineError(400, lineMockMessages.retryKeyInvalid));
      if (!env.limiter.take(`${spec.method} ${spec.path}`, spec.limit ?? spec.operation))
        return answer(lineError(429, lineMockMessages.rateLimit));
      let body: Record<string, unknown> = {};
      if (isJson) {
        if (!parsed.ok) return answer(lineError(400, lineMockMessages.json));
        if (parsed.value !== undefined && (typeof parsed.value !== 'object' || parsed.value === null))
          return answer(lineError(400, lineMockMessages.json));
        body = (parsed.value ?? {}) as Record<string, unknown>;
      }
      if (retryKey !== undefined) {
        const accepted = env.state.acceptedKey(retryKey.toLowerCase());
        if (accepted) {
          return answer({
            status: 409,
            headers: { 'x-line-accepted-request-id': accepted.requestId },
            body: {
              message: lineMockMessages.retryKeyAccepted,
              ...(accepted.sentMessages ? { sentMessages: accepted.sentMessages } : {}),
            },
          });
        }
      }
      const issues = env.options.validateRequest?.({
        operation: spec.operation,
        method: spec.method,
        route: spec.path,
        body: isJson ? requestBody : undefined,
      });
      if (issues && issues.length > 0) {
        return answer(
          lineError(
            400,
            detailsBody(issues.map((issue) => ({ property: issue.property ?? '', message: issue.message })))
              .message,
            {
              details: issues.map((issue) => ({
                message: issue.message,
                ...(issue.property ? { property: issue.property } : {}),
              })),
            },
          ),
        );
      }
      const response = await spec.handler({
        request,
        body,
        requestId,
        ...(retryKey !== undefined ? { retryKey: retryKey.toLowerCase() } : {}),
      });
      if (retryKey !== undefined && response.status >= 200 && response.status < 300) {
        const sent = (response.body as { sentMessages?: { id: string; quoteToken: string }[] } | undefined)
          ?.sentMessages;
        env.state.acceptedKeys.set(retryKey.toLowerCase(), {
          requestId,
          acceptedAt: env.state.clock.now(),
          ...(sent ? { sentMessages: sent } : {}),
        });
      }
      return answer(response);
    },
  }));
}
