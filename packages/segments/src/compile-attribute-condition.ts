/** Compiles a typed custom-attribute condition (text, number, boolean, date, date-time) into closures. */
import type { CompiledCondition } from './compile-condition.js';
import { attributeValue, contactField } from './contact-fields.js';
import type { Contact } from './contact-model.js';
import {
  matchesDatePlan,
  matchesInstantPlan,
  planDateOperator,
  planDateTimeOperator,
} from './date-operators.js';
import { isDateString, isDateTimeString } from './date-time-values.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { AttributeCondition } from './segment-filter-types.js';

/** Compiles an attribute condition; a value of another type than `valueType` never matches. */
export function compileAttribute(
  condition: AttributeCondition,
  context: EvaluationContext,
): CompiledCondition {
  const key = condition.key;
  const raw = (contact: Contact) => {
    const attributes = contactField.attributes(contact);
    return typeof attributes === 'object' && attributes !== null
      ? attributeValue(attributes, key)
      : undefined;
  };
  switch (condition.valueType) {
    case 'text': {
      const read = (contact: Contact) => {
        const value = raw(contact);
        return typeof value === 'string' ? value : undefined;
      };
      const c = condition;
      if (c.op === 'in') {
        const set = new Set(c.values);
        return { actual: read, test: (contact) => set.has(read(contact) as string) };
      }
      if (c.op === 'exists') return { actual: read, test: (contact) => read(contact) !== undefined };
      const operand = c.value;
      const compare = {
        equals: (value: string) => value === operand,
        'not-equals': (value: string) => value !== operand,
        contains: (value: string) => value.includes(operand),
        'starts-with': (value: string) => value.startsWith(operand),
      }[c.op];
      return {
        actual: read,
        test: (contact) => {
          const value = read(contact);
          return value !== undefined && compare(value);
        },
      };
    }
    case 'number': {
      const read = (contact: Contact) => {
        const value = raw(contact);
        return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
      };
      const c = condition;
      if (c.op === 'in') {
        const set = new Set(c.values);
        return { actual: read, test: (contact) => set.has(read(contact) as number) };
      }
      if (c.op === 'exists') return { actual: read, test: (contact) => read(contact) !== undefined };
      if (c.op === 'between') {
        const { from, to } = c;
        return {
          actual: read,
          test: (contact) => {
            const value = read(contact);
            return value !== undefined && value >= from && value <= to;
          },
        };
      }
      const operand = c.value;
      const compare = {
        equals: (value: number) => value === operand,
        'not-equals': (value: number) => value !== operand,
        lt: (value: number) => value < operand,
        lte: (value: number) => value <= operand,
        gt: (value: number) => value > operand,
        gte: (value: number) => value >= operand,
      }[c.op];
      return {
        actual: read,
        test: (contact) => {
          const value = read(contact);
          return value !== undefined && compare(value);
        },
      };
    }
    case 'boolean': {
      const read = (contact: Contact) => {
        const value = raw(contact);
        return typeof value === 'boolean' ? value : undefined;
      };
      const c = condition;
      if (c.op === 'exists') return { actual: read, test: (contact) => read(contact) !== undefined };
      const operand = c.value;
      return { actual: read, test: (contact) => read(contact) === operand };
    }
    case 'date': {
      const read = (contact: Contact) => {
        const value = raw(contact);
        return isDateString(value) ? value : undefined;
      };
      const plan = planDateOperator(condition, context);
      return {
        actual: read,
        test: (contact) => {
          const value = read(contact);
          return value !== undefined && matchesDatePlan(plan, value);
        },
      };
    }
    default: {
      const read = (contact: Contact) => {
        const value = raw(contact);
        return isDateTimeString(value) ? value : undefined;
      };
      const plan = planDateTimeOperator(condition, context);
      return {
        actual: read,
        test: (contact) => {
          const value = read(contact);
          return value !== undefined && matchesInstantPlan(plan, Date.parse(value), context);
        },
      };
    }
  }
}
