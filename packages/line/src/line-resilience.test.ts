import type { Clock } from '@omnicast/core';
import { createLineMockServer, type FaultOptions, type LineMockServer } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { token, userId } from './__tests__/line-test-harness.js';
import { LineClient, type LineClientOptions } from './line-client.js';
import type { LineSendResult } from './line-request-context.js';

/** Deterministic PRNG (mulberry32) so the injected faults are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 20% of requests fail: 10% answered 500 before handling, 5% dropped before handling, 5% handled
 * (delivered!) and then dropped so the client never sees the answer. The mock applies drop, then
 * error, then drop-after-handling, hence the conditional rates.
 */
const twentyPercentFaults = (seed: number): FaultOptions => ({
  dropRate: 0.05,
  errorRate: 0.1 / 0.95,
  dropAfterHandlingRate: 0.05 / 0.85,
  random: seeded(seed),
});

/** Backoff sleeps are skipped (the retry policy still decides whether to retry). */
const noWait: Clock = { now: () => Date.now(), sleep: async () => {} };

async function pushAll(mock: LineMockServer, client: LineClient, pushes: number, concurrency: number) {
  const results: LineSendResult[] = [];
  const failures: unknown[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pushes) {
        const index = next++;
        try {
          results.push(
            await client.push({
              to: userId(index + 1),
              messages: [{ type: 'text', text: `Order ${index} shipped` }],
            }),
          );
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  const perUser = Array.from({ length: pushes }, (_, index) => mock.inbox.countFor(userId(index + 1)));
  return {
    failures,
    seconds: (performance.now() - started) / 1000,
    attempts: results.reduce((sum, result) => sum + result.attempts, 0),
    recovered: results.filter((result) => result.alreadyAccepted).length,
    deliveredOnce: perUser.filter((count) => count === 1).length,
  };
}

const clientOptions = (extra: Partial<LineClientOptions>): LineClientOptions => ({
  channelAccessToken: token,
  clock: noWait,
  retry: { maxAttempts: 12, baseDelayMs: 1, maxDelayMs: 4 },
  timeoutMs: 10_000,
  ...extra,
});

describe('resilience: retry keys make pushes exactly-once through 5xx and dropped connections', () => {
  it('10,000 pushes with 20% injected faults (in-process mock fetch)', { timeout: 180_000 }, async () => {
    // The push shapes are contract-checked in line-client.test.ts; here only delivery counts matter.
    // Backoff sleeps are skipped, so LINE's real 2,000/s push bucket would turn this into a rate-limit
    // test whose result depends on machine speed; rate limits have their own tests. Faults only here.
    const mock = createLineMockServer({
      channelAccessToken: token,
      faults: twentyPercentFaults(42),
      rateLimits: { push: { limit: 1_000_000, intervalMs: 1000 } },
    });
    const pushes = 10_000;
    const outcome = await pushAll(mock, new LineClient(clientOptions({ fetch: mock.fetch })), pushes, 64);
    console.info(
      `resilience (in-process): ${pushes} pushes, ${outcome.attempts} HTTP attempts, ${outcome.recovered} resolved by 409 ` +
        `already-accepted, ${outcome.failures.length} failures, ${outcome.deliveredOnce} users received exactly once, ` +
        `${outcome.seconds.toFixed(1)} s`,
    );
    expect(outcome.failures).toEqual([]);
    expect(outcome.attempts).toBeGreaterThan(pushes * 1.15);
    expect(outcome.recovered).toBeGreaterThan(pushes * 0.03);
    expect(outcome.deliveredOnce).toBe(pushes);
    expect(mock.inbox.total()).toBe(pushes);
  });

  it('500 pushes with 20% injected faults over real loopback sockets', { timeout: 180_000 }, async () => {
    const mock = createLineMockServer({
      channelAccessToken: token,
      faults: twentyPercentFaults(7),
      rateLimits: { push: { limit: 1_000_000, intervalMs: 1000 } },
    });
    const running = await mock.listen({ host: '127.0.0.1' });
    try {
      const pushes = 500;
      const outcome = await pushAll(
        mock,
        new LineClient(clientOptions({ baseUrl: running.url })),
        pushes,
        32,
      );
      console.info(
        `resilience (loopback): ${pushes} pushes, ${outcome.attempts} HTTP attempts, ${outcome.recovered} resolved by 409, ` +
          `${outcome.failures.length} failures, ${outcome.deliveredOnce} exactly once, ${outcome.seconds.toFixed(1)} s`,
      );
      expect(outcome.failures).toEqual([]);
      expect(outcome.recovered).toBeGreaterThan(0);
      expect(outcome.deliveredOnce).toBe(pushes);
      expect(mock.inbox.total()).toBe(pushes);
    } finally {
      await running.close();
    }
  });

  it('without a retry key a dropped-after-handling reply is not repeated (no duplicate, the caller sees the error)', async () => {
    const mock = createLineMockServer({ channelAccessToken: token, faults: { dropAfterHandlingRate: 1 } });
    const client = new LineClient(clientOptions({ fetch: mock.fetch }));
    const error = await client
      .reply({ replyToken: 'r1', messages: [{ type: 'text', text: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'network' });
    expect(mock.inbox.countFor('reply:r1')).toBe(1);
  });

  it('retries a keyed push after a timeout with the same key, but not a reply', async () => {
    const mock = createLineMockServer({ channelAccessToken: token });
    const keys: (string | null)[] = [];
    let hangs = 1;
    // The first request never answers; the client's per-attempt timeout aborts it.
    const hangingFetch: typeof fetch = (input, init) => {
      keys.push(new Headers(init?.headers).get('x-line-retry-key'));
      if (hangs-- > 0)
        return new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      return mock.fetch(input, init);
    };
    const client = new LineClient(clientOptions({ fetch: hangingFetch, timeoutMs: 20 }));
    const result = await client.push({ to: userId(1), messages: [{ type: 'text', text: 'x' }] });
    expect(result.attempts).toBe(2);
    expect(new Set(keys).size).toBe(1);
    expect(mock.inbox.countFor(userId(1))).toBe(1);
    hangs = 1;
    const error = await client
      .reply({ replyToken: 'r2', messages: [{ type: 'text', text: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(mock.inbox.countFor('reply:r2')).toBe(0);
  });
});
