/**
 * Rate-limited, resumable batch sending that never double-sends, for omnicast.
 * @module
 */
export type {
  Batch,
  BatchCounts,
  BatchPreflight,
  BatchProgress,
  BatchReport,
  BatchSender,
  BatchSenderEvents,
  BatchSenderOptions,
  BatchStatus,
  ChunkDone,
  Concurrency,
  FailureReason,
  QuietHoursEvent,
  RateLimitedEvent,
  RecipientOutcome,
  ResendPolicy,
  RetryOptions,
  SkipReason,
} from './batch-sender-types.js';
export { type Budget, billableUnits } from './billing.js';
export { contentHash, idempotencyKeyFor } from './content-hash.js';
export { createBatchSender } from './create-batch-sender.js';
export { createQuietHoursCalendar, type QuietHours, type QuietHoursCalendar } from './quiet-hours.js';
export {
  type SendLedgerContractCase,
  type SendLedgerFactory,
  sendLedgerContractCases,
} from './send-ledger-contract.js';
export { createTokenBucket, type RateLimitRecovery, type TokenBucket } from './token-bucket.js';
export { type RateLimitedChannelOptions, withRateLimit } from './with-rate-limit.js';
