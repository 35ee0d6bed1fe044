/**
 * The seeds' date operators (requirements §2.6) turned into bounds, computed once per compiled
 * segment from `now` and the team's zone. The evaluator and the SQL compiler both use these plans, so
 * they cannot disagree on where a day, a window or a month begins.
 *
 * Worked example, executed at 2023-01-05 18:00:00:
 * - date: `within-next-days 3` → 2023-01-05 … 2023-01-08; `on-or-after-days-from-now 3` → 2023-01-09 …
 * - date-time: `within-next-days 3` → 2023-01-05 18:00:00 … 2023-01-08 18:00:00 (both ends included);
 *   `on-or-after-days-from-now 3` → after 2023-01-08 18:00:00; `days-ago 1` → all of 2023-01-04.
 */
import { isDateString } from './date-time-values.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { DateOperator, MonthSelector } from './segment-filter-types.js';
import { addDays, addMonths, beforeAllDates, type DateString } from './zoned-calendar.js';

const dayMs = 86_400_000;

/** Bounds on instants: `min` inclusive, `max` exclusive, optional local month (1–12). */
export interface InstantPlan {
  min: number;
  max: number;
  month?: number;
}

/** Bounds on `YYYY-MM-DD` strings, both inclusive, optional month (1–12). */
export interface DatePlan {
  min: DateString;
  max: DateString;
  month?: number;
}

/** Resolves `this` / `last` / `next` to a month number. */
export function resolveMonth(selector: MonthSelector, context: EvaluationContext): number {
  if (typeof selector === 'number') return selector;
  const shift = selector === 'last' ? -1 : selector === 'next' ? 1 : 0;
  return ((context.month - 1 + shift + 12) % 12) + 1;
}

/** Month window of "specific month, any year": 100 years before to 30 years after the current month. */
function monthWindow(context: EvaluationContext): [DateString, DateString] {
  return [addMonths(context.today, -1200), addDays(addMonths(context.today, 361), -1)];
}

/** Inclusive date bounds of a relative operator (shared by both plans). */
function relativeDays(operator: DateOperator, today: DateString): [DateString, DateString] | undefined {
  switch (operator.op) {
    case 'today':
      return [today, today];
    case 'days-ago':
      return [addDays(today, -operator.days), addDays(today, -operator.days)];
    case 'days-ahead':
      return [addDays(today, operator.days), addDays(today, operator.days)];
    case 'on':
      return [operator.value, operator.value];
    default:
      return undefined;
  }
}

const open = { min: beforeAllDates, max: '9999-99-99' };

/** Plans an operator on a `YYYY-MM-DD` value. */
export function planDateOperator(operator: DateOperator, context: EvaluationContext): DatePlan {
  const today = context.today;
  const days = relativeDays(operator, today);
  if (days) return { min: days[0], max: days[1] };
  switch (operator.op) {
    case 'within-next-days':
      return { min: today, max: addDays(today, operator.days) };
    case 'within-last-days':
      return { min: addDays(today, -operator.days), max: today };
    case 'on-or-after-days-from-now':
      return { ...open, min: addDays(today, operator.days + 1) };
    case 'more-than-days-ago':
      return { ...open, max: addDays(today, -operator.days - 1) };
    case 'lt':
      return { ...open, max: addDays(operator.value, -1) };
    case 'lte':
      return { ...open, max: operator.value };
    case 'gt':
      return { ...open, min: addDays(operator.value, 1) };
    case 'gte':
      return { ...open, min: operator.value };
    case 'between':
      return { min: operator.from, max: operator.to };
    case 'month': {
      const [min, max] = monthWindow(context);
      return { min, max, month: resolveMonth(operator.month, context) };
    }
    default:
      return { ...open };
  }
}

/** Lower bound (inclusive) of "on or after `operand`" for a date or exact-instant operand. */
function instantFrom(operand: string, context: EvaluationContext, after: boolean): number {
  if (isDateString(operand)) return context.calendar.startOfDay(after ? addDays(operand, 1) : operand);
  return Date.parse(operand) + (after ? 1 : 0);
}

/** Upper bound (exclusive) of "on or before / before `operand`". */
function instantUntil(operand: string, context: EvaluationContext, inclusive: boolean): number {
  if (isDateString(operand)) return context.calendar.startOfDay(inclusive ? addDays(operand, 1) : operand);
  return Date.parse(operand) + (inclusive ? 1 : 0);
}

const unbounded = { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };

/** Plans an operator on a date-time value. */
export function planDateTimeOperator(operator: DateOperator, context: EvaluationContext): InstantPlan {
  const { calendar, nowMs } = context;
  const days = relativeDays(operator, context.today);
  if (days) return { min: calendar.startOfDay(days[0]), max: calendar.startOfDay(addDays(days[1], 1)) };
  switch (operator.op) {
    case 'within-next-days':
      return { min: nowMs, max: nowMs + operator.days * dayMs + 1 };
    case 'within-last-days':
      return { min: nowMs - operator.days * dayMs, max: nowMs + 1 };
    case 'on-or-after-days-from-now':
      return { ...unbounded, min: nowMs + operator.days * dayMs + 1 };
    case 'more-than-days-ago':
      return { ...unbounded, max: nowMs - operator.days * dayMs };
    case 'lt':
    case 'lte':
      return { ...unbounded, max: instantUntil(operator.value, context, operator.op === 'lte') };
    case 'gt':
    case 'gte':
      return { ...unbounded, min: instantFrom(operator.value, context, operator.op === 'gt') };
    case 'between':
      return {
        min: instantFrom(operator.from, context, false),
        max: instantUntil(operator.to, context, true),
      };
    case 'month': {
      const [first, last] = monthWindow(context);
      return {
        min: calendar.startOfDay(first),
        max: calendar.startOfDay(addDays(last, 1)),
        month: resolveMonth(operator.month, context),
      };
    }
    default:
      return { ...unbounded };
  }
}

/** Whether a `YYYY-MM-DD` value satisfies a date plan. */
export function matchesDatePlan(plan: DatePlan, value: DateString): boolean {
  if (value < plan.min || value > plan.max) return false;
  return plan.month === undefined || Number(value.slice(5, 7)) === plan.month;
}

/** Whether an instant satisfies a date-time plan. */
export function matchesInstantPlan(plan: InstantPlan, ms: number, context: EvaluationContext): boolean {
  if (ms < plan.min || ms >= plan.max) return false;
  return plan.month === undefined || context.calendar.localParts(ms)[1] === plan.month;
}
