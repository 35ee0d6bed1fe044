import { createFakeClock } from '@omnicast/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowestTokens } from './__tests__/reference-bucket.js';
import { assertRateLimit, createTokenBucket } from './token-bucket.js';

describe('createTokenBucket', () => {
  it('spaces takes exactly at the rate when the burst is 1', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const bucket = createTokenBucket({ limit: 10, intervalMs: 1000, burst: 1 }, clock);
    const times = await Promise.all(
      Array.from({ length: 30 }, () => bucket.take().then(() => clock.now() - start)),
    );
    expect(times).toEqual(Array.from({ length: 30 }, (_, index) => index * 100));
  });

  it('lets a burst through at once, then refills continuously', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const bucket = createTokenBucket({ limit: 5, intervalMs: 1000 }, clock);
    const times = await Promise.all(
      Array.from({ length: 8 }, () => bucket.take().then(() => clock.now() - start)),
    );
    expect(times.map(Math.round)).toEqual([0, 0, 0, 0, 0, 200, 400, 600]);
  });

  it('never exceeds the bucket and uses every token (work-conserving), for any limit and arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 60 }),
        async (limit, intervalMs, burst, arrivals) => {
          const clock = createFakeClock({ mode: 'auto' });
          const start = clock.now();
          const bucket = createTokenBucket({ limit, intervalMs, burst }, clock);
          const sorted = [...arrivals].sort((a, b) => a - b);
          const times = await Promise.all(
            sorted.map(async (arrival) => {
              await clock.sleep(arrival);
              await bucket.take();
              return clock.now() - start;
            }),
          );
          // Exact up to the clock's float resolution: a grant is never more than 2 µs early.
          const slack = Math.max(1e-4, (limit / intervalMs) * 0.002);
          expect(lowestTokens(times, limit, intervalMs, burst)).toBeGreaterThanOrEqual(-slack);
          // Work-conserving: each grant is at its arrival or exactly when the reference bucket refills.
          const rate = limit / intervalMs;
          let tokens = burst;
          let last = 0;
          for (const [index, arrival] of sorted.entries()) {
            const at = Math.max(arrival, last);
            tokens = Math.min(burst, tokens + (at - last) * rate);
            const grant = tokens >= 1 ? at : at + (1 - tokens) / rate;
            tokens = Math.min(burst, tokens + (grant - at) * rate) - 1;
            last = grant;
            expect(Math.abs(times[index]! - grant)).toBeLessThan(0.02);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('blocks for the Retry-After wait after a 429, then recovers to the full rate', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const bucket = createTokenBucket({ limit: 10, intervalMs: 1000, burst: 1 }, clock, {
      slowdownFactor: 0.5,
      recoveryMs: 2000,
    });
    await bucket.take();
    bucket.penalize(5000);
    const times: number[] = [];
    for (let index = 0; index < 40; index++) {
      await bucket.take();
      times.push(clock.now() - start);
    }
    expect(times[0]).toBeGreaterThanOrEqual(5000);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps[0]).toBeGreaterThan(150);
    expect(gaps.at(-1)).toBeCloseTo(100, 5);
    expect(bucket.isIdle()).toBe(false);
    await clock.sleep(1000);
    expect(bucket.isIdle()).toBe(true);
  });

  it('wakes a sleeping bucket when penalized and removes aborted waiters', async () => {
    const clock = createFakeClock({ mode: 'manual' });
    const bucket = createTokenBucket({ limit: 1, intervalMs: 1000 }, clock);
    await bucket.take();
    const controller = new AbortController();
    const aborted = bucket.take(controller.signal);
    let second = false;
    const next = bucket.take().then(() => {
      second = true;
    });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    bucket.penalize(3000);
    await clock.advance(2999);
    expect(second).toBe(false);
    await clock.advance(3000);
    await next;
    expect(second).toBe(true);
    await expect(bucket.take(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('settle() counts a token taken earlier as used now', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const bucket = createTokenBucket({ limit: 1, intervalMs: 1000 }, clock);
    await bucket.take();
    await clock.sleep(5000);
    bucket.settle();
    await bucket.take();
    expect(clock.now() - start).toBe(6000);
  });

  it.each([
    [{ limit: 0, intervalMs: 1000 }],
    [{ limit: 1, intervalMs: 0 }],
    [{ limit: 1, intervalMs: 1000, burst: 0.5 }],
  ])('rejects an unusable rate limit %j', (limit) => {
    expect(() => assertRateLimit(limit, 'rateLimits.push')).toThrow(/rateLimits.push/);
  });
});
