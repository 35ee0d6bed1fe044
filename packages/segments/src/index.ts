/**
 * Audience filter language, in-memory evaluator and PostgreSQL compiler for omnicast.
 *
 * - `parseSegmentFilter` / `safeParseSegmentFilter`: validate a JSON filter (limits, every issue's path).
 * - `compileSegment` / `explainSegment` / `countSegment` / `previewSegment`: evaluate in memory.
 * - `compileSegmentToSql`: the same filter as parameterised PostgreSQL over `segmentSqlSchema()`.
 * - `parseListAudience` / `matchListAudience`: CSV list audiences.
 * - `segmentPresets`, `defaultExclusionPolicy`: the seeds' default segments and exclusions.
 * @module
 */

export { type CompileSegmentOptions, compileSegment, type SegmentPredicate } from './compile-segment.js';
export {
  type CompiledSegmentSql,
  type CompileSegmentToSqlOptions,
  compileSegmentToSql,
} from './compile-segment-to-sql.js';
export type {
  AttributeValue,
  BroadcastInteraction,
  ChannelMembership,
  ChannelName,
  Contact,
  ContactBindings,
  DateTimeInput,
  OmoBinding,
  SubscriptionStatus,
  TimeField,
} from './contact-model.js';
export { channelNames, subscriptionStatuses, timeFields } from './contact-model.js';
export {
  type ContactSource,
  countSegment,
  type PreviewSegmentOptions,
  previewSegment,
  type SegmentPreview,
} from './count-segment.js';
export {
  defaultExclusionPolicy,
  type ExclusionPolicy,
  type ExclusionRule,
  exclusionRules,
  withExclusions,
} from './default-exclusions.js';
export type { EvaluationOptions } from './evaluation-context.js';
export { explainSegment, type SegmentExplanation, type SegmentExplanationResult } from './explain-segment.js';
export {
  type ListAudienceRow,
  type ListIdentifier,
  listAudienceColumns,
  type ParsedListAudience,
  type ParseListAudienceOptions,
  parseListAudience,
  type RejectedListAudienceRow,
  recommendedListAudienceSize,
} from './list-audience.js';
export {
  type ListAudienceMatch,
  listAudienceAutoCreate,
  type MatchListAudienceOptions,
  matchListAudience,
  type UnmatchedListAudienceRow,
} from './match-list-audience.js';
export {
  defaultSegmentFilterLimits,
  parseSegmentFilter,
  type SafeParseSegmentFilterResult,
  type SegmentFilterLimits,
  safeParseSegmentFilter,
} from './parse-segment-filter.js';
export { normalizeEmail, normalizePhoneNumber } from './phone-number.js';
export { segmentConditionSchema, segmentFilterSchema, segmentNodeSchema } from './segment-filter-schema.js';
export type {
  AndGroup,
  AttributeCondition,
  AttributeConditionBase,
  BindingCondition,
  BooleanAttributeCondition,
  BroadcastInteractionCondition,
  ChannelCondition,
  ConsentCondition,
  DateAttributeCondition,
  DateComparisonOp,
  DateOperator,
  DateTimeAttributeCondition,
  FieldCondition,
  MonthSelector,
  NotGroup,
  NumberAttributeCondition,
  OmoBindingCondition,
  OmoBranchCondition,
  OmoStaffCondition,
  OrGroup,
  OverQuotaCondition,
  ProfileField,
  RecurringNotificationCondition,
  RelativeDateOperator,
  SegmentCondition,
  SegmentFilter,
  SegmentNode,
  SubscriptionCondition,
  TagsCondition,
  TextAttributeCondition,
  TimeCondition,
} from './segment-filter-types.js';
export {
  defaultRfmThresholds,
  type RfmThresholds,
  type SegmentPresets,
  segmentPresets,
} from './segment-presets.js';
export { type ContactsToSqlInsertsOptions, contactsToSqlInserts, type SqlStatement } from './sql-inserts.js';
export {
  type ContactSqlRow,
  type ContactSqlRows,
  contactToSqlRows,
  defaultSegmentSqlTables,
  type SegmentSqlTables,
  segmentSqlSchema,
} from './sql-schema.js';
