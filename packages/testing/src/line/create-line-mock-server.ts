import { systemClock } from '@omnicast/core';
import { createMockServer, type MockServer } from '../mock-server.js';
import { type LineMockEnv, lineRoutes } from './line-mock-context.js';
import { LineMockRateLimiter } from './line-mock-rate-limiter.js';
import { audienceRoutes } from './line-mock-routes-audience.js';
import { advanceNarrowcast, messageRoutes } from './line-mock-routes-messages.js';
import { richMenuRoutes, userRoutes } from './line-mock-routes-misc.js';
import { LineMockDeliveryWebhooks, pnpRoutes } from './line-mock-routes-pnp.js';
import { hashPhone, type LineMockNarrowcast, LineMockState } from './line-mock-state.js';
import type { LineInboxEntry, LineMockServerOptions } from './line-mock-types.js';

/** Queries over what the LINE mock delivered. */
export interface LineMockInbox {
  /** Deliveries to a user id (or `phone:<sha256>` for PNP, `reply:<token>` for replies), in order. */
  received(recipient: string): readonly LineInboxEntry[];
  /** Deliveries to a phone number (E.164) through PNP. */
  receivedByPhone(e164: string): readonly LineInboxEntry[];
  /** Message objects a recipient received, flattened, in order. */
  messagesFor(recipient: string): readonly unknown[];
  /** How many deliveries to a recipient match `predicate` (all when omitted). */
  countFor(recipient: string, predicate?: (entry: LineInboxEntry) => boolean): number;
  /** Every recipient that received something. */
  recipients(): string[];
  /** Total deliveries over all recipients. */
  total(): number;
}

/** Control over accepted narrowcasts. */
export interface LineMockNarrowcasts {
  /** Request ids of accepted narrowcasts, oldest first. */
  requestIds(): string[];
  get(requestId: string): Readonly<LineMockNarrowcast> | undefined;
  /** waiting → sending → succeeded (delivering to the targets' inboxes). */
  advance(requestId: string): void;
  /** Runs every narrowcast to completion. */
  completeAll(): void;
  /** Fails a narrowcast with a LINE error code (1 internal, 2 not enough recipients, 4 audience < 50…). */
  fail(requestId: string, errorCode: number, failedDescription?: string): void;
}

/** The LINE mock server: a {@link MockServer} plus ledgers and controls. */
export interface LineMockServer extends MockServer {
  readonly inbox: LineMockInbox;
  readonly narrowcasts: LineMockNarrowcasts;
  /** Pending and sent PNP `delivery` webhooks. */
  readonly deliveryWebhooks: {
    pending(): number;
    flush(): Promise<void>;
    readonly sent: readonly { data: string; status: number }[];
  };
  /** Messages counted against the monthly quota. */
  usage(): number;
  /** Sets an audience's status (e.g. `FAILED`), overriding the time-based one. */
  setAudienceStatus(
    audienceGroupId: number,
    status: 'IN_PROGRESS' | 'READY' | 'FAILED' | 'EXPIRED' | 'INACTIVE' | 'ACTIVATING',
  ): void;
  /** Forgets every delivery, key, audience, rich menu and token bucket. */
  reset(): void;
}

/**
 * A stateful, faithful LINE Messaging API mock, served as msw handlers (`mswHandlers([api, apiData])`)
 * or on loopback (`listen()`). It checks the bearer token, validates bodies against the documented
 * limits (and `validateRequest`, e.g. the official OpenAPI spec) with LINE's error shapes, applies
 * per-endpoint token buckets and a monthly quota (distinct 429 messages), honours retry keys (409 +
 * `x-line-accepted-request-id`, 400 where unsupported), accepts narrowcasts (202) that progress
 * through phases, answers PNP for unknown numbers with 422 and POSTs signed `delivery` webhooks,
 * records every delivery in an inbox ledger, and injects faults (5xx, latency, drops).
 */
export function createLineMockServer(options: LineMockServerOptions = {}): LineMockServer {
  const clock = options.clock ?? systemClock;
  const state = new LineMockState(clock);
  const limiter = new LineMockRateLimiter(clock, options.rateLimits);
  const tokens = new Set([
    ...(options.channelAccessTokens ?? []),
    ...(options.channelAccessToken !== undefined ? [options.channelAccessToken] : []),
  ]);
  if (tokens.size === 0) tokens.add('test-channel-access-token');
  const env: LineMockEnv = { state, limiter, options, tokens };
  const webhooks = new LineMockDeliveryWebhooks(env);
  const routes = lineRoutes(env, [
    ...messageRoutes(env),
    ...pnpRoutes(env, webhooks),
    ...audienceRoutes(env),
    ...userRoutes(env),
    ...richMenuRoutes(env),
  ]);
  const server = createMockServer({
    name: 'line',
    routes,
    ...(options.faults ? { faults: options.faults } : {}),
  });

  const received = (recipient: string) => state.inbox.get(recipient) ?? [];
  const inbox: LineMockInbox = {
    received,
    receivedByPhone: (e164) => received(`phone:${hashPhone(e164)}`),
    messagesFor: (recipient) => received(recipient).flatMap((entry) => entry.messages),
    countFor: (recipient, predicate) =>
      received(recipient).filter((entry) => predicate?.(entry) ?? true).length,
    recipients: () => [...state.inbox.keys()],
    total: () => [...state.inbox.values()].reduce((sum, list) => sum + list.length, 0),
  };

  const narrowcasts: LineMockNarrowcasts = {
    requestIds: () => [...state.narrowcasts.keys()],
    get: (requestId) => state.narrowcasts.get(requestId),
    advance: (requestId) => advanceNarrowcast(env, requestId),
    completeAll() {
      for (const requestId of state.narrowcasts.keys()) {
        advanceNarrowcast(env, requestId);
        advanceNarrowcast(env, requestId);
      }
    },
    fail(requestId, errorCode, failedDescription) {
      const narrowcast = state.narrowcasts.get(requestId);
      if (!narrowcast) throw new Error(`No narrowcast with request id ${requestId}`);
      Object.assign(narrowcast, {
        phase: 'failed',
        errorCode,
        completedTime: new Date(clock.now()).toISOString(),
        ...(failedDescription !== undefined ? { failedDescription } : {}),
      });
    },
  };

  return {
    ...server,
    inbox,
    narrowcasts,
    deliveryWebhooks: webhooks,
    usage: () => state.usage,
    setAudienceStatus(audienceGroupId, status) {
      const audience = state.audiences.get(audienceGroupId);
      if (!audience) throw new Error(`No audience ${audienceGroupId}`);
      audience.forcedStatus = status;
    },
    reset() {
      state.reset();
      limiter.reset();
    },
  };
}
