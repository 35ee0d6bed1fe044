import { ConfigurationError, ValidationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { amy, empty, matches, options, raw } from './__tests__/evaluator-fixture.js';
import { compileSegment } from './compile-segment.js';
import { type Contact, timeFields } from './contact-model.js';
import { explainSegment } from './explain-segment.js';
import type { SegmentNode } from './segment-filter-types.js';

describe('safety', () => {
  it('reads own keys only: __proto__ / constructor keys and a polluted prototype change nothing', () => {
    const hostile = JSON.parse(
      '{"id":"h","tags":{"__proto__":{"vip":5}},"attributes":{"__proto__":{"city":"Taipei"},"constructor":"x"},"bindings":{"__proto__":{"website":true}}}',
    ) as Contact;
    expect(matches({ type: 'tags', op: 'has-any', tags: ['vip'] }, hostile)).toBe(false);
    expect(matches({ type: 'attribute', key: 'city', valueType: 'text', op: 'exists' }, hostile)).toBe(false);
    expect(matches({ type: 'binding', binding: 'website', isBound: true }, hostile)).toBe(false);
    expect(
      matches(
        { type: 'attribute', key: 'constructor', valueType: 'text', op: 'equals', value: 'x' },
        hostile,
      ),
    ).toBe(true);
    expect(matches({ type: 'tags', op: 'has-any', tags: ['constructor', 'toString'] }, empty)).toBe(false);
    const polluted = Object.prototype as unknown as Record<string, unknown>;
    polluted['isOverQuota'] = true;
    polluted['website'] = true;
    try {
      expect(matches({ type: 'over-quota', isOverQuota: true }, { id: 'p' })).toBe(false);
      expect(matches({ type: 'binding', binding: 'website', isBound: true }, { id: 'p', bindings: {} })).toBe(
        false,
      );
    } finally {
      delete polluted['isOverQuota'];
      delete polluted['website'];
    }
  });

  it('ignores malformed contact data instead of crashing', () => {
    const junk = {
      id: 'j',
      tags: 'vip',
      channels: 'line',
      attributes: [1],
      interactions: {},
      lastCheckoutAt: 'yesterday',
    };
    const contact = junk as unknown as Contact;
    expect(matches({ type: 'tags', op: 'has-any', tags: ['vip'] }, contact)).toBe(false);
    expect(matches({ type: 'subscription', status: 'subscribed' }, contact)).toBe(false);
    expect(matches({ type: 'time', field: 'lastCheckoutAt', op: 'exists' }, contact)).toBe(false);
    expect(
      matches(
        { type: 'time', field: 'lastCheckoutAt', op: 'exists' },
        { id: 'd', lastCheckoutAt: new Date(0) },
      ),
    ).toBe(true);
    expect(
      matches(
        { type: 'time', field: 'lastCheckoutAt', op: 'exists' },
        { id: 'd', lastCheckoutAt: new Date(Number.NaN) },
      ),
    ).toBe(false);
    expect(
      matches({ type: 'time', field: 'lastCheckoutAt', op: 'exists' }, { id: 'd', lastCheckoutAt: 1e300 }),
    ).toBe(false);
  });

  it('treats a non-object contact as no match, and explain rejects it', () => {
    const predicate = compileSegment({ version: 1, where: { and: [] } }, raw);
    expect(predicate(null as unknown as Contact)).toBe(false);
    expect(compileSegment({ version: 1, where: { and: [] } }, options)('x' as unknown as Contact)).toBe(
      false,
    );
    expect(() => explainSegment({ version: 1, where: { and: [] } }, null as unknown as Contact, raw)).toThrow(
      ValidationError,
    );
  });

  it('reads every time field', () => {
    for (const field of timeFields) {
      const where: SegmentNode = { type: 'time', field, op: 'today' };
      expect(matches(where, { id: 't', [field]: '2023-01-05T09:00:00+08:00' } as Contact)).toBe(true);
      expect(matches(where, { id: 't', [field]: '2023-01-04T09:00:00+08:00' } as Contact)).toBe(false);
    }
  });

  it('is built from closures (no code generation)', () => {
    const predicate = compileSegment(
      { version: 1, where: { type: 'tags', op: 'has-any', tags: ['"); process.exit(1); ("'] } },
      raw,
    );
    expect(predicate(amy)).toBe(false);
  });
});

describe('bad options and operands', () => {
  it.each([
    [{ ...raw, timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ ...raw, timeZone: '+08:00' }, 'timeZone'],
    [{ ...raw, now: 'yesterday' }, 'now'],
    [{ ...raw, now: Number.NaN }, 'now'],
  ])('throws ConfigurationError for %j', (badOptions, option) => {
    let caught: unknown;
    try {
      compileSegment({ version: 1, where: { and: [] } }, badOptions);
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught)).toBe(true);
    expect((caught as ConfigurationError).option).toBe(option);
  });

  it('throws ConfigurationError without options', () => {
    expect(() => compileSegment({ version: 1, where: { and: [] } }, undefined as never)).toThrow(/required/);
  });

  it('rejects a phone operand that cannot be normalised, with its path', () => {
    let caught: unknown;
    try {
      compileSegment(
        {
          version: 1,
          where: { or: [{ type: 'field', field: 'phone', op: 'in', values: ['+886912345678', 'call me'] }] },
        },
        raw,
      );
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).issues[0]!.path).toEqual(['where', 'or', 0, 'values', 1]);
  });
});
