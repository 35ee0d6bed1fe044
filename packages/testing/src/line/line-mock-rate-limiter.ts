import type { Clock } from '@omnicast/core';
import type { LineMockRateLimit } from './line-mock-types.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** LINE's documented rate limits per operation (developers.line.biz reference, "Rate limits"). */
export const lineMockDefaultRateLimits: Readonly<Record<string, LineMockRateLimit>> = {
  default: { limit: 2000, intervalMs: second },
  multicast: { limit: 200, intervalMs: second },
  narrowcast: { limit: 60, intervalMs: hour },
  broadcast: { limit: 60, intervalMs: hour },
  audience: { limit: 60, intervalMs: minute },
  'loading-animation': { limit: 100, intervalMs: second },
  'richmenu-create': { limit: 100, intervalMs: hour },
  'richmenu-delete': { limit: 100, intervalMs: hour },
  'richmenu-alias-delete': { limit: 100, intervalMs: hour },
  'richmenu-list': { limit: 10, intervalMs: second },
  stats: { limit: 60, intervalMs: hour },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets per endpoint, refilled continuously on an injected clock. */
export class LineMockRateLimiter {
  readonly #limits: Readonly<Record<string, LineMockRateLimit>>;
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();

  constructor(clock: Clock, overrides: Readonly<Record<string, LineMockRateLimit>> = {}) {
    this.#clock = clock;
    this.#limits = { ...lineMockDefaultRateLimits, ...overrides };
  }

  /** The limit applying to a bucket name (falls back to `default`). */
  limitFor(bucket: string): LineMockRateLimit {
    return this.#limits[bucket] ?? this.#limits.default!;
  }

  /**
   * Takes one token from the bucket of an endpoint (`key`, e.g. `POST /v2/bot/message/push`) whose
   * limit is looked up by `limitName` (operation or group, e.g. `push`, `audience`). False when the
   * bucket is empty (answer 429). Different methods on one URL are different endpoints, as at LINE.
   */
  take(key: string, limitName: string): boolean {
    const limit = this.#limits[limitName] ?? this.limitFor(key);
    const now = this.#clock.now();
    const state = this.#buckets.get(key) ?? { tokens: limit.limit, updatedAt: now };
    const refill = ((now - state.updatedAt) / limit.intervalMs) * limit.limit;
    state.tokens = Math.min(limit.limit, state.tokens + refill);
    state.updatedAt = now;
    this.#buckets.set(key, state);
    if (state.tokens < 1) return false;
    state.tokens -= 1;
    return true;
  }

  reset(): void {
    this.#buckets.clear();
  }
}
