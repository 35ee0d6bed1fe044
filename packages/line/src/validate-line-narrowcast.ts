import type { ValidationIssue } from '@omnicast/core';
import { lineLimits as L } from './line-limits.js';

type Path = (string | number)[];
type AnyRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is AnyRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ageBuckets = new Set([
  'age_15',
  'age_20',
  'age_25',
  'age_30',
  'age_35',
  'age_40',
  'age_45',
  'age_50',
  'age_55',
  'age_60',
  'age_65',
  'age_70',
]);
const periods = new Set(['day_7', 'day_30', 'day_90', 'day_180', 'day_365']);
const areaPattern = /^(jp_(0[1-9]|[1-3]\d|4[0-7])|tw_(0[1-9]|1\d|2[0-2])|th_0[1-8])$/;

/** Checks an `operator` object: exactly one of and/or/not, arrays not empty. */
function checkOperator(
  issues: ValidationIssue[],
  node: AnyRecord,
  path: Path,
  visit: (child: unknown, childPath: Path) => void,
): void {
  const present = (['and', 'or', 'not'] as const).filter((key) => node[key] !== undefined);
  if (present.length !== 1) {
    issues.push({ path, message: 'an operator needs exactly one of and, or, not', code: 'operator' });
  }
  for (const key of ['and', 'or'] as const) {
    const children = node[key];
    if (children === undefined) continue;
    if (!Array.isArray(children) || children.length === 0) {
      issues.push({ path: [...path, key], message: 'must be a non-empty array', code: 'min-items' });
      continue;
    }
    children.forEach((child, index) => void visit(child, [...path, key, index]));
  }
  if (node.not !== undefined) visit(node.not, [...path, 'not']);
}

function checkRecipient(
  issues: ValidationIssue[],
  recipient: unknown,
  path: Path,
  counter: { leaves: number },
): void {
  if (!isRecord(recipient)) {
    issues.push({ path, message: 'must be a recipient object', code: 'invalid-type' });
    return;
  }
  switch (recipient.type) {
    case 'audience':
      counter.leaves++;
      if (typeof recipient.audienceGroupId !== 'number' || !Number.isInteger(recipient.audienceGroupId))
        issues.push({
          path: [...path, 'audienceGroupId'],
          message: 'must be an integer',
          code: 'invalid-type',
        });
      break;
    case 'redelivery':
      counter.leaves++;
      if (typeof recipient.requestId !== 'string' || recipient.requestId === '')
        issues.push({ path: [...path, 'requestId'], message: 'is required', code: 'required' });
      break;
    case 'operator':
      checkOperator(issues, recipient, path, (child, childPath) =>
        checkRecipient(issues, child, childPath, counter),
      );
      break;
    default:
      issues.push({
        path: [...path, 'type'],
        message: 'must be audience, redelivery or operator',
        code: 'invalid-value',
      });
  }
}

function checkOneOf(
  issues: ValidationIssue[],
  values: unknown,
  path: Path,
  valid: (value: string) => boolean,
): void {
  if (!Array.isArray(values) || values.length === 0) {
    issues.push({ path, message: 'must be a non-empty array', code: 'min-items' });
    return;
  }
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !valid(value))
      issues.push({
        path: [...path, index],
        message: `${JSON.stringify(value)} is not allowed`,
        code: 'invalid-value',
      });
  });
}

function checkRange(issues: ValidationIssue[], node: AnyRecord, path: Path, allowed: Set<string>): void {
  if (node.gte === undefined && node.lt === undefined)
    issues.push({ path, message: 'needs gte, lt or both', code: 'required' });
  for (const key of ['gte', 'lt'] as const) {
    const value = node[key];
    if (value !== undefined && (typeof value !== 'string' || !allowed.has(value)))
      issues.push({
        path: [...path, key],
        message: `${JSON.stringify(value)} is not allowed`,
        code: 'invalid-value',
      });
  }
}

function checkDemographic(
  issues: ValidationIssue[],
  filter: unknown,
  path: Path,
  counter: { leaves: number },
): void {
  if (!isRecord(filter)) {
    issues.push({ path, message: 'must be a demographic filter object', code: 'invalid-type' });
    return;
  }
  if (filter.type !== 'operator') counter.leaves++;
  switch (filter.type) {
    case 'gender':
      checkOneOf(issues, filter.oneOf, [...path, 'oneOf'], (v) => v === 'male' || v === 'female');
      return;
    case 'appType':
      checkOneOf(issues, filter.oneOf, [...path, 'oneOf'], (v) => v === 'ios' || v === 'android');
      return;
    case 'area':
      checkOneOf(issues, filter.oneOf, [...path, 'oneOf'], (v) => areaPattern.test(v));
      return;
    case 'age':
      checkRange(issues, filter, path, ageBuckets);
      return;
    case 'subscriptionPeriod':
      checkRange(issues, filter, path, periods);
      return;
    case 'operator':
      checkOperator(issues, filter, path, (child, childPath) =>
        checkDemographic(issues, child, childPath, counter),
      );
      return;
    default:
      issues.push({
        path: [...path, 'type'],
        message: 'unknown demographic filter type',
        code: 'invalid-value',
      });
  }
}

/**
 * Checks a narrowcast's recipient, demographic filter and limit objects against the documented
 * rules: at most 10 audience + redelivery objects, at most 10 demographic objects, operators with
 * exactly one of and/or/not, age/period buckets, area codes, `limit.max ≥ 1` and
 * `forbidPartialDelivery` only with `upToRemainingQuota`.
 */
export function validateNarrowcastTargeting(request: {
  recipient?: unknown;
  filter?: unknown;
  limit?: unknown;
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (request.recipient !== undefined) {
    const counter = { leaves: 0 };
    checkRecipient(issues, request.recipient, ['recipient'], counter);
    if (counter.leaves > L.maxNarrowcastRecipientObjects)
      issues.push({
        path: ['recipient'],
        message: `has ${counter.leaves} audience/redelivery objects; the limit is ${L.maxNarrowcastRecipientObjects}`,
        code: 'max-items',
      });
  }
  if (request.filter !== undefined) {
    const demographic = isRecord(request.filter) ? request.filter.demographic : undefined;
    const counter = { leaves: 0 };
    checkDemographic(issues, demographic, ['filter', 'demographic'], counter);
    if (counter.leaves > L.maxNarrowcastDemographicObjects)
      issues.push({
        path: ['filter', 'demographic'],
        message: `has ${counter.leaves} filter objects; the limit is ${L.maxNarrowcastDemographicObjects}`,
        code: 'max-items',
      });
  }
  if (request.limit !== undefined) {
    const limit = isRecord(request.limit) ? request.limit : {};
    if (
      limit.max !== undefined &&
      (typeof limit.max !== 'number' || !Number.isInteger(limit.max) || limit.max < 1)
    )
      issues.push({ path: ['limit', 'max'], message: 'must be an integer ≥ 1', code: 'min-value' });
    if (limit.forbidPartialDelivery === true && limit.upToRemainingQuota !== true)
      issues.push({
        path: ['limit', 'forbidPartialDelivery'],
        message: 'is only allowed when upToRemainingQuota is true',
        code: 'invalid-combination',
      });
  }
  return issues;
}
