/**
 * Parsing a segment filter from untrusted JSON: depth and size limits first (so a hostile filter cannot
 * exhaust the stack), then every condition against its schema. Every issue is reported with its path.
 */
import { ValidationError, type ValidationIssue } from '@omnicast/core';
import { segmentConditionSchema } from './segment-filter-schema.js';
import type { SegmentCondition, SegmentFilter, SegmentNode } from './segment-filter-types.js';

/** Limits applied while parsing a filter. */
export interface SegmentFilterLimits {
  /** Deepest group nesting allowed (the root node has depth 1). Default 16, at most 1,000. */
  maxDepth?: number;
  /** Most nodes (groups + conditions) allowed. Default 1,000. */
  maxNodes?: number;
}

/** Default parsing limits. */
export const defaultSegmentFilterLimits: Readonly<Required<SegmentFilterLimits>> = {
  maxDepth: 16,
  maxNodes: 1000,
};

/** Result of `safeParseSegmentFilter()`. */
export type SafeParseSegmentFilterResult =
  | { success: true; data: SegmentFilter }
  | { success: false; error: ValidationError };

type Path = (string | number)[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface WalkState {
  issues: ValidationIssue[];
  nodes: number;
  limits: Required<SegmentFilterLimits>;
}

function parseNode(value: unknown, path: Path, depth: number, state: WalkState): SegmentNode | undefined {
  state.nodes += 1;
  if (state.nodes > state.limits.maxNodes) {
    if (state.nodes === state.limits.maxNodes + 1) {
      state.issues.push({
        path,
        message: `filter has more than ${state.limits.maxNodes} nodes`,
        code: 'too-many-nodes',
      });
    }
    return undefined;
  }
  if (depth > state.limits.maxDepth) {
    state.issues.push({
      path,
      message: `filter is nested deeper than ${state.limits.maxDepth} levels`,
      code: 'too-deep',
    });
    return undefined;
  }
  if (!isPlainObject(value)) {
    state.issues.push({
      path,
      message: 'expected a group ({ and | or | not }) or a condition object',
      code: 'invalid-type',
    });
    return undefined;
  }
  const keys = Object.keys(value);
  const groupKey = keys.find((key) => key === 'and' || key === 'or' || key === 'not');
  if (groupKey === undefined) return parseCondition(value, path, state);
  if (keys.length !== 1) {
    state.issues.push({
      path,
      message: `a "${groupKey}" group takes no other keys`,
      code: 'unrecognized-keys',
    });
    return undefined;
  }
  const child = value[groupKey];
  if (groupKey === 'not') {
    const node = parseNode(child, [...path, 'not'], depth + 1, state);
    return node && { not: node };
  }
  if (!Array.isArray(child)) {
    state.issues.push({
      path: [...path, groupKey],
      message: 'expected an array of nodes',
      code: 'invalid-type',
    });
    return undefined;
  }
  const children: SegmentNode[] = [];
  child.forEach((item, index) => {
    const node = parseNode(item, [...path, groupKey, index], depth + 1, state);
    if (node) children.push(node);
  });
  return groupKey === 'and' ? { and: children } : { or: children };
}

function parseCondition(
  value: Record<string, unknown>,
  path: Path,
  state: WalkState,
): SegmentCondition | undefined {
  // Own keys only: a null-prototype copy keeps inherited (polluted) keys out of zod's key checks.
  const result = segmentConditionSchema.safeParse(Object.assign(Object.create(null), value));
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    state.issues.push({
      path: [...path, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      message: issue.message,
      code: issue.code,
    });
  }
  return undefined;
}

/** Parses a filter, returning every issue instead of throwing. */
export function safeParseSegmentFilter(
  input: unknown,
  limits: SegmentFilterLimits = {},
): SafeParseSegmentFilterResult {
  const merged = { ...defaultSegmentFilterLimits, ...limits };
  // Compiling and explaining recurse over the tree, so depth stays bounded whatever the caller asks.
  merged.maxDepth = Math.min(merged.maxDepth, 1000);
  const state: WalkState = { issues: [], nodes: 0, limits: merged };
  let where: SegmentNode | undefined;
  if (!isPlainObject(input)) {
    state.issues.push({
      path: [],
      message: 'expected a filter object { version: 1, where }',
      code: 'invalid-type',
    });
  } else {
    if (input['version'] !== 1) {
      state.issues.push({ path: ['version'], message: 'expected version 1', code: 'invalid-version' });
    }
    for (const key of Object.keys(input)) {
      if (key !== 'version' && key !== 'where') {
        state.issues.push({ path: [key], message: `unrecognized key "${key}"`, code: 'unrecognized-keys' });
      }
    }
    if (!Object.hasOwn(input, 'where')) {
      state.issues.push({ path: ['where'], message: 'required', code: 'required' });
    } else {
      where = parseNode(input['where'], ['where'], 1, state);
    }
  }
  if (state.issues.length > 0 || where === undefined) {
    return { success: false, error: new ValidationError('Invalid segment filter', { issues: state.issues }) };
  }
  return { success: true, data: { version: 1, where } };
}

/** Parses a filter; throws `ValidationError` naming every issue's path. */
export function parseSegmentFilter(input: unknown, limits: SegmentFilterLimits = {}): SegmentFilter {
  const result = safeParseSegmentFilter(input, limits);
  if (!result.success) throw result.error;
  return result.data;
}
