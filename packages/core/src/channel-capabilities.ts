import type { TextUnit } from './count-text.js';
import type { PartType } from './message-schema.js';

/** A text limit and how it is counted. */
export interface TextLimit {
  max: number;
  unit: TextUnit;
}

/** A rate limit: at most `limit` operations per `intervalMs`, optionally with a burst allowance. */
export interface RateLimit {
  limit: number;
  intervalMs: number;
  /** Tokens a full bucket holds (default `limit`). */
  burst?: number;
}

/** The recipient addressing forms a channel accepts. */
export type RecipientType = 'user' | 'phone' | 'email' | 'audience';

/** A contact identity key. */
export type IdentityKind = 'line' | 'messenger' | 'whatsapp' | 'phone' | 'email';

/** How a session (customer-service) window constrains free-form messages. */
export interface SessionWindowRule {
  /** Window length after the customer's last message, e.g. 24 h. */
  durationMs: number;
  /** What may be sent outside the window. */
  outside: 'template-only' | 'tagged-only' | 'blocked';
}

/** Limits on a channel's message composition. Missing limits mean "none known". */
export interface MessageLimits {
  /** Vendor message objects per request (LINE: 5). Each part becomes about one object. */
  maxPartsPerMessage?: number;
  text?: TextLimit;
  buttonLabel?: TextLimit;
  altText?: TextLimit;
  cardTitle?: TextLimit;
  cardText?: TextLimit;
  buttonsText?: TextLimit;
  postbackData?: TextLimit;
  maxButtons?: number;
  maxQuickReplies?: number;
  maxCarouselCards?: number;
  maxCardButtons?: number;
}

/** Which vendor operation (and so which rate limit) a send uses, by addressing form. */
export interface SendOperations {
  /** One user, by channel user id (LINE push). */
  user?: string;
  /** One phone number (LINE PNP, SMS). */
  phone?: string;
  email?: string;
  /** A server-side audience (LINE narrowcast). */
  audience?: string;
  /** Many users in one call via `sendMany` (LINE multicast). */
  many?: string;
}

/** How usage is billed, for cost preflights. */
export type BillingUnit = 'recipient' | 'message' | 'sms-segment' | 'conversation' | 'none';

/** Everything shared code needs to know about a channel, as data. */
export interface ChannelCapabilities {
  /** Parts the channel renders natively. Others are degraded with a warning (or refused in strict mode). */
  parts: readonly PartType[];
  limits: MessageLimits;
  /** Addressing forms accepted by `send()`. */
  recipientTypes: readonly RecipientType[];
  /** Contact identity a `user` recipient of this channel is drawn from. */
  identity?: IdentityKind;
  /** Recipients per `sendMany()` call (LINE multicast: 500); 1 when there is no native multicast. */
  maxRecipientsPerCall: number;
  operations: SendOperations;
  /** Default rate limits per vendor operation name. */
  rateLimits: Readonly<Record<string, RateLimit>>;
  /** Spacing between messages to the same recipient (WhatsApp: 1 per 6 s, bursts to 45). */
  recipientPacing?: RateLimit;
  sessionWindow?: SessionWindowRule;
  /** Whether sends accept an idempotency key that the vendor honours (LINE retry key). */
  supportsIdempotencyKey: boolean;
  billingUnit: BillingUnit;
  /** Whether `metadata.silent` is honoured. */
  supportsSilent?: boolean;
}
