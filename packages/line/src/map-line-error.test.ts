import { ValidationError } from '@omnicast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashLinePhoneNumber, isLinePhoneHash } from './line-phone-hash.js';
import { isUuid, toLineRetryKey } from './line-retry-key.js';
import { mapLineError } from './map-line-error.js';

const map = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  mapLineError({ channel: 'line', operation: 'push', status, headers: new Headers(headers), body });

describe('mapLineError', () => {
  it.each([
    [429, { message: 'You have reached your monthly limit.' }, 'quota-exceeded', false],
    [429, { message: 'The API rate limit has been exceeded. Try again later.' }, 'rate-limited', undefined],
    [429, { message: 'Too many concurrent upload jobs' }, 'rate-limited', undefined],
    [409, { message: 'The retry key is already accepted' }, 'conflict-already-accepted', undefined],
    [400, { message: 'Invalid reply token' }, 'invalid-request', undefined],
    [413, 'Payload Too Large', 'invalid-request', undefined],
    [415, undefined, 'invalid-request', undefined],
    [422, { message: 'Failed to send messages' }, 'recipient-unreachable', undefined],
    [
      401,
      { message: 'Authentication failed due to the following reason: invalid token.' },
      'unauthorized',
      undefined,
    ],
    [403, { message: 'Access to this API is not available for your account' }, 'forbidden', undefined],
    [404, { message: 'Not found' }, 'not-found', undefined],
    [410, {}, 'not-found', undefined],
    [408, {}, 'timeout', undefined],
    [500, {}, 'server-error', undefined],
    [302, {}, 'unknown', undefined],
  ])('maps %i %o to %s', (status, body, reason, isRetryable) => {
    const mapped = map(status, body);
    expect(mapped.reason).toBe(reason);
    expect(mapped.isRetryable).toBe(isRetryable);
  });

  it('folds details[] and the request id into the message', () => {
    const mapped = map(
      400,
      {
        message: 'The request body has 2 error(s)',
        details: [
          { message: 'May not be empty', property: 'messages[0].text' },
          { message: 'Size must be between 1 and 5' },
        ],
      },
      { 'x-line-request-id': 'req-1' },
    );
    expect(mapped.message).toBe(
      'LINE push failed with HTTP 400: The request body has 2 error(s) (messages[0].text: May not be empty; Size must be between 1 and 5) [x-line-request-id: req-1]',
    );
    expect(mapped.vendorCode).toBe('The request body has 2 error(s)');
  });

  it('caps long details lists', () => {
    const details = Array.from({ length: 12 }, (_, index) => ({ message: `m${index}` }));
    expect(map(400, { message: 'x', details }).message).toContain('(+2 more)');
  });
});

describe('toLineRetryKey', () => {
  it('keeps UUIDs (lower-cased) and maps other keys to stable version-5 UUIDs', () => {
    expect(toLineRetryKey('123E4567-E89B-12D3-A456-426614174000')).toBe(
      '123e4567-e89b-12d3-a456-426614174000',
    );
    const key = toLineRetryKey('campaign-7:user-1');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(toLineRetryKey('campaign-7:user-1')).toBe(key);
    expect(toLineRetryKey('campaign-7:user-2')).not.toBe(key);
  });

  it('always yields a UUID, the same for the same key (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => {
        const key = toLineRetryKey(value);
        expect(isUuid(key)).toBe(true);
        expect(toLineRetryKey(value)).toBe(key);
      }),
    );
  });
});

describe('hashLinePhoneNumber', () => {
  it('matches the documented example and accepts separators, national numbers and digests', () => {
    const expected = 'd41e0ad70dddfeb68f149ad6fc61574b9c5780ab7bcb2fba5517771ffbb2409c';
    expect(hashLinePhoneNumber('+818000001234')).toBe(expected);
    expect(hashLinePhoneNumber('+81 80-0000-1234')).toBe(expected);
    expect(hashLinePhoneNumber(expected)).toBe(expected);
    expect(isLinePhoneHash(hashLinePhoneNumber('0912 345 678', { defaultRegion: 'TW' }))).toBe(true);
    expect(hashLinePhoneNumber('0912 345 678', { defaultRegion: 'TW' })).toBe(
      hashLinePhoneNumber('+886912345678'),
    );
  });

  it('rejects what is not a phone number, without echoing it', () => {
    let caught: unknown;
    try {
      hashLinePhoneNumber('call me maybe');
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).not.toContain('call me maybe');
  });
});
