import { describe, expect, it } from 'vitest';
import type { Contact } from './contact-model.js';
import { countSegment, previewSegment } from './count-segment.js';
import { explainSegment } from './explain-segment.js';

const options = { now: '2023-01-05T18:00:00+08:00', timeZone: 'Asia/Taipei' };
const vipFilter = { version: 1, where: { type: 'tags', op: 'has-any', tags: ['vip'] } };

function contact(index: number, extra: Partial<Contact> = {}): Contact {
  return {
    id: `c${index}`,
    tags: index % 2 === 0 ? { vip: 1 } : {},
    channels: [
      { channel: 'line', userId: `U${index}`, status: index % 3 === 0 ? 'unsubscribed' : 'subscribed' },
    ],
    updatedAt: Date.UTC(2023, 0, 1) + index * 1000,
    ...extra,
  };
}

async function* stream(count: number): AsyncGenerator<Contact> {
  for (let index = 0; index < count; index += 1) yield contact(index);
}

function* generate(count: number): Generator<Contact> {
  for (let index = 0; index < count; index += 1) yield contact(index);
}

describe('countSegment', () => {
  it('counts arrays, iterables and async iterables alike, applying exclusions', async () => {
    const list = Array.from(generate(30));
    const expected = list.filter((_, index) => index % 2 === 0 && index % 3 !== 0).length;
    expect(await countSegment(vipFilter, list, options)).toBe(expected);
    expect(await countSegment(vipFilter, generate(30), options)).toBe(expected);
    expect(await countSegment(vipFilter, stream(30), options)).toBe(expected);
    expect(await countSegment(vipFilter, stream(30), { ...options, exclusions: false })).toBe(15);
  });

  it('streams a large source in constant memory', async () => {
    expect(await countSegment(vipFilter, stream(20_000), { ...options, exclusions: false })).toBe(10_000);
  });
});

describe('previewSegment', () => {
  it('returns the count and the most recently updated matches first', async () => {
    const preview = await previewSegment(vipFilter, stream(30), { ...options, exclusions: false, limit: 3 });
    expect(preview.count).toBe(15);
    expect(preview.contacts.map((item) => item.id)).toEqual(['c28', 'c26', 'c24']);
  });

  it('keeps source order among equal or missing update times and honours limit 0', async () => {
    const list = [contact(0, { updatedAt: null }), contact(2, { updatedAt: null }), contact(4)];
    const preview = await previewSegment(vipFilter, list, { ...options, exclusions: false });
    expect(preview.contacts.map((item) => item.id)).toEqual(['c4', 'c0', 'c2']);
    expect(
      (await previewSegment(vipFilter, list, { ...options, exclusions: false, limit: 0 })).contacts,
    ).toEqual([]);
  });
});

describe('explainSegment', () => {
  it('says which conditions matched and why', () => {
    const filter = {
      version: 1,
      where: {
        and: [
          { type: 'tags', op: 'has-any', tags: ['vip'] },
          { not: { type: 'time', field: 'lastCheckoutAt', op: 'within-last-days', days: 30 } },
          { or: [{ type: 'attribute', key: 'points', valueType: 'number', op: 'gt', value: 100 }] },
        ],
      },
    };
    const subject: Contact = {
      ...contact(0),
      channels: [{ channel: 'line', userId: 'U0', status: 'subscribed' }],
      tags: { vip: 2 },
      lastCheckoutAt: '2023-01-04T10:00:00+08:00',
      attributes: { points: 50 },
    };
    const result = explainSegment(filter, subject, options);
    expect(result.matched).toBe(false);
    expect(result.excludedBy).toEqual([]);
    const [tags, not, or] = result.filter.children!;
    expect(tags).toMatchObject({ path: 'where.and[0]', kind: 'tags', matched: true, actual: { vip: 2 } });
    expect(tags!.reason).toContain('matched: contact value {"vip":2}');
    expect(not).toMatchObject({ kind: 'not', matched: false, reason: 'inner condition matched' });
    expect(not!.children![0]).toMatchObject({
      kind: 'time',
      matched: true,
      actual: '2023-01-04T02:00:00.000Z',
    });
    expect(or).toMatchObject({ kind: 'or', matched: false, reason: '0 of 1 matched (at least one needed)' });
    expect(or!.children![0]!.reason).toContain('did not match: contact value 50');
    expect(result.filter.reason).toBe('1 of 3 matched (all needed)');
  });

  it('reports the default exclusions that removed a contact', () => {
    const result = explainSegment(vipFilter, { id: 'x', tags: { vip: 1 }, isOverQuota: true }, options);
    expect(result).toMatchObject({ matched: false, excludedBy: ['unsubscribed', 'over-quota'] });
    expect(result.filter.matched).toBe(true);
    const absent = explainSegment(
      { version: 1, where: { type: 'field', field: 'email', op: 'exists' } },
      { id: 'y' },
      options,
    );
    expect(absent.filter.reason).toContain('contact value absent');
  });

  it('explains every condition type without throwing', () => {
    const where = {
      and: [
        { type: 'field', field: 'name', op: 'equals', value: 'A' },
        { type: 'subscription', status: 'subscribed' },
        { type: 'channel', channel: 'line' },
        { type: 'binding', binding: 'external-member', isBound: true },
        { type: 'recurring-notification', isOptedIn: true },
        { type: 'omo-binding', isBound: true },
        { type: 'omo-staff', staffIds: ['s'] },
        { type: 'omo-branch', branchIds: ['b'] },
        { type: 'over-quota', isOverQuota: false },
        { type: 'consent', channel: 'sms', hasConsent: true },
        { type: 'broadcast-interaction', action: 'read', hasInteracted: true },
        { type: 'attribute', key: 'a', valueType: 'text', op: 'in', values: ['x'] },
        { type: 'attribute', key: 'a', valueType: 'number', op: 'in', values: [1] },
        { type: 'attribute', key: 'a', valueType: 'boolean', op: 'equals', value: true },
        { type: 'attribute', key: 'a', valueType: 'date', op: 'today' },
        { type: 'attribute', key: 'a', valueType: 'date-time', op: 'today' },
        { type: 'time', field: 'subscribedAt', op: 'exists' },
      ],
    };
    const result = explainSegment({ version: 1, where }, contact(1), { ...options, exclusions: false });
    expect(result.filter.children).toHaveLength(17);
    expect(result.filter.children!.map((child) => child.matched)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
