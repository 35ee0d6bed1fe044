import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { createInMemorySendLedger } from './in-memory-send-ledger.js';
import type { SendIntent } from './send-ledger.js';
import { sendLedgerKeyString } from './send-ledger.js';

const intent = (recipientKey: string, overrides: Partial<SendIntent> = {}): SendIntent => ({
  batchId: 'b1',
  recipientKey,
  contentHash: 'h1',
  campaignId: 'c1',
  idempotencyKey: `key-${recipientKey}`,
  groupSize: 1,
  at: 1000,
  ...overrides,
});

describe('createInMemorySendLedger', () => {
  it('claims new entries once and returns existing ones unchanged', async () => {
    const ledger = createInMemorySendLedger();
    const first = await ledger.claim([intent('user:A'), intent('user:B')]);
    expect(first.map((claim) => claim.claimed)).toEqual([true, true]);
    expect(first[0]!.entry).toMatchObject({ status: 'pending', attempts: 1, idempotencyKey: 'key-user:A' });
    const second = await ledger.claim([intent('user:A', { idempotencyKey: 'other', at: 2000 })]);
    expect(second[0]!.claimed).toBe(false);
    expect(second[0]!.entry).toMatchObject({ idempotencyKey: 'key-user:A', intentAt: 1000 });
    expect(ledger.size).toBe(2);
  });

  it('takes over failed entries with a new key and counts attempts', async () => {
    const ledger = createInMemorySendLedger();
    await ledger.claim([intent('user:A')]);
    await ledger.recordOutcomes([
      { batchId: 'b1', recipientKey: 'user:A', contentHash: 'h1', status: 'failed', at: 1500, reason: 'x' },
    ]);
    const [claim] = await ledger.claim([intent('user:A', { idempotencyKey: 'k2', groupSize: 3, at: 3000 })]);
    expect(claim).toMatchObject({
      claimed: true,
      entry: { status: 'pending', attempts: 2, idempotencyKey: 'k2', groupSize: 3, intentAt: 3000 },
    });
    expect(claim!.entry.reason).toBeUndefined();
  });

  it('rejects duplicate keys within one call', async () => {
    const ledger = createInMemorySendLedger();
    await expect(ledger.claim([intent('user:A'), intent('user:A')])).rejects.toSatisfy(
      (error: unknown) => ValidationError.isInstance(error) && error.issues[0]!.path[0] === 1,
    );
  });

  it('records outcomes, ignores unknown keys and reads entries back', async () => {
    const ledger = createInMemorySendLedger();
    await ledger.claim([intent('user:A')]);
    await ledger.recordOutcomes([
      { batchId: 'b1', recipientKey: 'user:A', contentHash: 'h1', status: 'sent', at: 1200 },
      { batchId: 'b1', recipientKey: 'user:Z', contentHash: 'h1', status: 'sent', at: 1200 },
    ]);
    const [a, z] = await ledger.get([
      { batchId: 'b1', recipientKey: 'user:A', contentHash: 'h1' },
      { batchId: 'b1', recipientKey: 'user:Z', contentHash: 'h1' },
    ]);
    expect(a).toMatchObject({ status: 'sent', sentAt: 1200, updatedAt: 1200 });
    expect(z).toBeUndefined();
    expect(ledger.size).toBe(1);
  });

  it('answers lastSentAt per campaign, excluding failed entries and the given batch', async () => {
    const ledger = createInMemorySendLedger();
    await ledger.claim([intent('user:A', { batchId: 'old', at: 100 }), intent('user:B', { batchId: 'old' })]);
    await ledger.claim([intent('user:A', { batchId: 'newer', at: 500 })]);
    await ledger.claim([intent('user:C', { batchId: 'old', campaignId: 'other' })]);
    await ledger.recordOutcomes([
      { batchId: 'old', recipientKey: 'user:A', contentHash: 'h1', status: 'sent', at: 150 },
      { batchId: 'old', recipientKey: 'user:B', contentHash: 'h1', status: 'failed', at: 150 },
    ]);
    const all = await ledger.lastSentAt({ campaignId: 'c1', recipientKeys: ['user:A', 'user:B', 'user:C'] });
    expect([...all]).toEqual([['user:A', 500]]);
    const excluding = await ledger.lastSentAt({
      campaignId: 'c1',
      recipientKeys: ['user:A'],
      excludeBatchId: 'newer',
    });
    expect(excluding.get('user:A')).toBe(150);
    expect((await ledger.lastSentAt({ campaignId: 'none', recipientKeys: ['user:A'] })).size).toBe(0);
  });

  it('lists a batch in key order with status filter and keyset pages', async () => {
    const ledger = createInMemorySendLedger();
    await ledger.claim(['user:C', 'user:A', 'user:B'].map((key) => intent(key)));
    await ledger.claim([intent('user:A', { contentHash: 'h0' }), intent('user:X', { batchId: 'b2' })]);
    await ledger.recordOutcomes([
      { batchId: 'b1', recipientKey: 'user:B', contentHash: 'h1', status: 'sent', at: 2 },
    ]);
    const all = await ledger.listBatch('b1');
    expect(all.map((entry) => `${entry.recipientKey}/${entry.contentHash}`)).toEqual([
      'user:A/h0',
      'user:A/h1',
      'user:B/h1',
      'user:C/h1',
    ]);
    expect((await ledger.listBatch('b1', { status: 'sent' })).map((entry) => entry.recipientKey)).toEqual([
      'user:B',
    ]);
    const page = await ledger.listBatch('b1', { afterRecipientKey: 'user:A', limit: 1 });
    expect(page.map((entry) => entry.recipientKey)).toEqual(['user:B']);
  });

  it('returns copies that callers cannot use to change the store', async () => {
    const ledger = createInMemorySendLedger();
    const [claim] = await ledger.claim([intent('user:A')]);
    claim!.entry.status = 'sent';
    const [entry] = await ledger.get([{ batchId: 'b1', recipientKey: 'user:A', contentHash: 'h1' }]);
    expect(entry!.status).toBe('pending');
  });

  it('builds distinct key strings', () => {
    expect(sendLedgerKeyString({ batchId: 'a', recipientKey: 'b', contentHash: 'c' })).not.toBe(
      sendLedgerKeyString({ batchId: 'a', recipientKey: 'bc', contentHash: '' }),
    );
  });
});
