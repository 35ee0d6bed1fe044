import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestClock } from './__fixtures__/test-clock.js';
import { ApiCallError, ConfigurationError } from './errors.js';
import { createHttpTransport, type HttpTransportOptions } from './http-transport.js';
import type { HttpRequestEvent, HttpResponseEvent } from './http-types.js';
import { defaultMapHttpError } from './map-http-error.js';

const baseUrl = 'https://api.example.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Captured {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** Records every request the client really sent and answers with `answer`. */
function capture(answer: () => Response = () => HttpResponse.json({ ok: true })): Captured[] {
  const captured: Captured[] = [];
  server.use(
    http.all(`${baseUrl}/*`, async ({ request }) => {
      captured.push({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: await request.text(),
      });
      return answer();
    }),
  );
  return captured;
}

function transportOf(overrides: Partial<HttpTransportOptions> = {}) {
  return createHttpTransport({ channel: 'test', baseUrl, clock: createTestClock(), ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ApiCallError.isInstance(error)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error;
}

describe('configuration', () => {
  it('requires a baseUrl', () => {
    expect(() => createHttpTransport({ channel: 'test', baseUrl: '' })).toThrowError(
      expect.objectContaining({ option: 'baseUrl' }),
    );
    try {
      createHttpTransport({ channel: 'test', baseUrl: '' });
    } catch (error) {
      expect(ConfigurationError.isInstance(error)).toBe(true);
    }
  });

  it('exposes its channel', () => {
    expect(transportOf().channel).toBe('test');
  });
});

describe('request building', () => {
  it('sends method, path, default and per-request headers (names lower-cased, request wins)', async () => {
    const captured = capture();
    const transport = transportOf({ headers: { 'X-Default': 'a', 'X-Both': 'default' } });
    await transport.request({
      operation: 'get',
      method: 'GET',
      path: '/v2/items',
      headers: { 'X-Both': 'request', 'X-Extra': 'b' },
    });
    expect(captured).toHaveLength(1);
    const [sent] = captured;
    expect(sent!.method).toBe('GET');
    expect(sent!.url.pathname).toBe('/v2/items');
    expect(sent!.headers.get('x-default')).toBe('a');
    expect(sent!.headers.get('x-both')).toBe('request');
    expect(sent!.headers.get('x-extra')).toBe('b');
    expect(sent!.body).toBe('');
  });

  it('encodes query parameters: arrays repeat, undefined left out, special characters escaped', async () => {
    const captured = capture();
    await transportOf().request({
      operation: 'list',
      method: 'GET',
      path: '/items',
      query: { q: 'a b&c=d/é', ids: ['1', 2], limit: 10, active: true, skip: undefined },
    });
    const url = captured[0]!.url;
    expect(url.searchParams.get('q')).toBe('a b&c=d/é');
    expect(url.searchParams.getAll('ids')).toEqual(['1', '2']);
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.get('active')).toBe('true');
    expect(url.searchParams.has('skip')).toBe(false);
    expect(url.search).not.toContain('a b');
  });

  it('uses a per-request baseUrl', async () => {
    const captured: string[] = [];
    server.use(
      http.get('https://data.example.test/content/1', ({ request }) => {
        captured.push(request.url);
        return HttpResponse.text('bytes');
      }),
    );
    const response = await transportOf().request({
      operation: 'content',
      method: 'GET',
      path: '/content/1',
      baseUrl: 'https://data.example.test',
      responseType: 'text',
    });
    expect(captured).toEqual(['https://data.example.test/content/1']);
    expect(response.data).toBe('bytes');
  });

  it('sends a JSON body with content-type application/json', async () => {
    const captured = capture();
    await transportOf().request({
      operation: 'push',
      method: 'POST',
      path: '/push',
      body: { json: { to: 'U1', messages: [{ type: 'text', text: 'hi 你好' }] } },
    });
    expect(captured[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(captured[0]!.body)).toEqual({
      to: 'U1',
      messages: [{ type: 'text', text: 'hi 你好' }],
    });
  });

  it('keeps a caller content-type for JSON', async () => {
    const captured = capture();
    await transportOf().request({
      operation: 'push',
      method: 'POST',
      path: '/push',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: { json: [1] },
    });
    expect(captured[0]!.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('sends a form body url-encoded, arrays repeated', async () => {
    const captured = capture();
    await transportOf().request({
      operation: 'sms',
      method: 'POST',
      path: '/Messages.json',
      body: { form: { To: '+886912345678', Body: 'a&b=c 你', MediaUrl: ['u1', 'u2'], Skip: undefined } },
    });
    expect(captured[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const params = new URLSearchParams(captured[0]!.body);
    expect(params.get('To')).toBe('+886912345678');
    expect(params.get('Body')).toBe('a&b=c 你');
    expect(params.getAll('MediaUrl')).toEqual(['u1', 'u2']);
    expect(params.has('Skip')).toBe(false);
  });

  it('sends a binary body with its content-type', async () => {
    const received: { type: string | null; bytes: number[] }[] = [];
    server.use(
      http.post(`${baseUrl}/upload`, async ({ request }) => {
        received.push({
          type: request.headers.get('content-type'),
          bytes: [...new Uint8Array(await request.arrayBuffer())],
        });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const response = await transportOf().request({
      operation: 'upload',
      method: 'POST',
      path: '/upload',
      body: { binary: new Uint8Array([0, 1, 2, 255]), contentType: 'image/png' },
    });
    expect(received).toEqual([{ type: 'image/png', bytes: [0, 1, 2, 255] }]);
    expect(response.status).toBe(204);
    expect(response.data).toBeUndefined();
  });

  it('sends multipart form data', async () => {
    const received: { type: string | null; name: FormDataEntryValue | null }[] = [];
    server.use(
      http.post(`${baseUrl}/media`, async ({ request }) => {
        const type = request.headers.get('content-type');
        const form = await request.formData();
        received.push({ type, name: form.get('name') });
        return HttpResponse.json({ id: 'm1' });
      }),
    );
    const formData = new FormData();
    formData.set('name', 'file.txt');
    formData.set('file', new Blob(['hello'], { type: 'text/plain' }), 'file.txt');
    await transportOf().request({ operation: 'media', method: 'POST', path: '/media', body: { formData } });
    expect(received[0]!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[0]!.name).toBe('file.txt');
  });
});

describe('responses', () => {
  it('parses JSON, returns status, headers and attempts', async () => {
    capture(() => HttpResponse.json({ id: 1 }, { status: 201, headers: { 'x-custom': 'v' } }));
    const response = await transportOf().request({ operation: 'create', method: 'POST', path: '/items' });
    expect(response).toMatchObject({ status: 201, data: { id: 1 }, attempts: 1 });
    expect(response.headers.get('x-custom')).toBe('v');
    expect(response.requestId).toBeUndefined();
  });

  it('an empty 200 JSON body reads as {}', async () => {
    capture(() => new HttpResponse('', { status: 200 }));
    const response = await transportOf().request({ operation: 'x', method: 'POST', path: '/x' });
    expect(response.data).toEqual({});
  });

  it('reads binary and none response types', async () => {
    capture(() => new HttpResponse(new Uint8Array([9, 8, 7]), { status: 200 }));
    const binary = await transportOf().request({
      operation: 'x',
      method: 'GET',
      path: '/x',
      responseType: 'binary',
    });
    expect(binary.data).toEqual(new Uint8Array([9, 8, 7]));
    const none = await transportOf().request({
      operation: 'x',
      method: 'GET',
      path: '/x',
      responseType: 'none',
    });
    expect(none.data).toBeUndefined();
  });

  it('a 2xx body that is not JSON is an ApiCallError, not retried', async () => {
    const captured = capture(() => new HttpResponse('<html>oops</html>', { status: 200 }));
    const error = await rejection(transportOf().request({ operation: 'get', method: 'GET', path: '/x' }));
    expect(captured).toHaveLength(1);
    expect(error).toMatchObject({ reason: 'unknown', isRetryable: false, statusCode: 200 });
    expect(error.message).toContain('not JSON');
  });

  it('takes the request id from the default x-request-id header', async () => {
    capture(() => HttpResponse.json({}, { headers: { 'x-request-id': 'req-1' } }));
    const response = await transportOf().request({ operation: 'x', method: 'GET', path: '/x' });
    expect(response.requestId).toBe('req-1');
  });

  it('takes the request id from configured headers, in order, on success and on error', async () => {
    const transport = transportOf({ requestIdHeaders: ['x-line-request-id', 'x-fb-trace-id'], retry: false });
    capture(() => HttpResponse.json({}, { headers: { 'x-fb-trace-id': 'trace-1' } }));
    expect((await transport.request({ operation: 'x', method: 'GET', path: '/x' })).requestId).toBe(
      'trace-1',
    );
    capture(() =>
      HttpResponse.json({ message: 'bad' }, { status: 400, headers: { 'x-line-request-id': 'line-1' } }),
    );
    const error = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(error.requestId).toBe('line-1');
  });

  it('okStatuses resolve instead of throwing', async () => {
    capture(() => HttpResponse.json({ message: 'already accepted', sentMessages: [] }, { status: 409 }));
    const transport = transportOf();
    const response = await transport.request({
      operation: 'push',
      method: 'POST',
      path: '/push',
      okStatuses: [409],
    });
    expect(response.status).toBe(409);
    expect(response.data).toEqual({ message: 'already accepted', sentMessages: [] });
    const error = await rejection(transport.request({ operation: 'push', method: 'POST', path: '/push' }));
    expect(error).toMatchObject({ reason: 'conflict-already-accepted', statusCode: 409 });
  });

  it('error bodies: JSON parsed, text kept, empty left out', async () => {
    const transport = transportOf({ retry: false });
    capture(() =>
      HttpResponse.json({ error: { message: 'Invalid OAuth token', code: 190 } }, { status: 401 }),
    );
    const json = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(json).toMatchObject({ reason: 'unauthorized', statusCode: 401 });
    expect(json.responseBody).toEqual({ error: { message: 'Invalid OAuth token', code: 190 } });
    expect(json.message).toBe('test x failed with HTTP 401: Invalid OAuth token');
    capture(() => HttpResponse.text('Bad Gateway', { status: 502 }));
    const text = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(text.responseBody).toBe('Bad Gateway');
    expect(text.message).toBe('test x failed with HTTP 502: Bad Gateway');
    capture(() => new HttpResponse(null, { status: 404 }));
    const empty = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(empty.responseBody).toBeUndefined();
    expect(empty.message).toBe('test x failed with HTTP 404');
  });

  it('a mapper sees channel, operation, status, headers and the parsed body', async () => {
    capture(() => HttpResponse.json({ code: 131047 }, { status: 400, headers: { 'x-fb-trace-id': 't' } }));
    const seen: unknown[] = [];
    const transport = transportOf({
      mapError: (context) => {
        seen.push({ ...context, trace: context.headers.get('x-fb-trace-id') });
        return { reason: 'outside-window', message: 'outside the 24 h window', vendorCode: 131047 };
      },
    });
    const error = await rejection(transport.request({ operation: 'send', method: 'POST', path: '/send' }));
    expect(seen).toEqual([
      expect.objectContaining({
        channel: 'test',
        operation: 'send',
        status: 400,
        body: { code: 131047 },
        trace: 't',
      }),
    ]);
    expect(error).toMatchObject({ reason: 'outside-window', vendorCode: 131047, isRetryable: false });
  });
});

describe('defaultMapHttpError', () => {
  it.each([
    [400, 'invalid-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [408, 'timeout'],
    [409, 'conflict-already-accepted'],
    [410, 'not-found'],
    [413, 'invalid-request'],
    [415, 'invalid-request'],
    [422, 'invalid-request'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [503, 'server-error'],
    [418, 'unknown'],
  ])('maps %i to %s', (status, reason) => {
    const mapped = defaultMapHttpError({
      channel: 'c',
      operation: 'op',
      status,
      headers: new Headers(),
      body: undefined,
    });
    expect(mapped).toEqual({ reason, message: `c op failed with HTTP ${status}` });
  });

  it.each([
    [{ message: 'm' }, 'm'],
    [{ error: 'e' }, 'e'],
    [{ error: { message: 'nested' } }, 'nested'],
    ['plain', 'plain'],
  ])('reads the vendor message from %j', (body, message) => {
    const mapped = defaultMapHttpError({
      channel: 'c',
      operation: 'op',
      status: 400,
      headers: new Headers(),
      body,
    });
    expect(mapped.message).toBe(`c op failed with HTTP 400: ${message}`);
  });

  it.each([[''], ['x'.repeat(300)], [{ error: { code: 1 } }], [42], [null]])(
    'ignores a body without a usable message: %j',
    (body) => {
      const mapped = defaultMapHttpError({
        channel: 'c',
        operation: 'op',
        status: 400,
        headers: new Headers(),
        body,
      });
      expect(mapped.message).toBe('c op failed with HTTP 400');
    },
  );
});

describe('response schema validation', () => {
  const schema = z.looseObject({ sentMessages: z.array(z.object({ id: z.string() })) });

  it('returns the parsed data and tolerates unknown fields with z.looseObject', async () => {
    capture(() => HttpResponse.json({ sentMessages: [{ id: '1' }], newField: 'future' }));
    const response = await transportOf().request({
      operation: 'push',
      method: 'POST',
      path: '/push',
      schema,
    });
    expect(response.data).toEqual({ sentMessages: [{ id: '1' }], newField: 'future' });
  });

  it('a mismatch is an ApiCallError naming the field, not retried', async () => {
    const captured = capture(() => HttpResponse.json({ sentMessages: [{ id: 7 }] }));
    const error = await rejection(
      transportOf().request({ operation: 'push', method: 'GET', path: '/push', schema }),
    );
    expect(captured).toHaveLength(1);
    expect(error).toMatchObject({
      reason: 'unknown',
      isRetryable: false,
      statusCode: 200,
      operation: 'push',
    });
    expect(error.message).toContain('unexpected response body');
    expect(error.message).toContain('sentMessages.0.id');
    expect(error.responseBody).toEqual({ sentMessages: [{ id: 7 }] });
  });

  it('the schema is not applied to text responses', async () => {
    capture(() => HttpResponse.text('plain'));
    const response = await transportOf().request({
      operation: 'x',
      method: 'GET',
      path: '/x',
      responseType: 'text',
      schema,
    });
    expect(response.data).toBe('plain');
  });
});

describe('hooks', () => {
  it('emits request, response and retry events in order', async () => {
    let count = 0;
    server.use(
      http.post(`${baseUrl}/push`, () => {
        count++;
        return count === 1
          ? HttpResponse.json({}, { status: 500, headers: { 'x-request-id': 'r1' } })
          : HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'r2' } });
      }),
    );
    const events: { kind: string; event: unknown }[] = [];
    const transport = transportOf({
      random: () => 0,
      hooks: {
        onRequest: (event) => events.push({ kind: 'request', event }),
        onResponse: (event) => events.push({ kind: 'response', event }),
        onRetry: (event) => events.push({ kind: 'retry', event }),
      },
    });
    await transport.request({
      operation: 'push',
      method: 'POST',
      path: '/push',
      idempotencyKey: 'k',
      body: { json: { to: 'U1' } },
    });
    expect(events.map((entry) => entry.kind)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
    ]);
    const request = events[0]!.event as HttpRequestEvent;
    expect(request).toMatchObject({
      channel: 'test',
      operation: 'push',
      method: 'POST',
      url: `${baseUrl}/push`,
      attempt: 1,
      body: { to: 'U1' },
    });
    expect(request.headers['content-type']).toBe('application/json');
    const response = events[1]!.event as HttpResponseEvent;
    expect(response).toMatchObject({ status: 500, attempt: 1, requestId: 'r1', durationMs: 0 });
    expect(events[2]!.event).toMatchObject({ attempt: 1, delayMs: 0 });
    expect(events[3]!.event).toMatchObject({ attempt: 2 });
    expect(events[4]!.event).toMatchObject({ status: 200, attempt: 2, requestId: 'r2' });
  });

  it('a throwing hook does not break the call', async () => {
    let count = 0;
    server.use(
      http.get(`${baseUrl}/x`, () => {
        count++;
        return count === 1 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true });
      }),
    );
    const transport = transportOf({
      hooks: {
        onRequest: () => {
          throw new Error('logger down');
        },
        onResponse: () => {
          throw new Error('logger down');
        },
        onRetry: () => {
          throw new Error('logger down');
        },
      },
    });
    const response = await transport.request({ operation: 'x', method: 'GET', path: '/x' });
    expect(response).toMatchObject({ data: { ok: true }, attempts: 2 });
  });
});

describe('dispatcher and fetch injection', () => {
  it('passes the undici Agent as dispatcher to fetch, with an abort signal', async () => {
    const agent = new Agent({ connections: 2 });
    const inits: (RequestInit & { dispatcher?: unknown })[] = [];
    const transport = transportOf({
      dispatcher: agent,
      fetch: async (_url, init) => {
        inits.push(init as RequestInit & { dispatcher?: unknown });
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    await transport.request({ operation: 'x', method: 'GET', path: '/x' });
    expect(inits[0]!.dispatcher).toBe(agent);
    expect(inits[0]!.signal).toBeInstanceOf(AbortSignal);
    await agent.close();
  });

  it.each([0, Number.POSITIVE_INFINITY, 2 ** 40])(
    'timeoutMs %d disables the timeout: no signal is passed',
    async (timeoutMs) => {
      const inits: RequestInit[] = [];
      const transport = transportOf({
        timeoutMs,
        fetch: async (_url, init) => {
          inits.push(init!);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return new Response('{}', { status: 200 });
        },
      });
      expect((await transport.request({ operation: 'x', method: 'GET', path: '/x' })).status).toBe(200);
      expect(inits[0]!.signal).toBeUndefined();
      const controller = new AbortController();
      await transport.request({ operation: 'x', method: 'GET', path: '/x', signal: controller.signal });
      expect(inits[1]!.signal).toBeInstanceOf(AbortSignal);
    },
  );

  it('looks globalThis.fetch up at call time (so msw started later still intercepts)', async () => {
    const transport = transportOf();
    capture(() => HttpResponse.json({ intercepted: true }));
    expect((await transport.request({ operation: 'x', method: 'GET', path: '/x' })).data).toEqual({
      intercepted: true,
    });
  });

  it('a fetch that throws a non-Error is a network error', async () => {
    const transport = transportOf({
      retry: false,
      fetch: () => Promise.reject('boom'),
    });
    const error = await rejection(transport.request({ operation: 'x', method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ reason: 'network', isRetryable: true });
    expect(error.message).toBe('test x failed: network error');
  });
});
