import { ValidationError, type ValidationIssue } from './errors.js';
import {
  type LastSentQuery,
  type ListBatchOptions,
  type SendClaim,
  type SendIntent,
  type SendLedger,
  type SendLedgerEntry,
  type SendLedgerKey,
  type SendOutcomeRecord,
  sendLedgerKeyString,
} from './send-ledger.js';

/** An in-memory {@link SendLedger}: for tests and single-process runs that need no durability. */
export interface InMemorySendLedger extends SendLedger {
  /** Number of entries held. */
  readonly size: number;
}

/** Throws a `ValidationError` when keys repeat within one call. */
export function assertDistinctLedgerKeys(keys: readonly SendLedgerKey[]): void {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  keys.forEach((key, index) => {
    const id = sendLedgerKeyString(key);
    if (seen.has(id)) issues.push({ path: [index], message: 'duplicate ledger key', code: 'duplicate' });
    seen.add(id);
  });
  if (issues.length > 0)
    throw new ValidationError('Ledger keys must be distinct within one call', { issues });
}

const copy = (entry: SendLedgerEntry): SendLedgerEntry => ({ ...entry });

/** Creates an {@link InMemorySendLedger}. */
export function createInMemorySendLedger(): InMemorySendLedger {
  const entries = new Map<string, SendLedgerEntry>();
  /** campaignId → recipientKey → entry ids (the campaign index). */
  const byCampaign = new Map<string, Map<string, Set<string>>>();

  const index = (id: string, entry: SendLedgerEntry) => {
    if (entry.campaignId === undefined) return;
    let recipients = byCampaign.get(entry.campaignId);
    if (!recipients) {
      recipients = new Map();
      byCampaign.set(entry.campaignId, recipients);
    }
    let ids = recipients.get(entry.recipientKey);
    if (!ids) {
      ids = new Set();
      recipients.set(entry.recipientKey, ids);
    }
    ids.add(id);
  };
  const unindex = (id: string, entry: SendLedgerEntry) => {
    if (entry.campaignId === undefined) return;
    byCampaign.get(entry.campaignId)?.get(entry.recipientKey)?.delete(id);
  };

  const claimOne = (intent: SendIntent): SendClaim => {
    const id = sendLedgerKeyString(intent);
    const existing = entries.get(id);
    if (existing && existing.status !== 'failed') return { entry: copy(existing), claimed: false };
    if (existing) unindex(id, existing);
    const entry: SendLedgerEntry = {
      batchId: intent.batchId,
      recipientKey: intent.recipientKey,
      contentHash: intent.contentHash,
      ...(intent.campaignId !== undefined ? { campaignId: intent.campaignId } : {}),
      idempotencyKey: intent.idempotencyKey,
      groupSize: intent.groupSize,
      status: 'pending',
      attempts: (existing?.attempts ?? 0) + 1,
      intentAt: intent.at,
      updatedAt: intent.at,
    };
    entries.set(id, entry);
    index(id, entry);
    return { entry: copy(entry), claimed: true };
  };

  return {
    get size() {
      return entries.size;
    },
    async claim(intents) {
      assertDistinctLedgerKeys(intents);
      return intents.map(claimOne);
    },
    async recordOutcomes(outcomes: readonly SendOutcomeRecord[]) {
      for (const outcome of outcomes) {
        const entry = entries.get(sendLedgerKeyString(outcome));
        if (!entry) continue;
        entry.status = outcome.status;
        entry.updatedAt = outcome.at;
        if (outcome.status === 'sent') entry.sentAt = outcome.at;
        if (outcome.reason !== undefined) entry.reason = outcome.reason;
        else delete entry.reason;
      }
    },
    async get(keys) {
      return keys.map((key) => {
        const entry = entries.get(sendLedgerKeyString(key));
        return entry ? copy(entry) : undefined;
      });
    },
    async lastSentAt(query: LastSentQuery) {
      const result = new Map<string, number>();
      const recipients = byCampaign.get(query.campaignId);
      if (!recipients) return result;
      for (const recipientKey of query.recipientKeys) {
        for (const id of recipients.get(recipientKey) ?? []) {
          const entry = entries.get(id);
          if (!entry || entry.status === 'failed' || entry.batchId === query.excludeBatchId) continue;
          const at = entry.sentAt ?? entry.intentAt;
          const previous = result.get(recipientKey);
          if (previous === undefined || at > previous) result.set(recipientKey, at);
        }
      }
      return result;
    },
    async listBatch(batchId: string, options: ListBatchOptions = {}) {
      const limit = options.limit ?? 1000;
      const after = options.afterRecipientKey;
      return [...entries.values()]
        .filter(
          (entry) =>
            entry.batchId === batchId &&
            (options.status === undefined || entry.status === options.status) &&
            (after === undefined || entry.recipientKey > after),
        )
        .sort((a, b) =>
          a.recipientKey < b.recipientKey
            ? -1
            : a.recipientKey > b.recipientKey
              ? 1
              : a.contentHash < b.contentHash
                ? -1
                : a.contentHash > b.contentHash
                  ? 1
                  : 0,
        )
        .slice(0, limit)
        .map(copy);
    },
  };
}
