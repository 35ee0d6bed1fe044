import type { Message } from '@omnicast/core';
import { createFakeClock, createMockChannel } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { withRateLimit } from './index.js';

const message: Message = { parts: [{ type: 'text', text: 'x' }] };

describe('withRateLimit', () => {
  it('spaces calls per operation and keeps the Channel contract', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const inner = createMockChannel({
      clock,
      capabilities: {
        maxRecipientsPerCall: 10,
        operations: { user: 'push', many: 'multicast' },
        rateLimits: {
          push: { limit: 10, intervalMs: 1000, burst: 1 },
          multicast: { limit: 1, intervalMs: 1000 },
        },
      },
    });
    const channel = withRateLimit(inner, { clock });
    expect(channel.kind).toBe(inner.kind);
    await Promise.all([
      ...Array.from({ length: 5 }, (_, index) =>
        channel.send({ recipient: { type: 'user', userId: `U${index}` }, message }),
      ),
      ...Array.from({ length: 3 }, () =>
        channel.sendMany!({ recipients: [{ type: 'user', userId: 'M1' }], message }),
      ),
    ]);
    const push = inner.calls.filter((call) => call.method === 'send').map((call) => call.at - start);
    const many = inner.calls.filter((call) => call.method === 'sendMany').map((call) => call.at - start);
    expect(push).toEqual([0, 100, 200, 300, 400]);
    expect(many).toEqual([0, 1000, 2000]);
  });

  it('slows the bucket after a 429, rethrows it, and honours overrides and pacing', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const start = clock.now();
    const inner = createMockChannel({
      clock,
      capabilities: { operations: { user: 'push' }, rateLimits: { push: { limit: 1000, intervalMs: 1000 } } },
      outcomes: { 'user:A': { reason: 'rate-limited', retryAfterMs: 5000 } },
    });
    const channel = withRateLimit(inner, {
      clock,
      rateLimits: { push: { limit: 100, intervalMs: 1000 } },
      recipientPacing: { limit: 1, intervalMs: 2000 },
    });
    expect(channel.sendMany).toBeUndefined();
    await expect(channel.send({ recipient: { type: 'user', userId: 'A' }, message })).rejects.toMatchObject({
      reason: 'rate-limited',
    });
    await channel.send({ recipient: { type: 'user', userId: 'B' }, message });
    await channel.send({ recipient: { type: 'user', userId: 'B' }, message });
    const times = inner.calls.map((call) => call.at - start);
    expect(times[1]).toBeGreaterThanOrEqual(5000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2000);
    const unlimited = withRateLimit(inner, { clock, rateLimits: { push: false }, recipientPacing: false });
    const before = clock.now();
    await unlimited.send({ recipient: { type: 'user', userId: 'C' }, message });
    expect(inner.calls.at(-1)!.at).toBe(before);
  });
});
