/** Test support: random filters (every condition type, nested groups), exclusion policies and scenarios. */
import fc from 'fast-check';
import type { ExclusionPolicy } from '../default-exclusions.js';
import type { DateOperator, SegmentCondition, SegmentFilter, SegmentNode } from '../segment-filter-types.js';
import {
  attributeKeys,
  contactArbitrary,
  emailPool,
  idPool,
  keyFor,
  namePool,
  numberPool,
  optional,
  tagPool,
  textPool,
} from './contact-arbitraries.js';
import {
  dateArbitrary,
  dateTimeValueArbitrary,
  isoWithOffset,
  type World,
  worldArbitrary,
} from './world-arbitraries.js';

/** A date operator with operands near today. */
function dateOperatorArbitrary(world: World, withInstants: boolean): fc.Arbitrary<DateOperator> {
  const days = fc.constantFrom(0, 1, 2, 3, 3, 30);
  const operand = withInstants
    ? fc.oneof(
        dateArbitrary(world),
        dateTimeValueArbitrary(world).map((v) => (typeof v === 'number' ? isoWithOffset(v, 480) : v)),
      )
    : dateArbitrary(world);
  return fc.oneof(
    fc.constant({ op: 'exists' as const }),
    fc.constant({ op: 'today' as const }),
    dateArbitrary(world).map((value) => ({ op: 'on' as const, value })),
    fc.record({
      op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const),
      value: operand,
    }),
    fc.record({ from: operand, to: operand }).map((range) => ({ op: 'between' as const, ...range })),
    fc.record({
      op: fc.constantFrom(
        'days-ago' as const,
        'days-ahead' as const,
        'within-next-days' as const,
        'within-last-days' as const,
        'on-or-after-days-from-now' as const,
        'more-than-days-ago' as const,
      ),
      days,
    }),
    fc.record({
      op: fc.constant('month' as const),
      month: fc.constantFrom('this' as const, 'last' as const, 'next' as const, 1, 2, 6, 12),
    }),
  );
}

function conditionArbitrary(world: World): fc.Arbitrary<SegmentCondition> {
  const texts = fc.array(fc.constantFrom(...textPool), { minLength: 1, maxLength: 3 });
  const numbers = fc.array(fc.constantFrom(...numberPool), { minLength: 1, maxLength: 3 });
  const field = fc.constantFrom('name' as const, 'memberId' as const, 'email' as const);
  const validPhones = ['0912345678', '+886912345678', '+1 212 555 0100'];
  const others = fc.oneof(
    fc.record({
      type: fc.constant('tags' as const),
      op: fc.constantFrom('has-any' as const, 'has-all' as const, 'has-none' as const),
      tags: fc.array(fc.constantFrom(...tagPool), { minLength: 1, maxLength: 3 }),
      minCount: optional(fc.constantFrom(1, 2)),
    }),
    fc.oneof(
      fc.record({
        type: fc.constant('field' as const),
        field,
        op: fc.constantFrom('equals' as const, 'not-equals' as const),
        value: fc.constantFrom(...namePool, ...emailPool, 'M1'),
      }),
      fc.record({
        type: fc.constant('field' as const),
        field,
        op: fc.constant('in' as const),
        values: fc.array(fc.constantFrom(...namePool, ...emailPool, 'M2'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('field' as const),
        field: fc.constantFrom('name' as const, 'memberId' as const, 'email' as const, 'phone' as const),
        op: fc.constant('exists' as const),
      }),
      fc.record({
        type: fc.constant('field' as const),
        field: fc.constant('phone' as const),
        op: fc.constantFrom('equals' as const, 'not-equals' as const),
        value: fc.constantFrom(...validPhones),
      }),
    ),
    fc.record({
      type: fc.constant('subscription' as const),
      status: fc.constantFrom('subscribed' as const, 'unsubscribed' as const, 'blocked' as const),
      channel: optional(fc.constantFrom('line' as const, 'messenger' as const)),
      accountId: optional(fc.constantFrom('acc1')),
    }),
    fc.record({
      type: fc.constant('channel' as const),
      channel: fc.constantFrom('line' as const, 'whatsapp' as const),
      accountId: optional(fc.constantFrom('acc2')),
    }),
    fc.record({
      type: fc.constant('binding' as const),
      binding: fc.constantFrom('website' as const, 'phone' as const, 'external-member' as const),
      isBound: fc.boolean(),
    }),
    fc.record({ type: fc.constant('recurring-notification' as const), isOptedIn: fc.boolean() }),
    fc.record({ type: fc.constant('omo-binding' as const), isBound: fc.boolean() }),
    fc.record({
      type: fc.constant('omo-staff' as const),
      staffIds: fc.array(fc.constantFrom(...idPool), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('omo-branch' as const),
      branchIds: fc.array(fc.constantFrom(...idPool), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ type: fc.constant('over-quota' as const), isOverQuota: fc.boolean() }),
    fc.record({
      type: fc.constant('consent' as const),
      channel: fc.constantFrom('email' as const, 'sms' as const),
      hasConsent: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('broadcast-interaction' as const),
      action: fc.constantFrom('opened' as const, 'read' as const, 'clicked' as const),
      broadcastId: optional(fc.constantFrom('b1', 'b2')),
      hasInteracted: fc.boolean(),
    }),
  );
  const time = fc
    .tuple(
      fc.constantFrom(
        'subscribedAt' as const,
        'customerLastInteractionAt' as const,
        'teamLastMarketingAt' as const,
        'teamLastInteractionAt' as const,
        'lastCheckoutAt' as const,
      ),
      dateOperatorArbitrary(world, true),
    )
    .map(([timeField, operator]) => ({ type: 'time' as const, field: timeField, ...operator }));
  const plainAttributes = fc.oneof(
    fc
      .record({
        key: keyFor('text'),
        op: fc.constantFrom('equals' as const, 'not-equals' as const),
        value: fc.constantFrom(...textPool),
      })
      .map((c) => ({ type: 'attribute' as const, valueType: 'text' as const, ...c })),
    fc
      .record({
        key: keyFor('text'),
        op: fc.constantFrom('contains' as const, 'starts-with' as const),
        value: fc.constantFrom('Tai', 'a%', '_', "'", '\\', '台'),
      })
      .map((c) => ({ type: 'attribute' as const, valueType: 'text' as const, ...c })),
    fc
      .record({ key: keyFor('text'), values: texts })
      .map((c) => ({ type: 'attribute' as const, valueType: 'text' as const, op: 'in' as const, ...c })),
    fc
      .record({
        key: keyFor('number'),
        op: fc.constantFrom(
          'equals' as const,
          'not-equals' as const,
          'lt' as const,
          'lte' as const,
          'gt' as const,
          'gte' as const,
        ),
        value: fc.constantFrom(...numberPool),
      })
      .map((c) => ({ type: 'attribute' as const, valueType: 'number' as const, ...c })),
    fc
      .record({ key: keyFor('number'), values: numbers })
      .map((c) => ({ type: 'attribute' as const, valueType: 'number' as const, op: 'in' as const, ...c })),
    fc
      .record({ key: keyFor('number'), from: fc.constantFrom(-1, 0, 0.1), to: fc.constantFrom(1, 100, 1e21) })
      .map((c) => ({
        type: 'attribute' as const,
        valueType: 'number' as const,
        op: 'between' as const,
        ...c,
      })),
    fc.record({ key: keyFor('boolean'), value: fc.boolean() }).map((c) => ({
      type: 'attribute' as const,
      valueType: 'boolean' as const,
      op: 'equals' as const,
      ...c,
    })),
    fc
      .record({
        key: fc.constantFrom(...attributeKeys),
        valueType: fc.constantFrom('text' as const, 'number' as const, 'boolean' as const),
      })
      .map((c) => ({ type: 'attribute' as const, op: 'exists' as const, ...c })),
  );
  const dateAttributes = fc.oneof(
    fc.tuple(keyFor('date'), dateOperatorArbitrary(world, false)).map(([k, operator]) => ({
      type: 'attribute' as const,
      key: k,
      valueType: 'date' as const,
      ...operator,
    })),
    fc.tuple(keyFor('date-time'), dateOperatorArbitrary(world, true)).map(([k, operator]) => ({
      type: 'attribute' as const,
      key: k,
      valueType: 'date-time' as const,
      ...operator,
    })),
  );
  return fc.oneof(
    { arbitrary: others, weight: 3 },
    { arbitrary: time, weight: 2 },
    { arbitrary: plainAttributes, weight: 1 },
    { arbitrary: dateAttributes, weight: 2 },
  ) as fc.Arbitrary<SegmentCondition>;
}

/** A random tree of groups over conditions. */
export function filterArbitrary(world: World): fc.Arbitrary<SegmentFilter> {
  const { node } = fc.letrec<{ node: SegmentNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      conditionArbitrary(world),
      fc.array(tie('node'), { maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('node'), { maxLength: 3 }).map((or) => ({ or })),
      tie('node').map((not) => ({ not })),
    ),
  }));
  return node.map((where) => ({ version: 1 as const, where }));
}

/** Exclusion policies to test alongside filters. */
export const exclusionsArbitrary: fc.Arbitrary<ExclusionPolicy | false | undefined> = fc.oneof(
  { arbitrary: fc.constant(false as const), weight: 4 },
  {
    arbitrary: fc.constantFrom<ExclusionPolicy | undefined>(
      undefined,
      { channel: 'email' },
      { channel: 'line', accountId: 'acc1' },
      { excludeUnsubscribed: false, excludeOverQuota: true },
    ),
    weight: 1,
  },
);

/** A world, its contacts and some filters. */
export function scenarioArbitrary(maxContacts: number, filters: number) {
  return worldArbitrary.chain((world) =>
    fc.record({
      world: fc.constant(world),
      contacts: fc
        .integer({ min: 0, max: maxContacts })
        .chain((count) =>
          fc.tuple(...Array.from({ length: count }, (_, index) => contactArbitrary(world, `c${index}`))),
        ),
      filters: fc.array(fc.tuple(filterArbitrary(world), exclusionsArbitrary), {
        minLength: filters,
        maxLength: filters,
      }),
    }),
  );
}
