import { createHash } from 'node:crypto';
import type { Message } from '@omnicast/core';

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/**
 * A stable hash of a rendered message (32 hex characters). Key order does not matter; equal content
 * gives the same hash in every process.
 */
export function contentHash(message: Message): string {
  return createHash('sha256').update(canonical(message)).digest('hex').slice(0, 32);
}

/**
 * The deterministic idempotency key of one call: a UUID-shaped value derived from the batch, the
 * sorted recipient keys and the content hash. The same call in a retry or a resumed run gets the
 * same key.
 */
export function idempotencyKeyFor(batchId: string, recipientKeys: readonly string[], hash: string): string {
  const hasher = createHash('sha256').update(batchId).update('\n').update(hash);
  const sorted = recipientKeys.length > 1 ? [...recipientKeys].sort() : recipientKeys;
  for (const key of sorted) hasher.update('\n').update(key);
  const hex = hasher.digest('hex');
  // RFC 4122 layout, version 5 (name-based, SHA) and the RFC variant bits.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
