import { createHash } from 'node:crypto';
import { type NormalizePhoneNumberOptions, normalizePhoneNumber } from '@omnicast/core';

const sha256Hex = /^[0-9a-f]{64}$/;
const e164 = /^\+[1-9]\d{6,14}$/;

/** True when `value` is a lower-case SHA-256 hex digest, as LINE PNP expects in `to`. */
export function isLinePhoneHash(value: string): boolean {
  return sha256Hex.test(value);
}

/**
 * The `to` value of a LINE notification message (PNP): the SHA-256 hex digest of the E.164 phone
 * number without separators. Accepts E.164 (`+818000001234`), a number with separators
 * (`+81 80-0000-1234`), a national number with `defaultRegion`, or an existing digest (returned as is).
 * Throws a `ValidationError` for anything that is not a phone number.
 */
export function hashLinePhoneNumber(phone: string, options: NormalizePhoneNumberOptions = {}): string {
  const trimmed = phone.trim();
  if (isLinePhoneHash(trimmed)) return trimmed;
  const compact = trimmed.replace(/[\s\-().]/g, '');
  const normalized = e164.test(compact) ? compact : normalizePhoneNumber(trimmed, options);
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
