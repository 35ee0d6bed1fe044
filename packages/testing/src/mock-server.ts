import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpHandler, HttpResponse, http } from 'msw';

/** HTTP methods mock routes answer. */
export type MockMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as a mock route sees it. */
export interface MockRequest {
  method: string;
  url: URL;
  path: string;
  /** Values of `:name` segments of the route path. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  rawBody: Uint8Array;
  text(): string;
  /** Parses the body as JSON; throws a SyntaxError when it is not. */
  json(): unknown;
}

/** A mock route's answer. Objects are JSON-encoded; strings and bytes are sent as they are. */
export interface MockResponse {
  status: number;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
}

/** One route of a mock server. */
export interface MockRoute {
  method: MockMethod;
  /** Path with `:name` parameters, e.g. `/v2/bot/audienceGroup/:audienceGroupId`. */
  path: string;
  handler(request: MockRequest): MockResponse | Promise<MockResponse>;
}

/** Fault injection, applied to every request before (or after) its route runs. */
export interface FaultOptions {
  /** Share of requests answered with `errorStatus` without running the route. */
  errorRate?: number;
  errorStatus?: number;
  /** Extra latency per request, in real milliseconds. */
  latencyMs?: number;
  /** Share of requests whose connection is dropped before the route runs. */
  dropRate?: number;
  /** Share of requests whose route runs (state changes) and whose answer is then lost. */
  dropAfterHandlingRate?: number;
  /** Random source in [0, 1). */
  random?: () => number;
}

/** Options of {@link createMockServer}. */
export interface MockServerOptions {
  /** Name used in logs and errors. */
  name: string;
  routes: readonly MockRoute[];
  faults?: FaultOptions;
}

/** A running loopback server. */
export interface RunningMockServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Options of {@link MockServer.listen}. */
export interface MockListenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: `127.0.0.1` (default) or `::1`. */
  host?: '127.0.0.1' | '::1' | 'localhost';
}

/** Framework-neutral routes served as msw handlers or as a real HTTP server on loopback. */
export interface MockServer {
  readonly name: string;
  readonly routes: readonly MockRoute[];
  /** Answers a web request; `null` means the connection is dropped. */
  handle(request: Request): Promise<Response | null>;
  /**
   * A `fetch` answering in-process (no socket, no msw), for high-volume tests. A dropped connection
   * rejects with `TypeError('fetch failed')` whose cause has code `UND_ERR_SOCKET`, as undici's fetch
   * does when the server closes the socket.
   */
  readonly fetch: typeof globalThis.fetch;
  /** msw handlers answering under each base URL (use with `setupServer` from `msw/node`). */
  mswHandlers(baseUrls: string | readonly string[]): HttpHandler[];
  /** Serves the routes on loopback. */
  listen(options?: MockListenOptions): Promise<RunningMockServer>;
  setFaults(faults: FaultOptions): void;
}

interface CompiledRoute {
  route: MockRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: MockRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function encode(response: MockResponse): Response {
  const headers = new Headers(response.headers);
  let body: BodyInit | null = null;
  if (response.body instanceof Uint8Array) body = response.body as BodyInit;
  else if (typeof response.body === 'string') body = response.body;
  else if (response.body !== undefined) {
    body = JSON.stringify(response.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Response(response.status === 204 ? null : body, { status: response.status, headers });
}

const decoder = new TextDecoder();

/** Creates a {@link MockServer}. */
export function createMockServer(options: MockServerOptions): MockServer {
  const compiled = options.routes.map(compile);
  let faults: FaultOptions = options.faults ?? {};

  const roll = (rate: number | undefined): boolean =>
    rate !== undefined && rate > 0 && (faults.random ?? Math.random)() < rate;

  async function handle(request: Request): Promise<Response | null> {
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (roll(faults.dropRate)) return null;
    if (roll(faults.errorRate)) {
      return encode({
        status: faults.errorStatus ?? 500,
        body: { message: 'Internal server error (injected fault)' },
      });
    }
    const url = new URL(request.url);
    const methodMatches: CompiledRoute[] = [];
    for (const entry of compiled) {
      const match = entry.pattern.exec(url.pathname);
      if (!match) continue;
      if (entry.route.method !== request.method) {
        methodMatches.push(entry);
        continue;
      }
      const params: Record<string, string> = {};
      entry.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1]!);
      });
      const rawBody = new Uint8Array(await request.arrayBuffer());
      const mockRequest: MockRequest = {
        method: request.method,
        url,
        path: url.pathname,
        params,
        query: url.searchParams,
        headers: request.headers,
        rawBody,
        text: () => decoder.decode(rawBody),
        json: () => JSON.parse(decoder.decode(rawBody)),
      };
      let response: MockResponse;
      try {
        response = await entry.route.handler(mockRequest);
      } catch (error) {
        response = {
          status: 500,
          body: {
            message: `${options.name} mock route failed: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
      if (roll(faults.dropAfterHandlingRate)) return null;
      return encode(response);
    }
    if (methodMatches.length > 0) return encode({ status: 405, body: { message: 'Method not allowed' } });
    return encode({ status: 404, body: { message: 'Not found' } });
  }

  async function toWebRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const init: RequestInit = { method: incoming.method ?? 'GET', headers };
    if (body && init.method !== 'GET' && init.method !== 'HEAD') init.body = body;
    return new Request(new URL(incoming.url ?? '/', origin), init);
  }

  async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
    outgoing.end(body);
  }

  return {
    name: options.name,
    routes: options.routes,
    handle,
    fetch: async (input, init) => {
      const response = await handle(new Request(input, init));
      if (response) return response;
      const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      throw new TypeError('fetch failed', { cause });
    },
    setFaults(next) {
      faults = next;
    },
    mswHandlers(baseUrls) {
      const list = typeof baseUrls === 'string' ? [baseUrls] : baseUrls;
      return list.map((baseUrl) =>
        http.all(`${baseUrl.replace(/\/$/, '')}/*`, async ({ request }) => {
          const response = await handle(request);
          return response ?? HttpResponse.error();
        }),
      );
    },
    listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      const sockets = new Set<import('node:net').Socket>();
      const server = createServer((incoming, outgoing) => {
        const origin = `http://${incoming.headers.host ?? host}`;
        toWebRequest(incoming, origin)
          .then(handle)
          .then((response) => {
            if (response === null) {
              incoming.socket.destroy();
              return;
            }
            return writeResponse(response, outgoing);
          })
          .catch(() => {
            if (!outgoing.headersSent) {
              outgoing.writeHead(500, { 'content-type': 'application/json' });
              outgoing.end(JSON.stringify({ message: 'mock server failure' }));
            }
          });
      });
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      return new Promise<RunningMockServer>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listenOptions.port ?? 0, host, () => {
          const { port } = server.address() as AddressInfo;
          const shownHost = host === '::1' ? '[::1]' : host;
          resolve({
            url: `http://${shownHost}:${port}`,
            port,
            close: () =>
              new Promise<void>((done) => {
                for (const socket of sockets) socket.destroy();
                server.close(() => done());
              }),
          });
        });
      });
    },
  };
}
