import { describe, expect, it } from 'vitest';
import { compileSegment } from './compile-segment.js';
import type { Contact } from './contact-model.js';
import type { DateOperator } from './segment-filter-types.js';
import { ZonedCalendar } from './zoned-calendar.js';

// The seeds' worked examples assume execution at 2023-01-05 18:00:00 (requirements §2.6).
const seedNow = { now: '2023-01-05T18:00:00+08:00', timeZone: 'Asia/Taipei', exclusions: false as const };

function dateMatches(operator: DateOperator, value: string, options = seedNow): boolean {
  const filter = { version: 1, where: { type: 'attribute', key: 'd', valueType: 'date', ...operator } };
  return compileSegment(filter, options)({ id: 'x', attributes: { d: value } });
}

function dateTimeMatches(operator: DateOperator, value: string, options = seedNow): boolean {
  const attribute = compileSegment(
    { version: 1, where: { type: 'attribute', key: 't', valueType: 'date-time', ...operator } },
    options,
  )({ id: 'x', attributes: { t: value } });
  const field = compileSegment(
    { version: 1, where: { type: 'time', field: 'lastCheckoutAt', ...operator } },
    options,
  )({
    id: 'x',
    lastCheckoutAt: value,
  } as Contact);
  expect(field).toBe(attribute);
  return attribute;
}

const at = (local: string) => `${local}+08:00`;

describe('date operators on date values (seed examples)', () => {
  it.each<[string, DateOperator, string, boolean]>([
    ['specific date', { op: 'on', value: '2023-01-05' }, '2023-01-05', true],
    ['specific date, other day', { op: 'on', value: '2023-01-05' }, '2023-01-06', false],
    ['today', { op: 'today' }, '2023-01-05', true],
    ['today, yesterday', { op: 'today' }, '2023-01-04', false],
    ['1st day in the past', { op: 'days-ago', days: 1 }, '2023-01-04', true],
    ['1st day in the past, today', { op: 'days-ago', days: 1 }, '2023-01-05', false],
    ['1st day in the future', { op: 'days-ahead', days: 1 }, '2023-01-06', true],
    ['1st day in the future, 2nd', { op: 'days-ahead', days: 1 }, '2023-01-07', false],
    ['within the next 3 days, first', { op: 'within-next-days', days: 3 }, '2023-01-05', true],
    ['within the next 3 days, last', { op: 'within-next-days', days: 3 }, '2023-01-08', true],
    ['within the next 3 days, after', { op: 'within-next-days', days: 3 }, '2023-01-09', false],
    ['within the next 3 days, before', { op: 'within-next-days', days: 3 }, '2023-01-04', false],
    ['within the last 3 days, first', { op: 'within-last-days', days: 3 }, '2023-01-02', true],
    ['within the last 3 days, before', { op: 'within-last-days', days: 3 }, '2023-01-01', false],
    ['on or after 3 days from now', { op: 'on-or-after-days-from-now', days: 3 }, '2023-01-09', true],
    ['on or after 3 days from now, far', { op: 'on-or-after-days-from-now', days: 3 }, '2099-01-01', true],
    [
      'on or after 3 days from now, too early',
      { op: 'on-or-after-days-from-now', days: 3 },
      '2023-01-08',
      false,
    ],
    ['more than 3 days ago', { op: 'more-than-days-ago', days: 3 }, '2023-01-01', true],
    ['more than 3 days ago, too late', { op: 'more-than-days-ago', days: 3 }, '2023-01-02', false],
    ['lt', { op: 'lt', value: '2023-01-05' }, '2023-01-04', true],
    ['lt, equal', { op: 'lt', value: '2023-01-05' }, '2023-01-05', false],
    ['lte, equal', { op: 'lte', value: '2023-01-05' }, '2023-01-05', true],
    ['gt, equal', { op: 'gt', value: '2023-01-05' }, '2023-01-05', false],
    ['gt', { op: 'gt', value: '2023-01-05' }, '2023-01-06', true],
    ['gte, equal', { op: 'gte', value: '2023-01-05' }, '2023-01-05', true],
    ['between, ends included', { op: 'between', from: '2023-01-01', to: '2023-01-31' }, '2023-01-31', true],
    ['between, outside', { op: 'between', from: '2023-01-01', to: '2023-01-31' }, '2023-02-01', false],
    ['exists', { op: 'exists' }, '2023-01-05', true],
    ['malformed value never matches', { op: 'exists' }, '2023-02-30', false],
  ])('%s', (_name, operator, value, expected) => {
    expect(dateMatches(operator, value)).toBe(expected);
  });
});

describe('date operators on date-time values (seed examples)', () => {
  it.each<[string, DateOperator, string, boolean]>([
    ['specific date, 00:00:00', { op: 'on', value: '2023-01-05' }, at('2023-01-05T00:00:00'), true],
    ['specific date, 23:59:59', { op: 'on', value: '2023-01-05' }, at('2023-01-05T23:59:59.999'), true],
    ['specific date, day before', { op: 'on', value: '2023-01-05' }, at('2023-01-04T23:59:59.999'), false],
    ['specific date, next day', { op: 'on', value: '2023-01-05' }, at('2023-01-06T00:00:00'), false],
    ['specific date, other offset', { op: 'on', value: '2023-01-05' }, '2023-01-04T16:00:00Z', true],
    ['today, 00:00:00', { op: 'today' }, at('2023-01-05T00:00:00'), true],
    ['today, 23:59:59', { op: 'today' }, at('2023-01-05T23:59:59'), true],
    ['1st day in the past', { op: 'days-ago', days: 1 }, at('2023-01-04T00:00:00'), true],
    ['1st day in the past, end', { op: 'days-ago', days: 1 }, at('2023-01-04T23:59:59'), true],
    ['1st day in the past, today', { op: 'days-ago', days: 1 }, at('2023-01-05T00:00:00'), false],
    ['1st day in the future', { op: 'days-ahead', days: 1 }, at('2023-01-06T12:00:00'), true],
    ['within the next 3 days, now', { op: 'within-next-days', days: 3 }, at('2023-01-05T18:00:00'), true],
    ['within the next 3 days, end', { op: 'within-next-days', days: 3 }, at('2023-01-08T18:00:00'), true],
    [
      'within the next 3 days, just before',
      { op: 'within-next-days', days: 3 },
      at('2023-01-05T17:59:59'),
      false,
    ],
    [
      'within the next 3 days, just after',
      { op: 'within-next-days', days: 3 },
      at('2023-01-08T18:00:01'),
      false,
    ],
    ['within the last 3 days, start', { op: 'within-last-days', days: 3 }, at('2023-01-02T18:00:00'), true],
    [
      'within the last 3 days, too early',
      { op: 'within-last-days', days: 3 },
      at('2023-01-02T17:59:59'),
      false,
    ],
    [
      'on or after 3 days from now',
      { op: 'on-or-after-days-from-now', days: 3 },
      at('2023-01-08T18:00:01'),
      true,
    ],
    [
      'on or after 3 days from now, boundary',
      { op: 'on-or-after-days-from-now', days: 3 },
      at('2023-01-08T18:00:00'),
      false,
    ],
    ['more than 3 days ago', { op: 'more-than-days-ago', days: 3 }, at('2023-01-02T17:59:59'), true],
    [
      'more than 3 days ago, boundary',
      { op: 'more-than-days-ago', days: 3 },
      at('2023-01-02T18:00:00'),
      false,
    ],
    ['lt a day = before its start', { op: 'lt', value: '2023-01-05' }, at('2023-01-04T23:59:59'), true],
    ['lt a day, on it', { op: 'lt', value: '2023-01-05' }, at('2023-01-05T00:00:00'), false],
    ['lte a day = until its end', { op: 'lte', value: '2023-01-05' }, at('2023-01-05T23:59:59'), true],
    ['gt a day = from the next', { op: 'gt', value: '2023-01-05' }, at('2023-01-05T23:59:59'), false],
    ['gte a day', { op: 'gte', value: '2023-01-05' }, at('2023-01-05T00:00:00'), true],
    ['gt an instant', { op: 'gt', value: at('2023-01-05T12:00:00') }, at('2023-01-05T12:00:00.001'), true],
    [
      'gte an instant, equal',
      { op: 'gte', value: at('2023-01-05T12:00:00') },
      at('2023-01-05T12:00:00'),
      true,
    ],
    [
      'lt an instant, equal',
      { op: 'lt', value: at('2023-01-05T12:00:00') },
      at('2023-01-05T12:00:00'),
      false,
    ],
    [
      'lte an instant, equal',
      { op: 'lte', value: at('2023-01-05T12:00:00') },
      at('2023-01-05T12:00:00'),
      true,
    ],
    [
      'last checkout range',
      { op: 'between', from: '2023-01-01', to: '2023-01-05' },
      at('2023-01-05T23:00:00'),
      true,
    ],
    [
      'last checkout range, after',
      { op: 'between', from: '2023-01-01', to: '2023-01-05' },
      at('2023-01-06T00:00:00'),
      false,
    ],
  ])('%s', (_name, operator, value, expected) => {
    expect(dateTimeMatches(operator, value)).toBe(expected);
  });
});

describe('specific month regardless of year', () => {
  it.each<[string, DateOperator, string, boolean]>([
    ['this month = January, any year', { op: 'month', month: 'this' }, '1990-01-31', true],
    ['this month, February', { op: 'month', month: 'this' }, '1990-02-01', false],
    ['last month of January = December', { op: 'month', month: 'last' }, '2001-12-25', true],
    ['next month = February', { op: 'month', month: 'next' }, '2030-02-14', true],
    ['named month', { op: 'month', month: 7 }, '2023-07-01', true],
    ['window starts 100 years back', { op: 'month', month: 1 }, '1923-01-01', true],
    ['before the window', { op: 'month', month: 1 }, '1922-01-31', false],
    ['window ends 30 years ahead', { op: 'month', month: 1 }, '2053-01-31', true],
    ['after the window', { op: 'month', month: 1 }, '2054-01-01', false],
  ])('date: %s', (_name, operator, value, expected) => {
    expect(dateMatches(operator, value)).toBe(expected);
  });

  it('counts date-time months in the team zone, not UTC', () => {
    // 2022-01-31T20:00Z is already February 1st in Taipei.
    expect(dateTimeMatches({ op: 'month', month: 2 }, '2022-01-31T20:00:00Z')).toBe(true);
    expect(dateTimeMatches({ op: 'month', month: 1 }, '2022-01-31T20:00:00Z')).toBe(false);
    const utc = { ...seedNow, timeZone: 'UTC' };
    expect(dateTimeMatches({ op: 'month', month: 1 }, '2022-01-31T20:00:00Z', utc)).toBe(true);
  });

  it('resolves this / last / next month at year boundaries', () => {
    const december = {
      now: '2023-12-31T23:30:00+08:00',
      timeZone: 'Asia/Taipei',
      exclusions: false as const,
    };
    expect(dateMatches({ op: 'month', month: 'next' }, '2000-01-10', december)).toBe(true);
    expect(dateMatches({ op: 'month', month: 'last' }, '2000-11-10', december)).toBe(true);
    // Same instant in New York is still the 31st at 10:30, in Auckland it is already 2024.
    const auckland = { ...december, timeZone: 'Pacific/Auckland' };
    expect(dateMatches({ op: 'month', month: 'this' }, '1999-01-05', auckland)).toBe(true);
    expect(dateMatches({ op: 'today' }, '2024-01-01', auckland)).toBe(true);
    expect(dateMatches({ op: 'today' }, '2023-12-31', { ...december, timeZone: 'America/New_York' })).toBe(
      true,
    );
  });
});

describe('time zones and DST', () => {
  it('days start at local midnight, also on DST change days', () => {
    const options = {
      now: '2024-03-10T12:00:00-04:00',
      timeZone: 'America/New_York',
      exclusions: false as const,
    };
    // 2024-03-10 is 23 hours long in New York.
    expect(dateTimeMatches({ op: 'today' }, '2024-03-10T05:00:00Z', options)).toBe(true);
    expect(dateTimeMatches({ op: 'today' }, '2024-03-11T03:59:59.999Z', options)).toBe(true);
    expect(dateTimeMatches({ op: 'today' }, '2024-03-11T04:00:00Z', options)).toBe(false);
    expect(dateTimeMatches({ op: 'today' }, '2024-03-10T04:59:59.999Z', options)).toBe(false);
  });

  it('finds the start of a day that has no local midnight', () => {
    // Sao Paulo skipped 2018-11-04 00:00 (clocks went to 01:00).
    const calendar = new ZonedCalendar('America/Sao_Paulo');
    expect(new Date(calendar.startOfDay('2018-11-04')).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(calendar.localDate(Date.parse('2018-11-04T02:59:59.999Z'))).toBe('2018-11-03');
  });

  it('handles 45-minute offsets', () => {
    const options = {
      now: '2023-01-05T18:00:00+13:45',
      timeZone: 'Pacific/Chatham',
      exclusions: false as const,
    };
    expect(dateTimeMatches({ op: 'today' }, '2023-01-04T10:15:00Z', options)).toBe(true);
    expect(dateTimeMatches({ op: 'today' }, '2023-01-04T10:14:59.999Z', options)).toBe(false);
  });
});
