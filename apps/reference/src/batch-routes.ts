import {
  type Channel,
  createInMemorySendLedger,
  messageSchema,
  recipientSchema,
  type SendLedger,
  toValidationIssues,
} from '@omnicast/core';
import { type BatchSender, createBatchSender } from '@omnicast/sender';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { badRequest } from './responses.js';

const resendPolicySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('allow-repeats') }),
  z.object({ type: z.literal('once-per-campaign') }),
  z.object({ type: z.literal('not-within'), days: z.number().int().positive() }),
]);

const batchRequestSchema = z.object({
  /** Re-running the same id resumes the batch: what was sent is skipped. */
  id: z.string().min(1).max(200),
  channel: z.string().min(1),
  campaignId: z.string().min(1).optional(),
  message: messageSchema,
  recipients: z.array(recipientSchema).min(1).max(10_000),
  resendPolicy: resendPolicySchema.optional(),
  budget: z.object({ maxUnits: z.number().int().nonnegative() }).optional(),
});

/** Options of {@link addBatchRoutes}. */
export interface BatchRoutesOptions {
  channels: ReadonlyMap<string, Channel>;
  logger: Logger;
  /** Durable ledger; defaults to one in-memory ledger shared by every batch of this app. */
  ledger?: SendLedger;
}

/**
 * `POST /v1/batches/preflight` (recipients and billable units, nothing sent) and `POST /v1/batches`
 * (a rate-limited, resumable run through the sender; answers with every recipient's outcome).
 */
export function addBatchRoutes(app: Hono, options: BatchRoutesOptions): void {
  const ledger = options.ledger ?? createInMemorySendLedger();
  const senders = new Map<string, BatchSender>();
  const senderFor = (kind: string, channel: Channel) => {
    let sender = senders.get(kind);
    if (!sender) {
      sender = createBatchSender({ channel, ledger });
      senders.set(kind, sender);
    }
    return sender;
  };

  const parse = async (request: Request) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return {
        error: badRequest('The body is not valid JSON', [
          { path: [], message: 'must be a JSON object', code: 'invalid-json' },
        ]),
      };
    }
    const parsed = batchRequestSchema.safeParse(body);
    if (!parsed.success)
      return { error: badRequest('The batch has invalid fields', toValidationIssues(parsed.error.issues)) };
    const channel = options.channels.get(parsed.data.channel);
    if (!channel) {
      return {
        error: badRequest('Unknown channel', [
          {
            path: ['channel'],
            message: `must be one of: ${[...options.channels.keys()].join(', ')}`,
            code: 'unknown-channel',
          },
        ]),
      };
    }
    return { batch: parsed.data, channel };
  };

  const toBatch = (batch: z.infer<typeof batchRequestSchema>, signal: AbortSignal) => ({
    id: batch.id,
    message: batch.message,
    recipients: batch.recipients,
    signal,
    ...(batch.campaignId ? { campaignId: batch.campaignId } : {}),
    ...(batch.resendPolicy ? { resendPolicy: batch.resendPolicy } : {}),
    ...(batch.budget ? { budget: batch.budget } : {}),
  });

  app.post('/v1/batches/preflight', async (context) => {
    const parsed = await parse(context.req.raw);
    if ('error' in parsed) return context.json(parsed.error, 400);
    const sender = senderFor(parsed.batch.channel, parsed.channel);
    return context.json(await sender.preflight(toBatch(parsed.batch, context.req.raw.signal)), 200);
  });

  app.post('/v1/batches', async (context) => {
    const parsed = await parse(context.req.raw);
    if ('error' in parsed) return context.json(parsed.error, 400);
    const sender = senderFor(parsed.batch.channel, parsed.channel);
    const report = await sender.run(toBatch(parsed.batch, context.req.raw.signal));
    options.logger.info('batch finished', {
      batchId: report.batchId,
      status: report.status,
      ...report.counts,
    });
    return context.json(report, 200);
  });
}
