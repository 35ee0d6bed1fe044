import { ValidationError } from '@omnicast/core';
/** `explainSegment()`: which conditions matched a contact, and why. */

import { compileCondition } from './compile-condition.js';
import { type CompileSegmentOptions, prepareSegment } from './compile-segment.js';
import type { Contact } from './contact-model.js';
import { exclusionRules } from './default-exclusions.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { SegmentCondition, SegmentNode } from './segment-filter-types.js';

/** One node of an explanation tree. */
export interface SegmentExplanation {
  /** Path of the node in the filter, e.g. `where.and[1]`. */
  path: string;
  /** `and`, `or`, `not`, or the condition's `type`. */
  kind: string;
  matched: boolean;
  /** Human-readable reason, e.g. `tags has-any [vip]: contact value {"vip":2}`. */
  reason: string;
  /** The condition (leaves only). */
  condition?: SegmentCondition;
  /** The contact value the condition looked at (leaves only). */
  actual?: unknown;
  children?: SegmentExplanation[];
}

/** Result of `explainSegment()`. */
export interface SegmentExplanationResult {
  /** In the audience: the filter matched and no exclusion applied. */
  matched: boolean;
  /** The filter's tree. */
  filter: SegmentExplanation;
  /** Exclusions that removed the contact (`unsubscribed`, `over-quota`, `no-consent`). */
  excludedBy: string[];
}

function describeCondition(condition: SegmentCondition): string {
  const { type, ...rest } = condition;
  return `${type} ${JSON.stringify(rest)}`;
}

function formatPath(path: (string | number)[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}

function explainNode(
  node: SegmentNode,
  path: (string | number)[],
  contact: Contact,
  context: EvaluationContext,
): SegmentExplanation {
  if ('and' in node || 'or' in node) {
    const kind = 'and' in node ? 'and' : 'or';
    const list = 'and' in node ? node.and : node.or;
    const children = list.map((child, index) => explainNode(child, [...path, kind, index], contact, context));
    const hits = children.filter((child) => child.matched).length;
    const matched = kind === 'and' ? hits === children.length : hits > 0;
    return {
      path: formatPath(path),
      kind,
      matched,
      reason: `${hits} of ${children.length} matched (${kind === 'and' ? 'all' : 'at least one'} needed)`,
      children,
    };
  }
  if ('not' in node) {
    const child = explainNode(node.not, [...path, 'not'], contact, context);
    return {
      path: formatPath(path),
      kind: 'not',
      matched: !child.matched,
      reason: `inner condition ${child.matched ? 'matched' : 'did not match'}`,
      children: [child],
    };
  }
  const compiled = compileCondition(node, context, path);
  const matched = compiled.test(contact);
  const actual = compiled.actual(contact);
  return {
    path: formatPath(path),
    kind: node.type,
    matched,
    reason: `${describeCondition(node)} ${matched ? 'matched' : 'did not match'}: contact value ${
      actual === undefined ? 'absent' : JSON.stringify(actual)
    }`,
    condition: node,
    actual,
  };
}

/** Explains, condition by condition, whether a contact is in the segment (exclusions included). */
export function explainSegment(
  filter: unknown,
  contact: Contact,
  options: CompileSegmentOptions,
): SegmentExplanationResult {
  const prepared = prepareSegment(filter, options);
  if (typeof contact !== 'object' || contact === null) {
    throw new ValidationError('Invalid contact', {
      issues: [{ path: ['contact'], message: 'expected a contact object', code: 'invalid-type' }],
    });
  }
  const explanation = explainNode(prepared.filter.where, ['where'], contact, prepared.context);
  const excludedBy = exclusionRules(options.exclusions)
    .filter((rule) => !compileCondition(rule.keep, prepared.context, ['exclusions']).test(contact))
    .map((rule) => rule.reason);
  return { matched: explanation.matched && excludedBy.length === 0, filter: explanation, excludedBy };
}
