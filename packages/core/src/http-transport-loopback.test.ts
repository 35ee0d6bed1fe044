import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from './__fixtures__/test-clock.js';
import { ApiCallError } from './errors.js';
import { createHttpTransport } from './http-transport.js';
import type { HttpRequestEvent } from './http-types.js';

// Real sockets on 127.0.0.1 only: connection refused and dispatcher behaviour cannot be faked by msw.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port = 0,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${address.port}` });
    });
  });
}

async function closedPort(): Promise<number> {
  const { server } = await listen(() => undefined);
  const { port } = server.address() as AddressInfo;
  servers.splice(servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ApiCallError.isInstance(error)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error;
}

describe('connection refused', () => {
  it('an unkeyed POST whose connection was refused is retried (it never reached the server)', async () => {
    const port = await closedPort();
    const clock = createTestClock();
    const requests: HttpRequestEvent[] = [];
    const transport = createHttpTransport({
      channel: 'test',
      baseUrl: `http://127.0.0.1:${port}`,
      clock,
      random: () => 0,
      retry: { maxAttempts: 3 },
      hooks: { onRequest: (event) => requests.push(event) },
    });
    const error = await rejection(
      transport.request({ operation: 'send', method: 'POST', path: '/send', body: { json: { a: 1 } } }),
    );
    expect(requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([0, 0]);
    expect(error).toMatchObject({ reason: 'network', isRetryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('succeeds once the server is up, sending the body once', async () => {
    const port = await closedPort();
    const clock = createTestClock();
    const bodies: string[] = [];
    let started: Promise<unknown> | undefined;
    clock.onSleep = () => {
      started ??= listen((request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          bodies.push(body);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"sent":true}');
        });
      }, port);
    };
    const transport = createHttpTransport({
      channel: 'test',
      baseUrl: `http://127.0.0.1:${port}`,
      clock: {
        now: clock.now,
        sleep: async (ms, signal) => {
          await clock.sleep(ms, signal);
          await started;
        },
      },
      random: () => 0,
    });
    const response = await transport.request({
      operation: 'send',
      method: 'POST',
      path: '/send',
      body: { json: { a: 1 } },
    });
    expect(response).toMatchObject({ status: 200, data: { sent: true }, attempts: 2 });
    expect(bodies).toEqual(['{"a":1}']);
  });
});

describe('undici Agent as dispatcher', () => {
  it('every attempt goes through the given Agent, reusing a keep-alive connection', async () => {
    const sockets = new Set<unknown>();
    const { url } = await listen((request, response) => {
      sockets.add(request.socket);
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'abc' }).end('{"n":1}');
    });
    let dispatched = 0;
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched++;
        return super.dispatch(options, handler);
      }
    }
    const agent = new CountingAgent({ connections: 1 });
    const transport = createHttpTransport({ channel: 'test', baseUrl: url, dispatcher: agent });
    for (let index = 0; index < 3; index++) {
      const response = await transport.request({
        operation: 'x',
        method: 'POST',
        path: '/x',
        body: { json: {} },
      });
      expect(response).toMatchObject({ data: { n: 1 }, requestId: 'abc' });
    }
    expect(dispatched).toBe(3);
    expect(sockets.size).toBe(1);
    await agent.close();
  });

  it('times out a real slow server and frees the connection', async () => {
    const { url } = await listen(() => undefined);
    const agent = new Agent({ connections: 1 });
    const transport = createHttpTransport({
      channel: 'test',
      baseUrl: url,
      dispatcher: agent,
      timeoutMs: 30,
      clock: createTestClock(),
    });
    const error = await rejection(transport.request({ operation: 'slow', method: 'POST', path: '/slow' }));
    expect(error).toMatchObject({ reason: 'timeout' });
    await agent.destroy();
  });
});
