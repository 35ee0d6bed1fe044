/**
 * One leaf condition as a PostgreSQL boolean expression over the documented layout (contacts aliased
 * `c`). Every operand is a parameter. An expression may be NULL when the value is absent; the group
 * compiler turns NULL into false where it matters (under `not`).
 */
import { profileOperands } from './compile-condition.js';
import { type DatePlan, type InstantPlan, planDateOperator, planDateTimeOperator } from './date-operators.js';
import { datePattern, dateTimePattern } from './date-time-values.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { AttributeCondition, DateOperator, SegmentCondition } from './segment-filter-types.js';
import type { SqlParameters } from './sql-parameters.js';
import type { SegmentSqlTables } from './sql-schema.js';

/** What a leaf compiler needs. */
export interface SqlLeafContext {
  parameters: SqlParameters;
  tables: SegmentSqlTables;
  evaluation: EvaluationContext;
}

const profileColumns = { name: 'name', memberId: 'member_id', email: 'email', phone: 'phone' } as const;
const timeColumns = {
  subscribedAt: 'subscribed_at',
  customerLastInteractionAt: 'customer_last_interaction_at',
  teamLastMarketingAt: 'team_last_marketing_at',
  teamLastInteractionAt: 'team_last_interaction_at',
  lastCheckoutAt: 'last_checkout_at',
} as const;

function instantSql(value: string, plan: InstantPlan, context: SqlLeafContext): string {
  const p = context.parameters;
  if (plan.min === Number.POSITIVE_INFINITY || plan.max === Number.NEGATIVE_INFINITY) return 'FALSE';
  const parts: string[] = [];
  if (Number.isFinite(plan.min))
    parts.push(`${value} >= ${p.add(new Date(plan.min).toISOString(), 'timestamptz')}`);
  if (Number.isFinite(plan.max))
    parts.push(`${value} < ${p.add(new Date(plan.max).toISOString(), 'timestamptz')}`);
  if (plan.month !== undefined) {
    parts.push(
      `extract(month from ${value} AT TIME ZONE ${p.add(context.evaluation.timeZone, 'text')}) = ${p.add(plan.month, 'int')}`,
    );
  }
  if (parts.length === 0) parts.push(`${value} IS NOT NULL`);
  return `(${parts.join(' AND ')})`;
}

function dateSql(value: string, plan: DatePlan, context: SqlLeafContext): string {
  const p = context.parameters;
  const parts = [
    `${value} >= ${p.add(plan.min, 'text')} COLLATE "C"`,
    `${value} <= ${p.add(plan.max, 'text')} COLLATE "C"`,
  ];
  if (plan.month !== undefined) parts.push(`substr(${value}, 6, 2)::int = ${p.add(plan.month, 'int')}`);
  return `(${parts.join(' AND ')})`;
}

function attributeSql(condition: AttributeCondition, context: SqlLeafContext): string {
  const p = context.parameters;
  const key = p.add(condition.key, 'text');
  const json = `c.attributes -> ${key}`;
  const textValue = `c.attributes ->> ${key}`;
  const typed = (jsonType: string, expression: string, pattern?: string) =>
    `(CASE WHEN jsonb_typeof(${json}) = '${jsonType}'${
      pattern ? ` AND ${textValue} ~ ${p.add(pattern, 'text')}` : ''
    } THEN ${expression} END)`;
  switch (condition.valueType) {
    case 'text': {
      const v = typed('string', textValue);
      const c = condition;
      if (c.op === 'exists') return `(${v} IS NOT NULL)`;
      if (c.op === 'in') return `(${v} = ANY(${p.add(c.values, 'text[]')}))`;
      const operand = p.add(c.value, 'text');
      if (c.op === 'equals')
        return `(c.attributes @> jsonb_build_object(${key}, ${operand}) AND ${v} = ${operand})`;
      if (c.op === 'not-equals') return `(${v} <> ${operand})`;
      if (c.op === 'contains') return `(strpos(${v}, ${operand}) > 0)`;
      return `starts_with(${v}, ${operand})`;
    }
    case 'number': {
      const v = typed('number', `(${textValue})::numeric`);
      const c = condition;
      if (c.op === 'exists') return `(${v} IS NOT NULL)`;
      if (c.op === 'in') return `(${v} = ANY(${p.add(c.values.map(String), 'numeric[]')}))`;
      if (c.op === 'between') {
        return `(${v} BETWEEN ${p.add(String(c.from), 'numeric')} AND ${p.add(String(c.to), 'numeric')})`;
      }
      const operators = { equals: '=', 'not-equals': '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
      const operand = p.add(String(c.value), 'numeric');
      // Equality also as jsonb containment, which the GIN index on attributes serves.
      const contains = c.op === 'equals' ? `c.attributes @> jsonb_build_object(${key}, ${operand}) AND ` : '';
      return `(${contains}${v} ${operators[c.op]} ${operand})`;
    }
    case 'boolean': {
      const v = typed('boolean', `(${textValue})::boolean`);
      const c = condition;
      if (c.op === 'exists') return `(${v} IS NOT NULL)`;
      return `(c.attributes @> jsonb_build_object(${key}, ${p.add(c.value, 'boolean')}) AND ${v} IS ${c.value ? 'TRUE' : 'FALSE'})`;
    }
    case 'date': {
      const v = typed('string', textValue, datePattern);
      if (condition.op === 'exists') return `(${v} IS NOT NULL)`;
      return dateSql(v, planDateOperator(condition as DateOperator, context.evaluation), context);
    }
    default: {
      const v = typed('string', `(${textValue})::timestamptz`, dateTimePattern);
      return instantSql(v, planDateTimeOperator(condition as DateOperator, context.evaluation), context);
    }
  }
}

function exists(table: string, alias: string, where: string[], negate = false): string {
  const clause = [`${alias}.contact_id = c.id`, ...where].join(' AND ');
  return `(${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${clause}))`;
}

/** Compiles one leaf condition to SQL. */
export function compileConditionToSql(
  condition: SegmentCondition,
  context: SqlLeafContext,
  path: readonly (string | number)[],
): string {
  const p = context.parameters;
  const { tables } = context;
  switch (condition.type) {
    case 'tags': {
      const tags = p.add(condition.tags, 'text[]');
      const minCount = p.add(condition.minCount ?? 1, 'float8');
      const where = [`t.tag = ANY(${tags})`, `t.count >= ${minCount}`];
      if (condition.op === 'has-any') return exists(tables.tags, 't', where);
      if (condition.op === 'has-none') return exists(tables.tags, 't', where, true);
      const distinct = p.add(new Set(condition.tags).size, 'int');
      return `((SELECT count(*) FROM ${tables.tags} t WHERE t.contact_id = c.id AND ${where.join(' AND ')}) = ${distinct})`;
    }
    case 'field': {
      const column = `c.${profileColumns[condition.field]}`;
      const operands = profileOperands(condition, context.evaluation, path);
      if (condition.op === 'exists') return `(${column} IS NOT NULL)`;
      if (condition.op === 'in') return `(${column} = ANY(${p.add(operands, 'text[]')}))`;
      const operand = p.add(operands[0], 'text');
      return condition.op === 'equals' ? `(${column} = ${operand})` : `(${column} <> ${operand})`;
    }
    case 'subscription':
    case 'channel': {
      const where: string[] = [];
      if (condition.channel !== undefined) where.push(`m.channel = ${p.add(condition.channel, 'text')}`);
      if (condition.accountId !== undefined)
        where.push(`m.account_id = ${p.add(condition.accountId, 'text')}`);
      if (condition.type === 'subscription') where.push(`m.status = ${p.add(condition.status, 'text')}`);
      return exists(tables.channels, 'm', where);
    }
    case 'binding': {
      const column = {
        website: 'bound_website',
        phone: 'bound_phone',
        'external-member': 'bound_external_member',
      }[condition.binding];
      return condition.isBound ? `(c.${column})` : `(NOT c.${column})`;
    }
    case 'recurring-notification':
      return exists(
        tables.channels,
        'm',
        [`m.channel = ${p.add('messenger', 'text')}`, 'm.recurring_notification_opt_in'],
        !condition.isOptedIn,
      );
    case 'omo-binding':
      return condition.isBound ? '(c.omo_bound)' : '(NOT c.omo_bound)';
    case 'omo-staff':
      return `(c.omo_bound AND c.omo_staff_id = ANY(${p.add(condition.staffIds, 'text[]')}))`;
    case 'omo-branch':
      return `(c.omo_bound AND c.omo_branch_id = ANY(${p.add(condition.branchIds, 'text[]')}))`;
    case 'over-quota':
      return condition.isOverQuota ? '(c.is_over_quota)' : '(NOT c.is_over_quota)';
    case 'consent': {
      const test = `c.consents @> jsonb_build_object(${p.add(condition.channel, 'text')}, true)`;
      return condition.hasConsent ? `(${test})` : `(NOT ${test})`;
    }
    case 'broadcast-interaction': {
      const where = [`i.action = ${p.add(condition.action, 'text')}`];
      if (condition.broadcastId !== undefined)
        where.push(`i.broadcast_id = ${p.add(condition.broadcastId, 'text')}`);
      return exists(tables.interactions, 'i', where, !condition.hasInteracted);
    }
    case 'time':
      return instantSql(
        `c.${timeColumns[condition.field]}`,
        planDateTimeOperator(condition, context.evaluation),
        context,
      );
    default:
      return attributeSql(condition, context);
  }
}
