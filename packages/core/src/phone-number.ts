import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidationError } from './errors.js';

/** An ISO 3166-1 alpha-2 region used to read national numbers, e.g. `TW`, `HK`, `JP`. */
export type PhoneRegion = CountryCode;

/** Options of {@link normalizePhoneNumber}. */
export interface NormalizePhoneNumberOptions {
  /** Region assumed for numbers written without a country code. */
  defaultRegion?: PhoneRegion;
  /** Path reported in errors (default `['phone']`). */
  path?: readonly (string | number)[];
}

/** The outcome of {@link safeNormalizePhoneNumber}. */
export type NormalizePhoneNumberResult =
  | { success: true; e164: string; region?: PhoneRegion; type?: string }
  | { success: false; error: ValidationError };

/** Normalises a phone number to E.164 (`+886912345678`) without throwing. */
export function safeNormalizePhoneNumber(
  input: string,
  options: NormalizePhoneNumberOptions = {},
): NormalizePhoneNumberResult {
  const path = options.path ?? ['phone'];
  const fail = (message: string, code: string): NormalizePhoneNumberResult => ({
    success: false,
    error: new ValidationError('Invalid phone number', { issues: [{ path, message, code }] }),
  });
  if (typeof input !== 'string' || input.trim() === '')
    return fail('must be a non-empty phone number', 'required');
  const parsed = parsePhoneNumberFromString(input.trim(), options.defaultRegion);
  if (!parsed) {
    return options.defaultRegion
      ? fail(
          `is not a phone number in region ${options.defaultRegion} or international format`,
          'invalid-phone',
        )
      : fail(
          'is not an international (+country code) phone number and no default region is set',
          'invalid-phone',
        );
  }
  if (!parsed.isValid()) return fail('is not a valid phone number for its country', 'invalid-phone');
  const result: NormalizePhoneNumberResult = { success: true, e164: parsed.number };
  if (parsed.country) result.region = parsed.country;
  const type = parsed.getType();
  if (type) result.type = type;
  return result;
}

/** Normalises a phone number to E.164, throwing a {@link ValidationError} naming the field. */
export function normalizePhoneNumber(input: string, options: NormalizePhoneNumberOptions = {}): string {
  const result = safeNormalizePhoneNumber(input, options);
  if (!result.success) throw result.error;
  return result.e164;
}

/**
 * Masks a phone number for logs: `+886912345678` → `+886*****5678`. At most a third of the
 * characters stay visible at each end (up to 4), so short numbers are never shown whole.
 */
export function maskPhoneNumber(phone: string): string {
  if (phone.length <= 6) return '*'.repeat(phone.length);
  const visible = Math.min(4, Math.floor(phone.length / 3));
  return phone.slice(0, visible) + '*'.repeat(phone.length - 2 * visible) + phone.slice(-visible);
}
