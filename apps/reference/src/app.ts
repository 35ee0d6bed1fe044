import {
  ApiCallError,
  type Channel,
  messageSchema,
  OmnicastError,
  recipientSchema,
  renderMessage,
  toValidationIssues,
  UnsupportedFeatureError,
  ValidationError,
  type ValidationIssue,
  validateMessage,
} from '@omnicast/core';
import type { LineMockInbox } from '@omnicast/testing';
import { Hono } from 'hono';
import { z } from 'zod';
import { addBatchRoutes } from './batch-routes.js';
import type { Logger } from './logger.js';
import { badRequest } from './responses.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Channels by kind; a request names the one to use. */
  channels: ReadonlyMap<string, Channel>;
  logger: Logger;
  /** Reported by `/health`. */
  mode: string;
  /** In sandbox mode: the LINE mock's inbox, served at `GET /v1/sandbox/line/inbox/:recipient`. */
  lineInbox?: Pick<LineMockInbox, 'received' | 'recipients'>;
}

const sendRequestSchema = z.object({
  channel: z.string().min(1),
  recipient: recipientSchema,
  message: messageSchema,
  idempotencyKey: z.string().min(1).max(200).optional(),
  strict: z.boolean().optional(),
});

const statusForReason: Record<string, 400 | 401 | 403 | 404 | 409 | 429 | 502 | 503 | 504> = {
  'invalid-request': 400,
  'recipient-unreachable': 400,
  'outside-window': 400,
  unauthorized: 502,
  forbidden: 502,
  'not-found': 404,
  'rate-limited': 429,
  'quota-exceeded': 429,
  timeout: 504,
  network: 503,
};

/** Builds the reference HTTP API: `GET /health` and `POST /v1/messages`. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();

  app.get('/health', (context) =>
    context.json({ status: 'ok', mode: options.mode, channels: [...options.channels.keys()].sort() }),
  );

  app.post('/v1/messages', async (context) => {
    let body: unknown;
    try {
      body = await context.req.json();
    } catch {
      return context.json(
        badRequest('The body is not valid JSON', [
          { path: [], message: 'must be a JSON object', code: 'invalid-json' },
        ]),
        400,
      );
    }
    const parsed = sendRequestSchema.safeParse(body);
    if (!parsed.success) {
      return context.json(
        badRequest('The request has invalid fields', toValidationIssues(parsed.error.issues)),
        400,
      );
    }
    const request = parsed.data;
    const channel = options.channels.get(request.channel);
    if (!channel) {
      return context.json(
        badRequest('Unknown channel', [
          {
            path: ['channel'],
            message: `must be one of: ${[...options.channels.keys()].join(', ')}`,
            code: 'unknown-channel',
          },
        ]),
        400,
      );
    }
    const issues: ValidationIssue[] = [];
    if (!channel.capabilities.recipientTypes.includes(request.recipient.type)) {
      issues.push({
        path: ['recipient', 'type'],
        message: `${request.channel} cannot address a ${request.recipient.type} recipient`,
        code: 'unsupported-recipient',
      });
    }
    let message = request.message;
    try {
      message = renderMessage(
        request.message,
        'variables' in request.recipient ? (request.recipient.variables ?? {}) : {},
      );
    } catch (error) {
      if (!ValidationError.isInstance(error)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, path: ['message', ...issue.path] })));
    }
    const report = validateMessage(message, channel.capabilities);
    issues.push(...report.issues.map((issue) => ({ ...issue, path: ['message', ...issue.path] })));
    if (issues.length > 0)
      return context.json(badRequest('The message cannot be sent on this channel', issues), 400);

    try {
      const result = await channel.send(
        { recipient: request.recipient, message },
        {
          ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
          ...(request.strict ? { strict: true } : {}),
          signal: context.req.raw.signal,
        },
      );
      options.logger.info('message sent', {
        channel: request.channel,
        operation: result.operation,
        requestId: result.requestId,
        warnings: result.warnings.length,
      });
      return context.json({ status: 'sent', result }, 200);
    } catch (error) {
      if (ValidationError.isInstance(error))
        return context.json(badRequest(error.message, error.issues), 400);
      if (UnsupportedFeatureError.isInstance(error)) {
        return context.json(
          badRequest(error.message, [
            {
              path: ['message'],
              message: `${error.feature} is not supported by ${error.channel}`,
              code: 'unsupported-feature',
            },
          ]),
          400,
        );
      }
      if (ApiCallError.isInstance(error)) {
        options.logger.warn('send failed', {
          channel: request.channel,
          reason: error.reason,
          status: error.statusCode,
          requestId: error.requestId,
        });
        const status = statusForReason[error.reason] ?? 502;
        return context.json(
          {
            error: error.reason,
            message: error.message,
            isRetryable: error.isRetryable,
            ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          },
          status,
        );
      }
      throw error;
    }
  });

  addBatchRoutes(app, { channels: options.channels, logger: options.logger });

  const lineInbox = options.lineInbox;
  if (lineInbox) {
    app.get('/v1/sandbox/line/inbox', (context) => context.json({ recipients: lineInbox.recipients() }));
    app.get('/v1/sandbox/line/inbox/:recipient', (context) => {
      const recipient = context.req.param('recipient');
      return context.json({ recipient, deliveries: lineInbox.received(recipient) });
    });
  }

  app.notFound((context) =>
    context.json(
      { error: 'not-found', message: `No route for ${context.req.method} ${context.req.path}` },
      404,
    ),
  );

  app.onError((error, context) => {
    options.logger.error('unhandled error', {
      error: OmnicastError.isInstance(error) ? error.message : String(error),
    });
    return context.json({ error: 'internal', message: 'Internal server error' }, 500);
  });

  return app;
}
