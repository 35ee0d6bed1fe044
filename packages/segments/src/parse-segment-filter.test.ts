import { ValidationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { parseSegmentFilter, safeParseSegmentFilter } from './parse-segment-filter.js';
import { segmentFilterSchema } from './segment-filter-schema.js';

function issuesOf(input: unknown, limits = {}) {
  const result = safeParseSegmentFilter(input, limits);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
}

const vip = { type: 'tags', op: 'has-any', tags: ['vip'] };

describe('parseSegmentFilter', () => {
  it('accepts a valid filter and returns it typed', () => {
    const filter = { version: 1, where: { and: [vip, { not: { or: [] } }] } };
    expect(parseSegmentFilter(filter)).toEqual(filter);
    expect(segmentFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('throws ValidationError naming every issue path', () => {
    const input = {
      version: 1,
      where: {
        and: [
          { type: 'tags', op: 'has-some', tags: ['vip'] },
          { type: 'time', field: 'lastCheckoutAt', op: 'within-next-days', days: -3 },
          { type: 'attribute', key: 'bad key', valueType: 'text', op: 'equals', value: 'x' },
        ],
      },
    };
    let caught: unknown;
    try {
      parseSegmentFilter(input);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    const error = caught as ValidationError;
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'where.and.0.op',
      'where.and.1.days',
      'where.and.2.key',
    ]);
    expect(error.message).toContain('where.and[1].days');
  });

  it.each<[string, unknown, { path: string; code: string | undefined }[]]>([
    ['not an object', 'vip', [{ path: '', code: 'invalid-type' }]],
    ['wrong version', { version: 2, where: vip }, [{ path: 'version', code: 'invalid-version' }]],
    ['missing where', { version: 1 }, [{ path: 'where', code: 'required' }]],
    [
      'extra top-level key',
      { version: 1, where: vip, extra: 1 },
      [{ path: 'extra', code: 'unrecognized-keys' }],
    ],
    [
      'group with extra key',
      { version: 1, where: { and: [], or: [] } },
      [{ path: 'where', code: 'unrecognized-keys' }],
    ],
    ['group not an array', { version: 1, where: { or: vip } }, [{ path: 'where.or', code: 'invalid-type' }]],
    [
      'node not an object',
      { version: 1, where: { and: [null] } },
      [{ path: 'where.and.0', code: 'invalid-type' }],
    ],
    [
      'unknown condition type',
      { version: 1, where: { type: 'eval', code: '1' } },
      [{ path: 'where.type', code: 'invalid_union' }],
    ],
    [
      'operator not allowed for the type',
      { version: 1, where: { type: 'attribute', key: 'k', valueType: 'boolean', op: 'gt', value: 1 } },
      [{ path: 'where.op', code: 'invalid_union' }],
    ],
    [
      'impossible date',
      {
        version: 1,
        where: { type: 'attribute', key: 'k', valueType: 'date', op: 'on', value: '2023-02-29' },
      },
      [{ path: 'where.value', code: 'invalid_format' }],
    ],
    [
      'date-time without offset',
      { version: 1, where: { type: 'time', field: 'subscribedAt', op: 'gt', value: '2023-01-05T18:00:00' } },
      [{ path: 'where.value', code: 'custom' }],
    ],
    [
      'between the wrong way round',
      {
        version: 1,
        where: { type: 'attribute', key: 'k', valueType: 'number', op: 'between', from: 5, to: 1 },
      },
      [{ path: 'where.to', code: 'custom' }],
    ],
    [
      'unknown key in a condition',
      { version: 1, where: { ...vip, where: '1 = 1' } },
      [{ path: 'where', code: 'unrecognized_keys' }],
    ],
    [
      'month out of range',
      { version: 1, where: { type: 'time', field: 'subscribedAt', op: 'month', month: 13 } },
      [{ path: 'where.month', code: 'too_big' }],
    ],
    [
      'non-finite number',
      {
        version: 1,
        where: {
          type: 'attribute',
          key: 'k',
          valueType: 'number',
          op: 'gt',
          value: Number.POSITIVE_INFINITY,
        },
      },
      [{ path: 'where.value', code: 'invalid_type' }],
    ],
  ])('rejects %s', (_name, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('rejects filters nested too deep without exhausting the stack', () => {
    let where: unknown = vip;
    for (let index = 0; index < 100_000; index += 1) where = { not: where };
    const issues = issuesOf({ version: 1, where });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('too-deep');
    expect(issuesOf({ version: 1, where }, { maxDepth: 1_000_000, maxNodes: 1_000_000 })[0]!.code).toBe(
      'too-deep',
    );
  });

  it('rejects filters with too many nodes, once', () => {
    const where = { or: Array.from({ length: 50 }, () => vip) };
    expect(issuesOf({ version: 1, where }, { maxNodes: 10 })).toEqual([
      { path: 'where.or.9', code: 'too-many-nodes' },
    ]);
    expect(safeParseSegmentFilter({ version: 1, where }, { maxNodes: 51 }).success).toBe(true);
  });

  it('ignores prototype tricks in the filter JSON', () => {
    const input = JSON.parse(
      '{"version":1,"where":{"type":"tags","op":"has-any","tags":["vip"],"__proto__":{"op":"has-none"}}}',
    );
    expect(issuesOf(input)).toEqual([{ path: 'where', code: 'unrecognized_keys' }]);
  });
});
