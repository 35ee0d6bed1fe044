import assert from 'node:assert/strict';
import { type SendIntent, type SendLedger, ValidationError } from '@omnicast/core';

/** Creates a fresh, empty ledger for one contract case. */
export type SendLedgerFactory = () => SendLedger | Promise<SendLedger>;

/** One case of the ledger contract: run it against a fresh ledger; it throws on a violation. */
export interface SendLedgerContractCase {
  name: string;
  run(ledger: SendLedger): Promise<void>;
}

const intent = (recipientKey: string, overrides: Partial<SendIntent> = {}): SendIntent => ({
  batchId: 'batch-1',
  recipientKey,
  contentHash: 'hash-1',
  campaignId: 'campaign-1',
  idempotencyKey: `key-${recipientKey}`,
  groupSize: 1,
  at: 1_767_225_600_000,
  ...overrides,
});

const key = (recipientKey: string, batchId = 'batch-1', contentHash = 'hash-1') => ({
  batchId,
  recipientKey,
  contentHash,
});

/**
 * The behaviour every `SendLedger` must show, as framework-neutral cases. Run them in any test
 * runner: `for (const c of sendLedgerContractCases()) it(c.name, async () => c.run(await create()))`.
 */
export function sendLedgerContractCases(): SendLedgerContractCase[] {
  return [
    {
      name: 'claims a new entry once, and returns it unchanged afterwards',
      async run(ledger) {
        const [first] = await ledger.claim([intent('user:A')]);
        assert.equal(first!.claimed, true);
        assert.equal(first!.entry.status, 'pending');
        assert.equal(first!.entry.attempts, 1);
        assert.equal(first!.entry.groupSize, 1);
        assert.equal(first!.entry.campaignId, 'campaign-1');
        assert.equal(first!.entry.intentAt, 1_767_225_600_000);
        const [again] = await ledger.claim([
          intent('user:A', { idempotencyKey: 'other', at: 1_767_225_700_000 }),
        ]);
        assert.equal(again!.claimed, false);
        assert.equal(again!.entry.idempotencyKey, 'key-user:A');
        assert.equal(again!.entry.intentAt, 1_767_225_600_000);
      },
    },
    {
      name: 'answers a chunk of claims in input order, mixing new and existing entries',
      async run(ledger) {
        await ledger.claim([intent('user:B'), intent('user:D')]);
        const claims = await ledger.claim(
          ['user:D', 'user:A', 'user:B', 'user:C'].map((recipientKey) =>
            intent(recipientKey, { idempotencyKey: 'chunk', groupSize: 4 }),
          ),
        );
        assert.deepEqual(
          claims.map((claim) => [claim.entry.recipientKey, claim.claimed, claim.entry.groupSize]),
          [
            ['user:D', false, 1],
            ['user:A', true, 4],
            ['user:B', false, 1],
            ['user:C', true, 4],
          ],
        );
      },
    },
    {
      name: 'keeps sent and unknown entries, takes over failed ones',
      async run(ledger) {
        await ledger.claim([intent('user:A'), intent('user:B'), intent('user:C')]);
        await ledger.recordOutcomes([
          { ...key('user:A'), status: 'sent', at: 1_767_225_601_000 },
          { ...key('user:B'), status: 'unknown', at: 1_767_225_601_000, reason: 'timeout' },
          { ...key('user:C'), status: 'failed', at: 1_767_225_601_000, reason: 'invalid-request' },
        ]);
        const claims = await ledger.claim(
          ['user:A', 'user:B', 'user:C'].map((recipientKey) =>
            intent(recipientKey, { idempotencyKey: 'second', groupSize: 2, at: 1_767_225_900_000 }),
          ),
        );
        assert.deepEqual(
          claims.map((claim) => [claim.claimed, claim.entry.status]),
          [
            [false, 'sent'],
            [false, 'unknown'],
            [true, 'pending'],
          ],
        );
        const taken = claims[2]!.entry;
        assert.equal(taken.attempts, 2);
        assert.equal(taken.idempotencyKey, 'second');
        assert.equal(taken.groupSize, 2);
        assert.equal(taken.intentAt, 1_767_225_900_000);
        assert.equal(taken.reason, undefined);
        assert.equal(claims[1]!.entry.reason, 'timeout');
      },
    },
    {
      name: 'rejects duplicate keys within one claim',
      async run(ledger) {
        await assert.rejects(
          () => ledger.claim([intent('user:A'), intent('user:B'), intent('user:A')]),
          (error: unknown) => ValidationError.isInstance(error),
        );
      },
    },
    {
      name: 'records outcomes: sent sets sentAt, pending keeps a reason, unknown keys are ignored',
      async run(ledger) {
        await ledger.claim([intent('user:A'), intent('user:B')]);
        await ledger.recordOutcomes([
          { ...key('user:A'), status: 'sent', at: 1_767_225_601_500 },
          { ...key('user:B'), status: 'pending', at: 1_767_225_602_000, reason: 'timeout' },
          { ...key('user:Z'), status: 'sent', at: 1_767_225_603_000 },
        ]);
        const [a, b, z] = await ledger.get([key('user:A'), key('user:B'), key('user:Z')]);
        assert.equal(a!.status, 'sent');
        assert.equal(a!.sentAt, 1_767_225_601_500);
        assert.equal(a!.updatedAt, 1_767_225_601_500);
        assert.equal(b!.status, 'pending');
        assert.equal(b!.reason, 'timeout');
        assert.equal(b!.sentAt, undefined);
        assert.equal(z, undefined);
      },
    },
    {
      name: 'separates batches and contents',
      async run(ledger) {
        await ledger.claim([intent('user:A')]);
        const claims = await ledger.claim([
          intent('user:A', { batchId: 'batch-2' }),
          intent('user:A', { contentHash: 'hash-2' }),
        ]);
        assert.deepEqual(
          claims.map((claim) => claim.claimed),
          [true, true],
        );
        const [other] = await ledger.get([key('user:A', 'batch-2')]);
        assert.equal(other!.batchId, 'batch-2');
      },
    },
    {
      name: 'finds the latest possible send per recipient of a campaign',
      async run(ledger) {
        const t0 = 1_767_225_600_000;
        await ledger.claim([
          intent('user:A', { batchId: 'run-1', at: t0 }),
          intent('user:B', { batchId: 'run-1', at: t0 }),
        ]);
        await ledger.claim([intent('user:C', { batchId: 'run-1', at: t0 })]);
        await ledger.recordOutcomes([
          { ...key('user:A', 'run-1'), status: 'sent', at: t0 + 10 },
          { ...key('user:B', 'run-1'), status: 'failed', at: t0 + 10 },
          { ...key('user:C', 'run-1'), status: 'unknown', at: t0 + 20 },
        ]);
        await ledger.claim([intent('user:A', { batchId: 'run-2', at: t0 + 5000 })]);
        await ledger.claim([intent('user:A', { batchId: 'run-3', campaignId: 'campaign-2', at: t0 + 9000 })]);
        const last = await ledger.lastSentAt({
          campaignId: 'campaign-1',
          recipientKeys: ['user:A', 'user:B', 'user:C', 'user:D'],
        });
        assert.deepEqual(
          [...last].sort(([a], [b]) => (a < b ? -1 : 1)),
          [
            ['user:A', t0 + 5000],
            ['user:C', t0],
          ],
        );
        const excluding = await ledger.lastSentAt({
          campaignId: 'campaign-1',
          recipientKeys: ['user:A'],
          excludeBatchId: 'run-2',
        });
        assert.equal(excluding.get('user:A'), t0 + 10);
        assert.equal((await ledger.lastSentAt({ campaignId: 'campaign-1', recipientKeys: [] })).size, 0);
      },
    },
    {
      name: 'lists a batch in key order with a status filter and keyset pages',
      async run(ledger) {
        await ledger.claim(['user:C', 'user:A', 'user:B'].map((recipientKey) => intent(recipientKey)));
        await ledger.claim([
          intent('user:A', { contentHash: 'hash-0' }),
          intent('user:X', { batchId: 'batch-2' }),
        ]);
        await ledger.recordOutcomes([{ ...key('user:B'), status: 'sent', at: 1_767_225_601_000 }]);
        const all = await ledger.listBatch('batch-1');
        assert.deepEqual(
          all.map((entry) => `${entry.recipientKey}/${entry.contentHash}`),
          ['user:A/hash-0', 'user:A/hash-1', 'user:B/hash-1', 'user:C/hash-1'],
        );
        const sent = await ledger.listBatch('batch-1', { status: 'sent' });
        assert.deepEqual(
          sent.map((entry) => entry.recipientKey),
          ['user:B'],
        );
        const page = await ledger.listBatch('batch-1', { afterRecipientKey: 'user:A', limit: 1 });
        assert.deepEqual(
          page.map((entry) => entry.recipientKey),
          ['user:B'],
        );
      },
    },
    {
      name: 'handles a 2,000-entry chunk in one call',
      async run(ledger) {
        const intents = Array.from({ length: 2000 }, (_, index) =>
          intent(`user:U${String(index).padStart(5, '0')}`, { idempotencyKey: `k${index}` }),
        );
        const claims = await ledger.claim(intents);
        assert.equal(claims.length, 2000);
        assert.ok(
          claims.every((claim, index) => claim.claimed && claim.entry.idempotencyKey === `k${index}`),
        );
        await ledger.recordOutcomes(
          intents.map((item) => ({ ...item, status: 'sent' as const, at: item.at + 1 })),
        );
        const sent = await ledger.listBatch('batch-1', { status: 'sent', limit: 5000 });
        assert.equal(sent.length, 2000);
      },
    },
  ];
}
