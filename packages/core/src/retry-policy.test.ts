import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBackoffMs, defaultRetryPolicy, parseRetryAfter } from './retry-policy.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['absent', {}, undefined],
    ['delta seconds', { 'retry-after': '120' }, 120_000],
    ['zero', { 'retry-after': '0' }, 0],
    ['fractional seconds, rounded up', { 'retry-after': '1.5' }, 1500],
    ['padded', { 'retry-after': '  3 ' }, 3000],
    ['HTTP-date in the future', { 'retry-after': new Date(now + 45_000).toUTCString() }, 45_000],
    ['HTTP-date in the past', { 'retry-after': new Date(now - 45_000).toUTCString() }, 0],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['retry-after-ms', { 'retry-after-ms': '250' }, 250],
    ['retry-after-ms fractional', { 'retry-after-ms': '250.2' }, 251],
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['unreadable retry-after-ms falls back', { 'retry-after-ms': 'x', 'retry-after': '2' }, 2000],
  ])('%s', (_name, headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(expected);
  });
});

describe('computeBackoffMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

  it.each([
    [0, 0.5, 50],
    [1, 0.5, 100],
    [2, 0.5, 200],
    [3, 0.5, 400],
    [4, 0.5, 500],
    [10, 0.5, 500],
    [0, 0, 0],
    [3, 0.999, 799],
  ])('retry %i with random %d → %i ms', (retry, random, expected) => {
    expect(computeBackoffMs(retry, policy, () => random)).toBe(expected);
  });

  it('full jitter: always within [0, min(maxDelayMs, baseDelayMs·2^retry))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, baseDelayMs, maxDelayMs, random) => {
          const delay = computeBackoffMs(retry, { baseDelayMs, maxDelayMs }, () => random);
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
          return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
        },
      ),
    );
  });

  it('uses Math.random by default and the documented defaults', () => {
    const delay = computeBackoffMs(0, defaultRetryPolicy);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(300);
    expect(defaultRetryPolicy).toEqual({
      maxAttempts: 4,
      baseDelayMs: 300,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 60_000,
    });
  });
});
