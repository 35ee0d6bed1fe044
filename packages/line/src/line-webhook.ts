import {
  type Clock,
  computeHmac,
  isValidHmacSignature,
  SignatureError,
  systemClock,
  ValidationError,
  verifyHmacSignature,
} from '@omnicast/core';
import { z } from 'zod';
import type { LineDeliveryEvent, LineWebhookBody, LineWebhookEvent } from './line-webhook-types.js';

/** The header LINE signs webhooks with (case-insensitive). */
export const lineSignatureHeader = 'x-line-signature';

/** Options of {@link verifyLineSignature}. */
export interface VerifyLineSignatureOptions {
  channelSecret: string;
  /** The raw request body, byte for byte as received (never a re-serialised object). */
  body: string | Uint8Array;
  /** The `x-line-signature` header value. */
  signature: string | null | undefined;
}

/**
 * Verifies a webhook signature: Base64(HMAC-SHA256(channel secret, raw body)), compared in
 * constant time. Throws `SignatureError` (`missing-signature`, `invalid-signature`).
 */
export function verifyLineSignature(options: VerifyLineSignatureOptions): void {
  verifyHmacSignature({
    algorithm: 'sha256',
    encoding: 'base64',
    secret: options.channelSecret,
    payload: options.body,
    signature: options.signature,
  });
}

/** Like {@link verifyLineSignature} but returns a boolean. */
export function isValidLineSignature(options: VerifyLineSignatureOptions): boolean {
  if (!options.channelSecret) return false;
  return isValidHmacSignature({
    algorithm: 'sha256',
    encoding: 'base64',
    secret: options.channelSecret,
    payload: options.body,
    signature: options.signature,
  });
}

/** Computes the `x-line-signature` of a body (for tests and mock servers). */
export function signLineWebhookBody(channelSecret: string, body: string | Uint8Array): string {
  return computeHmac('sha256', channelSecret, body, 'base64');
}

const eventSchema = z.looseObject({
  type: z.string().min(1),
  mode: z.string(),
  timestamp: z.number(),
  webhookEventId: z.string().min(1),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }),
  source: z.looseObject({ type: z.string() }).optional(),
});

const bodySchema = z.looseObject({
  destination: z.string(),
  events: z.array(eventSchema),
});

/**
 * Parses a webhook body (raw bytes, string or already-parsed JSON) into typed events. Every event
 * type of webhook.yml is typed, `messageEdited` too, and unknown types are passed through unchanged.
 * Throws `ValidationError` for a body that is not a LINE webhook. Verify the signature first.
 */
export function parseLineWebhook(body: string | Uint8Array | unknown): LineWebhookBody {
  let json: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidationError('Invalid LINE webhook body', {
        issues: [{ path: [], message: 'is not JSON', code: 'invalid-json' }],
      });
    }
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError('Invalid LINE webhook body', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
        message: issue.message,
        code: issue.code,
      })),
    });
  }
  return parsed.data as unknown as LineWebhookBody;
}

/** Options of {@link verifyAndParseLineWebhook}. */
export type VerifyAndParseLineWebhookOptions = VerifyLineSignatureOptions;

/** Verifies the signature over the raw body, then parses it. */
export function verifyAndParseLineWebhook(options: VerifyAndParseLineWebhookOptions): LineWebhookBody {
  if (options.body === undefined || options.body === null)
    throw new SignatureError('The webhook body is missing', { reason: 'missing-body' });
  verifyLineSignature(options);
  return parseLineWebhook(options.body);
}

/** True for PNP delivery-completion events. */
export function isLineDeliveryEvent(event: { type: string }): event is LineDeliveryEvent {
  return event.type === 'delivery';
}

/** Narrows an event to one known type. */
export function isLineEventOfType<T extends LineWebhookEvent['type']>(
  event: { type: string },
  type: T,
): event is Extract<LineWebhookEvent, { type: T }> {
  return event.type === type;
}

/** Remembers seen `webhookEventId`s. Implement it on Redis/SQL to dedupe across processes. */
export interface LineWebhookDedupeStore {
  /** Records the id; resolves true when it was already recorded (a duplicate). */
  checkAndAdd(webhookEventId: string, ttlMs: number): boolean | Promise<boolean>;
}

/** Options of {@link createLineWebhookDeduper}. */
export interface LineWebhookDeduperOptions {
  /** How long an id is remembered. Default 24 h (LINE redelivers for a shorter time). */
  ttlMs?: number;
  /** In-memory store size cap (oldest ids are forgotten first). Default 100,000. */
  maxEntries?: number;
  /** A shared store instead of the in-memory one. */
  store?: LineWebhookDedupeStore;
  clock?: Clock;
}

/** Drops events whose `webhookEventId` was seen before (redeliveries and duplicates). */
export interface LineWebhookDeduper {
  /** True when the event was seen before; records it otherwise. */
  isDuplicate(event: { webhookEventId: string }): Promise<boolean>;
  /** The events not seen before, in order. */
  filter<E extends { webhookEventId: string }>(events: readonly E[]): Promise<E[]>;
}

function memoryStore(maxEntries: number, clock: Clock): LineWebhookDedupeStore {
  const seen = new Map<string, number>();
  return {
    checkAndAdd(id, ttlMs) {
      const now = clock.now();
      const expiresAt = seen.get(id);
      if (expiresAt !== undefined && expiresAt > now) return true;
      seen.delete(id);
      seen.set(id, now + ttlMs);
      while (seen.size > maxEntries) {
        const oldest = seen.keys().next().value as string;
        seen.delete(oldest);
      }
      return false;
    },
  };
}

/** Creates a dedupe helper keyed on `webhookEventId` (LINE may deliver an event more than once). */
export function createLineWebhookDeduper(options: LineWebhookDeduperOptions = {}): LineWebhookDeduper {
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const store = options.store ?? memoryStore(options.maxEntries ?? 100_000, options.clock ?? systemClock);
  const isDuplicate = async (event: { webhookEventId: string }) =>
    store.checkAndAdd(event.webhookEventId, ttlMs);
  return {
    isDuplicate,
    async filter(events) {
      const fresh = [];
      for (const event of events) if (!(await isDuplicate(event))) fresh.push(event);
      return fresh;
    },
  };
}
