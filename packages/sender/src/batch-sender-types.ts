import type { Channel, Clock, ErrorReason, Message, RateLimit, Recipient, SendLedger } from '@omnicast/core';
import type { Budget } from './billing.js';
import type { QuietHours } from './quiet-hours.js';
import type { RateLimitRecovery } from './token-bucket.js';

/** How many calls run at once, and how many recipients may wait in memory. */
export interface Concurrency {
  /** Channel calls in flight at once per vendor operation (default 16). */
  maxInFlight: number;
  /** Recipients read ahead of the calls (default 4 × the read window); bounds memory. */
  maxQueued?: number;
}

/** Retries of one call. Only retryable reasons are retried, with exponential backoff and full jitter. */
export interface RetryOptions {
  /** Attempts per call including the first (default 4). Rate-limit waits do not count. */
  maxAttempts?: number;
  /** First backoff ceiling (default 500 ms); doubles each retry. */
  baseDelayMs?: number;
  /** Largest backoff (default 30 s). */
  maxDelayMs?: number;
  /** Rate-limited answers tolerated per call before it fails (default 20). */
  maxRateLimitRetries?: number;
  /**
   * Reasons after which the vendor may have delivered although the call failed. On a channel
   * without idempotency keys they are never retried and end `unknown`. Default: `timeout`,
   * `network`, `server-error`, `unknown`, `aborted`.
   */
  maybeDeliveredReasons?: readonly ErrorReason[];
  /** Random source in [0, 1) for jitter. */
  random?: () => number;
}

/** Whether a campaign may reach the same recipient again (seeds §3.3), checked against the ledger on every run. */
export type ResendPolicy =
  /** The audience receives the campaign on every run. */
  | { type: 'allow-repeats' }
  /** Each recipient receives the campaign at most once, ever. */
  | { type: 'once-per-campaign' }
  /** Anyone who received the campaign in the last `days` days is skipped. */
  | { type: 'not-within'; days: number };

/** Why a recipient was skipped. */
export type SkipReason =
  /** The ledger shows this batch already sent it. */
  | 'already-sent'
  /** The re-send policy forbids sending it again. */
  | 'resend-policy'
  /** The budget or the channel's quota is used up; a later run can resume. */
  | 'quota-exceeded'
  /** The run was cancelled first. */
  | 'cancelled'
  /** The same recipient and content appeared twice. */
  | 'duplicate';

/** Why a recipient failed or is unknown. */
export type FailureReason =
  | ErrorReason
  /** The message could not be rendered or validated for the channel. */
  | 'invalid-message'
  /** Intent recorded, outcome not, and the channel cannot make a re-send safe. */
  | 'in-doubt';

/** What happened to one recipient. */
export interface RecipientOutcome {
  recipient: Recipient;
  recipientKey: string;
  /** `unknown`: it may or may not have been delivered and is not re-sent. */
  status: 'sent' | 'failed' | 'skipped' | 'unknown';
  reason?: SkipReason | FailureReason;
  /** Error message, for `failed` and `unknown`. */
  error?: string;
  /** Calls made for it in this run. */
  attempts: number;
  idempotencyKey?: string;
  operation?: string;
  /** True when the vendor said an earlier attempt with the same key was accepted. */
  alreadyAccepted?: boolean;
  /** Clock time of the outcome. */
  at: number;
}

/** A batch: one message (or a render function) to many recipients. */
export interface Batch {
  /** Stable id; re-running the same id resumes it from the ledger. */
  id: string;
  /** Campaign (flow) the batch belongs to; required by re-send policies other than `allow-repeats`. */
  campaignId?: string;
  /**
   * The message, personalised per recipient with `{{variables}}` from `recipient.variables`, or a
   * function rendering each recipient's message.
   */
  message: Message | ((recipient: Recipient) => Message | Promise<Message>);
  /** An array or any (async) iterable: streamed in constant memory. */
  recipients: Iterable<Recipient> | AsyncIterable<Recipient>;
  /** Number of recipients, when known (for progress and ETA). Arrays need none. */
  total?: number;
  /** Overrides the sender's re-send policy for this batch. */
  resendPolicy?: ResendPolicy;
  /** Overrides the sender's budget for this batch. */
  budget?: Budget;
  /** Cancels the run. */
  signal?: AbortSignal;
}

/** Options of `createBatchSender()`. */
export interface BatchSenderOptions {
  channel: Channel;
  /** Durable record of intents and outcomes. Without one, runs cannot resume and re-send policies are unavailable. */
  ledger?: SendLedger;
  clock?: Clock;
  /** Per vendor operation (`push`, `multicast`…): overrides the channel's declared limits; `false` removes one. */
  rateLimits?: Readonly<Record<string, RateLimit | false>>;
  /** Overrides the channel's per-recipient pacing; `false` removes it. */
  recipientPacing?: RateLimit | false;
  /** How a bucket slows down after a 429 and recovers. */
  rateLimitRecovery?: RateLimitRecovery;
  /** Calls in flight (a number) or full concurrency options. */
  concurrency?: number | Concurrency;
  retry?: RetryOptions;
  /** Sends due inside are postponed to the window's end. */
  quietHours?: QuietHours;
  /** Default `{type:'allow-repeats'}`. */
  resendPolicy?: ResendPolicy;
  budget?: Budget;
  /** Remaining billable units at the vendor (LINE quota minus consumption); read once per run. */
  quota?: () => number | undefined | Promise<number | undefined>;
  /** Recipients read, checked and claimed per ledger round trip (default 500, at least the channel's `maxRecipientsPerCall`). */
  windowSize?: number;
  /** Keep every recipient's outcome in the report (default true). Turn off for huge batches and use `recipient-done`. */
  collectOutcomes?: boolean;
  /** Minimum clock time between `progress` events (default 1 s). */
  progressIntervalMs?: number;
  /** Passed to the channel: refuse to degrade content. */
  strict?: boolean;
}

/** Counts of a run. */
export interface BatchCounts {
  /** Recipients read from the source. */
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  unknown: number;
}

/** A `progress` event. */
export interface BatchProgress extends BatchCounts {
  batchId: string;
  /** Calls in flight now. */
  inFlight: number;
  /** Recipients read but not finished. */
  queued: number;
  /** Recipients finished per second since the start. */
  ratePerSecond: number;
  /** Expected time left, when the total is known. */
  etaMs?: number;
}

/** A `chunk-done` event: one channel call finished (after its retries). */
export interface ChunkDone {
  batchId: string;
  operation: string;
  recipients: number;
  status: RecipientOutcome['status'];
  reason?: RecipientOutcome['reason'];
  idempotencyKey: string;
  attempts: number;
}

/** A `rate-limited` event: the vendor answered 429 and the operation's bucket was slowed. */
export interface RateLimitedEvent {
  batchId: string;
  operation: string;
  retryAfterMs: number;
}

/** A `quiet-hours` event: sending is postponed until `until`. */
export interface QuietHoursEvent {
  batchId: string;
  until: number;
}

/** How a run ended. */
export type BatchStatus = 'completed' | 'cancelled' | 'quota-exceeded';

/** The final report of a run. */
export interface BatchReport {
  batchId: string;
  campaignId?: string;
  status: BatchStatus;
  counts: BatchCounts;
  /** Billable units of what was sent in this run. */
  billableUnits: number;
  /** `billableUnits × budget.costPerUnit`, when a price is known. */
  cost?: number;
  startedAt: number;
  finishedAt: number;
  /** Every recipient's outcome, in completion order (empty when `collectOutcomes` is false). */
  outcomes: RecipientOutcome[];
}

/** The result of `preflight()`: what a run would cost, before it starts. */
export interface BatchPreflight {
  recipients: number;
  billableUnits: number;
  cost?: number;
  /** Units the budget allows (absent when unlimited). */
  budgetUnits?: number;
  /** Remaining quota reported by `quota()`. */
  quotaRemaining?: number;
  /** Whether the whole batch fits the budget and the quota. */
  fits: boolean;
}

/** Events of a batch sender and their payloads. */
export interface BatchSenderEvents {
  progress: BatchProgress;
  'recipient-done': RecipientOutcome;
  'chunk-done': ChunkDone;
  'rate-limited': RateLimitedEvent;
  'quiet-hours': QuietHoursEvent;
  paused: { batchId?: string };
  resumed: { batchId?: string };
}

/** A batch sender. */
export interface BatchSender {
  /** Sends a batch; resolves with the report. Rejects only for configuration or ledger errors. */
  run(batch: Batch): Promise<BatchReport>;
  /** Counts recipients and billable units and checks them against the budget and quota, without sending. */
  preflight(batch: Batch): Promise<BatchPreflight>;
  /** Stops starting calls; calls in flight finish. */
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
  /** Cancels every running batch: nothing new starts, calls in flight are aborted. */
  cancel(reason?: unknown): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof BatchSenderEvents>(
    event: E,
    listener: (payload: BatchSenderEvents[E]) => void,
  ): () => void;
}
