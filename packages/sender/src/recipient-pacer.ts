import type { Clock, RateLimit } from '@omnicast/core';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/** Per-recipient pacing: one token bucket per recipient key, dropped again once idle. */
export interface RecipientPacer {
  take(recipientKey: string, signal?: AbortSignal): Promise<void>;
  /** The message to this recipient goes out now (see `TokenBucket.settle`). */
  settle(recipientKey: string): void;
  /** Buckets currently held. */
  readonly size: number;
}

/** Creates a {@link RecipientPacer}. Memory stays bounded: idle, full buckets are swept. */
export function createRecipientPacer(rateLimit: RateLimit, clock: Clock, sweepAbove = 1024): RecipientPacer {
  const buckets = new Map<string, TokenBucket>();
  let sweepAt = sweepAbove;
  return {
    get size() {
      return buckets.size;
    },
    take(recipientKey, signal) {
      let bucket = buckets.get(recipientKey);
      if (!bucket) {
        if (buckets.size >= sweepAt) {
          for (const [key, candidate] of buckets) if (candidate.isIdle()) buckets.delete(key);
          sweepAt = Math.max(sweepAbove, buckets.size * 2);
        }
        bucket = createTokenBucket(rateLimit, clock);
        buckets.set(recipientKey, bucket);
      }
      return bucket.take(signal);
    },
    settle(recipientKey) {
      buckets.get(recipientKey)?.settle();
    },
  };
}
