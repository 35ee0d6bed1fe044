import type { Clock } from '@omnicast/core';
import type { FaultOptions } from '../mock-server.js';

/** A token-bucket limit of the LINE mock: `limit` requests per `intervalMs`. */
export interface LineMockRateLimit {
  limit: number;
  intervalMs: number;
}

/** Where and how the mock POSTs signed PNP `delivery` webhook events. */
export interface LineMockDeliveryWebhook {
  /** Webhook URL (e.g. a loopback server or an msw-intercepted URL). */
  url: string;
  /** Secret the `x-line-signature` is computed with. */
  channelSecret: string;
  /** Delay after the PNP request before the event is sent, on the mock's clock. Default 0. */
  delayMs?: number;
  /** Bot user id put in `destination`. */
  destination?: string;
}

/** One request/response pair the mock answered, for contract checks and assertions. */
export interface LineMockExchange {
  /** Operation name, e.g. `push`, `audience-get`. */
  operation: string;
  method: string;
  /** Path template, e.g. `/v2/bot/audienceGroup/:audienceGroupId`. */
  route: string;
  path: string;
  headers: Headers;
  /** Parsed JSON request body (undefined when none or not JSON). */
  requestBody: unknown;
  /** Raw content type of the request. */
  contentType: string | null;
  /** Fields of a multipart/form-data body (files as `(file)`). */
  formFields?: Record<string, string>;
  status: number;
  /** Response body as sent (object for JSON). */
  responseBody: unknown;
}

/** Options of {@link createLineMockServer}. */
export interface LineMockServerOptions {
  /** Accepted channel access token(s). Default `test-channel-access-token`. */
  channelAccessToken?: string;
  channelAccessTokens?: readonly string[];
  /** Per-operation token buckets overriding LINE's defaults (keys: `push`, `multicast`, `narrowcast`, `audience`…). */
  rateLimits?: Readonly<Record<string, LineMockRateLimit>>;
  /** Monthly message quota in recipients; omitted = unlimited (`type: none`). */
  monthlyQuota?: number;
  /** E.164 numbers that have a LINE user able to receive PNP; others get 422. */
  knownPhoneNumbers?: readonly string[];
  /** Users that blocked the account: sends are accepted but not delivered (as LINE does). */
  blockedUserIds?: readonly string[];
  /** Friends of the account: broadcast targets, followers ids, profiles. */
  followers?: readonly string[];
  /** Message contents served by the content endpoint, by message id. */
  contents?: Readonly<Record<string, { data: Uint8Array; contentType: string }>>;
  deliveryWebhook?: LineMockDeliveryWebhook;
  /**
   * When set, narrowcasts move on by themselves: `sending` this long after acceptance and
   * `succeeded` (delivered) after twice as long, on the mock clock. Default: only by
   * `narrowcasts.advance()`.
   */
  narrowcastPhaseMs?: number;
  /** Audiences become READY this long after creation (on the mock clock). Default 0. */
  audienceReadyAfterMs?: number;
  /** Time source of rate limits, retry-key lifetimes, delays and timestamps. Default: the real clock. */
  clock?: Clock;
  faults?: FaultOptions;
  /**
   * Extra request-body checks, e.g. a validator compiled from the official OpenAPI spec.
   * Returned issues are answered with LINE's 400 error shape.
   */
  validateRequest?: (request: {
    operation: string;
    method: string;
    route: string;
    body: unknown;
  }) => readonly { property?: string; message: string }[];
  /** Called after every answered request (not for injected faults). */
  onExchange?: (exchange: LineMockExchange) => void;
}

/** One delivery recorded in the inbox ledger. */
export interface LineInboxEntry {
  /** `push`, `multicast`, `broadcast`, `narrowcast`, `reply`, `pnp`, `pnp-templated`. */
  operation: string;
  /** Message objects (or the templated PNP body) as received. */
  messages: readonly unknown[];
  requestId: string;
  retryKey?: string;
  deliveryTag?: string;
  at: number;
}
