import type { SendLedger, SendOutcomeRecord } from '@omnicast/core';

/** Writes outcomes with group commit: while one write runs, the next ones gather into a single call. */
export interface OutcomeWriter {
  /** Resolves once the records are stored. */
  write(records: readonly SendOutcomeRecord[]): Promise<void>;
  /** Resolves when every write so far is stored. */
  flush(): Promise<void>;
}

interface PendingWrite {
  records: readonly SendOutcomeRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Creates an {@link OutcomeWriter}. */
export function createOutcomeWriter(ledger: SendLedger, maxPerCall = 2000): OutcomeWriter {
  const queue: PendingWrite[] = [];
  let running: Promise<void> | undefined;

  const drain = async () => {
    while (queue.length > 0) {
      const taken: PendingWrite[] = [];
      let count = 0;
      while (queue.length > 0 && (taken.length === 0 || count + queue[0]!.records.length <= maxPerCall)) {
        const next = queue.shift()!;
        taken.push(next);
        count += next.records.length;
      }
      try {
        await ledger.recordOutcomes(taken.flatMap((item) => item.records));
        for (const item of taken) item.resolve();
      } catch (error) {
        for (const item of taken) item.reject(error);
      }
    }
  };
  const start = () => {
    if (!running) {
      running = drain().finally(() => {
        running = undefined;
        if (queue.length > 0) start();
      });
    }
  };

  return {
    write(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ records, resolve, reject });
        start();
      });
    },
    async flush() {
      while (running) await running;
    },
  };
}

/** A ledger that stores nothing: every claim succeeds. Used when no ledger is configured. */
export const nullLedger: SendLedger = {
  async claim(intents) {
    return intents.map((intent) => ({
      claimed: true,
      entry: {
        batchId: intent.batchId,
        recipientKey: intent.recipientKey,
        contentHash: intent.contentHash,
        idempotencyKey: intent.idempotencyKey,
        groupSize: intent.groupSize,
        status: 'pending' as const,
        attempts: 1,
        intentAt: intent.at,
        updatedAt: intent.at,
      },
    }));
  },
  async recordOutcomes() {},
  async get(keys) {
    return keys.map(() => undefined);
  },
  async lastSentAt() {
    return new Map();
  },
  async listBatch() {
    return [];
  },
};
