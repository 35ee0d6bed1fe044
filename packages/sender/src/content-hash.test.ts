import type { Message } from '@omnicast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, idempotencyKeyFor } from './content-hash.js';

const message: Message = { parts: [{ type: 'text', text: 'Hello' }], metadata: { purpose: 'marketing' } };

describe('contentHash', () => {
  it('ignores key order and undefined fields but not content', () => {
    const reordered = {
      metadata: { purpose: 'marketing' },
      parts: [{ text: 'Hello', type: 'text' }],
    } as Message;
    expect(contentHash(reordered)).toBe(contentHash(message));
    expect(contentHash({ ...message, raw: undefined })).toBe(contentHash(message));
    expect(contentHash({ parts: [{ type: 'text', text: 'Hello!' }] })).not.toBe(contentHash(message));
    expect(contentHash(message)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('idempotencyKeyFor', () => {
  it('is a UUID (version 5 layout) that depends on batch, recipients and content', () => {
    const key = idempotencyKeyFor('batch', ['user:A'], 'h');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotencyKeyFor('batch', ['user:A'], 'h')).toBe(key);
    expect(idempotencyKeyFor('batch2', ['user:A'], 'h')).not.toBe(key);
    expect(idempotencyKeyFor('batch', ['user:B'], 'h')).not.toBe(key);
    expect(idempotencyKeyFor('batch', ['user:A'], 'h2')).not.toBe(key);
  });

  it('does not depend on the order of a chunk', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }), (keys) => {
        const reversed = [...keys].reverse();
        expect(idempotencyKeyFor('b', reversed, 'h')).toBe(idempotencyKeyFor('b', keys, 'h'));
      }),
    );
  });
});
