import type { IncomingMessage } from 'node:http';
import { ConfigurationError, ValidationError } from './errors.js';

/** Options of the raw-body readers. */
export interface RawBodyOptions {
  /** Largest body accepted. Default 1 MiB. */
  limitBytes?: number;
}

const defaultLimit = 1024 * 1024;

function tooLarge(limit: number): ValidationError {
  return new ValidationError('Request body too large', {
    issues: [{ path: ['body'], message: `exceeds ${limit} bytes`, code: 'max-size' }],
  });
}

/** Reads the raw bytes of a Node `http` request that no body parser has consumed. */
export async function readNodeRawBody(
  request: IncomingMessage,
  options: RawBodyOptions = {},
): Promise<Buffer> {
  const limit = options.limitBytes ?? defaultLimit;
  if (request.readableEnded) {
    throw new ConfigurationError(
      'The request body was already consumed (a body parser ran before the webhook handler); mount the handler before any JSON body parser, or use a raw body parser',
      { option: 'rawBody' },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads the raw bytes of a web `Request` (Hono, Next.js, Cloudflare, Deno…). */
export async function readWebRawBody(request: Request, options: RawBodyOptions = {}): Promise<Uint8Array> {
  const limit = options.limitBytes ?? defaultLimit;
  if (request.bodyUsed) {
    throw new ConfigurationError(
      'The request body was already read; pass the request to the webhook handler before reading it',
      { option: 'rawBody' },
    );
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  // Read chunk by chunk so an oversized body is refused without being held in memory whole.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** What Express (with or without `express.raw()`) and Fastify hand to a route. */
export interface FrameworkRequestLike {
  body?: unknown;
  rawBody?: unknown;
  raw?: IncomingMessage;
}

function isNodeRequest(value: unknown): value is IncomingMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { on?: unknown }).on === 'function' &&
    'headers' in value &&
    typeof (value as { read?: unknown }).read === 'function'
  );
}

/**
 * Gets the raw body of an Express or Fastify request without trusting a parsed body:
 * `rawBody` (Buffer/string, as set by `addRawBodyParser` or a verify hook), a Buffer `body`
 * (`express.raw()`), or the unread stream. A body that was already parsed into an object cannot be
 * verified (re-serialising changes bytes) and throws a {@link ConfigurationError} saying how to fix it.
 */
export async function readFrameworkRawBody(
  request: FrameworkRequestLike | IncomingMessage,
  options: RawBodyOptions = {},
): Promise<Buffer> {
  const limit = options.limitBytes ?? defaultLimit;
  const fromValue = (value: unknown): Buffer | undefined => {
    if (Buffer.isBuffer(value)) return value;
    if (value instanceof Uint8Array) return Buffer.from(value);
    if (typeof value === 'string') return Buffer.from(value, 'utf8');
    return undefined;
  };
  const framework = request as FrameworkRequestLike;
  const direct = fromValue(framework.rawBody) ?? fromValue(framework.body);
  if (direct) {
    if (direct.length > limit) throw tooLarge(limit);
    return direct;
  }
  if (
    framework.body !== undefined &&
    framework.body !== null &&
    typeof framework.body === 'object' &&
    Object.keys(framework.body).length > 0
  ) {
    throw new ConfigurationError(
      'The request body was parsed before signature verification; use express.raw({ type: "*/*" }) on the webhook route, or register the raw body parser for Fastify',
      { option: 'rawBody' },
    );
  }
  const stream = framework.raw ?? (isNodeRequest(request) ? request : undefined);
  if (!stream)
    throw new ConfigurationError('No raw body is available on this request', { option: 'rawBody' });
  return readNodeRawBody(stream, options);
}

/** The subset of a Fastify instance used by {@link addFastifyRawBodyParser}. */
export interface FastifyLike {
  addContentTypeParser(
    contentType: string | string[] | RegExp,
    options: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
}

/**
 * Makes Fastify keep the raw bytes of JSON bodies: `request.body` is the Buffer, so webhook handlers
 * can verify signatures. Register it inside the plugin scope that holds the webhook route.
 */
export function addFastifyRawBodyParser(fastify: FastifyLike, options: RawBodyOptions = {}): void {
  fastify.addContentTypeParser(
    ['application/json', 'text/plain', 'application/x-www-form-urlencoded'],
    { parseAs: 'buffer', bodyLimit: options.limitBytes ?? defaultLimit },
    (_request, body, done) => done(null, body),
  );
}
