import { createHash, randomUUID } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace of the name-based retry keys (a fixed, random UUID). */
const retryKeyNamespace = 'b7f1c6d2-52a4-4e7e-9c1b-3f0d6a8e9d41';

/** True when `value` is a hex UUID (`123e4567-e89b-12d3-a456-426614174000`). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/**
 * A LINE `X-Line-Retry-Key` for any idempotency key: UUIDs are used as they are (lower-cased);
 * other strings map to a stable name-based UUID (RFC 4122 version 5: SHA-1 of a fixed namespace and
 * the key), so a sender's deterministic keys give the same retry key on every attempt and restart.
 */
export function toLineRetryKey(idempotencyKey: string): string {
  if (isUuid(idempotencyKey)) return idempotencyKey.toLowerCase();
  const hash = createHash('sha1')
    .update(uuidBytes(retryKeyNamespace))
    .update(idempotencyKey, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The default retry key generator: a random (version 4) UUID. */
export function generateLineRetryKey(): string {
  return randomUUID();
}
