import {
  type Channel,
  type Clock,
  type Message,
  type MessageVariables,
  renderMessage,
  systemClock,
} from '@omnicast/core';
import PQueue from 'p-queue';
import type { Batch, BatchSenderEvents, BatchSenderOptions, Concurrency } from './batch-sender-types.js';
import type { Budget } from './billing.js';
import { type ResolvedRetry, resolveRetry } from './classify-failure.js';
import { createQuietHoursCalendar, type QuietHoursCalendar } from './quiet-hours.js';
import { createRecipientPacer, type RecipientPacer } from './recipient-pacer.js';
import { assertRateLimit, createTokenBucket, type TokenBucket } from './token-bucket.js';
import type { TypedEmitter } from './typed-emitter.js';

/** State shared by every run of one sender: buckets, pacing, pause, concurrency. */
export interface SenderRuntime {
  channel: Channel;
  clock: Clock;
  options: BatchSenderOptions;
  emitter: TypedEmitter<BatchSenderEvents>;
  concurrency: Concurrency;
  retry: ResolvedRetry;
  /** The concurrency queue of one vendor operation (each operation has its own, so buckets never block each other). */
  queueFor(operation: string): PQueue;
  /** Whether a call must wait for a resume or the end of quiet hours (a cheap, synchronous check). */
  mustWait(): boolean;
  pacer: RecipientPacer | undefined;
  bucketFor(operation: string): TokenBucket | undefined;
  waitForQuietHours(batchId: string, signal: AbortSignal): Promise<void>;
  waitWhilePaused(signal: AbortSignal): Promise<void>;
  renderMessage(message: Message, variables: MessageVariables): Message;
  budgetOf(batch: Batch): Budget;
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

/** Builds the shared runtime of a sender; validates its options. */
export function createSenderRuntime(
  options: BatchSenderOptions,
  emitter: TypedEmitter<BatchSenderEvents>,
): SenderRuntime {
  const channel = options.channel;
  const clock = options.clock ?? systemClock;
  const concurrency: Concurrency =
    typeof options.concurrency === 'number'
      ? { maxInFlight: options.concurrency }
      : (options.concurrency ?? { maxInFlight: 16 });
  const declared = channel.capabilities.rateLimits;
  const overrides = options.rateLimits ?? {};
  for (const [operation, limit] of Object.entries(overrides)) {
    if (limit) assertRateLimit(limit, `rateLimits.${operation}`);
  }
  const buckets = new Map<string, TokenBucket | undefined>();
  const pacing =
    options.recipientPacing === false
      ? undefined
      : (options.recipientPacing ?? channel.capabilities.recipientPacing);
  if (pacing) assertRateLimit(pacing, 'recipientPacing');
  const quiet: QuietHoursCalendar | undefined = options.quietHours
    ? createQuietHoursCalendar(options.quietHours)
    : undefined;
  let paused = false;
  const queues = new Map<string, PQueue>();
  const announcedQuiet = new Map<string, number>();
  let resumeWaiters: (() => void)[] = [];

  return {
    channel,
    clock,
    options,
    emitter,
    concurrency,
    retry: resolveRetry(options.retry),
    queueFor(operation) {
      let queue = queues.get(operation);
      if (!queue) {
        queue = new PQueue({ concurrency: Math.max(1, concurrency.maxInFlight) });
        queues.set(operation, queue);
      }
      return queue;
    },
    mustWait: () => paused || (quiet !== undefined && quiet.delayMs(clock.now()) > 0),
    pacer: pacing ? createRecipientPacer(pacing, clock) : undefined,
    bucketFor(operation) {
      if (buckets.has(operation)) return buckets.get(operation);
      const override = Object.hasOwn(overrides, operation) ? overrides[operation] : undefined;
      const limit = override === false ? undefined : (override ?? declared[operation]);
      if (limit) assertRateLimit(limit, `rateLimits.${operation}`);
      const bucket = limit ? createTokenBucket(limit, clock, options.rateLimitRecovery) : undefined;
      buckets.set(operation, bucket);
      return bucket;
    },
    async waitForQuietHours(batchId, signal) {
      if (!quiet) return;
      for (;;) {
        const delay = quiet.delayMs(clock.now());
        if (delay <= 0) return;
        const until = clock.now() + delay;
        // Every waiting call arrives here: announce each window once per batch.
        const announced = announcedQuiet.get(batchId);
        if (announced === undefined || Math.abs(announced - until) > 1000) {
          announcedQuiet.set(batchId, until);
          emitter.emit('quiet-hours', { batchId, until });
        }
        await clock.sleep(delay, signal);
      }
    },
    async waitWhilePaused(signal) {
      while (paused) {
        signal.throwIfAborted();
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
          resumeWaiters.push(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      }
    },
    renderMessage: (message, variables) => renderMessage(message, variables),
    budgetOf: (batch) => batch.budget ?? options.budget ?? {},
    pause() {
      if (paused) return;
      paused = true;
      emitter.emit('paused', {});
    },
    resume() {
      if (!paused) return;
      paused = false;
      const waiters = resumeWaiters;
      resumeWaiters = [];
      for (const wake of waiters) wake();
      emitter.emit('resumed', {});
    },
    get isPaused() {
      return paused;
    },
  };
}
