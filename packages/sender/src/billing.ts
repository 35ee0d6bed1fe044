import { type BillingUnit, countSmsSegments, type Message } from '@omnicast/core';

/** A spending limit for one run. Either limit stops the run cleanly when reached. */
export interface Budget {
  /** Most billable units (recipients, messages or SMS segments, per the channel's `billingUnit`). */
  maxUnits?: number;
  /** Most cost, in `costPerUnit`'s currency. */
  maxCost?: number;
  /** Price of one billable unit (e.g. LINE NT$0.2 per recipient, SMS NT$1 per segment). */
  costPerUnit?: number;
}

/** Billable units of sending one message to `recipients` recipients. */
export function billableUnits(message: Message, recipients: number, unit: BillingUnit): number {
  switch (unit) {
    case 'none':
      return 0;
    case 'recipient':
    case 'conversation':
      return recipients;
    case 'message':
      return message.parts.length * recipients;
    case 'sms-segment': {
      let segments = 0;
      for (const part of message.parts) {
        const text = 'text' in part && typeof part.text === 'string' ? part.text : undefined;
        segments += text === undefined ? 1 : Math.max(1, countSmsSegments(text).segments);
      }
      return segments * recipients;
    }
  }
}

/** The number of units a budget allows (Infinity when unlimited). */
export function budgetUnits(budget: Budget | undefined): number {
  let units = budget?.maxUnits ?? Number.POSITIVE_INFINITY;
  if (budget?.maxCost !== undefined && budget.costPerUnit !== undefined && budget.costPerUnit > 0) {
    units = Math.min(units, Math.floor(budget.maxCost / budget.costPerUnit + 1e-9));
  }
  return units;
}
