import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { maskPhoneNumber, normalizePhoneNumber, safeNormalizePhoneNumber } from './phone-number.js';

describe('normalizePhoneNumber', () => {
  it.each([
    ['TW mobile, national', '0912 345 678', 'TW', '+886912345678'],
    ['TW mobile, dashes', '0912-345-678', 'TW', '+886912345678'],
    ['TW landline', '(02) 2345-6789', 'TW', '+886223456789'],
    ['HK mobile', '9123 4567', 'HK', '+85291234567'],
    ['HK mobile starting with 6', '6123-4567', 'HK', '+85261234567'],
    ['JP mobile', '090-1234-5678', 'JP', '+819012345678'],
    ['JP Tokyo landline', '03-1234-5678', 'JP', '+81312345678'],
    ['international wins over the default region', '+852 9123 4567', 'TW', '+85291234567'],
    ['international without a region', '+81 90 1234 5678', undefined, '+819012345678'],
    ['TW international with 00 prefix written as +', '+886-912-345-678', 'JP', '+886912345678'],
  ] as const)('%s: %s → %s', (_name, input, region, expected) => {
    expect(normalizePhoneNumber(input, region ? { defaultRegion: region } : {})).toBe(expected);
  });

  it('returns region and type from the safe variant', () => {
    expect(safeNormalizePhoneNumber('0912345678', { defaultRegion: 'TW' })).toEqual({
      success: true,
      e164: '+886912345678',
      region: 'TW',
      type: 'MOBILE',
    });
  });

  it.each([
    ['empty', '', 'TW', 'required'],
    ['blank', '   ', undefined, 'required'],
    ['national without a region', '0912345678', undefined, 'invalid-phone'],
    ['letters', 'call me', 'TW', 'invalid-phone'],
    ['too short for TW', '0912', 'TW', 'invalid-phone'],
    ['invalid for its country', '+886 12', undefined, 'invalid-phone'],
    ['HK number too long', '9123 45678', 'HK', 'invalid-phone'],
  ] as const)('rejects %s', (_name, input, region, code) => {
    const result = safeNormalizePhoneNumber(input, region ? { defaultRegion: region } : {});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toEqual([{ path: ['phone'], message: expect.any(String), code }]);
  });

  it('throws a ValidationError at the given path', () => {
    let error: unknown;
    try {
      normalizePhoneNumber('12', { defaultRegion: 'JP', path: ['contacts', 3, 'phone'] });
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]!.path).toEqual(['contacts', 3, 'phone']);
    expect((error as Error).message).toMatch(/^Invalid phone number: contacts\[3\]\.phone: /);
  });

  it('a non-string input is a validation error, not a crash', () => {
    const result = safeNormalizePhoneNumber(912345678 as unknown as string, { defaultRegion: 'TW' });
    expect(result.success).toBe(false);
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+886912345678', '+886*****5678'],
    ['+85291234567', '+852****4567'],
    ['+819012345678', '+819*****5678'],
    ['+1234567', '+1****67'],
    ['12345678', '12****78'],
    ['1234567', '12***67'],
    ['123456', '******'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhoneNumber(input)).toBe(masked);
  });

  it('never shows more than two thirds of a number', () => {
    for (let length = 1; length <= 16; length++) {
      const phone = '9'.repeat(length);
      const shown = [...maskPhoneNumber(phone)].filter((char) => char !== '*').length;
      expect(maskPhoneNumber(phone)).toHaveLength(length);
      expect(shown).toBeLessThanOrEqual(Math.floor((2 * length) / 3));
    }
  });
});
