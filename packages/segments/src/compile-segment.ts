/**
 * `compileSegment()`: a filter becomes a predicate built once from closures (no `eval`, no
 * `new Function`), with `now` and the team's time zone fixed at compile time.
 */

import { type CompiledCondition, compileCondition } from './compile-condition.js';
import type { Contact } from './contact-model.js';
import { type ExclusionPolicy, exclusionRules } from './default-exclusions.js';
import {
  type EvaluationContext,
  type EvaluationOptions,
  resolveEvaluationContext,
} from './evaluation-context.js';
import { nodeCost } from './evaluation-cost.js';
import { parseSegmentFilter, type SegmentFilterLimits } from './parse-segment-filter.js';
import type { SegmentCondition, SegmentFilter, SegmentNode } from './segment-filter-types.js';

/** Options of `compileSegment()` and everything built on it. */
export interface CompileSegmentOptions extends EvaluationOptions {
  /** Exclusion policy applied on top of the filter; `false` for none. Default `defaultExclusionPolicy`. */
  exclusions?: ExclusionPolicy | false;
  /** Parsing limits for untrusted filters. */
  limits?: SegmentFilterLimits;
}

/** A compiled segment: true when the contact is in the audience. */
export type SegmentPredicate = (contact: Contact) => boolean;

type Path = (string | number)[];

/** Compiles a node tree into a predicate. */
export function compileNode(
  node: SegmentNode,
  path: Path,
  leaf: (condition: SegmentCondition, path: Path) => CompiledCondition,
): SegmentPredicate {
  if ('and' in node || 'or' in node) {
    const isAnd = 'and' in node;
    const list = 'and' in node ? node.and : node.or;
    // Cheap children first (a stable sort keeps the written order among equals).
    const children = list
      .map((child, index) => ({ cost: nodeCost(child), index, child }))
      .sort((left, right) => left.cost - right.cost || left.index - right.index)
      .map(({ child, index }) => compileNode(child, [...path, isAnd ? 'and' : 'or', index], leaf));
    const count = children.length;
    if (count === 1) return children[0]!;
    if (isAnd && count === 2) {
      const [a, b] = children as [SegmentPredicate, SegmentPredicate];
      return (contact) => a(contact) && b(contact);
    }
    if (isAnd) {
      return (contact) => {
        for (let index = 0; index < count; index += 1) if (!children[index]!(contact)) return false;
        return true;
      };
    }
    return (contact) => {
      for (let index = 0; index < count; index += 1) if (children[index]!(contact)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const child = compileNode(node.not, [...path, 'not'], leaf);
    return (contact) => !child(contact);
  }
  return leaf(node, path).test;
}

/** Parses (when needed) and resolves a filter plus options: shared by every entry point. */
export function prepareSegment(
  filter: SegmentFilter | unknown,
  options: CompileSegmentOptions,
): { filter: SegmentFilter; context: EvaluationContext } {
  const context = resolveEvaluationContext(options);
  return { filter: parseSegmentFilter(filter, options.limits), context };
}

/**
 * Compiles a filter (parsed from untrusted JSON, or already typed) into a fast predicate. The exclusion
 * policy (default: subscribed, not over-quota, consent for e-mail/SMS) is applied unless
 * `exclusions: false`.
 */
export function compileSegment(
  filter: SegmentFilter | unknown,
  options: CompileSegmentOptions,
): SegmentPredicate {
  const prepared = prepareSegment(filter, options);
  const { context } = prepared;
  const main = compileNode(prepared.filter.where, ['where'], (condition, path) =>
    compileCondition(condition, context, path),
  );
  const rules = exclusionRules(options.exclusions).map(
    (rule) => compileCondition(rule.keep, context, ['exclusions', rule.reason]).test,
  );
  const isObject = (contact: unknown) => typeof contact === 'object' && contact !== null;
  if (rules.length === 0) return (contact) => isObject(contact) && main(contact);
  return (contact) => {
    if (!isObject(contact) || !main(contact)) return false;
    for (const rule of rules) if (!rule(contact)) return false;
    return true;
  };
}
