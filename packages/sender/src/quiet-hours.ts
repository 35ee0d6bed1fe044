import { ConfigurationError } from '@omnicast/core';

/** A daily window in a time zone during which nothing is sent, e.g. `{start:'00:00', end:'08:00', timeZone:'Asia/Taipei'}`. */
export interface QuietHours {
  /** Local start, `HH:MM` (24 h). */
  start: string;
  /** Local end, `HH:MM`; earlier than `start` for a window across midnight. Sends resume at this time. */
  end: string;
  /** IANA time zone, e.g. `Asia/Taipei`. */
  timeZone: string;
}

const dayMs = 86_400_000;
const minuteMs = 60_000;

function parseTime(value: string, option: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new ConfigurationError(`${option} must be HH:MM (24 h), got "${value}"`, { option });
  return (Number(match[1]) * 60 + Number(match[2])) * minuteMs;
}

/** Answers whether an instant falls into quiet hours and when they end. */
export interface QuietHoursCalendar {
  /** 0 outside quiet hours; otherwise milliseconds until the window ends. */
  delayMs(now: number): number;
}

/** Creates a {@link QuietHoursCalendar}; throws `ConfigurationError` for a bad time or time zone. */
export function createQuietHoursCalendar(quietHours: QuietHours): QuietHoursCalendar {
  const start = parseTime(quietHours.start, 'quietHours.start');
  const end = parseTime(quietHours.end, 'quietHours.end');
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: quietHours.timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch (error) {
    throw new ConfigurationError(`quietHours.timeZone: unknown time zone "${quietHours.timeZone}"`, {
      option: 'quietHours.timeZone',
      cause: error,
    });
  }
  /** Milliseconds since local midnight. */
  const localTime = (instant: number): number => {
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of format.formatToParts(instant)) {
      if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    return ((hour * 60 + minute) * 60 + second) * 1000 + (((instant % 1000) + 1000) % 1000);
  };
  const inside = (local: number): boolean =>
    start < end ? local >= start && local < end : start > end ? local >= start || local < end : false;
  /** The next instant after `now` whose local time is `target` (handles DST shifts). */
  const nextAt = (now: number, local: number, target: number): number => {
    let candidate = now + ((target - local + dayMs) % dayMs || dayMs);
    const drift = localTime(candidate) - target;
    if (drift !== 0) {
      const wrapped = ((drift + dayMs / 2) % dayMs) - dayMs / 2;
      candidate -= wrapped;
    }
    return candidate <= now ? now + 1 : candidate;
  };
  // Cache: an instant before which we know we are outside quiet hours.
  let outsideUntil = Number.NEGATIVE_INFINITY;
  let outsideFrom = Number.POSITIVE_INFINITY;
  return {
    delayMs(now) {
      if (now >= outsideFrom && now < outsideUntil) return 0;
      const local = localTime(now);
      if (!inside(local)) {
        outsideFrom = now;
        outsideUntil = start === end ? Number.POSITIVE_INFINITY : nextAt(now, local, start);
        return 0;
      }
      return nextAt(now, local, end) - now;
    },
  };
}
