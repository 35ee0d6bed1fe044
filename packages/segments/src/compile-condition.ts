/**
 * Compiles one leaf condition into closures, once per segment: a `test` for the hot path and an
 * `actual` that reports the contact value the condition looked at (for `explainSegment`). Every read
 * of contact data goes through own keys only.
 */
import { ValidationError } from '@omnicast/core';
import { compileAttribute } from './compile-attribute-condition.js';
import {
  bindingField,
  contactField,
  interactionField,
  membershipField,
  omoField,
  tagCount,
} from './contact-fields.js';
import type { Contact } from './contact-model.js';
import { matchesInstantPlan, planDateTimeOperator } from './date-operators.js';
import { toEpochMs } from './date-time-values.js';
import type { EvaluationContext } from './evaluation-context.js';
import { asArray, own } from './own-key.js';
import { normalizeEmail, normalizePhoneNumber } from './phone-number.js';
import type { FieldCondition, SegmentCondition } from './segment-filter-types.js';

/** A compiled leaf. */
export interface CompiledCondition {
  test: (contact: Contact) => boolean;
  actual: (contact: Contact) => unknown;
}

type Path = readonly (string | number)[];

/** Reads and normalises a profile field; compile-time operands go through the same function. */
export function profileFieldReader(field: FieldCondition['field'], context: EvaluationContext) {
  switch (field) {
    case 'email':
      return (value: unknown) => normalizeEmail(value);
    case 'phone':
      return (value: unknown) => normalizePhoneNumber(value, context.defaultCountry);
    default:
      return (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  }
}

/** Normalises the operands of a profile-field condition; a phone that cannot be read is an error. */
export function profileOperands(condition: FieldCondition, context: EvaluationContext, path: Path): string[] {
  if (condition.op === 'exists') return [];
  const raw = condition.op === 'in' ? condition.values : [condition.value];
  if (condition.field === 'email') return raw.map((value) => value.trim().toLowerCase());
  if (condition.field !== 'phone') return raw;
  return raw.map((value, index) => {
    const phone = normalizePhoneNumber(value, context.defaultCountry);
    if (phone === undefined) {
      const at = condition.op === 'in' ? [...path, 'values', index] : [...path, 'value'];
      throw new ValidationError('Invalid segment filter', {
        issues: [
          {
            path: at,
            message: 'not a phone number (add a country code or set defaultCountry)',
            code: 'invalid-phone',
          },
        ],
      });
    }
    return phone;
  });
}

function compileField(condition: FieldCondition, context: EvaluationContext, path: Path): CompiledCondition {
  const read = profileFieldReader(condition.field, context);
  const operands = profileOperands(condition, context, path);
  const field = contactField[condition.field];
  const actual = (contact: Contact) => read(field(contact));
  const [first] = operands;
  switch (condition.op) {
    case 'equals':
      return { actual, test: (contact) => actual(contact) === first };
    case 'not-equals':
      return {
        actual,
        test: (contact) => {
          const value = actual(contact);
          return value !== undefined && value !== first;
        },
      };
    case 'in': {
      const set = new Set(operands);
      return { actual, test: (contact) => set.has(actual(contact) as string) };
    }
    default:
      return { actual, test: (contact) => actual(contact) !== undefined };
  }
}

function someItem(list: unknown, predicate: (item: unknown) => boolean): boolean {
  for (const item of asArray(list)) if (predicate(item)) return true;
  return false;
}

/** Compiles one leaf condition. `path` locates it in the filter for error messages. */
export function compileCondition(
  condition: SegmentCondition,
  context: EvaluationContext,
  path: Path,
): CompiledCondition {
  switch (condition.type) {
    case 'tags': {
      const minCount = condition.minCount ?? 1;
      const tags = condition.tags;
      const actual = (contact: Contact) =>
        Object.fromEntries(tags.map((tag) => [tag, own(contactField.tags(contact), tag) ?? 0]));
      const has = (counts: unknown, tag: string) => {
        const value = tagCount(counts, tag);
        return typeof value === 'number' && value >= minCount;
      };
      if (condition.op === 'has-all') {
        return {
          actual,
          test: (contact) => {
            const counts = contactField.tags(contact);
            if (typeof counts !== 'object' || counts === null) return false;
            for (const tag of tags) if (!has(counts, tag)) return false;
            return true;
          },
        };
      }
      const any = (contact: Contact) => {
        const counts = contactField.tags(contact);
        if (typeof counts !== 'object' || counts === null) return false;
        for (const tag of tags) if (has(counts, tag)) return true;
        return false;
      };
      return condition.op === 'has-any'
        ? { actual, test: any }
        : { actual, test: (contact) => !any(contact) };
    }
    case 'field':
      return compileField(condition, context, path);
    case 'subscription':
    case 'channel': {
      const { channel, accountId } = condition;
      const status = condition.type === 'subscription' ? condition.status : undefined;
      const matches = (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        (channel === undefined || membershipField.channel(item) === channel) &&
        (accountId === undefined || membershipField.accountId(item) === accountId) &&
        (status === undefined || membershipField.status(item) === status);
      const actual = (contact: Contact) =>
        asArray(own(contact, 'channels')).map((item) => `${own(item, 'channel')}:${own(item, 'status')}`);
      return { actual, test: (contact) => someItem(contactField.channels(contact), matches) };
    }
    case 'binding': {
      const key = condition.binding === 'external-member' ? 'externalMember' : condition.binding;
      const reader = bindingField[key];
      const actual = (contact: Contact) => {
        const bindings = contactField.bindings(contact);
        return typeof bindings === 'object' && bindings !== null && reader(bindings) === true;
      };
      const isBound = condition.isBound;
      return { actual, test: (contact) => actual(contact) === isBound };
    }
    case 'recurring-notification': {
      const optedIn = (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        membershipField.channel(item) === 'messenger' &&
        membershipField.recurringNotificationOptIn(item) === true;
      const actual = (contact: Contact) => someItem(contactField.channels(contact), optedIn);
      const expected = condition.isOptedIn;
      return { actual, test: (contact) => actual(contact) === expected };
    }
    case 'omo-binding': {
      const actual = (contact: Contact) => {
        const omo = contactField.omo(contact);
        return typeof omo === 'object' && omo !== null && omoField.isBound(omo) === true;
      };
      const expected = condition.isBound;
      return { actual, test: (contact) => actual(contact) === expected };
    }
    case 'omo-staff':
    case 'omo-branch': {
      const key = condition.type === 'omo-staff' ? 'staffId' : 'branchId';
      const set = new Set(condition.type === 'omo-staff' ? condition.staffIds : condition.branchIds);
      const reader = omoField[key];
      const actual = (contact: Contact) => {
        const omo = contactField.omo(contact);
        return typeof omo === 'object' && omo !== null ? reader(omo) : undefined;
      };
      const test = (contact: Contact) => {
        const omo = contactField.omo(contact);
        if (typeof omo !== 'object' || omo === null || omoField.isBound(omo) !== true) return false;
        const value = reader(omo);
        return typeof value === 'string' && set.has(value);
      };
      return { actual, test };
    }
    case 'over-quota': {
      const actual = (contact: Contact) => contactField.isOverQuota(contact) === true;
      const expected = condition.isOverQuota;
      return { actual, test: (contact) => actual(contact) === expected };
    }
    case 'consent': {
      const channel = condition.channel;
      const actual = (contact: Contact) => own(contactField.consents(contact), channel) === true;
      const expected = condition.hasConsent;
      return { actual, test: (contact) => actual(contact) === expected };
    }
    case 'broadcast-interaction': {
      const { action, broadcastId } = condition;
      const matches = (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        interactionField.action(item) === action &&
        (broadcastId === undefined || interactionField.broadcastId(item) === broadcastId);
      const actual = (contact: Contact) => someItem(contactField.interactions(contact), matches);
      const expected = condition.hasInteracted;
      return { actual, test: (contact) => actual(contact) === expected };
    }
    case 'time': {
      const field = condition.field;
      const plan = planDateTimeOperator(condition, context);
      const reader = contactField[field];
      const actual = (contact: Contact) => toEpochMs(reader(contact));
      return {
        actual: (contact) => {
          const ms = actual(contact);
          return ms === undefined ? undefined : new Date(ms).toISOString();
        },
        test:
          plan.month === undefined
            ? (contact) => {
                const ms = actual(contact);
                return ms !== undefined && ms >= plan.min && ms < plan.max;
              }
            : (contact) => {
                const ms = actual(contact);
                return ms !== undefined && matchesInstantPlan(plan, ms, context);
              },
      };
    }
    default:
      return compileAttribute(condition, context);
  }
}
