/** Phone numbers compared in E.164 form, normalised with libphonenumber-js. */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

const canonical = /^\+[1-9][0-9]{6,14}$/;

/**
 * E.164 form of a phone number (`+886912345678`), or `undefined` when it cannot be read. A number that
 * is already `+` followed by 7–15 digits is taken as normalised; other forms (`0912-345-678`,
 * `886 912 345 678`) are parsed with `defaultCountry` for numbers without a country code.
 */
export function normalizePhoneNumber(value: unknown, defaultCountry?: CountryCode): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (canonical.test(trimmed)) return trimmed;
  if (trimmed === '' || trimmed.length > 64) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** Trimmed, lower-cased email address, or `undefined` for a non-string or empty value. */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const normalized = value.trim().toLowerCase();
  return normalized === '' ? undefined : normalized;
}
