import { ApiCallError, type ChannelCapabilities, type Message, type Recipient } from '@omnicast/core';
import { createFakeClock, createMockChannel, type MockChannelOptions } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { lowestTokens } from './__tests__/reference-bucket.js';
import type { BatchProgress, ChunkDone, RecipientOutcome } from './index.js';
import { createBatchSender } from './index.js';

const text = (value: string): Message => ({ parts: [{ type: 'text', text: value }] });
const users = (count: number, prefix = 'U'): Recipient[] =>
  Array.from({ length: count }, (_, index) => ({ type: 'user', userId: `${prefix}${index}` }));

const lineLike: Partial<ChannelCapabilities> = {
  maxRecipientsPerCall: 500,
  operations: { user: 'push', many: 'multicast', phone: 'pnp' },
  rateLimits: { push: { limit: 2000, intervalMs: 1000 }, multicast: { limit: 200, intervalMs: 1000 } },
  supportsIdempotencyKey: true,
  billingUnit: 'recipient',
};

function setup(options: Omit<MockChannelOptions, 'clock'> = {}) {
  const clock = createFakeClock({ mode: 'auto' });
  const channel = createMockChannel({ clock, latencyMs: 5, ...options });
  return { clock, channel, start: clock.now() };
}

describe('createBatchSender: grouping and chunking', () => {
  it('multicasts identical content in chunks of maxRecipientsPerCall and personalised content one by one', async () => {
    const { clock, channel } = setup({ capabilities: lineLike });
    const sender = createBatchSender({ channel, clock });
    const recipients: Recipient[] = [
      ...users(1200),
      { type: 'phone', phone: '+886912345678' },
      { type: 'user', userId: 'V1', variables: { name: 'Ann' } },
    ];
    const report = await sender.run({
      id: 'b1',
      message: text('Hi {{name | friend}}'),
      recipients,
    });
    expect(report.counts).toEqual({ total: 1202, sent: 1202, failed: 0, skipped: 0, unknown: 0 });
    const sizes = channel.calls.map((call) => `${call.method}:${call.recipients.length}`).sort();
    expect(sizes).toEqual(['send:1', 'send:1', 'sendMany:200', 'sendMany:500', 'sendMany:500'].sort());
    const personal = channel.calls.find(
      (call) => call.recipients[0]!.type === 'user' && call.method === 'send',
    );
    expect(personal!.message.parts[0]).toEqual({ type: 'text', text: 'Hi Ann' });
    expect(report.billableUnits).toBe(1202);
    expect(report.outcomes).toHaveLength(1202);
    expect([...channel.delivered.values()].every((count) => count === 1)).toBe(true);
  });

  it('sends one call per recipient when the channel has no multicast', async () => {
    const { clock, channel } = setup();
    const report = await createBatchSender({ channel, clock }).run({
      id: 'b',
      message: text('x'),
      recipients: users(7),
    });
    expect(report.counts.sent).toBe(7);
    expect(channel.calls.every((call) => call.method === 'send')).toBe(true);
  });

  it('streams an async iterable in bounded memory and bounded concurrency', async () => {
    const { clock, channel } = setup();
    let produced = 0;
    let finished = 0;
    let mostAhead = 0;
    async function* source() {
      for (let index = 0; index < 5000; index++) {
        produced++;
        mostAhead = Math.max(mostAhead, produced - finished);
        yield { type: 'user', userId: `S${index}` } as Recipient;
      }
    }
    const sender = createBatchSender({
      channel,
      clock,
      concurrency: { maxInFlight: 4, maxQueued: 200 },
      windowSize: 100,
      collectOutcomes: false,
    });
    sender.on('recipient-done', () => {
      finished++;
    });
    const report = await sender.run({ id: 'stream', message: text('x'), recipients: source() });
    expect(report.counts.sent).toBe(5000);
    expect(report.outcomes).toEqual([]);
    expect(channel.maxInFlight).toBeLessThanOrEqual(4);
    expect(mostAhead).toBeLessThanOrEqual(200 + 100);
  });
});

describe('createBatchSender: rate limits', () => {
  it('never exceeds any bucket and uses every token', async () => {
    const { clock, channel, start } = setup({ capabilities: { ...lineLike, maxRecipientsPerCall: 10 } });
    const sender = createBatchSender({
      channel,
      clock,
      rateLimits: {
        push: { limit: 50, intervalMs: 1000, burst: 5 },
        multicast: { limit: 4, intervalMs: 1000 },
      },
    });
    const personalised = Array.from({ length: 300 }, (_, index) => ({
      type: 'user' as const,
      userId: `P${index}`,
      variables: { n: index },
    }));
    const report = await sender.run({
      id: 'b',
      message: (recipient) =>
        text(recipient.type === 'user' && recipient.userId.startsWith('P') ? recipient.userId : 'same'),
      recipients: [...personalised, ...users(100)],
    });
    expect(report.counts.sent).toBe(400);
    const push = channel.calls.filter((call) => call.method === 'send').map((call) => call.at - start);
    const multicast = channel.calls
      .filter((call) => call.method === 'sendMany')
      .map((call) => call.at - start);
    expect(multicast).toHaveLength(10);
    expect(lowestTokens(push, 50, 1000, 5)).toBeGreaterThanOrEqual(-1e-4);
    expect(lowestTokens(multicast, 4, 1000)).toBeGreaterThanOrEqual(-1e-4);
    // Every token used: 300 pushes at 50/s after a burst of 5 take (300 - 5) / 50 s.
    expect(Math.max(...push)).toBeLessThanOrEqual(((300 - 5) / 50) * 1000 + 20);
    expect(Math.max(...multicast)).toBeLessThanOrEqual(((10 - 4) / 4) * 1000 + 20);
  });

  it('paces messages to the same recipient (WhatsApp: 1 per 6 s, bursts to 45)', async () => {
    const { clock, channel, start } = setup({
      capabilities: { recipientPacing: { limit: 1, intervalMs: 6000, burst: 45 } },
    });
    const sender = createBatchSender({ channel, clock });
    const contents = Array.from({ length: 50 }, (_, index) => ({
      type: 'user' as const,
      userId: 'SAME',
      variables: { n: index },
    }));
    const report = await sender.run({
      id: 'pace',
      message: text('msg {{n | none}}'),
      recipients: [...contents, ...users(3, 'OTHER')],
    });
    expect(report.counts.sent).toBe(53);
    const same = channel.calls
      .filter((call) => call.recipients[0]!.type === 'user' && call.recipients[0]!.userId === 'SAME')
      .map((call) => call.at - start);
    expect(lowestTokens(same, 1, 6000, 45)).toBeGreaterThanOrEqual(-1e-4);
    expect(Math.max(...same)).toBeGreaterThanOrEqual(5 * 6000);
    const others = channel.calls.filter(
      (call) => call.recipients[0]!.type === 'user' && call.recipients[0]!.userId.startsWith('OTHER'),
    );
    expect(Math.max(...others.map((call) => call.at - start))).toBeLessThan(6000);
  });

  it('honours Retry-After on a 429, slows the whole bucket, then recovers', async () => {
    let rejected = 0;
    const { clock, channel, start } = setup({
      capabilities: {
        operations: { user: 'push' },
        rateLimits: { push: { limit: 20, intervalMs: 1000, burst: 1 } },
      },
      outcome: (call) => {
        if (call.at - start >= 1000 && rejected < 1) {
          rejected++;
          return { reason: 'rate-limited', retryAfterMs: 3000 };
        }
        return 'sent';
      },
    });
    const sender = createBatchSender({
      channel,
      clock,
      rateLimitRecovery: { slowdownFactor: 0.5, recoveryMs: 2000 },
    });
    const events: number[] = [];
    sender.on('rate-limited', (event) => events.push(event.retryAfterMs));
    const report = await sender.run({ id: 'rl', message: text('x'), recipients: users(150) });
    expect(report.counts.sent).toBe(150);
    expect(events).toEqual([3000]);
    const times = channel.calls.map((call) => call.at - start);
    const hit = channel.calls.findIndex((call) => call.outcome === 'rate-limited');
    const hitAt = times[hit]!;
    const after = times.slice(hit + 1);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(hitAt + 3000);
    const gaps = after.slice(1).map((time, index) => time - after[index]!);
    expect(gaps[0]).toBeGreaterThan(90);
    expect(gaps.at(-1)).toBeCloseTo(50, 0);
    // The retried recipient is delivered once.
    expect([...channel.delivered.values()].every((count) => count === 1)).toBe(true);
  });

  it('waits out a 429 on an operation without a declared limit and gives up after maxRateLimitRetries', async () => {
    const { clock, channel, start } = setup({
      outcomes: {
        'user:U0': { reason: 'rate-limited' },
        'user:U1': [{ reason: 'rate-limited', retryAfterMs: 700 }, 'sent'],
      },
    });
    const sender = createBatchSender({ channel, clock, retry: { maxRateLimitRetries: 2, baseDelayMs: 100 } });
    const report = await sender.run({ id: 'rl2', message: text('x'), recipients: users(2) });
    const byKey = Object.fromEntries(report.outcomes.map((outcome) => [outcome.recipientKey, outcome]));
    expect(byKey['user:U0']).toMatchObject({ status: 'failed', reason: 'rate-limited', attempts: 3 });
    expect(byKey['user:U1']).toMatchObject({ status: 'sent', attempts: 2 });
    const u1 = channel.calls.filter(
      (call) => call.recipients[0]!.type === 'user' && call.recipients[0]!.userId === 'U1',
    );
    expect(u1[1]!.at - u1[0]!.at).toBe(705);
    expect(u1[0]!.at).toBe(start);
  });
});

describe('createBatchSender: retries', () => {
  it.each([
    ['server-error', true, 'sent', 3],
    ['timeout', true, 'sent', 3],
    ['network', true, 'sent', 3],
    ['invalid-request', true, 'failed', 1],
    ['recipient-unreachable', true, 'failed', 1],
    ['unauthorized', true, 'failed', 1],
    ['outside-window', true, 'failed', 1],
    ['timeout', false, 'unknown', 1],
    ['network', false, 'unknown', 1],
    ['server-error', false, 'unknown', 1],
  ] as const)(
    '%s on a channel with idempotency %s: %s after %d calls',
    async (reason, idempotent, status, calls) => {
      const { clock, channel } = setup({
        capabilities: { supportsIdempotencyKey: idempotent },
        outcomes: { 'user:U0': [{ reason }, { reason }, 'sent'] },
      });
      const sender = createBatchSender({
        channel,
        clock,
        retry: { maxAttempts: 4, baseDelayMs: 100, random: () => 0.5 },
      });
      const report = await sender.run({ id: 'r', message: text('x'), recipients: users(1) });
      expect(report.outcomes[0]).toMatchObject({ status, attempts: calls });
      expect(channel.calls).toHaveLength(calls);
      if (status !== 'sent') expect(report.outcomes[0]!.reason).toBe(reason);
    },
  );

  it('backs off exponentially with jitter and stops after maxAttempts', async () => {
    const { clock, channel } = setup({ outcomes: { 'user:U0': { reason: 'server-error' } } });
    const sender = createBatchSender({
      channel,
      clock,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.99 },
    });
    const report = await sender.run({ id: 'r', message: text('x'), recipients: users(1) });
    expect(report.outcomes[0]).toMatchObject({ status: 'unknown', reason: 'server-error', attempts: 4 });
    const gaps = channel.calls.slice(1).map((call, index) => call.at - channel.calls[index]!.at - 5);
    expect(gaps).toEqual([99, 198, 247]);
  });

  it('keeps the same idempotency key across every retry', async () => {
    const { clock, channel } = setup({
      outcomes: { 'user:U0': [{ reason: 'timeout' }, { reason: 'server-error' }, 'sent'] },
    });
    const report = await createBatchSender({ channel, clock, retry: { baseDelayMs: 10 } }).run({
      id: 'k',
      message: text('x'),
      recipients: users(1),
    });
    const keys = new Set(channel.calls.map((call) => call.options.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(report.outcomes[0]!.idempotencyKey).toBe([...keys][0]);
  });

  it('counts a retry-key conflict as sent', async () => {
    const conflict = new ApiCallError('already accepted', {
      channel: 'mock',
      operation: 'send',
      reason: 'conflict-already-accepted',
      statusCode: 409,
    });
    const { clock, channel } = setup({ outcomes: { 'user:U0': { error: conflict } } });
    const report = await createBatchSender({ channel, clock }).run({
      id: 'c',
      message: text('x'),
      recipients: users(1),
    });
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', alreadyAccepted: true });
    expect(report.billableUnits).toBe(0);
  });

  it('reports an unexpected channel exception as unknown without retrying it', async () => {
    const { clock, channel } = setup({
      outcome: () => {
        throw new TypeError('boom');
      },
    });
    const report = await createBatchSender({ channel, clock }).run({
      id: 'x',
      message: text('x'),
      recipients: users(2),
    });
    expect(report.outcomes.map((outcome) => [outcome.status, outcome.reason, outcome.error])).toEqual([
      ['unknown', 'unknown', 'boom'],
      ['unknown', 'unknown', 'boom'],
    ]);
  });
});

describe('createBatchSender: partial failure', () => {
  it('one bad recipient or bad content never stops the others', async () => {
    const { clock, channel } = setup({
      capabilities: { ...lineLike, maxRecipientsPerCall: 5, limits: { text: { max: 20, unit: 'utf16' } } },
      outcomes: { 'user:U3': { reason: 'invalid-request' } },
    });
    const recipients: Recipient[] = [
      ...users(8),
      { type: 'user', userId: 'LONG', variables: { name: 'x'.repeat(40) } },
      { type: 'user', userId: 'NOVARS' },
    ];
    const report = await createBatchSender({ channel, clock }).run({
      id: 'pf',
      message: (recipient) => {
        if (recipient.type === 'user' && recipient.userId === 'NOVARS') throw new Error('no template');
        return text(
          `Hi ${recipient.type === 'user' && recipient.variables?.name ? String(recipient.variables.name) : ''}`,
        );
      },
      recipients,
    });
    const byKey = Object.fromEntries(report.outcomes.map((outcome) => [outcome.recipientKey, outcome]));
    expect(byKey['user:U3']).toMatchObject({ status: 'failed', reason: 'invalid-request' });
    expect(byKey['user:LONG']).toMatchObject({ status: 'failed', reason: 'invalid-message' });
    expect(byKey['user:NOVARS']).toMatchObject({
      status: 'failed',
      reason: 'invalid-message',
      error: 'no template',
    });
    expect(report.counts).toMatchObject({ sent: 7, failed: 3 });
    expect(report.status).toBe('completed');
    // The multicast chunk holding U3 failed as a whole and was split into single sends.
    expect(
      channel.calls.some((call) => call.method === 'sendMany' && call.outcome === 'invalid-request'),
    ).toBe(true);
    expect(channel.delivered.get('user:U4')).toBe(1);
  });

  it('reports a missing template variable as invalid-message', async () => {
    const { clock, channel } = setup();
    const report = await createBatchSender({ channel, clock }).run({
      id: 'v',
      message: text('Hi {{name}}'),
      recipients: [
        { type: 'user', userId: 'A', variables: { name: 'Ann' } },
        { type: 'user', userId: 'B' },
      ],
    });
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'sent']);
    expect(report.outcomes[0]!.error).toMatch(/missing variable "name"/);
  });

  it('skips duplicates of a recipient and content within a run', async () => {
    const { clock, channel } = setup();
    const report = await createBatchSender({ channel, clock }).run({
      id: 'd',
      message: text('x'),
      recipients: [...users(3), ...users(2)],
    });
    expect(report.counts).toMatchObject({ sent: 3, skipped: 2 });
    expect(
      report.outcomes.filter((outcome) => outcome.status === 'skipped').map((outcome) => outcome.reason),
    ).toEqual(['duplicate', 'duplicate']);
  });
});

describe('createBatchSender: control and reporting', () => {
  it('pauses and resumes', async () => {
    const { clock, channel, start } = setup({
      capabilities: { rateLimits: { send: { limit: 10, intervalMs: 1000, burst: 1 } } },
    });
    const sender = createBatchSender({ channel, clock });
    const seen: string[] = [];
    sender.on('paused', () => seen.push('paused'));
    sender.on('resumed', () => seen.push('resumed'));
    let done = 0;
    sender.on('recipient-done', () => {
      done++;
      if (done === 3) {
        sender.pause();
        sender.pause();
        void clock.sleep(60_000).then(() => sender.resume());
      }
    });
    const report = await sender.run({ id: 'p', message: text('x'), recipients: users(10) });
    expect(report.counts.sent).toBe(10);
    expect(seen).toEqual(['paused', 'resumed']);
    expect(sender.isPaused).toBe(false);
    const times = channel.calls.map((call) => call.at - start);
    const gap = Math.max(...times.slice(1).map((time, index) => time - times[index]!));
    expect(gap).toBeGreaterThanOrEqual(59_000);
  });

  it('cancels mid-run: nothing new starts, the rest is skipped as cancelled', async () => {
    const { clock, channel } = setup({
      capabilities: { rateLimits: { send: { limit: 10, intervalMs: 1000, burst: 1 } } },
    });
    const controller = new AbortController();
    const sender = createBatchSender({ channel, clock, windowSize: 10 });
    sender.on('recipient-done', (outcome) => {
      if (outcome.status === 'sent' && channel.calls.length === 5) controller.abort(new Error('stop'));
    });
    const report = await sender.run({
      id: 'cancel',
      message: text('x'),
      recipients: users(40),
      signal: controller.signal,
    });
    expect(report.status).toBe('cancelled');
    expect(report.counts.sent).toBe(5);
    expect(channel.calls).toHaveLength(5);
    expect(report.counts.skipped).toBe(report.counts.total - 5);
    expect(
      report.outcomes
        .filter((outcome) => outcome.status === 'skipped')
        .every((outcome) => outcome.reason === 'cancelled'),
    ).toBe(true);
  });

  it('cancel() aborts calls in flight and reports them unknown', async () => {
    const { clock, channel } = setup({ latencyMs: 1000 });
    const sender = createBatchSender({ channel, clock, concurrency: 2 });
    void clock.sleep(500).then(() => sender.cancel(new Error('stop')));
    const report = await sender.run({ id: 'c2', message: text('x'), recipients: users(4) });
    expect(report.status).toBe('cancelled');
    expect(
      report.outcomes.filter((outcome) => outcome.status === 'unknown').map((outcome) => outcome.reason),
    ).toEqual(['aborted', 'aborted']);
    expect(report.counts.skipped).toBe(2);
  });

  it('returns a cancelled report for a signal aborted before the start', async () => {
    const { clock, channel } = setup();
    const report = await createBatchSender({ channel, clock }).run({
      id: 'pre',
      message: text('x'),
      recipients: users(3),
      signal: AbortSignal.abort(),
    });
    expect(report.status).toBe('cancelled');
    expect(channel.calls).toHaveLength(0);
    expect(report.counts).toMatchObject({ total: 3, skipped: 3 });
  });

  it('emits progress with rate and ETA, and chunk-done per call', async () => {
    const { clock, channel } = setup({
      capabilities: { rateLimits: { send: { limit: 10, intervalMs: 1000, burst: 1 } } },
    });
    const sender = createBatchSender({ channel, clock, progressIntervalMs: 1000 });
    const progress: BatchProgress[] = [];
    const chunks: ChunkDone[] = [];
    const done: RecipientOutcome[] = [];
    sender.on('progress', (event) => progress.push(event));
    sender.on('chunk-done', (event) => chunks.push(event));
    const off = sender.on('recipient-done', (event) => done.push(event));
    off();
    await sender.run({ id: 'prog', message: text('x'), recipients: users(30) });
    expect(chunks).toHaveLength(30);
    expect(chunks[0]).toMatchObject({
      batchId: 'prog',
      operation: 'send',
      recipients: 1,
      status: 'sent',
      attempts: 1,
    });
    expect(done).toHaveLength(0);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const middle = progress[1]!;
    expect(middle.ratePerSecond).toBeGreaterThan(8);
    expect(middle.ratePerSecond).toBeLessThan(12);
    expect(middle.etaMs).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ total: 30, sent: 30, queued: 0, inFlight: 0 });
  });

  it('rejects a batch without an id and a sender without a channel', async () => {
    const { clock, channel } = setup();
    const sender = createBatchSender({ channel, clock });
    await expect(sender.run({ id: '', message: text('x'), recipients: [] })).rejects.toThrow(/batch.id/);
    expect(() => createBatchSender({} as never)).toThrow(/channel/);
    expect(() =>
      createBatchSender({ channel, clock, rateLimits: { send: { limit: 0, intervalMs: 1 } } }),
    ).toThrow(/rateLimits.send/);
  });
});
