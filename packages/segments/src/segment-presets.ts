/**
 * Presets for the seeds' default segments (CYBERBIZ "ORFM 預設分群"): VIP, potential loyal, dormant and
 * all customers. The seeds never give the RFM thresholds (§2.1 [Gap]), so they are documented options:
 * recency comes from `lastCheckoutAt`, frequency and monetary value from two number attributes.
 */
import { ConfigurationError } from '@omnicast/core';
import type { SegmentCondition, SegmentFilter } from './segment-filter-types.js';

/** Thresholds of the RFM presets. */
export interface RfmThresholds {
  /** Number attribute holding the order count (frequency). Default `order_count`. */
  orderCountKey: string;
  /** Number attribute holding the total spent (monetary). Default `total_spent`. */
  totalSpentKey: string;
  /** VIP: at least this many orders. Default 5. */
  vipMinOrders: number;
  /** VIP: at least this much spent. Default 10,000. */
  vipMinTotalSpent: number;
  /** VIP: checked out within this many days. Default 180. */
  vipActiveWithinDays: number;
  /** Potential loyal: at least this many orders (and not VIP). Default 2. */
  loyalMinOrders: number;
  /** Potential loyal: checked out within this many days. Default 90. */
  loyalActiveWithinDays: number;
  /** Dormant: ordered before, but no checkout for more than this many days. Default 180. */
  dormantAfterDays: number;
}

/** Default thresholds (an assumption of this package; the seeds do not define them). */
export const defaultRfmThresholds: Readonly<RfmThresholds> = Object.freeze({
  orderCountKey: 'order_count',
  totalSpentKey: 'total_spent',
  vipMinOrders: 5,
  vipMinTotalSpent: 10_000,
  vipActiveWithinDays: 180,
  loyalMinOrders: 2,
  loyalActiveWithinDays: 90,
  dormantAfterDays: 180,
});

/** The four default segments. */
export interface SegmentPresets {
  vip: SegmentFilter;
  potentialLoyal: SegmentFilter;
  dormant: SegmentFilter;
  /** Every contact (default exclusions still apply when counted or sent). */
  allCustomers: SegmentFilter;
}

const keyPattern = /^[A-Za-z0-9_]{1,100}$/;

function validate(thresholds: RfmThresholds): void {
  for (const [name, value] of Object.entries(thresholds)) {
    const ok = name.endsWith('Key')
      ? typeof value === 'string' && keyPattern.test(value)
      : typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= 0 &&
        (name.endsWith('Spent') || Number.isInteger(value));
    if (!ok) throw new ConfigurationError(`RFM threshold "${name}" is invalid`, { option: name });
  }
}

/** Builds the preset filters from (partial) thresholds. */
export function segmentPresets(thresholds: Partial<RfmThresholds> = {}): SegmentPresets {
  const t = { ...defaultRfmThresholds, ...thresholds };
  validate(t);
  const orders = (value: number): SegmentCondition => ({
    type: 'attribute',
    key: t.orderCountKey,
    valueType: 'number',
    op: 'gte',
    value,
  });
  const vip: SegmentCondition[] = [
    orders(t.vipMinOrders),
    { type: 'attribute', key: t.totalSpentKey, valueType: 'number', op: 'gte', value: t.vipMinTotalSpent },
    { type: 'time', field: 'lastCheckoutAt', op: 'within-last-days', days: t.vipActiveWithinDays },
  ];
  return {
    vip: { version: 1, where: { and: vip } },
    potentialLoyal: {
      version: 1,
      where: {
        and: [
          orders(t.loyalMinOrders),
          { type: 'time', field: 'lastCheckoutAt', op: 'within-last-days', days: t.loyalActiveWithinDays },
          { not: { and: vip } },
        ],
      },
    },
    dormant: {
      version: 1,
      where: {
        and: [
          orders(1),
          { type: 'time', field: 'lastCheckoutAt', op: 'more-than-days-ago', days: t.dormantAfterDays },
        ],
      },
    },
    allCustomers: { version: 1, where: { and: [] } },
  };
}
