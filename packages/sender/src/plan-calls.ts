import type { ChannelCapabilities, Recipient } from '@omnicast/core';
import { billableUnits } from './billing.js';
import { idempotencyKeyFor } from './content-hash.js';
import type { Call, CallItem } from './send-call.js';

const byKey = (a: CallItem, b: CallItem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The vendor operation a call uses, from the channel's declared operations. */
export function operationOf(capabilities: ChannelCapabilities, multi: boolean, recipient: Recipient): string {
  return (
    (multi ? capabilities.operations.many : capabilities.operations[recipient.type]) ??
    (multi ? 'send-many' : 'send')
  );
}

/** A call of `items` (sharing content) with the given idempotency key. */
export function makeCall(
  capabilities: ChannelCapabilities,
  items: CallItem[],
  key: string,
  multi: boolean,
): Call {
  const first = items[0]!;
  return {
    items,
    message: first.message,
    hash: first.hash,
    idempotencyKey: key,
    multi,
    operation: operationOf(capabilities, multi, first.recipient),
    units: billableUnits(first.message, items.length, capabilities.billingUnit),
  };
}

/**
 * Groups users who receive identical content into multicast chunks of at most `maxPerCall`
 * (recipients sorted by key, so a chunk is byte-identical whenever it is rebuilt) and gives everyone
 * else a call of their own. Each call gets its deterministic idempotency key.
 */
export function planCalls(
  capabilities: ChannelCapabilities,
  batchId: string,
  items: readonly CallItem[],
  maxPerCall: number,
): Call[] {
  const calls: Call[] = [];
  const groups = new Map<string, CallItem[]>();
  for (const item of items) {
    if (maxPerCall > 1 && item.recipient.type === 'user') {
      const group = groups.get(item.hash);
      if (group) group.push(item);
      else groups.set(item.hash, [item]);
    } else
      calls.push(makeCall(capabilities, [item], idempotencyKeyFor(batchId, [item.key], item.hash), false));
  }
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += maxPerCall) {
      const chunk = group.slice(start, start + maxPerCall).sort(byKey);
      const keys = chunk.map((item) => item.key);
      calls.push(
        makeCall(capabilities, chunk, idempotencyKeyFor(batchId, keys, chunk[0]!.hash), chunk.length > 1),
      );
    }
  }
  return calls;
}

/** Sorts the members of a rebuilt in-doubt chunk like {@link planCalls} did. */
export function sortCallItems(items: CallItem[]): CallItem[] {
  return items.sort(byKey);
}
