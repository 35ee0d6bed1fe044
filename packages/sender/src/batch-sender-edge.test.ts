import { createInMemorySendLedger, type Message, type Recipient, type SendLedger } from '@omnicast/core';
import { createFakeClock, createMockChannel } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { createBatchSender } from './index.js';
import { createOutcomeWriter } from './outcome-writer.js';
import { createRecipientPacer } from './recipient-pacer.js';

const text = (value: string): Message => ({ parts: [{ type: 'text', text: value }] });
const users = (count: number): Recipient[] =>
  Array.from({ length: count }, (_, index) => ({ type: 'user', userId: `U${index}` }));

describe('createBatchSender: edge cases', () => {
  it('reports members another run claimed first as in doubt and sends the rest of their chunk alone', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const channel = createMockChannel({ clock, capabilities: { maxRecipientsPerCall: 5 } });
    const inner = createInMemorySendLedger();
    let first = true;
    const racing: SendLedger = {
      ...inner,
      claim: async (intents) => {
        if (first && intents.length > 1) {
          first = false;
          // Another process claims U1 a moment before this one.
          await inner.claim([{ ...intents[1]!, idempotencyKey: 'theirs', groupSize: 1 }]);
        }
        return inner.claim(intents);
      },
      get: (keys) => inner.get(keys),
      recordOutcomes: (outcomes) => inner.recordOutcomes(outcomes),
      lastSentAt: (query) => inner.lastSentAt(query),
      listBatch: (batchId, options) => inner.listBatch(batchId, options),
    };
    const report = await createBatchSender({ channel, clock, ledger: racing }).run({
      id: 'race',
      message: text('x'),
      recipients: users(3),
    });
    const byKey = Object.fromEntries(report.outcomes.map((outcome) => [outcome.recipientKey, outcome]));
    expect(byKey['user:U1']).toMatchObject({ status: 'unknown', reason: 'in-doubt' });
    expect(byKey['user:U0']!.status).toBe('sent');
    expect(byKey['user:U2']!.status).toBe('sent');
    expect(channel.calls.every((call) => call.method === 'send')).toBe(true);
  });

  it('never releases a call as failed after an attempt that may have delivered', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const channel = createMockChannel({
      clock,
      outcomes: {
        'user:U0': [{ reason: 'timeout' }, { reason: 'invalid-request' }],
        'user:U1': [{ reason: 'timeout' }, { reason: 'quota-exceeded' }],
      },
    });
    const ledger = createInMemorySendLedger();
    const report = await createBatchSender({
      channel,
      clock,
      ledger,
      retry: { baseDelayMs: 10, random: () => 0.5 },
      concurrency: 1,
    }).run({
      id: 'doubt',
      message: text('x'),
      recipients: users(2),
    });
    const byKey = Object.fromEntries(report.outcomes.map((outcome) => [outcome.recipientKey, outcome]));
    expect(byKey['user:U0']).toMatchObject({ status: 'unknown', reason: 'invalid-request' });
    expect(byKey['user:U1']).toMatchObject({ status: 'unknown', reason: 'quota-exceeded' });
    // Both stay pending: a resume re-sends them only with their own keys.
    expect((await ledger.listBatch('doubt', { status: 'pending' })).length).toBe(2);
  });

  it('reports a call cancelled during its retry backoff after a timeout as unknown (aborted)', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const channel = createMockChannel({ clock, outcomes: { 'user:U0': { reason: 'timeout' } } });
    const sender = createBatchSender({ channel, clock, retry: { baseDelayMs: 10_000, random: () => 0.9 } });
    void clock.sleep(1000).then(() => sender.cancel());
    const report = await sender.run({ id: 'backoff', message: text('x'), recipients: users(1) });
    expect(report.outcomes[0]).toMatchObject({ status: 'unknown', reason: 'aborted' });
    expect(channel.calls).toHaveLength(1);
  });

  it('cancels a paused run', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const channel = createMockChannel({ clock, latencyMs: 5 });
    const sender = createBatchSender({ channel, clock, concurrency: 1 });
    sender.pause();
    void clock.sleep(10).then(() => sender.cancel(new Error('stop')));
    const report = await sender.run({ id: 'paused', message: text('x'), recipients: users(3) });
    expect(report.status).toBe('cancelled');
    expect(channel.calls).toHaveLength(0);
    expect(report.counts.skipped).toBe(3);
    sender.resume();
    sender.resume();
  });

  it('stops reading and rejects when the ledger fails', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const channel = createMockChannel({ clock, latencyMs: 5 });
    const inner = createInMemorySendLedger();
    const failing: SendLedger = {
      ...inner,
      claim: (intents) => inner.claim(intents),
      get: (keys) => inner.get(keys),
      lastSentAt: (query) => inner.lastSentAt(query),
      listBatch: (batchId, options) => inner.listBatch(batchId, options),
      recordOutcomes: async () => {
        throw new Error('database gone');
      },
    };
    let read = 0;
    async function* source(): AsyncGenerator<Recipient> {
      for (let index = 0; index < 10_000; index++) {
        read++;
        yield { type: 'user', userId: `S${index}` };
      }
    }
    const sender = createBatchSender({
      channel,
      clock,
      ledger: failing,
      windowSize: 10,
      concurrency: { maxInFlight: 2, maxQueued: 20 },
    });
    await expect(sender.run({ id: 'gone', message: text('x'), recipients: source() })).rejects.toThrow(
      'database gone',
    );
    expect(read).toBeLessThan(100);
  });
});

describe('createOutcomeWriter', () => {
  it('gathers writes made while one is running into one call, splitting above the maximum', async () => {
    const calls: number[] = [];
    const ledger = createInMemorySendLedger();
    const slow: SendLedger = {
      ...ledger,
      recordOutcomes: async (outcomes) => {
        calls.push(outcomes.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    };
    const writer = createOutcomeWriter(slow, 3);
    const record = (index: number) => ({
      batchId: 'b',
      recipientKey: `user:${index}`,
      contentHash: 'h',
      status: 'sent' as const,
      at: 1,
    });
    await Promise.all([
      writer.write([record(0)]),
      writer.write([record(1), record(2)]),
      writer.write([record(3)]),
      writer.write([record(4), record(5), record(6), record(7)]),
      writer.write([]),
    ]);
    await writer.flush();
    expect(calls).toEqual([1, 3, 4]);
  });
});

describe('createRecipientPacer', () => {
  it('sweeps idle buckets so memory stays bounded', async () => {
    const clock = createFakeClock({ mode: 'auto' });
    const pacer = createRecipientPacer({ limit: 1, intervalMs: 1000 }, clock, 2);
    await pacer.take('a');
    await pacer.take('b');
    expect(pacer.size).toBe(2);
    await clock.sleep(1000);
    await pacer.take('c');
    expect(pacer.size).toBe(1);
  });
});
