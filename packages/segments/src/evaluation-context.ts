/**
 * The inputs every evaluation needs besides the contact: `now` and the team's IANA time zone (never the
 * machine clock), and the default country for phone numbers written without a country code.
 */
import { ConfigurationError } from '@omnicast/core';
import type { CountryCode } from 'libphonenumber-js';
import { toEpochMs } from './date-time-values.js';
import { type DateString, ZonedCalendar } from './zoned-calendar.js';

/** Options shared by everything that evaluates a filter. */
export interface EvaluationOptions {
  /** The evaluation instant: a `Date`, epoch milliseconds or an ISO date-time with offset. */
  now: Date | number | string;
  /** The team's IANA time zone, e.g. `Asia/Taipei`. Calendar days and months are counted in it. */
  timeZone: string;
  /** ISO 3166 country (e.g. `TW`) for phone numbers without a country code. */
  defaultCountry?: CountryCode;
}

/** Resolved evaluation inputs. */
export interface EvaluationContext {
  nowMs: number;
  /** Canonical IANA zone name. */
  timeZone: string;
  calendar: ZonedCalendar;
  /** Today's date in the zone. */
  today: DateString;
  /** Today's month (1–12) in the zone. */
  month: number;
  defaultCountry: CountryCode | undefined;
}

const ianaName = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const earliestNowMs = Date.UTC(1200, 0, 1);
const latestNowMs = Date.UTC(9000, 0, 1);

/** Validates the options and resolves `now`, the zone's calendar and today. */
export function resolveEvaluationContext(options: EvaluationOptions): EvaluationContext {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('Evaluation options { now, timeZone } are required', { option: 'now' });
  }
  const nowMs = toEpochMs(options.now);
  if (nowMs === undefined || nowMs < earliestNowMs || nowMs > latestNowMs) {
    throw new ConfigurationError(
      '"now" must be a valid Date, epoch milliseconds or ISO date-time with offset',
      {
        option: 'now',
      },
    );
  }
  let calendar: ZonedCalendar;
  try {
    if (typeof options.timeZone !== 'string' || !ianaName.test(options.timeZone))
      throw new RangeError('bad name');
    calendar = new ZonedCalendar(options.timeZone);
  } catch (error) {
    throw new ConfigurationError(`"timeZone" must be an IANA time zone name such as "Asia/Taipei"`, {
      option: 'timeZone',
      cause: error,
    });
  }
  const [, month] = calendar.localParts(nowMs);
  return {
    nowMs,
    timeZone: calendar.timeZone,
    calendar,
    today: calendar.localDate(nowMs),
    month,
    defaultCountry: options.defaultCountry,
  };
}
