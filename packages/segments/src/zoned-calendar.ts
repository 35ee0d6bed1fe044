/**
 * Calendar arithmetic in an IANA time zone with `Intl.DateTimeFormat` (no date library). A
 * `ZonedCalendar` belongs to one compiled segment: its offset cache is never shared between segments.
 */

/** A calendar date as `YYYY-MM-DD`. */
export type DateString = string;

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const maxCacheEntries = 50_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Sorts after every real date: a bound beyond year 9999. */
export const afterAllDates = '9999-99-99';
/** Sorts before every real date: a bound before year 1000. */
export const beforeAllDates = '0000-00-00';

/**
 * Formats year, month (1–12) and day as `YYYY-MM-DD`, normalising overflowing days and months. Years
 * past 9999 or before 1000 give the sentinels `afterAllDates` / `beforeAllDates`.
 */
export function formatDate(yearValue: number, month: number, day: number): DateString {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(yearValue, month - 1, day);
  const y = date.getUTCFullYear();
  if (y > 9999) return afterAllDates;
  if (y < 1000) return beforeAllDates;
  return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Splits `YYYY-MM-DD` into numbers. */
export function splitDate(date: DateString): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: DateString, days: number): DateString {
  const [y, m, d] = splitDate(date);
  return formatDate(y, m, d + days);
}

/** The first day of the month `months` months after the month of `date`. */
export function addMonths(date: DateString, months: number): DateString {
  const [y, m] = splitDate(date);
  return formatDate(y, m + months, 1);
}

/** Local calendar view of instants in one time zone. */
export class ZonedCalendar {
  readonly timeZone: string;
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    this.timeZone = this.formatter.resolvedOptions().timeZone;
  }

  /** Offset of local time from UTC at `ms`, in milliseconds (exact, via Intl). */
  offsetAt(ms: number): number {
    const fields: Record<string, number> = {};
    let isBeforeCommonEra = false;
    for (const part of this.formatter.formatToParts(ms)) {
      if (part.type === 'era') isBeforeCommonEra = part.value.startsWith('B');
      else if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const localYear = isBeforeCommonEra ? 1 - (fields['year'] ?? 0) : (fields['year'] ?? 0);
    const local = new Date(0);
    local.setUTCFullYear(localYear, (fields['month'] ?? 1) - 1, fields['day'] ?? 1);
    local.setUTCHours(fields['hour'] ?? 0, fields['minute'] ?? 0, fields['second'] ?? 0, 0);
    return local.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
  }

  /** Offset at `ms`, cached per hour when the offset is constant across that hour. */
  private cachedOffset(ms: number): number {
    const bucket = Math.floor(ms / hourMs);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const start = this.offsetAt(bucket * hourMs);
    const end = this.offsetAt(bucket * hourMs + hourMs - 1);
    if (start !== end) return this.offsetAt(ms);
    if (this.offsets.size >= maxCacheEntries) this.offsets.clear();
    this.offsets.set(bucket, start);
    return start;
  }

  /** Local `[year, month (1–12), day]` of an instant. */
  localParts(ms: number): [number, number, number] {
    const local = new Date(ms + this.cachedOffset(ms));
    return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  }

  /** Local calendar date of an instant. */
  localDate(ms: number): DateString {
    const [y, m, d] = this.localParts(ms);
    return formatDate(y, m, d);
  }

  /** The first instant whose local date is `date` (or later): the start of that local day. */
  startOfDay(date: DateString): number {
    if (date === afterAllDates) return Number.POSITIVE_INFINITY;
    if (date === beforeAllDates) return Number.NEGATIVE_INFINITY;
    const [y, m, d] = splitDate(date);
    const asUtc = new Date(0);
    asUtc.setUTCFullYear(y, m - 1, d);
    const wall = asUtc.getTime();
    const guess = wall - this.offsetAt(wall - this.offsetAt(wall));
    let low = guess - dayMs / 4;
    let high = guess + dayMs / 4;
    while (this.localDate(low) >= date) low -= dayMs / 4;
    while (this.localDate(high) < date) high += dayMs / 4;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.localDate(middle) >= date) high = middle;
      else low = middle;
    }
    return high;
  }
}
