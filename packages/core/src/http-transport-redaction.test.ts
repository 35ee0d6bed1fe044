import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from './__fixtures__/test-clock.js';
import { ApiCallError } from './errors.js';
import { createHttpTransport, type HttpTransportOptions } from './http-transport.js';
import type { HttpRequestEvent, HttpResponseEvent, HttpRetryEvent } from './http-types.js';

const baseUrl = 'https://api.example.test';
const token = 'tok_Zx81mQpL0vA9sEcReT';
const appSecret = 'app_secret_7731abcdef';
const phone = '+886912345678';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(overrides: Partial<HttpTransportOptions> = {}) {
  const events: (HttpRequestEvent | HttpResponseEvent | HttpRetryEvent)[] = [];
  const transport = createHttpTransport({
    channel: 'test',
    baseUrl,
    clock: createTestClock(),
    random: () => 0,
    headers: { Authorization: `Bearer ${token}` },
    secrets: [appSecret],
    hooks: {
      onRequest: (event) => events.push(event),
      onResponse: (event) => events.push(event),
      onRetry: (event) => events.push(event),
    },
    ...overrides,
  });
  return { transport, events };
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ApiCallError.isInstance(error)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error;
}

/** Everything a log line or an error report could show. */
function everything(error: ApiCallError, events: unknown[]): string {
  return [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.responseBody),
    inspect(error, { depth: 10 }),
    JSON.stringify(events),
    inspect(events, { depth: 10 }),
  ].join('\n');
}

/** An API that echoes every credential it saw, in its body and headers, then fails. */
function echoingServer(status: number) {
  server.use(
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const body = await request.text();
      return HttpResponse.json(
        {
          error: {
            message: `bad token ${request.headers.get('authorization')} for ${request.url}`,
            echo: body,
            nested: [{ secret: appSecret }],
          },
        },
        {
          status,
          headers: {
            'x-echo': `${token}`,
            'set-cookie': `session=${token}`,
            'www-authenticate': `Bearer realm="${token}"`,
          },
        },
      );
    }),
  );
}

describe('a token never leaves in errors or hook payloads', () => {
  it.each([401, 500])('after an HTTP %i echoing it (with retries)', async (status) => {
    echoingServer(status);
    const { transport, events } = setup();
    const error = await rejection(
      transport.request({
        operation: 'push',
        method: 'PUT',
        path: `/users/${phone}/messages`,
        query: { access_token: token, to: phone, appsecret_proof: 'proof-1234' },
        body: { json: { token, secret: appSecret, text: 'hi' } },
        retry: { maxAttempts: 2 },
      }),
    );
    expect(error.message).toContain('[REDACTED]');
    expect(events.some((event) => 'delayMs' in event)).toBe(status === 500);
    const text = everything(error, events);
    expect(text).not.toContain(token);
    expect(text).not.toContain(appSecret);
    expect(text).not.toContain('proof-1234');
    expect(text).not.toContain('912345678');
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('a snapshot of the error holds no secret', async () => {
    echoingServer(401);
    const { transport } = setup();
    const error = await rejection(
      transport.request({
        operation: 'push',
        method: 'POST',
        path: `/users/${phone}`,
        query: { access_token: token },
        body: { json: { token } },
      }),
    );
    expect({ message: error.message, ...JSON.parse(JSON.stringify(error)) }).toMatchInlineSnapshot(`
      {
        "channel": "test",
        "isRetryable": false,
        "message": "test push failed with HTTP 401: bad token Bearer [REDACTED] for https://api.example.test/users/[REDACTED]?access_token=[REDACTED]",
        "name": "ApiCallError",
        "operation": "push",
        "reason": "unauthorized",
        "responseBody": {
          "error": {
            "echo": "{"token":"[REDACTED]"}",
            "message": "bad token Bearer [REDACTED] for https://api.example.test/users/[REDACTED]?access_token=[REDACTED]",
            "nested": [
              {
                "secret": "[REDACTED]",
              },
            ],
          },
        },
        "statusCode": 401,
      }
    `);
  });

  it('a text error body is redacted too', async () => {
    server.use(http.get(`${baseUrl}/x`, () => HttpResponse.text(`token=${token}`, { status: 400 })));
    const { transport, events } = setup();
    const error = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(error.responseBody).toBe('token=[REDACTED]');
    expect(everything(error, events)).not.toContain(token);
  });

  it('a response that fails the schema does not show the token', async () => {
    server.use(http.get(`${baseUrl}/x`, () => HttpResponse.json({ id: token })));
    const { transport, events } = setup();
    const { z } = await import('zod');
    const error = await rejection(
      transport.request({ operation: 'x', method: 'GET', path: '/x', schema: z.object({ id: z.number() }) }),
    );
    expect(error.responseBody).toEqual({ id: '[REDACTED]' });
    expect(everything(error, events)).not.toContain(token);
  });

  it('a per-request Authorization header is redacted as well', async () => {
    echoingServer(403);
    const other = 'other_channel_token_5521';
    const { transport, events } = setup({ headers: {} });
    const error = await rejection(
      transport.request({
        operation: 'x',
        method: 'GET',
        path: '/x',
        headers: { authorization: `Bearer ${other}` },
      }),
    );
    expect(everything(error, events)).not.toContain(other);
  });

  it('a network error message is redacted', async () => {
    const { transport, events } = setup({
      retry: false,
      fetch: () => Promise.reject(new Error(`connect failed for ${token}`)),
    });
    const error = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(error.reason).toBe('network');
    expect(everything(error, events)).not.toContain(token);
  });
});

describe('hook URLs and headers', () => {
  it('phone numbers in the path and query, and credential query parameters, are redacted', async () => {
    server.use(http.all(`${baseUrl}/*`, () => HttpResponse.json({})));
    const { transport, events } = setup();
    await transport.request({
      operation: 'pnp',
      method: 'GET',
      path: `/v2/phone/${encodeURIComponent(phone)}/status`,
      query: { phone: '0912345678', access_token: 'abcd-not-a-known-secret', page: 2 },
    });
    const request = events[0] as HttpRequestEvent;
    expect(request.url).toBe(
      `${baseUrl}/v2/phone/[REDACTED]/status?phone=[REDACTED]&access_token=[REDACTED]&page=2`,
    );
    expect(request.headers.authorization).toBe('[REDACTED]');
    const response = events[1] as HttpResponseEvent;
    expect(response.url).toBe(request.url);
    expect(JSON.stringify(events)).not.toContain('912345678');
  });

  it('Basic-auth credentials in the Authorization header are redacted everywhere', async () => {
    const accountSid = 'AC0123456789abcdef';
    const authToken = 'twilio_auth_token_99';
    echoingServer(401);
    server.use(
      http.post(`${baseUrl}/Messages.json`, ({ request }) =>
        HttpResponse.json(
          { message: `Authenticate ${accountSid} ${authToken} ${request.headers.get('authorization')}` },
          { status: 401 },
        ),
      ),
    );
    const basic = Buffer.from(`${accountSid}:${authToken}`).toString('base64');
    const { transport, events } = setup({ headers: { Authorization: `Basic ${basic}` } });
    const error = await rejection(
      transport.request({ operation: 'sms', method: 'POST', path: '/Messages.json' }),
    );
    const text = everything(error, events);
    expect(text).not.toContain(authToken);
    expect(text).not.toContain(accountSid);
    expect(text).not.toContain(basic);
  });

  it('a malformed escape in URL credentials is sent as written', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get('https://sms.example.test/x', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({});
      }),
    );
    const { transport } = setup({ headers: {}, baseUrl: 'https://user1:pass%zz99@sms.example.test' });
    await transport.request({ operation: 'x', method: 'GET', path: '/x' });
    expect(seen).toEqual([`Basic ${Buffer.from('user1:pass%zz99').toString('base64')}`]);
  });

  it('credentials in the URL are sent as Basic auth and never shown', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get('https://sms.example.test/x', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(
          { message: `who is ${request.headers.get('authorization')}` },
          { status: 401 },
        );
      }),
    );
    const { transport, events } = setup({
      headers: {},
      baseUrl: 'https://user1:pa%24%24word99@sms.example.test',
    });
    const error = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(seen).toEqual([`Basic ${Buffer.from('user1:pa$$word99').toString('base64')}`]);
    const request = events[0] as HttpRequestEvent;
    expect(request.url).toBe('https://sms.example.test/x');
    const text = everything(error, events);
    expect(text).not.toContain('pa$$word99');
    expect(text).not.toContain('pa%24%24word99');
    expect(text).not.toContain(Buffer.from('user1:pa$$word99').toString('base64'));
  });
});
