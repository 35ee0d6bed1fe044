import type { ChannelCapabilities } from './channel-capabilities.js';
import type { ChannelKind, Message } from './message-schema.js';
import type { Recipient } from './recipient.js';
import type { DegradationWarning } from './validate-message.js';

/** Per-call options of a send. */
export interface SendOptions {
  signal?: AbortSignal;
  /**
   * Makes the send safe to retry: channels that support one pass it to the vendor (LINE retry key);
   * the same key with the same content never delivers twice.
   */
  idempotencyKey?: string;
  /** Throw `UnsupportedFeatureError` instead of degrading with a warning. */
  strict?: boolean;
}

/** A send to one recipient. */
export interface SendRequest {
  recipient: Recipient;
  message: Message;
}

/** A send of one message to many recipients in as few calls as the channel allows. */
export interface SendManyRequest {
  recipients: readonly Recipient[];
  message: Message;
}

/** What the vendor accepted. */
export interface SendAccepted {
  recipients: number;
  /** Vendor message objects per recipient. */
  messages: number;
}

/** Result of a successful send. */
export interface SendResult {
  channel: ChannelKind;
  /** Vendor operation used, e.g. `push`, `multicast`, `pnp`. */
  operation: string;
  /** Message ids the vendor returned (may be empty: LINE multicast returns none). */
  messageIds: readonly string[];
  /** Vendor request id (`x-line-request-id`, …). */
  requestId?: string;
  /** Set when an idempotent retry found the request already accepted earlier. */
  alreadyAccepted?: boolean;
  /** What the channel could not show as asked, and what it did instead. */
  warnings: readonly DegradationWarning[];
  accepted: SendAccepted;
}

/** The contract every channel implements. Orchestrators depend on nothing else. */
export interface Channel {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  /** Sends one message to one recipient. Throws `ApiCallError`/`ValidationError` on failure. */
  send(request: SendRequest, options?: SendOptions): Promise<SendResult>;
  /**
   * Native multicast, present only when `capabilities.maxRecipientsPerCall > 1`. Recipients beyond
   * that number are a `ValidationError`; chunking is the caller's job (see the sender).
   */
  sendMany?(request: SendManyRequest, options?: SendOptions): Promise<SendResult>;
}
