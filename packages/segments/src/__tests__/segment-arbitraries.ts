/**
 * Test support: fast-check arbitraries of evaluation contexts, contacts and filters. Values cluster
 * around `now` (exact N-day offsets, ±1 ms, local midnights, month and year boundaries, the ends of the
 * "any year" month window) so the property tests hit every boundary of the date operators.
 */
import fc from 'fast-check';
import type { ChannelMembership, Contact } from '../contact-model.js';
import type { ExclusionPolicy } from '../default-exclusions.js';
import type { DateOperator, SegmentCondition, SegmentFilter, SegmentNode } from '../segment-filter-types.js';
import { addDays, addMonths, ZonedCalendar } from '../zoned-calendar.js';

const dayMs = 86_400_000;

/** Zones with DST, half-hour and 45-minute offsets, both hemispheres. */
export const timeZones = [
  'UTC',
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
];

/** A world around one `now`. */
export interface World {
  now: number;
  timeZone: string;
  calendar: ZonedCalendar;
  today: string;
}

const boundaryNows = [
  '2023-01-05T18:00:00+08:00',
  '2023-12-31T23:59:59.999Z',
  '2024-01-01T00:00:00+08:00',
  '2024-02-29T12:00:00Z',
  '2024-03-31T23:30:00-04:00',
  '2024-11-03T05:30:00Z',
  '2025-01-31T16:00:00Z',
  '2025-12-31T15:59:59.999Z',
].map((value) => Date.parse(value));

/** `now` (random or on a boundary) and a zone. */
export const worldArbitrary: fc.Arbitrary<World> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 11, 31) }),
      fc.constantFrom(...boundaryNows),
    ),
    fc.constantFrom(...timeZones),
  )
  .map(([now, timeZone]) => {
    const calendar = new ZonedCalendar(timeZone);
    return { now, timeZone, calendar, today: calendar.localDate(now) };
  });

/** An instant near `now` or near a boundary that some operator uses. */
function instantArbitrary(world: World): fc.Arbitrary<number> {
  const { now, calendar, today } = world;
  const nudge = fc.constantFrom(-1, 0, 0, 1);
  return fc.oneof(
    {
      arbitrary: fc.tuple(fc.integer({ min: -3, max: 3 }), nudge).map(([n, e]) => now + n * dayMs + e),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: -4, max: 4 }), nudge)
        .map(([n, e]) => calendar.startOfDay(addDays(today, n)) + e),
      weight: 3,
    },
    { arbitrary: fc.integer({ min: -400 * dayMs, max: 400 * dayMs }).map((delta) => now + delta), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: -14, max: 14 }), nudge)
        .map(([n, e]) => calendar.startOfDay(addMonths(today, n)) + e),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(-1200, 361), fc.integer({ min: -1, max: 1 }), nudge)
        .map(([months, n, e]) => calendar.startOfDay(addDays(addMonths(today, months), n)) + e),
      weight: 1,
    },
  );
}

/** A date near today or near a window edge. */
function dateArbitrary(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: -4, max: 4 }).map((n) => addDays(world.today, n)), weight: 5 },
    { arbitrary: fc.integer({ min: -400, max: 400 }).map((n) => addDays(world.today, n)), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(-1200, 361), fc.integer({ min: -1, max: 1 }))
        .map(([months, n]) => addDays(addMonths(world.today, months), n)),
      weight: 1,
    },
  );
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** ISO string of an instant written with a given offset (minutes). */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function dateTimeValueArbitrary(world: World): fc.Arbitrary<string | number> {
  return fc.oneof(
    instantArbitrary(world),
    fc
      .tuple(instantArbitrary(world), fc.constantFrom(0, 480, -300, 345, 330))
      .map(([ms, o]) => isoWithOffset(ms, o)),
  );
}

const tagPool = ['vip', 'new', 'loyal', '__proto__', 'constructor'];
const textPool = ['', 'Taipei', 'taipei', 'Taichung', 'Tai', '台北', 'a%b_c', "o'hara", 'x"y\\z'];
const numberPool = [-1, 0, 0.1, 0.30000000000000004, 1, 2.5, 100, 1e21, -0, 5e-324];
const namePool = ['Amy', 'amy', 'Bob', '', '王小明'];
const emailPool = [' Amy@Example.com', 'amy@example.com', 'bob@x.io', ''];
const phonePool = ['0912345678', '+886912345678', '886 912 345 678', '+1 212 555 0100', 'garbage', ''];
const idPool = ['s1', 's2', 'b1', 'b2'];
const attributeKeys = ['k_text', 'k_num', 'k_bool', 'k_date', 'k_dt', '__proto__', 'constructor'];
type ValueType = 'text' | 'number' | 'boolean' | 'date' | 'date-time';
const intendedKey: Record<ValueType, string> = {
  text: 'k_text',
  number: 'k_num',
  boolean: 'k_bool',
  date: 'k_date',
  'date-time': 'k_dt',
};

/** Mostly the key that holds this type, sometimes any key (type mismatches must not match). */
function keyFor(valueType: ValueType): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(intendedKey[valueType]), weight: 4 },
    { arbitrary: fc.constantFrom(...attributeKeys), weight: 1 },
  );
}

function typedValueArbitrary(world: World, key: string): fc.Arbitrary<unknown> {
  switch (key) {
    case 'k_text':
    case 'constructor':
      return fc.constantFrom(...textPool);
    case 'k_num':
    case '__proto__':
      return fc.constantFrom(...numberPool);
    case 'k_bool':
      return fc.boolean();
    case 'k_date':
      return dateArbitrary(world);
    default:
      return instantArbitrary(world).chain((ms) =>
        fc.constantFrom(0, 480, -300, 345).map((o) => isoWithOffset(ms, o)),
      );
  }
}

function attributeValueArbitrary(world: World): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...textPool),
    fc.constantFrom(...numberPool),
    fc.boolean(),
    dateArbitrary(world),
    dateTimeValueArbitrary(world),
    fc.constant(null),
    fc.constant('2023-02-30'),
  );
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

function membershipArbitrary(): fc.Arbitrary<ChannelMembership> {
  return fc.record({
    channel: fc.constantFrom('line', 'messenger', 'whatsapp', 'email'),
    accountId: optional(fc.constantFrom('acc1', 'acc2')),
    userId: fc.constantFrom('U1', 'U2', 'P1'),
    status: fc.constantFrom('subscribed', 'unsubscribed', 'blocked'),
    recurringNotificationOptIn: optional(fc.boolean()),
  }) as fc.Arbitrary<ChannelMembership>;
}

/** A contact whose values cluster on the world's boundaries. */
export function contactArbitrary(world: World, id: string): fc.Arbitrary<Contact> {
  const time = optional(dateTimeValueArbitrary(world));
  return fc
    .record({
      name: optional(fc.constantFrom(...namePool)),
      memberId: optional(fc.constantFrom('M1', 'M2', '')),
      email: optional(fc.constantFrom(...emailPool)),
      phone: optional(fc.constantFrom(...phonePool)),
      channels: optional(fc.array(membershipArbitrary(), { maxLength: 3 })),
      isOverQuota: optional(fc.boolean()),
      tags: optional(
        fc.array(fc.tuple(fc.constantFrom(...tagPool), fc.integer({ min: 0, max: 3 })), { maxLength: 4 }),
      ),
      attributes: optional(
        fc
          .tuple(
            ...attributeKeys.map((key) =>
              optional(
                fc
                  .oneof(
                    { arbitrary: typedValueArbitrary(world, key), weight: 4 },
                    { arbitrary: attributeValueArbitrary(world), weight: 1 },
                  )
                  .map((value) => [key, value] as [string, unknown]),
              ),
            ),
          )
          .map((pairs) => pairs.filter((pair) => pair !== undefined)),
      ),
      consents: optional(fc.record({ email: optional(fc.boolean()), sms: optional(fc.boolean()) })),
      bindings: optional(
        fc.record({
          website: optional(fc.boolean()),
          phone: optional(fc.boolean()),
          externalMember: optional(fc.boolean()),
        }),
      ),
      omo: optional(
        fc.record({
          isBound: fc.boolean(),
          staffId: optional(fc.constantFrom(...idPool)),
          branchId: optional(fc.constantFrom(...idPool)),
        }),
      ),
      subscribedAt: time,
      customerLastInteractionAt: time,
      teamLastMarketingAt: time,
      teamLastInteractionAt: time,
      lastCheckoutAt: time,
      interactions: optional(
        fc.array(
          fc.record({
            broadcastId: fc.constantFrom('b1', 'b2'),
            action: fc.constantFrom('opened', 'read', 'clicked'),
          }),
          { maxLength: 3 },
        ),
      ),
    })
    .map((fields) => {
      const contact: Record<string, unknown> = { id };
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (key === 'tags' || key === 'attributes')
          contact[key] = Object.fromEntries(value as [string, unknown][]);
        else contact[key] = value;
      }
      return contact as unknown as Contact;
    });
}

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
