import { compileSegment } from '../compile-segment.js';
import type { Contact } from '../contact-model.js';
import type { SegmentNode } from '../segment-filter-types.js';

/** Shared fixture of the evaluator tests: the seeds' worked-example moment and two contacts. */
export const options = {
  now: '2023-01-05T18:00:00+08:00',
  timeZone: 'Asia/Taipei',
  defaultCountry: 'TW' as const,
};
export const raw = { ...options, exclusions: false as const };

export const amy: Contact = {
  id: 'amy',
  name: '王小明',
  memberId: 'M-001',
  email: '  Amy@Example.COM ',
  phone: '0912-345-678',
  channels: [
    { channel: 'line', accountId: 'oa-1', userId: 'U54da85055da461fbae52372e9a79135a', status: 'subscribed' },
    {
      channel: 'messenger',
      accountId: 'page-1',
      userId: 'psid-1',
      status: 'blocked',
      recurringNotificationOptIn: true,
    },
  ],
  isOverQuota: false,
  tags: { vip: 2, new: 1, churned: 0 },
  attributes: {
    city: 'Taipei',
    points: 120,
    isMember: true,
    birthday: '1990-01-20',
    visit: '2023-01-05T09:00:00+08:00',
  },
  consents: { email: true },
  bindings: { website: true, phone: false },
  omo: { isBound: true, staffId: 'staff-1', branchId: 'branch-1' },
  interactions: [
    { broadcastId: 'b-1', action: 'opened' },
    { broadcastId: 'b-2', action: 'clicked' },
  ],
};
export const empty: Contact = { id: 'empty' };

export function matches(where: SegmentNode, contact: Contact = amy): boolean {
  return compileSegment({ version: 1, where }, raw)(contact);
}
