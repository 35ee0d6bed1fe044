/**
 * Own-key readers of contact fields for the evaluator's hot path. Each reader is a separate function
 * with a literal property name, so V8 keeps every property access monomorphic (one generic
 * `object[key]` helper shared by all fields goes megamorphic and costs several times more). Inherited
 * keys are never read: a value counts only when it is an own property.
 */

const hasOwn = Object.prototype.hasOwnProperty;

// biome-ignore lint/suspicious/noExplicitAny: property reads on unknown JSON need an indexable type.
type Loose = any;

/** Contact-level fields. */
export const contactField = {
  name: (c: Loose): unknown => (c.name !== undefined && hasOwn.call(c, 'name') ? c.name : undefined),
  memberId: (c: Loose): unknown =>
    c.memberId !== undefined && hasOwn.call(c, 'memberId') ? c.memberId : undefined,
  email: (c: Loose): unknown => (c.email !== undefined && hasOwn.call(c, 'email') ? c.email : undefined),
  phone: (c: Loose): unknown => (c.phone !== undefined && hasOwn.call(c, 'phone') ? c.phone : undefined),
  channels: (c: Loose): unknown =>
    c.channels !== undefined && hasOwn.call(c, 'channels') ? c.channels : undefined,
  isOverQuota: (c: Loose): unknown =>
    c.isOverQuota !== undefined && hasOwn.call(c, 'isOverQuota') ? c.isOverQuota : undefined,
  tags: (c: Loose): unknown => (c.tags !== undefined && hasOwn.call(c, 'tags') ? c.tags : undefined),
  attributes: (c: Loose): unknown =>
    c.attributes !== undefined && hasOwn.call(c, 'attributes') ? c.attributes : undefined,
  consents: (c: Loose): unknown =>
    c.consents !== undefined && hasOwn.call(c, 'consents') ? c.consents : undefined,
  bindings: (c: Loose): unknown =>
    c.bindings !== undefined && hasOwn.call(c, 'bindings') ? c.bindings : undefined,
  omo: (c: Loose): unknown => (c.omo !== undefined && hasOwn.call(c, 'omo') ? c.omo : undefined),
  interactions: (c: Loose): unknown =>
    c.interactions !== undefined && hasOwn.call(c, 'interactions') ? c.interactions : undefined,
  subscribedAt: (c: Loose): unknown =>
    c.subscribedAt !== undefined && hasOwn.call(c, 'subscribedAt') ? c.subscribedAt : undefined,
  customerLastInteractionAt: (c: Loose): unknown =>
    c.customerLastInteractionAt !== undefined && hasOwn.call(c, 'customerLastInteractionAt')
      ? c.customerLastInteractionAt
      : undefined,
  teamLastMarketingAt: (c: Loose): unknown =>
    c.teamLastMarketingAt !== undefined && hasOwn.call(c, 'teamLastMarketingAt')
      ? c.teamLastMarketingAt
      : undefined,
  teamLastInteractionAt: (c: Loose): unknown =>
    c.teamLastInteractionAt !== undefined && hasOwn.call(c, 'teamLastInteractionAt')
      ? c.teamLastInteractionAt
      : undefined,
  lastCheckoutAt: (c: Loose): unknown =>
    c.lastCheckoutAt !== undefined && hasOwn.call(c, 'lastCheckoutAt') ? c.lastCheckoutAt : undefined,
} as const;

/** Fields of a channel membership. */
export const membershipField = {
  channel: (m: Loose): unknown =>
    m.channel !== undefined && hasOwn.call(m, 'channel') ? m.channel : undefined,
  accountId: (m: Loose): unknown =>
    m.accountId !== undefined && hasOwn.call(m, 'accountId') ? m.accountId : undefined,
  status: (m: Loose): unknown => (m.status !== undefined && hasOwn.call(m, 'status') ? m.status : undefined),
  recurringNotificationOptIn: (m: Loose): unknown =>
    m.recurringNotificationOptIn !== undefined && hasOwn.call(m, 'recurringNotificationOptIn')
      ? m.recurringNotificationOptIn
      : undefined,
} as const;

/** Fields of the bindings object. */
export const bindingField = {
  website: (b: Loose): unknown =>
    b.website !== undefined && hasOwn.call(b, 'website') ? b.website : undefined,
  phone: (b: Loose): unknown => (b.phone !== undefined && hasOwn.call(b, 'phone') ? b.phone : undefined),
  externalMember: (b: Loose): unknown =>
    b.externalMember !== undefined && hasOwn.call(b, 'externalMember') ? b.externalMember : undefined,
} as const;

/** Fields of the OMO binding. */
export const omoField = {
  isBound: (o: Loose): unknown =>
    o.isBound !== undefined && hasOwn.call(o, 'isBound') ? o.isBound : undefined,
  staffId: (o: Loose): unknown =>
    o.staffId !== undefined && hasOwn.call(o, 'staffId') ? o.staffId : undefined,
  branchId: (o: Loose): unknown =>
    o.branchId !== undefined && hasOwn.call(o, 'branchId') ? o.branchId : undefined,
} as const;

/** Fields of a broadcast interaction. */
export const interactionField = {
  broadcastId: (i: Loose): unknown =>
    i.broadcastId !== undefined && hasOwn.call(i, 'broadcastId') ? i.broadcastId : undefined,
  action: (i: Loose): unknown => (i.action !== undefined && hasOwn.call(i, 'action') ? i.action : undefined),
} as const;

/** Count of a tag (own key of the tags object). */
export function tagCount(tags: Loose, tag: string): unknown {
  const value = tags[tag];
  return value !== undefined && hasOwn.call(tags, tag) ? value : undefined;
}

/** Value of a custom attribute (own key of the attributes object). */
export function attributeValue(attributes: Loose, key: string): unknown {
  const value = attributes[key];
  return value !== undefined && hasOwn.call(attributes, key) ? value : undefined;
}
