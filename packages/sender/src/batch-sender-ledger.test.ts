import {
  type ChannelCapabilities,
  ConfigurationError,
  createInMemorySendLedger,
  type Message,
  type Recipient,
  type SendLedger,
} from '@omnicast/core';
import { createFakeClock, createMockChannel, type MockChannelOptions } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { createBatchSender, type QuietHoursEvent } from './index.js';

const text = (value: string): Message => ({ parts: [{ type: 'text', text: value }] });
const users = (count: number, prefix = 'U'): Recipient[] =>
  Array.from({ length: count }, (_, index) => ({ type: 'user', userId: `${prefix}${index}` }));
const dayMs = 86_400_000;

function setup(options: Omit<MockChannelOptions, 'clock'> = {}, now?: number) {
  const clock = createFakeClock({ mode: 'auto', ...(now !== undefined ? { now } : {}) });
  const channel = createMockChannel({ clock, latencyMs: 5, ...options });
  return { clock, channel, ledger: createInMemorySendLedger(), start: clock.now() };
}

/** A ledger whose outcome writes fail after `okWrites` writes: the process "dies" after sending. */
function crashingLedger(inner: SendLedger, okWrites: number): SendLedger {
  let writes = 0;
  return {
    claim: (intents) => inner.claim(intents),
    get: (keys) => inner.get(keys),
    lastSentAt: (query) => inner.lastSentAt(query),
    listBatch: (batchId, options) => inner.listBatch(batchId, options),
    async recordOutcomes(outcomes) {
      writes++;
      if (writes > okWrites) throw new Error('process killed');
      await inner.recordOutcomes(outcomes);
    },
  };
}

const multicast: Partial<ChannelCapabilities> = {
  maxRecipientsPerCall: 5,
  operations: { user: 'push', many: 'multicast' },
  supportsIdempotencyKey: true,
  billingUnit: 'recipient',
};

describe('createBatchSender with a ledger: resume', () => {
  it('re-running a batch skips what was sent', async () => {
    const { clock, channel, ledger } = setup();
    const sender = createBatchSender({ channel, clock, ledger });
    const first = await sender.run({ id: 'b', message: text('x'), recipients: users(5) });
    const second = await sender.run({ id: 'b', message: text('x'), recipients: users(6) });
    expect(first.counts.sent).toBe(5);
    expect(second.counts).toMatchObject({ sent: 1, skipped: 5 });
    expect(second.outcomes.filter((outcome) => outcome.status === 'skipped')[0]).toMatchObject({
      reason: 'already-sent',
    });
    expect(channel.calls).toHaveLength(6);
  });

  it('after a crash, re-sends in-doubt multicast chunks with their original keys and recipients, exactly once', async () => {
    const { clock, channel, ledger } = setup({ capabilities: multicast });
    const recipients = users(23);
    const dying = createBatchSender({ channel, clock, ledger: crashingLedger(ledger, 1), concurrency: 1 });
    await expect(dying.run({ id: 'crash', message: text('x'), recipients })).rejects.toThrow(
      'process killed',
    );
    const firstKeys = new Map(
      channel.calls.map((call) => [
        call.options.idempotencyKey,
        call.recipients.map((r) => (r as { userId: string }).userId),
      ]),
    );
    const pending = await ledger.listBatch('crash', { status: 'pending' });
    expect(pending.length).toBeGreaterThan(0);

    const callsBefore = channel.calls.length;
    const sender = createBatchSender({ channel, clock, ledger });
    // The resumed run reads the recipients in another order: chunks are rebuilt from the ledger.
    const report = await sender.run({
      id: 'crash',
      message: text('x'),
      recipients: [...recipients].reverse(),
    });
    expect(report.counts.sent + report.counts.skipped).toBe(23);
    expect(report.counts.unknown).toBe(0);
    for (const call of channel.calls.slice(callsBefore)) {
      const earlier = firstKeys.get(call.options.idempotencyKey);
      if (earlier) expect(call.recipients.map((r) => (r as { userId: string }).userId)).toEqual(earlier);
    }
    const resent = channel.calls.slice(callsBefore).filter((call) => call.outcome === 'already-accepted');
    expect(resent.length).toBeGreaterThan(0);
    expect(channel.delivered.size).toBe(23);
    expect([...channel.delivered.values()].every((count) => count === 1)).toBe(true);
    expect(await ledger.listBatch('crash', { status: 'pending' })).toEqual([]);
  });

  it('keeps single-send idempotency keys stable across a resume', async () => {
    const { clock, channel, ledger } = setup({
      outcomes: { 'user:U1': { reason: 'timeout', deliver: true } },
    });
    const first = await createBatchSender({ channel, clock, ledger, retry: { maxAttempts: 1 } }).run({
      id: 'k',
      message: text('x'),
      recipients: users(3),
    });
    expect(first.outcomes.find((outcome) => outcome.recipientKey === 'user:U1')).toMatchObject({
      status: 'unknown',
      reason: 'timeout',
    });
    const [entry] = await ledger.get([
      { batchId: 'k', recipientKey: 'user:U1', contentHash: expect.anything() as never },
    ]);
    expect(entry).toBeUndefined();
    const channel2 = channel;
    const second = await createBatchSender({ channel: channel2, clock, ledger }).run({
      id: 'k',
      message: text('x'),
      recipients: users(3),
    });
    const u1 = channel.calls.filter((call) => (call.recipients[0] as { userId: string }).userId === 'U1');
    expect(new Set(u1.map((call) => call.options.idempotencyKey)).size).toBe(1);
    expect(second.outcomes.find((outcome) => outcome.recipientKey === 'user:U1')).toMatchObject({
      status: 'sent',
      alreadyAccepted: true,
    });
    expect(channel.delivered.get('user:U1')).toBe(1);
  });

  it('never re-sends an in-doubt item on a channel without idempotency keys: it stays unknown', async () => {
    const { clock, channel, ledger } = setup({
      capabilities: { supportsIdempotencyKey: false },
      outcomes: { 'user:U1': { reason: 'timeout', deliver: true } },
    });
    const sender = createBatchSender({ channel, clock, ledger });
    const first = await sender.run({ id: 'n', message: text('x'), recipients: users(3) });
    const second = await sender.run({ id: 'n', message: text('x'), recipients: users(3) });
    expect(first.outcomes.find((outcome) => outcome.recipientKey === 'user:U1')!.status).toBe('unknown');
    expect(second.outcomes.find((outcome) => outcome.recipientKey === 'user:U1')).toMatchObject({
      status: 'unknown',
      reason: 'in-doubt',
    });
    expect(
      channel.calls.filter((call) => (call.recipients[0] as { userId: string }).userId === 'U1'),
    ).toHaveLength(1);
    expect(channel.delivered.get('user:U1')).toBe(1);
  });

  it('reports crash-pending items as unknown on a channel without idempotency keys', async () => {
    const { clock, channel, ledger } = setup({ capabilities: { supportsIdempotencyKey: false } });
    await expect(
      createBatchSender({ channel, clock, ledger: crashingLedger(ledger, 0), concurrency: 1 }).run({
        id: 'p',
        message: text('x'),
        recipients: users(4),
      }),
    ).rejects.toThrow('process killed');
    const calls = channel.calls.length;
    const report = await createBatchSender({ channel, clock, ledger }).run({
      id: 'p',
      message: text('x'),
      recipients: users(4),
    });
    expect(channel.calls.length - calls).toBe(4 - calls);
    expect(report.counts.unknown).toBe(calls);
    expect((await ledger.listBatch('p', { status: 'unknown' })).length).toBe(calls);
    expect([...channel.delivered.values()].every((count) => count === 1)).toBe(true);
  });

  it('reports members of an in-doubt chunk as unknown when the resumed run lacks some of them', async () => {
    const { clock, channel, ledger } = setup({ capabilities: multicast });
    await expect(
      createBatchSender({ channel, clock, ledger: crashingLedger(ledger, 0), concurrency: 1 }).run({
        id: 'g',
        message: text('x'),
        recipients: users(5),
      }),
    ).rejects.toThrow();
    const report = await createBatchSender({ channel, clock, ledger }).run({
      id: 'g',
      message: text('x'),
      recipients: users(3),
    });
    expect(report.counts.unknown).toBe(3);
    expect(report.outcomes.every((outcome) => outcome.reason === 'in-doubt')).toBe(true);
    expect(channel.calls).toHaveLength(1);
  });
});

describe('createBatchSender: re-send policies', () => {
  it('allow-repeats sends every run of the campaign', async () => {
    const { clock, channel, ledger } = setup();
    const sender = createBatchSender({ channel, clock, ledger });
    await sender.run({ id: 'run-1', campaignId: 'flow', message: text('x'), recipients: users(2) });
    const second = await sender.run({
      id: 'run-2',
      campaignId: 'flow',
      message: text('x'),
      recipients: users(2),
    });
    expect(second.counts.sent).toBe(2);
    expect(channel.delivered.get('user:U0')).toBe(2);
  });

  it('once-per-campaign never reaches the same recipient twice, even with new content', async () => {
    const { clock, channel, ledger } = setup();
    const sender = createBatchSender({ channel, clock, ledger, resendPolicy: { type: 'once-per-campaign' } });
    await sender.run({ id: 'run-1', campaignId: 'flow', message: text('x'), recipients: users(2) });
    const second = await sender.run({
      id: 'run-2',
      campaignId: 'flow',
      message: text('y'),
      recipients: users(3),
    });
    expect(second.counts).toMatchObject({ sent: 1, skipped: 2 });
    expect(
      second.outcomes.filter((outcome) => outcome.status === 'skipped').map((outcome) => outcome.reason),
    ).toEqual(['resend-policy', 'resend-policy']);
    const otherCampaign = await sender.run({
      id: 'run-3',
      campaignId: 'other',
      message: text('y'),
      recipients: users(1),
    });
    expect(otherCampaign.counts.sent).toBe(1);
  });

  it('not-within N days skips anyone reached in the last N days, checked at every run', async () => {
    const { clock, channel, ledger } = setup();
    const sender = createBatchSender({ channel, clock, ledger });
    const policy = { type: 'not-within', days: 2 } as const;
    await sender.run({
      id: 'day-0',
      campaignId: 'flow',
      message: text('x'),
      recipients: users(1),
      resendPolicy: policy,
    });
    await clock.sleep(dayMs);
    const dayOne = await sender.run({
      id: 'day-1',
      campaignId: 'flow',
      message: text('x'),
      recipients: users(2),
      resendPolicy: policy,
    });
    expect(dayOne.outcomes.map((outcome) => [outcome.recipientKey, outcome.status]).sort()).toEqual([
      ['user:U0', 'skipped'],
      ['user:U1', 'sent'],
    ]);
    await clock.sleep(dayMs + 1000);
    const dayTwo = await sender.run({
      id: 'day-2',
      campaignId: 'flow',
      message: text('x'),
      recipients: users(2),
      resendPolicy: policy,
    });
    expect(dayTwo.outcomes.map((outcome) => [outcome.recipientKey, outcome.status]).sort()).toEqual([
      ['user:U0', 'sent'],
      ['user:U1', 'skipped'],
    ]);
  });

  it.each([
    [{ type: 'once-per-campaign' } as const, undefined, true, 'campaignId'],
    [{ type: 'once-per-campaign' } as const, 'flow', false, 'ledger'],
    [{ type: 'not-within', days: 0 } as const, 'flow', true, 'resendPolicy.days'],
  ])('rejects %j (campaign %s, ledger %s)', async (resendPolicy, campaignId, withLedger, option) => {
    const { clock, channel, ledger } = setup();
    const sender = createBatchSender({ channel, clock, ...(withLedger ? { ledger } : {}) });
    const error = await sender
      .run({
        id: 'x',
        message: text('x'),
        recipients: users(1),
        resendPolicy,
        ...(campaignId ? { campaignId } : {}),
      })
      .catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).option).toBe(option);
  });
});

describe('createBatchSender: quiet hours', () => {
  it('postpones sends due inside the window to its end, across midnight in the team time zone', async () => {
    // 23:59:57 in Taipei (UTC+8).
    const { clock, channel, start } = setup(
      { capabilities: { rateLimits: { send: { limit: 1, intervalMs: 1000, burst: 1 } } } },
      Date.parse('2026-03-01T15:59:57Z'),
    );
    const sender = createBatchSender({
      channel,
      clock,
      quietHours: { start: '00:00', end: '08:00', timeZone: 'Asia/Taipei' },
    });
    const events: QuietHoursEvent[] = [];
    sender.on('quiet-hours', (event) => events.push(event));
    const report = await sender.run({ id: 'q', message: text('x'), recipients: users(6) });
    expect(report.counts.sent).toBe(6);
    const times = channel.calls.map((call) => call.at);
    const windowEnd = Date.parse('2026-03-02T00:00:00Z');
    expect(times.filter((time) => time < windowEnd)).toEqual([start, start + 1000, start + 2000]);
    expect(times.filter((time) => time >= windowEnd).length).toBe(3);
    expect(Math.min(...times.filter((time) => time > start + 2000))).toBe(windowEnd);
    expect(events).toEqual([{ batchId: 'q', until: windowEnd }]);
  });

  it('does not hold sends outside the window in another time zone', async () => {
    // 00:30 in London is 09:30 in Tokyo: outside Tokyo's 00:00–08:00.
    const { clock, channel, start } = setup({}, Date.parse('2026-03-02T00:30:00Z'));
    const sender = createBatchSender({
      channel,
      clock,
      quietHours: { start: '00:00', end: '08:00', timeZone: 'Asia/Tokyo' },
    });
    await sender.run({ id: 'q2', message: text('x'), recipients: users(2) });
    expect(channel.calls.every((call) => call.at === start)).toBe(true);
  });
});

describe('createBatchSender: quota and budget', () => {
  it('stops cleanly at the budget, skips the rest as quota-exceeded, and resumes later', async () => {
    const { clock, channel, ledger } = setup({ capabilities: { billingUnit: 'recipient' } });
    const sender = createBatchSender({ channel, clock, ledger, budget: { maxCost: 1, costPerUnit: 0.2 } });
    const first = await sender.run({ id: 'q', message: text('x'), recipients: users(12) });
    expect(first.status).toBe('quota-exceeded');
    expect(first.counts).toMatchObject({ sent: 5, skipped: 7 });
    expect(first.cost).toBeCloseTo(1, 10);
    expect(
      first.outcomes
        .filter((outcome) => outcome.status === 'skipped')
        .every((o) => o.reason === 'quota-exceeded'),
    ).toBe(true);
    const second = await sender.run({
      id: 'q',
      message: text('x'),
      recipients: users(12),
      budget: { maxUnits: 100 },
    });
    expect(second.status).toBe('completed');
    expect(second.counts).toMatchObject({ sent: 7, skipped: 5 });
    expect([...channel.delivered.values()].every((count) => count === 1)).toBe(true);
    expect(channel.delivered.size).toBe(12);
  });

  it("honours the channel's remaining quota and a vendor quota-exceeded answer", async () => {
    const { clock, channel, ledger } = setup({
      capabilities: { billingUnit: 'message' },
      outcomes: { 'user:U2': { reason: 'quota-exceeded' } },
    });
    const sender = createBatchSender({
      channel,
      clock,
      ledger,
      quota: () => 8,
      concurrency: 1,
      windowSize: 1,
    });
    const report = await sender.run({
      id: 'v',
      message: {
        parts: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      recipients: users(6),
    });
    expect(report.status).toBe('quota-exceeded');
    const byKey = report.outcomes
      .map((outcome) => `${outcome.recipientKey}:${outcome.status}:${outcome.reason ?? ''}`)
      .sort();
    expect(byKey).toEqual([
      'user:U0:sent:',
      'user:U1:sent:',
      'user:U2:skipped:quota-exceeded',
      'user:U3:skipped:quota-exceeded',
      'user:U4:skipped:quota-exceeded',
      'user:U5:skipped:quota-exceeded',
    ]);
    expect(channel.calls).toHaveLength(3);
    expect(report.billableUnits).toBe(4);
    const failed = await ledger.listBatch('v', { status: 'failed' });
    expect(failed[0]).toMatchObject({ recipientKey: 'user:U2', reason: 'quota-exceeded' });
  });

  it('preflight counts recipients, billable units and cost against budget and quota', async () => {
    const { clock, channel } = setup({ capabilities: { billingUnit: 'sms-segment' } });
    const sender = createBatchSender({ channel, clock, quota: async () => 10, budget: { costPerUnit: 1 } });
    const long = 'x'.repeat(200);
    const result = await sender.preflight({
      id: 'pf',
      message: text('{{body}}'),
      recipients: [
        { type: 'phone', phone: '+886900000001', variables: { body: 'short' } },
        { type: 'phone', phone: '+886900000002', variables: { body: long } },
        { type: 'phone', phone: '+886900000003', variables: { body: '中文訊息' } },
        { type: 'phone', phone: '+886900000004' },
      ],
    });
    expect(result).toEqual({ recipients: 4, billableUnits: 4, cost: 4, quotaRemaining: 10, fits: true });
    const tight = await createBatchSender({ channel, clock, budget: { maxUnits: 3 } }).preflight({
      id: 'pf',
      message: text('hello'),
      recipients: users(4),
    });
    expect(tight).toEqual({ recipients: 4, billableUnits: 4, budgetUnits: 3, fits: false });
  });
});
