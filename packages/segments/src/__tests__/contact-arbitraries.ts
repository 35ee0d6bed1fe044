/** Test support: contacts whose values cluster on a world's boundaries, with hostile keys mixed in. */
import fc from 'fast-check';
import type { ChannelMembership, Contact } from '../contact-model.js';
import {
  dateArbitrary,
  dateTimeValueArbitrary,
  instantArbitrary,
  isoWithOffset,
  type World,
} from './world-arbitraries.js';

export const tagPool = ['vip', 'new', 'loyal', '__proto__', 'constructor'];
export const textPool = ['', 'Taipei', 'taipei', 'Taichung', 'Tai', '台北', 'a%b_c', "o'hara", 'x"y\\z'];
export const numberPool = [-1, 0, 0.1, 0.30000000000000004, 1, 2.5, 100, 1e21, -0, 5e-324];
export const namePool = ['Amy', 'amy', 'Bob', '', '王小明'];
export const emailPool = [' Amy@Example.com', 'amy@example.com', 'bob@x.io', ''];
export const phonePool = ['0912345678', '+886912345678', '886 912 345 678', '+1 212 555 0100', 'garbage', ''];
export const idPool = ['s1', 's2', 'b1', 'b2'];
export const attributeKeys = ['k_text', 'k_num', 'k_bool', 'k_date', 'k_dt', '__proto__', 'constructor'];
export type ValueType = 'text' | 'number' | 'boolean' | 'date' | 'date-time';
const intendedKey: Record<ValueType, string> = {
  text: 'k_text',
  number: 'k_num',
  boolean: 'k_bool',
  date: 'k_date',
  'date-time': 'k_dt',
};

/** Mostly the key that holds this type, sometimes any key (type mismatches must not match). */
export function keyFor(valueType: ValueType): fc.Arbitrary<string> {
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

export const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

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
