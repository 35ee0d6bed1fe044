/**
 * Static cost estimates of filter nodes. `and` / `or` groups evaluate cheap children first; the
 * predicates are pure, so the order changes the work done, never the result.
 */
import type { SegmentCondition, SegmentNode } from './segment-filter-types.js';

function conditionCost(condition: SegmentCondition): number {
  switch (condition.type) {
    case 'over-quota':
    case 'binding':
    case 'omo-binding':
    case 'omo-staff':
    case 'omo-branch':
    case 'consent':
      return 1;
    case 'time':
      return 'month' === condition.op ? 4 : 2;
    case 'attribute':
      return condition.valueType === 'date-time' ? 4 : 2;
    case 'field':
      return condition.field === 'phone' || condition.field === 'email' ? 4 : 2;
    case 'tags':
      return 2 + condition.tags.length;
    default:
      return 5;
  }
}

/** Estimated cost of evaluating a node once. */
export function nodeCost(node: SegmentNode): number {
  if ('and' in node) return node.and.reduce((sum, child) => sum + nodeCost(child), 1);
  if ('or' in node) return node.or.reduce((sum, child) => sum + nodeCost(child), 1);
  if ('not' in node) return nodeCost(node.not);
  return conditionCost(node);
}
