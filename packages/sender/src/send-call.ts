import { ApiCallError, type Message, type Recipient, type SendResult } from '@omnicast/core';
import type { FailureReason } from './batch-sender-types.js';
import { classifyFailure } from './classify-failure.js';
import type { SenderRuntime } from './sender-runtime.js';

/** One recipient's share of a run. */
export interface CallItem {
  recipient: Recipient;
  key: string;
  message: Message;
  hash: string;
  /** `recipientKey \0 contentHash`: identifies the item while it is in progress. */
  activeKey: string;
  attempts: number;
}

/** One channel call: a single send, or a multicast chunk sharing content and idempotency key. */
export interface Call {
  items: CallItem[];
  message: Message;
  hash: string;
  idempotencyKey: string;
  multi: boolean;
  operation: string;
  units: number;
}

/** How a call ended, after its retries. */
export type CallEnd =
  | { status: 'sent'; result: SendResult }
  /** Provably not delivered. `splittable`: a multicast refused for one bad recipient. */
  | { status: 'failed'; reason: FailureReason; error: string; splittable: boolean }
  /** May have been delivered. */
  | { status: 'unknown'; reason: FailureReason; error: string }
  /** Not sent: the run was cancelled or the vendor's quota is used up. */
  | { status: 'skipped'; reason: 'cancelled' | 'quota-exceeded' };

/** What a call needs from its run. */
export interface CallContext {
  runtime: SenderRuntime;
  batchId: string;
  signal: AbortSignal;
  /** Shared by the run's calls: set on a vendor quota answer, after which no call goes out. */
  stop: { vendorQuota: boolean };
  /** Calls in flight, for progress. */
  inFlight: { count: number };
}

/** Wait after a 429: the vendor's `Retry-After`, else a doubling backoff of at least 1 s. */
function rateLimitWaitMs(runtime: SenderRuntime, retryAfterMs: number | undefined, count: number): number {
  return retryAfterMs ?? Math.max(1000, runtime.retry.baseDelayMs * 2 ** Math.min(count, 6));
}

/**
 * Makes one call, waiting for quiet hours, pauses, pacing, concurrency and the operation's token,
 * and retries it as its failures allow. Never throws.
 */
export async function sendCall(
  context: CallContext,
  call: Call,
): Promise<{ end: CallEnd; attempts: number }> {
  const { runtime, batchId, signal, stop } = context;
  const { channel, clock } = runtime;
  const bucket = runtime.bucketFor(call.operation);
  let attempts = 0;
  let rateLimited = 0;
  // Set once an attempt failed in a way that may have delivered: from then on the call is only
  // ever repeated with its own key, never regrouped or released as failed.
  let maybeDelivered = false;
  const sleep = async (ms: number) => {
    await clock.sleep(ms, signal).catch(() => undefined);
  };
  const inDoubt = (reason: FailureReason, error: string) => ({
    end: { status: 'unknown', reason, error } as const,
    attempts,
  });

  for (;;) {
    let called = false;
    let result: SendResult | undefined;
    let failure: unknown;
    try {
      if (runtime.mustWait()) {
        await runtime.waitForQuietHours(batchId, signal);
        await runtime.waitWhilePaused(signal);
      }
      if (runtime.pacer) for (const item of call.items) await runtime.pacer.take(item.key, signal);
      await runtime.queueFor(call.operation).add(async () => {
        for (;;) {
          if (runtime.mustWait()) {
            await runtime.waitForQuietHours(batchId, signal);
            await runtime.waitWhilePaused(signal);
          }
          if (bucket) await bucket.take(signal);
          // A token taken while a pause or quiet hours began is dropped: held calls never burst.
          if (!runtime.mustWait()) break;
        }
        signal.throwIfAborted();
        if (stop.vendorQuota) return;
        // The pacing tokens were taken before the queue and bucket waits: count them as used now.
        if (runtime.pacer) for (const item of call.items) runtime.pacer.settle(item.key);
        called = true;
        attempts++;
        for (const item of call.items) item.attempts++;
        context.inFlight.count++;
        try {
          const sendOptions = {
            signal,
            idempotencyKey: call.idempotencyKey,
            ...(runtime.options.strict !== undefined ? { strict: runtime.options.strict } : {}),
          };
          result = call.multi
            ? await channel.sendMany!(
                { recipients: call.items.map((item) => item.recipient), message: call.message },
                sendOptions,
              )
            : await channel.send({ recipient: call.items[0]!.recipient, message: call.message }, sendOptions);
        } catch (error) {
          // Decided before the queue starts the next call: nothing more goes out after this answer.
          if (ApiCallError.isInstance(error) && error.reason === 'quota-exceeded') stop.vendorQuota = true;
          // Slow the whole bucket at once, so calls queued behind this one wait too.
          if (bucket && ApiCallError.isInstance(error) && error.reason === 'rate-limited') {
            bucket.penalize(rateLimitWaitMs(runtime, error.retryAfterMs, rateLimited + 1));
          }
          throw error;
        } finally {
          context.inFlight.count--;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (result) return { end: { status: 'sent', result }, attempts };
    if (!called && (signal.aborted || (stop.vendorQuota && failure === undefined))) {
      const reason = signal.aborted ? 'cancelled' : 'quota-exceeded';
      if (maybeDelivered)
        return inDoubt(signal.aborted ? 'aborted' : 'quota-exceeded', `${reason} before a retry`);
      return { end: { status: 'skipped', reason }, attempts };
    }
    const decision = signal.aborted
      ? ({ action: 'in-doubt', reason: 'aborted' } as const)
      : classifyFailure(failure, attempts, channel.capabilities.supportsIdempotencyKey, runtime.retry);
    const message = failure instanceof Error ? failure.message : String(failure);
    switch (decision.action) {
      case 'sent': {
        const accepted = { recipients: call.items.length, messages: call.message.parts.length };
        return {
          end: {
            status: 'sent',
            result: {
              channel: channel.kind,
              operation: call.operation,
              messageIds: [],
              alreadyAccepted: true,
              warnings: [],
              accepted,
            },
          },
          attempts,
        };
      }
      case 'rate-limited': {
        rateLimited++;
        attempts--;
        if (rateLimited > runtime.retry.maxRateLimitRetries) {
          return {
            end: { status: 'failed', reason: 'rate-limited', error: message, splittable: false },
            attempts: attempts + 1,
          };
        }
        const waitMs = rateLimitWaitMs(runtime, decision.retryAfterMs, rateLimited);
        runtime.emitter.emit('rate-limited', { batchId, operation: call.operation, retryAfterMs: waitMs });
        // With a bucket the penalty was applied as the answer arrived (see the queue job).
        if (!bucket) await sleep(waitMs);
        continue;
      }
      case 'quota-exceeded':
        stop.vendorQuota = true;
        if (maybeDelivered) return inDoubt('quota-exceeded', message);
        return { end: { status: 'skipped', reason: 'quota-exceeded' }, attempts };
      case 'retry':
        if (runtime.retry.maybeDelivered.has(decision.reason as never)) maybeDelivered = true;
        await sleep(decision.delayMs);
        continue;
      case 'in-doubt':
        return inDoubt(decision.reason, message);
      case 'failed':
        if (maybeDelivered) return inDoubt(decision.reason, message);
        return {
          end: { status: 'failed', reason: decision.reason, error: message, splittable: decision.splittable },
          attempts,
        };
    }
  }
}
