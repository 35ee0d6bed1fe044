import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ConfigurationError,
  type FrameworkRequestLike,
  readFrameworkRawBody,
  readWebRawBody,
  SignatureError,
  ValidationError,
} from '@omnicast/core';
import { type LineWebhookDeduper, parseLineWebhook, verifyLineSignature } from './line-webhook.js';
import type { LineWebhookBody, LineWebhookEvent } from './line-webhook-types.js';

/** Options shared by every framework handler. */
export interface LineWebhookHandlerOptions {
  /** The channel secret. Required. */
  channelSecret: string;
  /** Called with the verified (and deduplicated) events; a throw answers 500 so LINE may redeliver. */
  onEvents(events: LineWebhookEvent[], body: LineWebhookBody): void | Promise<void>;
  /** Drops redelivered/duplicate events before `onEvents`. */
  deduper?: LineWebhookDeduper;
  /** Largest body accepted. Default 1 MiB. */
  limitBytes?: number;
  /** Called with any error (signature, parsing, handler) for logging. */
  onError?(error: unknown): void;
}

/** What a handler answers. */
export interface LineWebhookOutcome {
  status: number;
  body: { message: string };
}

function requireSecret(options: LineWebhookHandlerOptions): void {
  if (!options?.channelSecret)
    throw new ConfigurationError('LINE channelSecret is required', { option: 'channelSecret' });
}

/**
 * Verifies and handles a webhook given its raw body and signature header. Answers 200 on
 * success (including LINE's empty connectivity check), 401 for a missing or wrong signature,
 * 400 for a body that is not a LINE webhook, 500 when `onEvents` throws.
 */
export async function handleLineWebhook(
  options: LineWebhookHandlerOptions,
  rawBody: Uint8Array | string,
  signature: string | null | undefined,
): Promise<LineWebhookOutcome> {
  try {
    verifyLineSignature({ channelSecret: options.channelSecret, body: rawBody, signature });
    const body = parseLineWebhook(rawBody);
    const events = options.deduper
      ? await options.deduper.filter(body.events as LineWebhookEvent[])
      : (body.events as LineWebhookEvent[]);
    await options.onEvents(events, body);
    return { status: 200, body: { message: 'ok' } };
  } catch (error) {
    options.onError?.(error);
    if (SignatureError.isInstance(error)) return { status: 401, body: { message: error.message } };
    if (ValidationError.isInstance(error)) return { status: 400, body: { message: 'Invalid webhook body' } };
    return { status: 500, body: { message: 'Webhook handler failed' } };
  }
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

async function rawBodyOf(request: FrameworkRequestLike, limitBytes: number | undefined): Promise<Buffer> {
  return readFrameworkRawBody(request, limitBytes !== undefined ? { limitBytes } : {});
}

async function outcomeFor(
  options: LineWebhookHandlerOptions,
  request: FrameworkRequestLike & { headers?: Record<string, unknown> },
): Promise<LineWebhookOutcome> {
  let raw: Buffer;
  try {
    raw = await rawBodyOf(request, options.limitBytes);
  } catch (error) {
    options.onError?.(error);
    if (ValidationError.isInstance(error))
      return { status: 413, body: { message: 'Request body too large' } };
    return { status: 500, body: { message: 'The raw request body is not available' } };
  }
  return handleLineWebhook(options, raw, headerValue(request.headers, 'x-line-signature'));
}

/** A Node `http` request listener: `http.createServer(createLineNodeHandler({...}))`. */
export function createLineNodeHandler(
  options: LineWebhookHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  requireSecret(options);
  return async (request, response) => {
    const outcome = await outcomeFor(
      options,
      request as FrameworkRequestLike & { headers?: Record<string, unknown> },
    );
    response.statusCode = outcome.status;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(outcome.body));
  };
}

/** The parts of an Express request the handler reads. */
export interface ExpressLikeRequest extends FrameworkRequestLike {
  headers: Record<string, unknown>;
}

/** The parts of an Express response the handler uses. */
export interface ExpressLikeResponse {
  status(code: number): ExpressLikeResponse;
  json(body: unknown): unknown;
}

/**
 * An Express route handler. Mount it with `express.raw({ type: '*\/*' })` (or before any JSON
 * parser): it verifies the signature against the raw bytes, never a re-serialised body.
 */
export function createLineExpressHandler(
  options: LineWebhookHandlerOptions,
): (request: ExpressLikeRequest, response: ExpressLikeResponse) => Promise<void> {
  requireSecret(options);
  return async (request, response) => {
    const outcome = await outcomeFor(options, request);
    response.status(outcome.status).json(outcome.body);
  };
}

/** The parts of a Fastify request the handler reads. */
export interface FastifyLikeRequest extends FrameworkRequestLike {
  headers: Record<string, unknown>;
}

/** The parts of a Fastify reply the handler uses. */
export interface FastifyLikeReply {
  code(statusCode: number): FastifyLikeReply;
  send(payload?: unknown): unknown;
}

/**
 * A Fastify route handler. Register core's `addFastifyRawBodyParser(fastify)` in the route's scope
 * so the JSON body stays a Buffer for signature verification.
 */
export function createLineFastifyHandler(
  options: LineWebhookHandlerOptions,
): (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<unknown> {
  requireSecret(options);
  return async (request, reply) => {
    const outcome = await outcomeFor(options, request);
    return reply.code(outcome.status).send(outcome.body);
  };
}

/** A web `Request` → `Response` handler (Hono `c.req.raw`, Next.js route handlers, Bun, Deno, Workers). */
export function createLineFetchHandler(
  options: LineWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  requireSecret(options);
  return async (request) => {
    let raw: Uint8Array;
    try {
      raw = await readWebRawBody(
        request,
        options.limitBytes !== undefined ? { limitBytes: options.limitBytes } : {},
      );
    } catch (error) {
      options.onError?.(error);
      const status = ValidationError.isInstance(error) ? 413 : 500;
      return Response.json(
        { message: status === 413 ? 'Request body too large' : 'The raw request body is not available' },
        { status },
      );
    }
    const outcome = await handleLineWebhook(options, raw, request.headers.get('x-line-signature'));
    return Response.json(outcome.body, { status: outcome.status });
  };
}
