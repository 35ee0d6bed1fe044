import { setMaxListeners } from 'node:events';
import { ConfigurationError, type Message, type Recipient } from '@omnicast/core';
import { runBatch } from './batch-run.js';
import type {
  Batch,
  BatchPreflight,
  BatchSender,
  BatchSenderEvents,
  BatchSenderOptions,
} from './batch-sender-types.js';
import { billableUnits, budgetUnits } from './billing.js';
import { assertResendPolicy } from './resend-policy.js';
import { createSenderRuntime } from './sender-runtime.js';
import { createTypedEmitter } from './typed-emitter.js';

function assertBatch(batch: Batch): void {
  if (typeof batch.id !== 'string' || batch.id.length === 0) {
    throw new ConfigurationError('batch.id must be a non-empty string', { option: 'id' });
  }
}

/**
 * Creates a rate-limited batch sender for one channel: groups identical content into the channel's
 * multicast, honours per-operation rate limits and per-recipient pacing, retries only retryable
 * failures, records intents and outcomes in a {@link BatchSenderOptions.ledger} so that re-running a
 * batch never sends twice, applies re-send policies, quiet hours, budgets and quotas, and reports
 * every recipient's outcome.
 */
export function createBatchSender(options: BatchSenderOptions): BatchSender {
  if (!options?.channel) throw new ConfigurationError('channel is required', { option: 'channel' });
  const emitter = createTypedEmitter<BatchSenderEvents>();
  const runtime = createSenderRuntime(options, emitter);
  const controllers = new Set<AbortController>();

  const quotaUnits = async (): Promise<number | undefined> => {
    const remaining = await options.quota?.();
    return remaining === undefined ? undefined : Math.max(0, remaining);
  };

  const renderFor = async (batch: Batch, recipient: Recipient): Promise<Message> =>
    typeof batch.message === 'function'
      ? batch.message(recipient)
      : runtime.renderMessage(batch.message, 'variables' in recipient ? (recipient.variables ?? {}) : {});

  return {
    async run(batch) {
      assertBatch(batch);
      const policy = batch.resendPolicy ?? options.resendPolicy ?? { type: 'allow-repeats' };
      assertResendPolicy(policy, batch.campaignId, options.ledger !== undefined);
      const controller = new AbortController();
      // Every waiting call listens for cancellation: many listeners on this signal are expected.
      setMaxListeners(0, controller.signal);
      const onAbort = () => controller.abort(batch.signal?.reason);
      if (batch.signal?.aborted) controller.abort(batch.signal.reason);
      batch.signal?.addEventListener('abort', onAbort, { once: true });
      controllers.add(controller);
      try {
        const quota = await quotaUnits();
        const limit = Math.min(budgetUnits(runtime.budgetOf(batch)), quota ?? Number.POSITIVE_INFINITY);
        return await runBatch(runtime, batch, policy, limit, controller.signal);
      } finally {
        controllers.delete(controller);
        batch.signal?.removeEventListener('abort', onAbort);
      }
    },
    async preflight(batch) {
      assertBatch(batch);
      const capabilities = options.channel.capabilities;
      let recipients = 0;
      let units = 0;
      for await (const recipient of batch.recipients) {
        recipients++;
        try {
          units += billableUnits(await renderFor(batch, recipient), 1, capabilities.billingUnit);
        } catch {
          // A recipient whose message cannot render will fail without cost.
        }
      }
      const budget = runtime.budgetOf(batch);
      const allowed = budgetUnits(budget);
      const quota = await quotaUnits();
      const result: BatchPreflight = {
        recipients,
        billableUnits: units,
        fits: units <= allowed && (quota === undefined || units <= quota),
      };
      if (budget.costPerUnit !== undefined) result.cost = units * budget.costPerUnit;
      if (Number.isFinite(allowed)) result.budgetUnits = allowed;
      if (quota !== undefined) result.quotaRemaining = quota;
      return result;
    },
    pause: () => runtime.pause(),
    resume: () => runtime.resume(),
    get isPaused() {
      return runtime.isPaused;
    },
    cancel(reason) {
      for (const controller of controllers) controller.abort(reason);
    },
    on: (event, listener) => emitter.on(event, listener),
  };
}
