import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '@omnicast/core';
import type { LineInboxEntry } from './line-mock-types.js';

/** A narrowcast the mock accepted. */
export interface LineMockNarrowcast {
  requestId: string;
  phase: 'waiting' | 'sending' | 'succeeded' | 'failed';
  messages: readonly unknown[];
  /** User ids it will deliver to. */
  targets: readonly string[];
  acceptedTime: string;
  completedTime?: string;
  successCount?: number;
  failureCount?: number;
  targetCount?: number;
  failedDescription?: string;
  errorCode?: number;
}

/** An audience the mock holds. */
export interface LineMockAudience {
  audienceGroupId: number;
  type: 'UPLOAD' | 'CLICK' | 'IMP';
  description: string;
  created: number;
  userIds: Set<string>;
  isIfaAudience: boolean;
  requestId?: string;
  clickUrl?: string;
  forcedStatus?: 'IN_PROGRESS' | 'READY' | 'FAILED' | 'EXPIRED' | 'INACTIVE' | 'ACTIVATING';
  jobs: { audienceGroupJobId: number; description?: string; audienceCount: number; created: number }[];
}

/** An accepted retry key (valid 24 h). */
export interface LineMockAcceptedKey {
  requestId: string;
  acceptedAt: number;
  sentMessages?: { id: string; quoteToken: string }[];
}

const retryKeyLifetimeMs = 24 * 3600_000;

/** Everything the LINE mock remembers. */
export class LineMockState {
  readonly clock: Clock;
  readonly inbox = new Map<string, LineInboxEntry[]>();
  readonly acceptedKeys = new Map<string, LineMockAcceptedKey>();
  readonly narrowcasts = new Map<string, LineMockNarrowcast>();
  readonly audiences = new Map<number, LineMockAudience>();
  readonly richMenus = new Map<string, Record<string, unknown>>();
  readonly richMenuImages = new Map<string, { data: Uint8Array; contentType: string }>();
  readonly aliases = new Map<string, string>();
  readonly userRichMenus = new Map<string, string>();
  readonly usedReplyTokens = new Set<string>();
  defaultRichMenu: string | undefined;
  usage = 0;
  /** Deliveries per stats type and LINE day (`yyyyMMdd`, UTC+9). */
  readonly deliveryStats = new Map<string, number>();
  #sequence = 0;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** A new `x-line-request-id`-like id. */
  nextRequestId(): string {
    return randomUUID();
  }

  /** A new message id (digits, as LINE's). */
  nextMessageId(): string {
    this.#sequence++;
    return String(500_000_000_000_000 + this.#sequence);
  }

  nextNumber(): number {
    this.#sequence++;
    return 1_000_000 + this.#sequence;
  }

  /** The accepted request for a retry key, when still within its 24 h lifetime. */
  acceptedKey(retryKey: string): LineMockAcceptedKey | undefined {
    const accepted = this.acceptedKeys.get(retryKey);
    if (!accepted) return undefined;
    if (this.clock.now() - accepted.acceptedAt >= retryKeyLifetimeMs) {
      this.acceptedKeys.delete(retryKey);
      return undefined;
    }
    return accepted;
  }

  /** Records a delivery in the inbox ledger. */
  deliver(recipient: string, entry: Omit<LineInboxEntry, 'at'>): void {
    const list = this.inbox.get(recipient) ?? [];
    list.push({ ...entry, at: this.clock.now() });
    this.inbox.set(recipient, list);
  }

  /** Counts a delivery in the per-day statistics. */
  countDelivery(type: string, count: number): void {
    const day = lineDay(this.clock.now());
    const key = `${type}:${day}`;
    this.deliveryStats.set(key, (this.deliveryStats.get(key) ?? 0) + count);
  }

  reset(): void {
    this.inbox.clear();
    this.acceptedKeys.clear();
    this.narrowcasts.clear();
    this.audiences.clear();
    this.richMenus.clear();
    this.richMenuImages.clear();
    this.aliases.clear();
    this.userRichMenus.clear();
    this.usedReplyTokens.clear();
    this.deliveryStats.clear();
    this.defaultRichMenu = undefined;
    this.usage = 0;
  }
}

/** `yyyyMMdd` in UTC+9, LINE's stats day. */
export function lineDay(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** SHA-256 hex of an E.164 number, as LINE PNP expects. */
export function hashPhone(e164: string): string {
  return createHash('sha256').update(e164.replace(/[\s-]/g, ''), 'utf8').digest('hex');
}
