/**
 * zod schemas of the segment filter language. `parseSegmentFilter()` is the usual entry point: it
 * adds depth and size limits and reports every issue with its path.
 */
import { z } from 'zod';
import { channelNames, subscriptionStatuses, timeFields } from './contact-model.js';
import { datePattern, dateTimePattern } from './date-time-values.js';
import type { SegmentCondition, SegmentFilter, SegmentNode } from './segment-filter-types.js';

type Shape = Record<string, z.ZodType>;
type Options = [z.ZodObject, ...z.ZodObject[]];

const text = z.string().max(1000);
const nonEmptyText = z.string().min(1).max(1000);
const textList = z.array(text).min(1).max(1000);
const idList = z.array(nonEmptyText).min(1).max(1000);
const finiteNumber = z.number().refine(Number.isFinite, 'expected a finite number');
const channel = z.enum(channelNames);
const date = z.string().regex(new RegExp(datePattern), 'expected a real date YYYY-MM-DD');
const dateOrDateTime = z
  .string()
  .refine(
    (value) => new RegExp(datePattern).test(value) || new RegExp(dateTimePattern).test(value),
    'expected YYYY-MM-DD or an ISO date-time with offset, e.g. 2023-01-05T18:00:00+08:00',
  );
const days = z.number().int().min(0).max(36_500);
const month = z.union([z.enum(['this', 'last', 'next']), z.number().int().min(1).max(12)], {
  error: 'expected "this", "last", "next" or a month number 1-12',
});

function dateOperators(base: Shape, operand: z.ZodType): Options {
  return [
    z.strictObject({ ...base, op: z.literal('exists') }),
    z.strictObject({ ...base, op: z.literal('on'), value: date }),
    z.strictObject({ ...base, op: z.enum(['lt', 'lte', 'gt', 'gte']), value: operand }),
    z.strictObject({ ...base, op: z.literal('between'), from: operand, to: operand }),
    z.strictObject({ ...base, op: z.literal('today') }),
    z.strictObject({
      ...base,
      op: z.enum([
        'days-ago',
        'days-ahead',
        'within-next-days',
        'within-last-days',
        'on-or-after-days-from-now',
        'more-than-days-ago',
      ]),
      days,
    }),
    z.strictObject({ ...base, op: z.literal('month'), month }),
  ];
}

const attribute = (valueType: string): Shape => ({
  type: z.literal('attribute'),
  key: z.string().regex(/^[A-Za-z0-9_]{1,100}$/, 'expected letters, digits or underscore (1-100 characters)'),
  valueType: z.literal(valueType),
});

const profile: Shape = { type: z.literal('field'), field: z.enum(['name', 'memberId', 'email', 'phone']) };

const conditionOptions: Options = [
  z.strictObject({
    type: z.literal('tags'),
    op: z.enum(['has-any', 'has-all', 'has-none']),
    tags: z.array(z.string().min(1).max(200)).min(1).max(100),
    minCount: z.number().int().min(1).max(1_000_000).optional(),
  }),
  z.strictObject({
    type: z.literal('subscription'),
    status: z.enum(subscriptionStatuses),
    channel: channel.optional(),
    accountId: nonEmptyText.optional(),
  }),
  z.strictObject({ type: z.literal('channel'), channel, accountId: nonEmptyText.optional() }),
  z.strictObject({
    type: z.literal('binding'),
    binding: z.enum(['website', 'phone', 'external-member']),
    isBound: z.boolean(),
  }),
  z.strictObject({ type: z.literal('recurring-notification'), isOptedIn: z.boolean() }),
  z.strictObject({ type: z.literal('omo-binding'), isBound: z.boolean() }),
  z.strictObject({ type: z.literal('omo-staff'), staffIds: idList }),
  z.strictObject({ type: z.literal('omo-branch'), branchIds: idList }),
  z.strictObject({ type: z.literal('over-quota'), isOverQuota: z.boolean() }),
  z.strictObject({ type: z.literal('consent'), channel, hasConsent: z.boolean() }),
  z.strictObject({
    type: z.literal('broadcast-interaction'),
    action: z.enum(['opened', 'read', 'clicked']),
    broadcastId: nonEmptyText.optional(),
    hasInteracted: z.boolean(),
  }),
];

const fieldCondition = z.discriminatedUnion('op', [
  z.strictObject({ ...profile, op: z.enum(['equals', 'not-equals']), value: text }),
  z.strictObject({ ...profile, op: z.literal('in'), values: textList }),
  z.strictObject({ ...profile, op: z.literal('exists') }),
]);

const timeCondition = z.discriminatedUnion(
  'op',
  dateOperators({ type: z.literal('time'), field: z.enum(timeFields) }, dateOrDateTime),
);

const attributeCondition = z.discriminatedUnion('valueType', [
  z.discriminatedUnion('op', [
    z.strictObject({ ...attribute('text'), op: z.enum(['equals', 'not-equals']), value: text }),
    z.strictObject({ ...attribute('text'), op: z.enum(['contains', 'starts-with']), value: nonEmptyText }),
    z.strictObject({ ...attribute('text'), op: z.literal('in'), values: textList }),
    z.strictObject({ ...attribute('text'), op: z.literal('exists') }),
  ]),
  z.discriminatedUnion('op', [
    z.strictObject({
      ...attribute('number'),
      op: z.enum(['equals', 'not-equals', 'lt', 'lte', 'gt', 'gte']),
      value: finiteNumber,
    }),
    z.strictObject({
      ...attribute('number'),
      op: z.literal('in'),
      values: z.array(finiteNumber).min(1).max(1000),
    }),
    z
      .strictObject({
        ...attribute('number'),
        op: z.literal('between'),
        from: finiteNumber,
        to: finiteNumber,
      })
      .refine((value) => value.from <= value.to, {
        message: '"from" must not be greater than "to"',
        path: ['to'],
      }),
    z.strictObject({ ...attribute('number'), op: z.literal('exists') }),
  ]),
  z.discriminatedUnion('op', [
    z.strictObject({ ...attribute('boolean'), op: z.literal('equals'), value: z.boolean() }),
    z.strictObject({ ...attribute('boolean'), op: z.literal('exists') }),
  ]),
  z.discriminatedUnion('op', dateOperators(attribute('date'), date)),
  z.discriminatedUnion('op', dateOperators(attribute('date-time'), dateOrDateTime)),
]);

/** One leaf condition (no groups). */
export const segmentConditionSchema = z.discriminatedUnion('type', [
  ...conditionOptions,
  fieldCondition,
  timeCondition,
  attributeCondition,
]) as unknown as z.ZodType<SegmentCondition>;

/** A group (`and` / `or` / `not`) or a condition, recursively. */
export const segmentNodeSchema: z.ZodType<SegmentNode> = z.lazy(() =>
  z.union([
    z.strictObject({ and: z.array(segmentNodeSchema).max(1000) }),
    z.strictObject({ or: z.array(segmentNodeSchema).max(1000) }),
    z.strictObject({ not: segmentNodeSchema }),
    segmentConditionSchema,
  ]),
);

/** A versioned segment filter, `{ version: 1, where: <node> }`. */
export const segmentFilterSchema: z.ZodType<SegmentFilter> = z.strictObject({
  version: z.literal(1),
  where: segmentNodeSchema,
});
