import { createInMemorySendLedger, type SendLedger } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { sendLedgerContractCases } from './index.js';

describe('SendLedger contract: in-memory ledger', () => {
  it.each(sendLedgerContractCases().map((contractCase) => [contractCase.name, contractCase] as const))(
    '%s',
    async (_name, contractCase) => {
      await contractCase.run(createInMemorySendLedger());
    },
  );

  it('detects a ledger that breaks the contract', async () => {
    const broken: SendLedger = {
      ...createInMemorySendLedger(),
      claim: async (intents) =>
        intents.map((intent) => ({
          claimed: true,
          entry: { ...intent, status: 'pending', attempts: 1, intentAt: intent.at, updatedAt: intent.at },
        })),
    };
    const first = sendLedgerContractCases()[0]!;
    await expect(first.run(broken)).rejects.toThrow();
  });
});
