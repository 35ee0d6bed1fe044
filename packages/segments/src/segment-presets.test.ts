import { ConfigurationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { compileSegment } from './compile-segment.js';
import type { Contact } from './contact-model.js';
import { parseSegmentFilter } from './parse-segment-filter.js';
import { defaultRfmThresholds, segmentPresets } from './segment-presets.js';

const options = { now: '2023-06-30T12:00:00+08:00', timeZone: 'Asia/Taipei', exclusions: false as const };
const customer = (orders: number, spent: number, lastCheckoutAt?: string): Contact => ({
  id: `${orders}-${spent}-${lastCheckoutAt}`,
  attributes: { order_count: orders, total_spent: spent },
  ...(lastCheckoutAt ? { lastCheckoutAt } : {}),
});

describe('segmentPresets', () => {
  const presets = segmentPresets();
  const test = (name: keyof typeof presets, contact: Contact) =>
    compileSegment(presets[name], options)(contact);

  it('are valid filters', () => {
    for (const filter of Object.values(presets)) expect(parseSegmentFilter(filter)).toEqual(filter);
  });

  it.each<[string, Contact, Record<keyof ReturnType<typeof segmentPresets>, boolean>]>([
    [
      'recent big spender',
      customer(6, 20_000, '2023-06-01T10:00:00+08:00'),
      { vip: true, potentialLoyal: false, dormant: false, allCustomers: true },
    ],
    [
      'recent repeat buyer',
      customer(3, 2_000, '2023-06-01T10:00:00+08:00'),
      { vip: false, potentialLoyal: true, dormant: false, allCustomers: true },
    ],
    [
      'lapsed customer',
      customer(4, 5_000, '2022-06-01T10:00:00+08:00'),
      { vip: false, potentialLoyal: false, dormant: true, allCustomers: true },
    ],
    [
      'never bought',
      customer(0, 0),
      { vip: false, potentialLoyal: false, dormant: false, allCustomers: true },
    ],
  ])('%s', (_name, contact, expected) => {
    for (const [name, value] of Object.entries(expected))
      expect(test(name as keyof typeof presets, contact)).toBe(value);
  });

  it('take configurable thresholds', () => {
    const strict = segmentPresets({ vipMinOrders: 10, orderCountKey: 'orders' });
    const contact: Contact = {
      id: 'x',
      attributes: { orders: 12, total_spent: 50_000 },
      lastCheckoutAt: '2023-06-01T00:00:00Z',
    };
    expect(compileSegment(strict.vip, options)(contact)).toBe(true);
    expect(
      compileSegment(strict.vip, options)({ ...contact, attributes: { orders: 9, total_spent: 50_000 } }),
    ).toBe(false);
    expect(defaultRfmThresholds.dormantAfterDays).toBe(180);
  });

  it.each([{ vipMinOrders: -1 }, { orderCountKey: 'bad key' }, { dormantAfterDays: 1.5 }])(
    'rejects %j',
    (bad) => {
      expect(() => segmentPresets(bad)).toThrow(ConfigurationError);
    },
  );
});
