/**
 * Test support: a random `now` and zone (the "world"), and instants and dates that cluster on the
 * boundaries the date operators use (exact N-day offsets, ±1 ms, local midnights, month starts and the
 * ends of the "any year" month window).
 */
import fc from 'fast-check';
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
export function instantArbitrary(world: World): fc.Arbitrary<number> {
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
export function dateArbitrary(world: World): fc.Arbitrary<string> {
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

export function dateTimeValueArbitrary(world: World): fc.Arbitrary<string | number> {
  return fc.oneof(
    instantArbitrary(world),
    fc
      .tuple(instantArbitrary(world), fc.constantFrom(0, 480, -300, 345, 330))
      .map(([ms, o]) => isoWithOffset(ms, o)),
  );
}
