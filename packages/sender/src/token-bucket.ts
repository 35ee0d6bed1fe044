import { type Clock, ConfigurationError, type RateLimit } from '@omnicast/core';

/** How a bucket slows down after a rate-limit answer and recovers. */
export interface RateLimitRecovery {
  /** Share of the declared rate used right after a 429 (default 0.5). */
  slowdownFactor?: number;
  /** Time after the `Retry-After` wait to climb back to the full rate (default 30 s). */
  recoveryMs?: number;
}

/** A token bucket on an injected clock. `take()` resolves in FIFO order, never early (by more than 1 µs). */
export interface TokenBucket {
  readonly rateLimit: RateLimit;
  /** Waits for one token. Rejects with the signal's reason when aborted. */
  take(signal?: AbortSignal): Promise<void>;
  /** A vendor answered 429: no token for `waitMs`, then a reduced rate that recovers over time. */
  penalize(waitMs: number): void;
  /**
   * Says that the token taken last was used only now (the call waited for something else after
   * `take()`): tokens refilled meanwhile beyond `burst - 1` are dropped, as if it had been taken now.
   */
  settle(): void;
  /** True when no one waits and the bucket is full: it can be dropped and recreated. */
  isIdle(): boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

const epsilon = 1e-6;
const toleranceMs = 0.001;
/** Shortest sleep: far above the float resolution of epoch milliseconds, so time always advances. */
const minSleepMs = 0.01;

/** Throws a `ConfigurationError` for a rate limit that cannot work. */
export function assertRateLimit(limit: RateLimit, option: string): void {
  const burst = limit.burst ?? limit.limit;
  if (!(limit.limit > 0) || !(limit.intervalMs > 0) || !(burst >= 1)) {
    throw new ConfigurationError(`${option}: limit and intervalMs must be positive and burst at least 1`, {
      option,
    });
  }
}

/** Creates a {@link TokenBucket}: `limit` tokens per `intervalMs`, holding at most `burst` (default `limit`). */
export function createTokenBucket(
  rateLimit: RateLimit,
  clock: Clock,
  recovery: RateLimitRecovery = {},
): TokenBucket {
  const capacity = rateLimit.burst ?? rateLimit.limit;
  const baseRate = rateLimit.limit / rateLimit.intervalMs;
  const slowdown = recovery.slowdownFactor ?? 0.5;
  const recoveryMs = recovery.recoveryMs ?? 30_000;
  let tokens = capacity;
  let last = clock.now();
  let blockedUntil = Number.NEGATIVE_INFINITY;
  let pumping = false;
  let wake: AbortController | undefined;
  const waiters: Waiter[] = [];

  const rateAt = (now: number): number => {
    if (now < blockedUntil) return baseRate * slowdown;
    const progress = Math.min(1, (now - blockedUntil) / recoveryMs);
    return baseRate * (slowdown + (1 - slowdown) * progress);
  };
  const refill = (now: number) => {
    if (now > last) tokens = Math.min(capacity, tokens + (now - last) * rateAt(last));
    last = Math.max(last, now);
  };

  const sleep = async (ms: number) => {
    wake = new AbortController();
    try {
      await clock.sleep(ms, wake.signal);
    } catch {
      // Woken early by penalize(); the loop recomputes.
    } finally {
      wake = undefined;
    }
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        const now = clock.now();
        if (now < blockedUntil) {
          await sleep(blockedUntil - now);
          continue;
        }
        refill(now);
        // Within a microsecond of the next token counts as on time: epoch milliseconds carry float
        // rounding of about 0.0002 ms, which must not cost a further sleep.
        if (tokens >= 1 - epsilon || (1 - tokens) / rateAt(now) < toleranceMs) {
          tokens -= 1;
          const waiter = waiters.shift()!;
          if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
          waiter.resolve();
          continue;
        }
        await sleep(Math.max(minSleepMs, (1 - tokens) / rateAt(now)));
      }
    } finally {
      pumping = false;
    }
  };

  return {
    rateLimit,
    take(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject };
        if (signal) {
          waiter.signal = signal;
          waiter.onAbort = () => {
            const index = waiters.indexOf(waiter);
            if (index !== -1) waiters.splice(index, 1);
            reject(signal.reason);
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        waiters.push(waiter);
        void pump();
      });
    },
    penalize(waitMs) {
      const now = clock.now();
      refill(now);
      tokens = Math.min(tokens, 0);
      blockedUntil = Math.max(blockedUntil, now + Math.max(0, waitMs));
      last = Math.max(last, blockedUntil);
      wake?.abort();
    },
    settle() {
      refill(clock.now());
      tokens = Math.min(tokens, capacity - 1);
    },
    isIdle() {
      if (waiters.length > 0 || pumping) return false;
      const now = clock.now();
      if (now < blockedUntil) return false;
      refill(now);
      return tokens >= capacity - epsilon;
    },
  };
}
