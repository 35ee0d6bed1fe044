/**
 * The types of the segment filter language (the zod schemas in `segment-filter-schema.ts` produce
 * exactly these). Discriminators are kebab-case.
 */
import type { ChannelName, SubscriptionStatus, TimeField } from './contact-model.js';

/** `this`, `last` or `next` month relative to `now` in the team's zone, or a month number 1–12. */
export type MonthSelector = 'this' | 'last' | 'next' | number;

/** Operators relative to `now` (seeds §2.6), shared by date and date-time values. */
export type RelativeDateOperator =
  | { op: 'today' }
  | { op: 'days-ago'; days: number }
  | { op: 'days-ahead'; days: number }
  | { op: 'within-next-days'; days: number }
  | { op: 'within-last-days'; days: number }
  | { op: 'on-or-after-days-from-now'; days: number }
  | { op: 'more-than-days-ago'; days: number }
  | { op: 'month'; month: MonthSelector };

/** Comparison operators of date-like values. */
export type DateComparisonOp = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * An operator on a date-like value. For `date` values every operand is `YYYY-MM-DD`; for date-time
 * values `lt`/`lte`/`gt`/`gte`/`between` also accept an ISO date-time with offset (an exact instant),
 * while a `YYYY-MM-DD` operand means the whole local day in the team's zone.
 */
export type DateOperator =
  | { op: 'exists' }
  | { op: 'on'; value: string }
  | { op: DateComparisonOp; value: string }
  | { op: 'between'; from: string; to: string }
  | RelativeDateOperator;

/** Tags: has any / has all / has none of `tags`, each applied at least `minCount` (default 1) times. */
export interface TagsCondition {
  type: 'tags';
  op: 'has-any' | 'has-all' | 'has-none';
  tags: string[];
  minCount?: number;
}

/** A profile field of the contact. */
export type ProfileField = 'name' | 'memberId' | 'email' | 'phone';

/** Name (exact full match), member id, email (trimmed, case-insensitive) or phone (E.164). */
export type FieldCondition =
  | { type: 'field'; field: ProfileField; op: 'equals' | 'not-equals'; value: string }
  | { type: 'field'; field: ProfileField; op: 'in'; values: string[] }
  | { type: 'field'; field: ProfileField; op: 'exists' };

/** Has a channel membership in `status` (on `channel` and `accountId` when given). */
export interface SubscriptionCondition {
  type: 'subscription';
  status: SubscriptionStatus;
  channel?: ChannelName;
  accountId?: string;
}

/** Is a member of the channel (and account), whatever the status. */
export interface ChannelCondition {
  type: 'channel';
  channel: ChannelName;
  accountId?: string;
}

/** Website (social identity), phone or external-member (e.g. 91APP) binding. */
export interface BindingCondition {
  type: 'binding';
  binding: 'website' | 'phone' | 'external-member';
  isBound: boolean;
}

/** Messenger recurring-notification opt-in. */
export interface RecurringNotificationCondition {
  type: 'recurring-notification';
  isOptedIn: boolean;
}

/** Store-staff (OMO) binding status. */
export interface OmoBindingCondition {
  type: 'omo-binding';
  isBound: boolean;
}

/** Bound (OMO) to one of these staff members. */
export interface OmoStaffCondition {
  type: 'omo-staff';
  staffIds: string[];
}

/** Bound (OMO) to one of these branches. */
export interface OmoBranchCondition {
  type: 'omo-branch';
  branchIds: string[];
}

/** Over-quota contacts (超額名單). */
export interface OverQuotaCondition {
  type: 'over-quota';
  isOverQuota: boolean;
}

/** Newsletter / marketing consent on a channel. */
export interface ConsentCondition {
  type: 'consent';
  channel: ChannelName;
  hasConsent: boolean;
}

/** Opened / read / clicked any broadcast or `broadcastId`; `hasInteracted: false` negates it. */
export interface BroadcastInteractionCondition {
  type: 'broadcast-interaction';
  action: 'opened' | 'read' | 'clicked';
  broadcastId?: string;
  hasInteracted: boolean;
}

/** A contact time field tested with a date-time operator. */
export type TimeCondition = { type: 'time'; field: TimeField } & DateOperator;

/** Fields shared by custom-attribute conditions. */
export interface AttributeConditionBase<V extends string> {
  type: 'attribute';
  /** Letters, digits and underscore; case-sensitive. */
  key: string;
  valueType: V;
}

/** A text custom attribute. */
export type TextAttributeCondition = AttributeConditionBase<'text'> &
  (
    | { op: 'equals' | 'not-equals' | 'contains' | 'starts-with'; value: string }
    | { op: 'in'; values: string[] }
    | { op: 'exists' }
  );

/** A number custom attribute. */
export type NumberAttributeCondition = AttributeConditionBase<'number'> &
  (
    | { op: 'equals' | 'not-equals' | 'lt' | 'lte' | 'gt' | 'gte'; value: number }
    | { op: 'in'; values: number[] }
    | { op: 'between'; from: number; to: number }
    | { op: 'exists' }
  );

/** A boolean (yes/no) custom attribute. */
export type BooleanAttributeCondition = AttributeConditionBase<'boolean'> &
  ({ op: 'equals'; value: boolean } | { op: 'exists' });

/** A date (`YYYY-MM-DD`) custom attribute. */
export type DateAttributeCondition = AttributeConditionBase<'date'> & DateOperator;

/** A date-time (ISO with offset) custom attribute. */
export type DateTimeAttributeCondition = AttributeConditionBase<'date-time'> & DateOperator;

/** A typed custom-attribute condition. */
export type AttributeCondition =
  | TextAttributeCondition
  | NumberAttributeCondition
  | BooleanAttributeCondition
  | DateAttributeCondition
  | DateTimeAttributeCondition;

/** Any leaf condition. */
export type SegmentCondition =
  | TagsCondition
  | FieldCondition
  | SubscriptionCondition
  | ChannelCondition
  | BindingCondition
  | RecurringNotificationCondition
  | OmoBindingCondition
  | OmoStaffCondition
  | OmoBranchCondition
  | OverQuotaCondition
  | ConsentCondition
  | BroadcastInteractionCondition
  | TimeCondition
  | AttributeCondition;

/** All of the children match (an empty `and` matches everyone). */
export interface AndGroup {
  and: SegmentNode[];
}
/** At least one child matches (an empty `or` matches no one). */
export interface OrGroup {
  or: SegmentNode[];
}
/** The child does not match. */
export interface NotGroup {
  not: SegmentNode;
}

/** A group or a condition. */
export type SegmentNode = AndGroup | OrGroup | NotGroup | SegmentCondition;

/** A versioned segment filter. */
export interface SegmentFilter {
  version: 1;
  where: SegmentNode;
}
