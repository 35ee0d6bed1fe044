/**
 * Strict parsing of date and date-time values. The same patterns guard the SQL casts, so a value the
 * evaluator rejects is NULL in SQL, and a value PostgreSQL would refuse to cast is never cast.
 */

const year = '[1-9][0-9]{3}';
const monthDay =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
const leapYear = '(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)';
const calendarDate = `(?:${year}-${monthDay}|${leapYear}-02-29)`;
const clock = '(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,3})?';
const offset = '(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])';

/** `YYYY-MM-DD`, a real calendar date, years 1000–9999 (POSIX regex, also valid in PostgreSQL). */
export const datePattern = `^${calendarDate}$`;
/** ISO-8601 date-time with seconds and a mandatory offset (POSIX regex, also valid in PostgreSQL). */
export const dateTimePattern = `^${calendarDate}T${clock}${offset}$`;

const dateRegExp = new RegExp(datePattern);
const dateTimeRegExp = new RegExp(dateTimePattern);

/** True for a `YYYY-MM-DD` string naming a real date. */
export function isDateString(value: unknown): value is string {
  return typeof value === 'string' && dateRegExp.test(value);
}

/** True for a strict ISO-8601 date-time string with an offset. */
export function isDateTimeString(value: unknown): value is string {
  return typeof value === 'string' && dateTimeRegExp.test(value);
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants SQL and JS both represent. */
const minEpochMs = -62_135_596_800_000;
const maxEpochMs = 253_402_300_799_999;

/**
 * Epoch milliseconds of a date-time input (numbers truncated to whole milliseconds), or `undefined`
 * when it is absent, malformed or outside years 1–9999.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') {
    const ms = Math.trunc(value) + 0;
    return ms >= minEpochMs && ms <= maxEpochMs ? ms : undefined;
  }
  if (typeof value === 'string') return dateTimeRegExp.test(value) ? Date.parse(value) : undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    return ms >= minEpochMs && ms <= maxEpochMs ? ms : undefined;
  }
  return undefined;
}
