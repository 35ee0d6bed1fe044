import type { Clock, Recipient } from '@omnicast/core';
import type { BatchCounts, BatchSenderEvents, RecipientOutcome } from './batch-sender-types.js';
import type { TypedEmitter } from './typed-emitter.js';

/** Options of {@link createRunTracker}. */
export interface RunTrackerOptions {
  batchId: string;
  clock: Clock;
  emitter: TypedEmitter<BatchSenderEvents>;
  /** Keep every outcome for the report. */
  collect: boolean;
  progressIntervalMs: number;
  /** Recipients expected, when known (for the ETA). */
  total: number | undefined;
  /** Calls in flight now. */
  inFlight: () => number;
}

/** Counts a run's outcomes, keeps them for the report and emits `recipient-done` and `progress`. */
export interface RunTracker {
  readonly counts: BatchCounts;
  readonly outcomes: RecipientOutcome[];
  readonly startedAt: number;
  finish(
    recipient: Recipient,
    key: string,
    status: RecipientOutcome['status'],
    extra?: Partial<RecipientOutcome>,
  ): void;
  /** Emits `progress` if the interval has passed (or always with `force`). */
  progress(force: boolean): void;
}

/** Creates a {@link RunTracker}. */
export function createRunTracker(options: RunTrackerOptions): RunTracker {
  const { clock, emitter, collect } = options;
  const counts: BatchCounts = { total: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 };
  const outcomes: RecipientOutcome[] = [];
  const startedAt = clock.now();
  let lastProgress = Number.NEGATIVE_INFINITY;

  const progress = (force: boolean) => {
    const now = clock.now();
    if (!force && now - lastProgress < options.progressIntervalMs) return;
    if (!emitter.has('progress')) return;
    lastProgress = now;
    const done = counts.sent + counts.failed + counts.skipped + counts.unknown;
    const ratePerSecond = (done / Math.max(1, now - startedAt)) * 1000;
    const total = options.total;
    emitter.emit('progress', {
      batchId: options.batchId,
      ...counts,
      inFlight: options.inFlight(),
      queued: counts.total - done,
      ratePerSecond,
      ...(total !== undefined && ratePerSecond > 0 ? { etaMs: ((total - done) / ratePerSecond) * 1000 } : {}),
    });
  };

  return {
    counts,
    outcomes,
    startedAt,
    progress,
    finish(recipient, key, status, extra = {}) {
      counts[status]++;
      if (collect || emitter.has('recipient-done')) {
        const outcome: RecipientOutcome = {
          recipient,
          recipientKey: key,
          status,
          attempts: 0,
          at: clock.now(),
          ...extra,
        };
        if (collect) outcomes.push(outcome);
        emitter.emit('recipient-done', outcome);
      }
      progress(false);
    },
  };
}
