/**
 * The durable record of batch sends: an intent is written before a send, its outcome after. Batch
 * senders read it to skip what was sent, re-send in-doubt items only with their original
 * idempotency key, and apply re-send policies across runs of a campaign.
 */

/**
 * State of one ledger entry.
 * - `pending`: the intent is recorded, the outcome is not (in flight, crashed, or not provable yet).
 * - `sent`: the channel accepted it.
 * - `failed`: it was provably not delivered; a later run may claim it again.
 * - `unknown`: it may or may not have been delivered and cannot be re-sent safely; final.
 */
export type SendLedgerStatus = 'pending' | 'sent' | 'failed' | 'unknown';

/** Identifies one ledger entry: one content to one recipient within one batch. */
export interface SendLedgerKey {
  batchId: string;
  /** A stable recipient key such as `user:U1` (see `recipientKey()`). */
  recipientKey: string;
  /** Hash of the rendered content sent to this recipient. */
  contentHash: string;
}

/** The intent to send, recorded before the send. */
export interface SendIntent extends SendLedgerKey {
  /** Campaign (flow) the batch belongs to; re-send policies are looked up by it. */
  campaignId?: string;
  /** Key passed to the channel; a re-send of an in-doubt entry reuses it. */
  idempotencyKey: string;
  /** Recipients sharing the call and the idempotency key: 1 for a single send, the chunk size for a multicast. */
  groupSize: number;
  /** Clock time of the intent, in ms since the epoch. */
  at: number;
}

/** One entry as stored. */
export interface SendLedgerEntry extends SendLedgerKey {
  campaignId?: string;
  idempotencyKey: string;
  groupSize: number;
  status: SendLedgerStatus;
  /** How many times the entry was claimed for sending. */
  attempts: number;
  /** Time of the latest intent (ms since the epoch). */
  intentAt: number;
  /** Time of the latest change (ms since the epoch). */
  updatedAt: number;
  /** Time the channel accepted it, once `sent`. */
  sentAt?: number;
  /** Why it failed or is unknown (an error reason). */
  reason?: string;
}

/** Result of claiming one intent. */
export interface SendClaim {
  /** The entry as stored after the claim. */
  entry: SendLedgerEntry;
  /**
   * True when this call created the entry or took over a `failed` one: the caller owns the send.
   * False when an entry already existed as `pending`, `sent` or `unknown`; it is returned unchanged.
   */
  claimed: boolean;
}

/** The outcome of a send, recorded after it. */
export interface SendOutcomeRecord extends SendLedgerKey {
  /** `pending` keeps an entry in doubt (resumable) while recording why. */
  status: SendLedgerStatus;
  /** Clock time of the outcome (ms since the epoch); becomes `sentAt` for `sent`. */
  at: number;
  reason?: string;
}

/** Query of {@link SendLedger.lastSentAt}. */
export interface LastSentQuery {
  campaignId: string;
  recipientKeys: readonly string[];
  /** Entries of this batch are ignored (a resumed batch is not a repeat of itself). */
  excludeBatchId?: string;
}

/** Options of {@link SendLedger.listBatch}. */
export interface ListBatchOptions {
  status?: SendLedgerStatus;
  /** Returns entries whose recipient key sorts after this one (keyset pagination). */
  afterRecipientKey?: string;
  /** Page size (default 1,000). */
  limit?: number;
}

/**
 * Durable store of batch sends. Every method is batch-friendly: one call handles a whole chunk.
 * Implementations: `createInMemorySendLedger()` here, `createPostgresSendLedger()` in
 * `@omnicast/store-postgres`.
 */
export interface SendLedger {
  /**
   * Records intents. For each intent, in order: creates a `pending` entry when none exists, or takes
   * over a `failed` one (new idempotency key and group size, `attempts + 1`), and says whether the
   * caller now owns the send. Keys must be distinct within one call (`ValidationError` otherwise).
   */
  claim(intents: readonly SendIntent[]): Promise<SendClaim[]>;
  /** Records outcomes. A `sent` outcome sets `sentAt`. Unknown keys are ignored. */
  recordOutcomes(outcomes: readonly SendOutcomeRecord[]): Promise<void>;
  /** Reads entries by key, in order; `undefined` where none exists. */
  get(keys: readonly SendLedgerKey[]): Promise<(SendLedgerEntry | undefined)[]>;
  /**
   * Latest time each recipient may have received the campaign (`sent`, `pending` or `unknown`
   * entries: `sentAt`, else `intentAt`). Recipients without such an entry are absent from the map.
   */
  lastSentAt(query: LastSentQuery): Promise<Map<string, number>>;
  /** Entries of a batch ordered by recipient key, then content hash. */
  listBatch(batchId: string, options?: ListBatchOptions): Promise<SendLedgerEntry[]>;
}

/** A string form of a ledger key, for maps. */
export function sendLedgerKeyString(key: SendLedgerKey): string {
  return `${key.batchId}\u0000${key.recipientKey}\u0000${key.contentHash}`;
}
