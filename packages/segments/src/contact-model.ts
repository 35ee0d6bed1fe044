/**
 * The contact model the segment language evaluates. It is plain JSON-compatible data: every field is
 * optional except `id`, and every read goes through own keys only (see `own-key.ts`), so a contact
 * carrying `__proto__` or `constructor` keys cannot change a result.
 */

/** A channel a contact can be reached on. `email` and `sms` cover newsletter / SMS marketing. */
export type ChannelName = 'line' | 'messenger' | 'instagram' | 'whatsapp' | 'webchat' | 'email' | 'sms';

/** Every channel name, as data. */
export const channelNames: readonly ChannelName[] = [
  'line',
  'messenger',
  'instagram',
  'whatsapp',
  'webchat',
  'email',
  'sms',
];

/** Subscription state of one channel membership. LINE mirrors the customer's block; others do not. */
export type SubscriptionStatus = 'subscribed' | 'unsubscribed' | 'blocked';

/** Every subscription status, as data. */
export const subscriptionStatuses: readonly SubscriptionStatus[] = ['subscribed', 'unsubscribed', 'blocked'];

/**
 * An instant: an ISO-8601 date-time with an offset (`2023-01-05T18:00:00+08:00`, `...Z`, at most
 * millisecond precision), epoch milliseconds, or a `Date`. Anything else counts as absent.
 */
export type DateTimeInput = string | number | Date;

/** One channel identity of a contact (a LINE user of an OA, a Messenger PSID of a page, ...). */
export interface ChannelMembership {
  channel: ChannelName;
  /** The connected account: LINE channel id, Facebook page id, WhatsApp number id. */
  accountId?: string | null;
  /** The channel's user id: LINE UID, PSID, IGSID, WhatsApp phone, email address. */
  userId: string;
  status: SubscriptionStatus;
  /** Messenger only: opted in to recurring notifications. */
  recurringNotificationOptIn?: boolean | null;
}

/** Identity bindings of a contact. */
export interface ContactBindings {
  /** Social identity binding: bound to the website (cookie/browser ↔ social account). */
  website?: boolean | null;
  /** Phone binding (OTP-verified phone ↔ LINE UID). */
  phone?: boolean | null;
  /** External member binding (e.g. 91APP member ↔ LINE UID). */
  externalMember?: boolean | null;
}

/** Store-staff (OMO) binding: the salesperson and branch a customer is bound to. */
export interface OmoBinding {
  isBound: boolean;
  /** The bound staff member (salesperson). */
  staffId?: string | null;
  /** The bound branch (store). */
  branchId?: string | null;
}

/** One recorded interaction of a contact with a broadcast. Data covers broadcasts from 2024-09-01. */
export interface BroadcastInteraction {
  broadcastId: string;
  /** `opened` is LINE; `read` is WhatsApp and Messenger; `clicked` is all three. */
  action: 'opened' | 'read' | 'clicked';
  at?: DateTimeInput | null;
}

/** A custom attribute value. Dates are `YYYY-MM-DD` strings; date-times are ISO strings with offset. */
export type AttributeValue = string | number | boolean | null;

/** A contact, as the evaluator and `contactToSqlRows()` read it. */
export interface Contact {
  /** Stable unique id; it is what counts, previews and SQL return. */
  id: string;
  /** Full name; the name condition needs an exact full match. */
  name?: string | null;
  memberId?: string | null;
  /** Compared trimmed and case-insensitively. */
  email?: string | null;
  /** Compared in E.164 form (`+886912345678`); local forms use the evaluation's `defaultCountry`. */
  phone?: string | null;
  channels?: readonly ChannelMembership[] | null;
  /** Beyond the plan's contact quota (超額名單). */
  isOverQuota?: boolean | null;
  /** Tag name → how many times it was applied (re-applying a tag adds 1). */
  tags?: Readonly<Record<string, number>> | null;
  /** Custom attributes by key (letters, digits, underscore; case-sensitive). */
  attributes?: Readonly<Record<string, AttributeValue>> | null;
  /** Marketing consent per channel, e.g. `{ email: true }` for the newsletter opt-in. */
  consents?: Readonly<Partial<Record<ChannelName, boolean>>> | null;
  bindings?: ContactBindings | null;
  omo?: OmoBinding | null;
  /** When the contact subscribed to or followed the account. */
  subscribedAt?: DateTimeInput | null;
  /** The contact last messaged, used the bot, or subscribed. */
  customerLastInteractionAt?: DateTimeInput | null;
  /** Last cart-remarketing message or broadcast (including automated pushes and bulk sends). */
  teamLastMarketingAt?: DateTimeInput | null;
  /** Last 1:1 message by staff. */
  teamLastInteractionAt?: DateTimeInput | null;
  /** Last completed checkout. */
  lastCheckoutAt?: DateTimeInput | null;
  /** Last update of the contact record; previews list newest first. */
  updatedAt?: DateTimeInput | null;
  interactions?: readonly BroadcastInteraction[] | null;
}

/** The time fields a `time` condition can test. */
export type TimeField =
  | 'subscribedAt'
  | 'customerLastInteractionAt'
  | 'teamLastMarketingAt'
  | 'teamLastInteractionAt'
  | 'lastCheckoutAt';

/** Every time field, as data. */
export const timeFields: readonly TimeField[] = [
  'subscribedAt',
  'customerLastInteractionAt',
  'teamLastMarketingAt',
  'teamLastInteractionAt',
  'lastCheckoutAt',
];
