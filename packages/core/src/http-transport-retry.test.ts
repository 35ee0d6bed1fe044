import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from './__fixtures__/test-clock.js';
import { ApiCallError } from './errors.js';
import { createHttpTransport, type HttpTransportOptions } from './http-transport.js';
import type { HttpRetryEvent } from './http-types.js';

const baseUrl = 'https://api.example.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers each call with the next response in `answers` (the last one repeats); counts calls. */
function sequence(method: 'get' | 'post', path: string, answers: (() => Response | Promise<Response>)[]) {
  const calls: { headers: Headers; body: string }[] = [];
  server.use(
    http[method](`${baseUrl}${path}`, async ({ request }) => {
      calls.push({ headers: request.headers, body: await request.text() });
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      return answer();
    }),
  );
  return calls;
}

const ok = () => HttpResponse.json({ ok: true });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ message: `status ${code}` }, { status: code, headers });

function setup(overrides: Partial<HttpTransportOptions> = {}) {
  const clock = createTestClock();
  const retries: HttpRetryEvent[] = [];
  const transport = createHttpTransport({
    channel: 'test',
    baseUrl,
    clock,
    random: () => 0.5,
    hooks: { onRetry: (event) => retries.push(event) },
    ...overrides,
  });
  return { clock, transport, retries };
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ApiCallError.isInstance(error)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error;
}

describe('retries on 429 and 5xx', () => {
  it.each<{ name: string; code: number; headers: Record<string, string>; delay: number }>([
    { name: '429 without Retry-After', code: 429, headers: {}, delay: 150 },
    { name: '503 without Retry-After', code: 503, headers: {}, delay: 150 },
    { name: '500 without Retry-After', code: 500, headers: {}, delay: 150 },
    { name: '429 with Retry-After delta seconds', code: 429, headers: { 'retry-after': '7' }, delay: 7000 },
    { name: '503 with Retry-After delta seconds', code: 503, headers: { 'retry-after': '2' }, delay: 2000 },
    { name: '429 with retry-after-ms', code: 429, headers: { 'retry-after-ms': '1234' }, delay: 1234 },
    {
      name: '503 with Retry-After HTTP-date',
      code: 503,
      headers: { 'retry-after': new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString() },
      delay: 30_000,
    },
  ])('$name: waits $delay ms and retries', async ({ code, headers, delay }) => {
    const calls = sequence('get', '/thing', [status(code, headers), ok]);
    const { transport, clock, retries } = setup();
    const response = await transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' });
    expect(response.data).toEqual({ ok: true });
    expect(response.attempts).toBe(2);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([delay]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: delay, operation: 'get-thing', method: 'GET' });
    expect(retries[0]!.error.statusCode).toBe(code);
  });

  it('gives up after maxAttempts and throws the last error with its status and reason', async () => {
    const calls = sequence('get', '/thing', [status(503)]);
    const { transport, clock } = setup({ retry: { maxAttempts: 3 } });
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }),
    );
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(error).toMatchObject({
      reason: 'server-error',
      statusCode: 503,
      isRetryable: true,
      channel: 'test',
    });
    expect(error.message).toContain('status 503');
  });

  it('the error of a 429 carries retryAfterMs', async () => {
    sequence('get', '/thing', [status(429, { 'retry-after': '3' })]);
    const { transport } = setup({ retry: false });
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }),
    );
    expect(error).toMatchObject({ reason: 'rate-limited', statusCode: 429, retryAfterMs: 3000 });
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('does not retry a %i', async (code) => {
    const calls = sequence('get', '/thing', [status(code), ok]);
    const { transport, clock } = setup();
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }),
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.statusCode).toBe(code);
    expect(error.isRetryable).toBe(false);
  });

  it('a Retry-After longer than maxRetryAfterMs is not waited for', async () => {
    const calls = sequence('get', '/thing', [status(429, { 'retry-after': '120' }), ok]);
    const { transport, clock } = setup({ retry: { maxRetryAfterMs: 60_000 } });
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }),
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error).toMatchObject({ reason: 'rate-limited', retryAfterMs: 120_000 });
  });

  it('per-request retry options override the transport ones', async () => {
    const calls = sequence('get', '/thing', [status(500)]);
    const { transport } = setup({ retry: { maxAttempts: 5 } });
    await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing', retry: { maxAttempts: 2 } }),
    );
    expect(calls).toHaveLength(2);
    const single = sequence('get', '/other', [status(500)]);
    await rejection(
      transport.request({ operation: 'get-other', method: 'GET', path: '/other', retry: false }),
    );
    expect(single).toHaveLength(1);
  });

  it('retry: false on the transport makes one attempt', async () => {
    const calls = sequence('get', '/thing', [status(500), ok]);
    const { transport } = setup({ retry: false });
    await rejection(transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }));
    expect(calls).toHaveLength(1);
  });

  it('a mapper can make a status retryable or not and set retryAfterMs', async () => {
    const calls = sequence('post', '/send', [
      () => HttpResponse.json({ code: 'busy' }, { status: 400 }),
      () => HttpResponse.json({ code: 'fatal' }, { status: 500 }),
    ]);
    const { transport, clock } = setup({
      mapError: ({ body }) =>
        (body as { code: string }).code === 'busy'
          ? { reason: 'rate-limited', message: 'busy', retryAfterMs: 42, vendorCode: 'busy' }
          : { reason: 'server-error', message: 'fatal', isRetryable: false, vendorCode: 'fatal' },
    });
    const error = await rejection(
      transport.request({ operation: 'send', method: 'POST', path: '/send', idempotencyKey: 'k1' }),
    );
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([42]);
    expect(error).toMatchObject({ vendorCode: 'fatal', isRetryable: false, reason: 'server-error' });
  });
});

describe('full-jitter backoff', () => {
  it('waits random · min(maxDelayMs, baseDelayMs · 2^retry) before each retry', async () => {
    sequence('get', '/thing', [status(500)]);
    const randoms = [0.5, 0.25, 0.999, 0.1, 0];
    let index = 0;
    const { transport, clock } = setup({
      random: () => randoms[index++]!,
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 },
    });
    await rejection(transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }));
    // ceilings 100, 200, 400, 500 (capped), 500
    expect(clock.sleeps).toEqual([50, 50, 399, 50, 0]);
  });

  it('uses the default policy (300 ms base) when none is given', async () => {
    sequence('get', '/thing', [status(500)]);
    const { transport, clock } = setup({ random: () => 0.999_999 });
    await rejection(transport.request({ operation: 'get-thing', method: 'GET', path: '/thing' }));
    expect(clock.sleeps).toEqual([299, 599, 1199]);
  });
});

describe('keyed and unkeyed sends', () => {
  it.each([500, 503, 429])('an unkeyed POST that reached the server is not retried on %i', async (code) => {
    const calls = sequence('post', '/send', [status(code), ok]);
    const { transport, clock } = setup();
    const error = await rejection(
      transport.request({ operation: 'send', method: 'POST', path: '/send', body: { json: { a: 1 } } }),
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.isRetryable).toBe(true);
  });

  it('retryWhenRateLimited repeats an unkeyed POST after a 429, honouring Retry-After, and nothing else', async () => {
    const calls = sequence('post', '/send', [status(429, { 'retry-after': '2' }), ok]);
    const { transport, clock } = setup();
    const response = await transport.request({
      operation: 'send',
      method: 'POST',
      path: '/send',
      retryWhenRateLimited: true,
    });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    const failing = sequence('post', '/other', [status(500), ok]);
    const error = await rejection(
      transport.request({ operation: 'send', method: 'POST', path: '/other', retryWhenRateLimited: true }),
    );
    expect(error.reason).toBe('server-error');
    expect(failing).toHaveLength(1);
  });

  it('an unkeyed POST is not retried after a dropped connection', async () => {
    const calls = sequence('post', '/send', [() => HttpResponse.error(), ok]);
    const { transport } = setup();
    const error = await rejection(transport.request({ operation: 'send', method: 'POST', path: '/send' }));
    expect(calls).toHaveLength(1);
    expect(error.reason).toBe('network');
  });

  it('an unkeyed POST is not retried after a timeout', async () => {
    const calls = sequence('post', '/send', [
      async () => {
        await delay('infinite');
        return ok();
      },
    ]);
    const { transport } = setup();
    const error = await rejection(
      transport.request({ operation: 'send', method: 'POST', path: '/send', timeoutMs: 20 }),
    );
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ reason: 'timeout', isRetryable: true });
    expect(error.message).toContain('timed out after 20 ms');
  });

  it('a keyed POST is retried on 5xx, with the same body and key', async () => {
    const calls = sequence('post', '/send', [status(500), status(502), ok]);
    const { transport } = setup();
    const response = await transport.request({
      operation: 'send',
      method: 'POST',
      path: '/send',
      headers: { 'X-Retry-Key': 'key-1' },
      idempotencyKey: 'key-1',
      body: { json: { to: 'U1' } },
    });
    expect(response.attempts).toBe(3);
    expect(calls.map((call) => call.headers.get('x-retry-key'))).toEqual(['key-1', 'key-1', 'key-1']);
    expect(calls.map((call) => call.body)).toEqual(Array(3).fill('{"to":"U1"}'));
  });

  it('a keyed POST is retried after a timeout', async () => {
    const calls = sequence('post', '/send', [
      async () => {
        await delay('infinite');
        return ok();
      },
      ok,
    ]);
    const { transport } = setup();
    const response = await transport.request({
      operation: 'send',
      method: 'POST',
      path: '/send',
      idempotencyKey: 'key-2',
      timeoutMs: 20,
    });
    expect(response.attempts).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('idempotent: true makes a POST retryable; idempotent: false stops a PUT from retrying', async () => {
    const post = sequence('post', '/search', [status(500), ok]);
    const { transport } = setup();
    await transport.request({ operation: 'search', method: 'POST', path: '/search', idempotent: true });
    expect(post).toHaveLength(2);
    const put = sequence('post', '/put', [status(500), ok]);
    server.use(http.put(`${baseUrl}/put`, () => status(500)()));
    await rejection(transport.request({ operation: 'put', method: 'PUT', path: '/put', idempotent: false }));
    expect(put).toHaveLength(0);
  });

  it.each(['PUT', 'DELETE'] as const)('%s is retried by default', async (method) => {
    let count = 0;
    server.use(
      http.all(`${baseUrl}/resource`, () => {
        count++;
        return count === 1 ? status(503)() : ok();
      }),
    );
    const { transport } = setup();
    const response = await transport.request({ operation: 'resource', method, path: '/resource' });
    expect(response.attempts).toBe(2);
  });
});

describe('abort', () => {
  it('a signal aborted before the call makes no request', async () => {
    const calls = sequence('get', '/thing', [ok]);
    const { transport } = setup();
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing', signal: controller.signal }),
    );
    expect(calls).toHaveLength(0);
    expect(error).toMatchObject({ reason: 'aborted', isRetryable: false });
    expect(error.cause).toEqual(new Error('caller gave up'));
  });

  it('aborting during the request ends it with reason aborted, not retried', async () => {
    const controller = new AbortController();
    const calls = sequence('get', '/thing', [
      async () => {
        controller.abort();
        await delay('infinite');
        return ok();
      },
    ]);
    const { transport, clock } = setup();
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing', signal: controller.signal }),
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.reason).toBe('aborted');
  });

  it('aborting during a backoff stops the wait and makes no further attempt', async () => {
    const calls = sequence('get', '/thing', [status(503)]);
    const controller = new AbortController();
    const { transport, clock } = setup();
    clock.hold = true;
    clock.onSleep = () => controller.abort();
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing', signal: controller.signal }),
    );
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toHaveLength(1);
    expect(error).toMatchObject({ reason: 'aborted', isRetryable: false });
  });

  it('a signal aborted while a retry is pending is seen before the next attempt', async () => {
    const calls = sequence('get', '/thing', [status(503)]);
    const controller = new AbortController();
    const clock = createTestClock();
    const transport = createHttpTransport({
      channel: 'test',
      baseUrl,
      random: () => 0,
      clock: {
        now: clock.now,
        // A sleeper that ignores the signal: the loop itself must notice the abort.
        sleep: async () => {
          controller.abort();
        },
      },
    });
    const error = await rejection(
      transport.request({ operation: 'get-thing', method: 'GET', path: '/thing', signal: controller.signal }),
    );
    expect(calls).toHaveLength(1);
    expect(error.reason).toBe('aborted');
  });
});

describe('timeout', () => {
  const hang = async () => {
    await delay('infinite');
    return ok();
  };

  it('times out with a caller signal that never fires', async () => {
    sequence('get', '/slow', [hang]);
    const { transport } = setup({ retry: false });
    const controller = new AbortController();
    const error = await rejection(
      transport.request({
        operation: 'slow',
        method: 'GET',
        path: '/slow',
        timeoutMs: 15,
        signal: controller.signal,
      }),
    );
    expect(error.reason).toBe('timeout');
  });

  it('concurrent requests in one timeout slot all time out; later requests get a fresh timeout', async () => {
    sequence('get', '/slow', [hang]);
    sequence('get', '/fast', [ok]);
    const { transport } = setup({ retry: false, timeoutMs: 20 });
    const slow = await Promise.all(
      [1, 2, 3].map(() => rejection(transport.request({ operation: 'slow', method: 'GET', path: '/slow' }))),
    );
    expect(slow.map((error) => error.reason)).toEqual(['timeout', 'timeout', 'timeout']);
    const fast = await transport.request({ operation: 'fast', method: 'GET', path: '/fast' });
    expect(fast.status).toBe(200);
    const again = await rejection(transport.request({ operation: 'slow', method: 'GET', path: '/slow' }));
    expect(again.reason).toBe('timeout');
  });

  it('a request right after a finished one still times out (the shared timer is re-armed)', async () => {
    sequence('get', '/fast', [ok]);
    sequence('get', '/slow', [hang]);
    const { transport } = setup({ retry: false, timeoutMs: 1_000 });
    for (let round = 0; round < 2; round++) {
      await transport.request({ operation: 'fast', method: 'GET', path: '/fast' });
      const error = await rejection(transport.request({ operation: 'slow', method: 'GET', path: '/slow' }));
      expect(error.reason).toBe('timeout');
    }
  }, 15_000);

  it('a GET that times out is retried, then throws reason timeout', async () => {
    const calls = sequence('get', '/slow', [
      async () => {
        await delay('infinite');
        return ok();
      },
    ]);
    const { transport, clock } = setup({ timeoutMs: 15, retry: { maxAttempts: 2 } });
    const error = await rejection(transport.request({ operation: 'slow', method: 'GET', path: '/slow' }));
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(error).toMatchObject({ reason: 'timeout', isRetryable: true });
    expect(error.statusCode).toBeUndefined();
  });
});
