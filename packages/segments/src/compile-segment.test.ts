import { describe, expect, it } from 'vitest';
import { amy, empty, matches, options } from './__tests__/evaluator-fixture.js';
import { compileSegment } from './compile-segment.js';
import type { Contact } from './contact-model.js';
import type { SegmentCondition } from './segment-filter-types.js';

describe('conditions (one test per seed operator)', () => {
  it.each<[string, SegmentCondition, boolean, boolean?]>([
    ['tags has any', { type: 'tags', op: 'has-any', tags: ['vip', 'x'] }, true],
    ['tags has any, none present', { type: 'tags', op: 'has-any', tags: ['x', 'churned'] }, false],
    ['tags has all', { type: 'tags', op: 'has-all', tags: ['vip', 'new'] }, true],
    ['tags has all, one missing', { type: 'tags', op: 'has-all', tags: ['vip', 'x'] }, false],
    ['tags has none (exclude)', { type: 'tags', op: 'has-none', tags: ['x', 'churned'] }, true, true],
    ['tags has none, one present', { type: 'tags', op: 'has-none', tags: ['new'] }, false, true],
    ['tag applied at least twice', { type: 'tags', op: 'has-any', tags: ['vip'], minCount: 2 }, true],
    ['tag applied at least three times', { type: 'tags', op: 'has-any', tags: ['vip'], minCount: 3 }, false],
    ['name exact full match', { type: 'field', field: 'name', op: 'equals', value: '王小明' }, true],
    ['name partial is no match', { type: 'field', field: 'name', op: 'equals', value: '小明' }, false],
    ['name not equals', { type: 'field', field: 'name', op: 'not-equals', value: 'Bob' }, true],
    ['member id in', { type: 'field', field: 'memberId', op: 'in', values: ['M-002', 'M-001'] }, true],
    ['member id exists', { type: 'field', field: 'memberId', op: 'exists' }, true],
    [
      'email is case-insensitive and trimmed',
      { type: 'field', field: 'email', op: 'equals', value: 'amy@example.com' },
      true,
    ],
    [
      'phone compared in E.164',
      { type: 'field', field: 'phone', op: 'equals', value: '+886912345678' },
      true,
    ],
    ['phone, local operand', { type: 'field', field: 'phone', op: 'in', values: ['0912 345 678'] }, true],
    ['phone, other number', { type: 'field', field: 'phone', op: 'equals', value: '+886912000000' }, false],
    ['subscribed on LINE', { type: 'subscription', status: 'subscribed', channel: 'line' }, true],
    ['subscribed on the OA', { type: 'subscription', status: 'subscribed', accountId: 'oa-1' }, true],
    ['blocked on Messenger', { type: 'subscription', status: 'blocked', channel: 'messenger' }, true],
    ['unsubscribed anywhere', { type: 'subscription', status: 'unsubscribed' }, false],
    ['channel membership', { type: 'channel', channel: 'messenger', accountId: 'page-1' }, true],
    ['channel membership, WhatsApp', { type: 'channel', channel: 'whatsapp' }, false],
    ['bound to website', { type: 'binding', binding: 'website', isBound: true }, true],
    ['phone binding not done', { type: 'binding', binding: 'phone', isBound: false }, true, true],
    ['external member binding', { type: 'binding', binding: 'external-member', isBound: true }, false],
    ['Messenger recurring notification opt-in', { type: 'recurring-notification', isOptedIn: true }, true],
    ['OMO bound', { type: 'omo-binding', isBound: true }, true],
    ['OMO member', { type: 'omo-staff', staffIds: ['staff-1'] }, true],
    ['OMO branch', { type: 'omo-branch', branchIds: ['branch-2'] }, false],
    ['not over quota', { type: 'over-quota', isOverQuota: false }, true, true],
    ['newsletter consent', { type: 'consent', channel: 'email', hasConsent: true }, true],
    ['no SMS consent', { type: 'consent', channel: 'sms', hasConsent: false }, true, true],
    ['opened any broadcast', { type: 'broadcast-interaction', action: 'opened', hasInteracted: true }, true],
    [
      'opened a specific broadcast',
      { type: 'broadcast-interaction', action: 'opened', broadcastId: 'b-1', hasInteracted: true },
      true,
    ],
    [
      'not opened a specific broadcast',
      { type: 'broadcast-interaction', action: 'opened', broadcastId: 'b-2', hasInteracted: false },
      true,
      true,
    ],
    [
      'not opened any broadcast',
      { type: 'broadcast-interaction', action: 'opened', hasInteracted: false },
      false,
      true,
    ],
    ['read any broadcast', { type: 'broadcast-interaction', action: 'read', hasInteracted: true }, false],
    [
      'read a specific broadcast',
      { type: 'broadcast-interaction', action: 'read', broadcastId: 'b-1', hasInteracted: true },
      false,
    ],
    [
      'not read any broadcast',
      { type: 'broadcast-interaction', action: 'read', hasInteracted: false },
      true,
      true,
    ],
    [
      'not read a specific broadcast',
      { type: 'broadcast-interaction', action: 'read', broadcastId: 'b-1', hasInteracted: false },
      true,
      true,
    ],
    [
      'clicked any broadcast',
      { type: 'broadcast-interaction', action: 'clicked', hasInteracted: true },
      true,
    ],
    [
      'clicked a specific broadcast',
      { type: 'broadcast-interaction', action: 'clicked', broadcastId: 'b-2', hasInteracted: true },
      true,
    ],
    [
      'not clicked any broadcast',
      { type: 'broadcast-interaction', action: 'clicked', hasInteracted: false },
      false,
      true,
    ],
    [
      'not clicked a specific broadcast',
      { type: 'broadcast-interaction', action: 'clicked', broadcastId: 'b-9', hasInteracted: false },
      true,
      true,
    ],
    [
      'text equals',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'equals', value: 'Taipei' },
      true,
    ],
    [
      'text equals is case-sensitive',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'equals', value: 'taipei' },
      false,
    ],
    [
      'text not equals',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'not-equals', value: 'Tainan' },
      true,
    ],
    [
      'text contains',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'contains', value: 'ip' },
      true,
    ],
    [
      'text starts with',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'starts-with', value: 'Tai' },
      true,
    ],
    [
      'text contains is not a pattern',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'contains', value: 'T.*' },
      false,
    ],
    [
      'text in',
      { type: 'attribute', key: 'city', valueType: 'text', op: 'in', values: ['Taichung', 'Taipei'] },
      true,
    ],
    ['text exists', { type: 'attribute', key: 'city', valueType: 'text', op: 'exists' }, true],
    ['number is not text', { type: 'attribute', key: 'points', valueType: 'text', op: 'exists' }, false],
    [
      'number equals',
      { type: 'attribute', key: 'points', valueType: 'number', op: 'equals', value: 120 },
      true,
    ],
    [
      'number not equals',
      { type: 'attribute', key: 'points', valueType: 'number', op: 'not-equals', value: 120 },
      false,
    ],
    ['number <', { type: 'attribute', key: 'points', valueType: 'number', op: 'lt', value: 120 }, false],
    ['number ≤', { type: 'attribute', key: 'points', valueType: 'number', op: 'lte', value: 120 }, true],
    ['number >', { type: 'attribute', key: 'points', valueType: 'number', op: 'gt', value: 100 }, true],
    ['number ≥', { type: 'attribute', key: 'points', valueType: 'number', op: 'gte', value: 121 }, false],
    [
      'number between',
      { type: 'attribute', key: 'points', valueType: 'number', op: 'between', from: 100, to: 120 },
      true,
    ],
    [
      'number in',
      { type: 'attribute', key: 'points', valueType: 'number', op: 'in', values: [1, 120] },
      true,
    ],
    ['number exists', { type: 'attribute', key: 'points', valueType: 'number', op: 'exists' }, true],
    [
      'boolean equals',
      { type: 'attribute', key: 'isMember', valueType: 'boolean', op: 'equals', value: true },
      true,
    ],
    ['boolean exists', { type: 'attribute', key: 'isMember', valueType: 'boolean', op: 'exists' }, true],
    [
      'date month (birthday this month)',
      { type: 'attribute', key: 'birthday', valueType: 'date', op: 'month', month: 'this' },
      true,
    ],
    ['date-time today', { type: 'attribute', key: 'visit', valueType: 'date-time', op: 'today' }, true],
    ['date-time exists', { type: 'attribute', key: 'visit', valueType: 'date-time', op: 'exists' }, true],
  ])('%s', (_name, condition, expected, matchesEmpty = false) => {
    expect(matches(condition)).toBe(expected);
    expect(matches(condition, empty)).toBe(matchesEmpty);
  });

  it('combines conditions with and / or / not', () => {
    const vip: SegmentCondition = { type: 'tags', op: 'has-any', tags: ['vip'] };
    const wa: SegmentCondition = { type: 'channel', channel: 'whatsapp' };
    expect(matches({ and: [vip, wa] })).toBe(false);
    expect(matches({ or: [vip, wa] })).toBe(true);
    expect(matches({ and: [vip, { not: wa }] })).toBe(true);
    expect(matches({ and: [vip, vip, { not: wa }] })).toBe(true);
    expect(matches({ and: [vip, vip, wa] })).toBe(false);
    expect(matches({ and: [] })).toBe(true);
    expect(matches({ or: [] })).toBe(false);
  });
});

describe('default exclusions', () => {
  const all = { version: 1, where: { and: [] } };
  it('keep subscribed, not over-quota contacts by default', () => {
    const predicate = compileSegment(all, options);
    expect(predicate(amy)).toBe(true);
    expect(predicate({ ...amy, isOverQuota: true })).toBe(false);
    expect(predicate({ ...amy, channels: [{ channel: 'line', userId: 'U1', status: 'unsubscribed' }] })).toBe(
      false,
    );
    expect(predicate(empty)).toBe(false);
  });

  it('check subscription and consent on the audience channel', () => {
    const emailContact: Contact = {
      id: 'e',
      channels: [{ channel: 'email', userId: 'a@b.c', status: 'subscribed' }],
    };
    const forEmail = compileSegment(all, { ...options, exclusions: { channel: 'email' } });
    expect(forEmail(emailContact)).toBe(false);
    expect(forEmail({ ...emailContact, consents: { email: true } })).toBe(true);
    const forLine = compileSegment(all, { ...options, exclusions: { channel: 'line' } });
    expect(forLine(emailContact)).toBe(false);
    expect(
      compileSegment(all, { ...options, exclusions: { channel: 'email', requireConsentFor: [] } })(
        emailContact,
      ),
    ).toBe(true);
  });

  it('are overridable', () => {
    expect(compileSegment(all, { ...options, exclusions: false })(empty)).toBe(true);
    const overQuota = { ...amy, isOverQuota: true };
    expect(compileSegment(all, { ...options, exclusions: { excludeOverQuota: false } })(overQuota)).toBe(
      true,
    );
  });
});
