import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureError } from './errors.js';

/** HMAC algorithms vendors sign webhooks with (SHA-1 for Twilio). */
export type HmacAlgorithm = 'sha256' | 'sha1';
/** How the signature is encoded in its header. */
export type SignatureEncoding = 'base64' | 'hex';

/** Computes an HMAC over the raw bytes of a payload. */
export function computeHmac(
  algorithm: HmacAlgorithm,
  secret: string | Uint8Array,
  payload: string | Uint8Array,
  encoding: SignatureEncoding,
): string {
  return createHmac(algorithm, secret).update(payload).digest(encoding);
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Compare anyway so the time does not reveal the length check alone.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Options of {@link verifyHmacSignature}. */
export interface VerifyHmacSignatureOptions {
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  secret: string | Uint8Array;
  /** The raw request body, exactly as received. */
  payload: string | Uint8Array;
  /** The signature header value; undefined or empty when missing. */
  signature: string | null | undefined;
  /** A prefix the header carries before the digest, e.g. `sha256=` (Meta). */
  prefix?: string;
}

/** True when the signature matches. Never throws; an empty secret never validates anything. */
export function isValidHmacSignature(options: VerifyHmacSignatureOptions): boolean {
  const { signature, prefix = '' } = options;
  if (options.secret.length === 0) return false;
  if (!signature?.startsWith(prefix)) return false;
  const expected = computeHmac(options.algorithm, options.secret, options.payload, options.encoding);
  const given = signature.slice(prefix.length).trim();
  return options.encoding === 'hex'
    ? constantTimeEqual(given.toLowerCase(), expected)
    : constantTimeEqual(given, expected);
}

/**
 * Throws a {@link SignatureError} (`missing-signature` or `invalid-signature`) unless the signature
 * matches. An empty secret fails closed with `invalid-signature`.
 */
export function verifyHmacSignature(options: VerifyHmacSignatureOptions): void {
  if (!options.secret || options.secret.length === 0) {
    throw new SignatureError('No webhook secret is configured, so no signature can be valid', {
      reason: 'invalid-signature',
    });
  }
  if (!options.signature)
    throw new SignatureError('The webhook signature header is missing', { reason: 'missing-signature' });
  if (!isValidHmacSignature(options))
    throw new SignatureError('The webhook signature does not match the body', {
      reason: 'invalid-signature',
    });
}

/**
 * The string Twilio signs: the full request URL followed by each POST parameter name and value,
 * sorted by name (an array value: each distinct value, sorted). Sign it with {@link computeHmac}('sha1', authToken, …, 'base64').
 */
export function twilioSignaturePayload(
  url: string,
  params: Readonly<Record<string, string | readonly string[]>>,
): string {
  let out = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    // Repeated values are signed once each, sorted (as twilio-node does).
    const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
    for (const item of values) out += name + item;
  }
  return out;
}
