import { ConfigurationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { createQuietHoursCalendar } from './quiet-hours.js';

const at = (iso: string) => Date.parse(iso);
const minutes = (ms: number) => ms / 60_000;

describe('createQuietHoursCalendar', () => {
  const taipei = createQuietHoursCalendar({ start: '00:00', end: '08:00', timeZone: 'Asia/Taipei' });

  it.each([
    // Taipei is UTC+8: 00:00–08:00 local is 16:00–24:00 UTC.
    ['2026-03-01T15:59:59Z', 0],
    ['2026-03-01T16:00:00Z', 480],
    ['2026-03-01T23:30:00Z', 30],
    ['2026-03-02T00:00:00Z', 0],
    ['2026-03-02T03:00:00Z', 0],
  ])('Asia/Taipei 00:00–08:00 at %s: postpones %d minutes', (instant, expected) => {
    expect(minutes(taipei.delayMs(at(instant)))).toBeCloseTo(expected, 5);
  });

  it.each([
    ['2026-03-01T21:59:00Z', 0],
    ['2026-03-01T22:00:00Z', 600],
    ['2026-03-01T23:59:00Z', 481],
    ['2026-03-02T00:00:00Z', 480],
    ['2026-03-02T07:59:30Z', 0.5],
    ['2026-03-02T08:00:00Z', 0],
  ])('a window across midnight (UTC 22:00–08:00) at %s: postpones %d minutes', (instant, expected) => {
    const calendar = createQuietHoursCalendar({ start: '22:00', end: '08:00', timeZone: 'UTC' });
    expect(minutes(calendar.delayMs(at(instant)))).toBeCloseTo(expected, 5);
  });

  it('ends at local wall time across a DST change (America/New_York, 2026-03-08)', () => {
    const calendar = createQuietHoursCalendar({ start: '01:00', end: '05:00', timeZone: 'America/New_York' });
    // 01:30 EST = 06:30Z; clocks jump 02:00→03:00, so 05:00 EDT = 09:00Z: 150 minutes later.
    expect(minutes(calendar.delayMs(at('2026-03-08T06:30:00Z')))).toBeCloseTo(150, 5);
  });

  it('caches the outside state but still notices when the window starts', () => {
    const calendar = createQuietHoursCalendar({ start: '12:00', end: '13:00', timeZone: 'UTC' });
    expect(calendar.delayMs(at('2026-03-01T11:00:00Z'))).toBe(0);
    expect(calendar.delayMs(at('2026-03-01T11:59:59Z'))).toBe(0);
    expect(minutes(calendar.delayMs(at('2026-03-01T12:00:00Z')))).toBe(60);
    expect(calendar.delayMs(at('2026-03-01T13:00:00Z'))).toBe(0);
  });

  it('treats an empty window (start = end) as never quiet', () => {
    const calendar = createQuietHoursCalendar({ start: '08:00', end: '08:00', timeZone: 'UTC' });
    expect(calendar.delayMs(at('2026-03-01T08:00:00Z'))).toBe(0);
  });

  it.each([
    [{ start: '24:00', end: '08:00', timeZone: 'UTC' }, 'quietHours.start'],
    [{ start: '00:00', end: '8:00', timeZone: 'UTC' }, 'quietHours.end'],
    [{ start: '00:00', end: '08:00', timeZone: 'Mars/Olympus' }, 'quietHours.timeZone'],
  ])('rejects %j', (quietHours, option) => {
    expect(() => createQuietHoursCalendar(quietHours)).toThrow(
      expect.objectContaining({ option }) as unknown as Error,
    );
    try {
      createQuietHoursCalendar(quietHours);
    } catch (error) {
      expect(ConfigurationError.isInstance(error)).toBe(true);
    }
  });
});
