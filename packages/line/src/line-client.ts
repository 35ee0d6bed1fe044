import {
  type Clock,
  ConfigurationError,
  createHttpTransport,
  defaultRetryPolicy,
  type HttpHooks,
  type HttpTransport,
  type RetryPolicy,
  systemClock,
} from '@omnicast/core';
import { LineAudienceApi } from './line-audience-api.js';
import {
  getMessageContent,
  type LineContent,
  markAsRead,
  markAsReadByToken,
  showLoadingAnimation,
} from './line-chat-requests.js';
import { pushByPhone, pushTemplatedByPhone } from './line-pnp-requests.js';
import type {
  LinePnpOptions,
  LinePnpPushRequest,
  LinePnpResult,
  LinePnpTemplatedPushRequest,
} from './line-pnp-types.js';
import {
  defaultGenerateRetryKey,
  type LineCallOptions,
  type LineRequestContext,
  type LineSendOptions,
  type LineSendResult,
  requestKeyed,
  requestUnkeyed,
  throwIfInvalid,
  toLineDate,
} from './line-request-context.js';
import { LineRichMenuApi } from './line-rich-menu-api.js';
import {
  type LineBotInfo,
  type LineDeliveryStats,
  type LineFollowersPage,
  type LineNarrowcastProgress,
  type LineProfile,
  type LineQuota,
  type LineQuotaConsumption,
  type LineSentMessage,
  lineBotInfoSchema,
  lineDeliveryStatsSchema,
  lineFollowersPageSchema,
  lineNarrowcastProgressSchema,
  lineProfileSchema,
  lineQuotaConsumptionSchema,
  lineQuotaSchema,
  lineSentMessagesResponseSchema,
} from './line-schemas.js';
import type {
  LineBroadcastRequest,
  LineMessage,
  LineMulticastRequest,
  LineNarrowcastRequest,
  LinePushRequest,
  LineReplyRequest,
} from './line-types.js';
import { mapLineError } from './map-line-error.js';
import {
  validateAggregationUnits,
  validateLineMessages,
  validateMulticastRecipients,
} from './validate-line-messages.js';
import { validateNarrowcastTargeting } from './validate-line-narrowcast.js';

/** Options of {@link LineClient}. */
export interface LineClientOptions {
  /** A long-lived or stateless channel access token. Required. */
  channelAccessToken: string;
  /** Default `https://api.line.me`; point it at a mock server in tests. */
  baseUrl?: string;
  /** Host of content endpoints (message content, audience files, rich-menu images). Default `https://api-data.line.me`. */
  dataBaseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** An undici `Agent` (keep-alive, connection limits) passed to fetch. */
  dispatcher?: object;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy of the transport; `false` disables retries. */
  retry?: Partial<RetryPolicy> | false;
  hooks?: HttpHooks;
  clock?: Clock;
  random?: () => number;
  /** Generates retry keys when the caller gives none. Must return UUIDs. Default `crypto.randomUUID`. */
  generateRetryKey?: () => string;
  /** Check documented limits before sending (default true). */
  validate?: boolean;
}

/** The outcome of a reply. */
export interface LineReplyResult {
  requestId?: string;
  sentMessages: LineSentMessage[];
}

/** Delivery-statistics message types. */
export type LineDeliveryType = 'reply' | 'push' | 'multicast' | 'broadcast';

const pushPath = '/v2/bot/message/push';

/**
 * A typed client of the LINE Messaging API, one method per operation. Sends carry an
 * `X-Line-Retry-Key` that stays the same across retries; a 409 "already accepted" resolves as
 * success. Reply and PNP have no retry key, so after reaching LINE they are retried only on a
 * rate-limit 429.
 */
export class LineClient {
  /** Audience management. */
  readonly audiences: LineAudienceApi;
  /** Rich menus and aliases. */
  readonly richMenus: LineRichMenuApi;
  readonly #context: LineRequestContext;
  readonly #transport: HttpTransport;

  constructor(options: LineClientOptions) {
    if (
      !options ||
      typeof options.channelAccessToken !== 'string' ||
      options.channelAccessToken.trim() === ''
    ) {
      throw new ConfigurationError('LINE channelAccessToken is required', { option: 'channelAccessToken' });
    }
    const retryPolicy: RetryPolicy | false =
      options.retry === false ? false : { ...defaultRetryPolicy, ...options.retry };
    this.#transport = createHttpTransport({
      channel: 'line',
      baseUrl: options.baseUrl ?? 'https://api.line.me',
      headers: { authorization: `Bearer ${options.channelAccessToken}`, 'user-agent': 'omnicast-line' },
      requestIdHeaders: ['x-line-request-id'],
      mapError: mapLineError,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    this.#context = {
      transport: this.#transport,
      dataBaseUrl: options.dataBaseUrl ?? 'https://api-data.line.me',
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      retryPolicy,
      generateRetryKey: options.generateRetryKey ?? defaultGenerateRetryKey,
      validate: options.validate ?? true,
    };
    this.audiences = new LineAudienceApi(this.#context);
    this.richMenus = new LineRichMenuApi(this.#context);
  }

  #checkMessages(messages: LineMessage[]): void {
    if (this.#context.validate) throwIfInvalid('messages', validateLineMessages(messages));
  }

  /** Replies with a reply token (free; no retry key; single use within a minute of the event). */
  async reply(request: LineReplyRequest, options: LineCallOptions = {}): Promise<LineReplyResult> {
    this.#checkMessages(request.messages);
    const response = await requestUnkeyed<{ sentMessages: LineSentMessage[] }>(this.#context, {
      operation: 'reply',
      method: 'POST',
      path: '/v2/bot/message/reply',
      body: { json: request },
      schema: lineSentMessagesResponseSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      sentMessages: response.data.sentMessages,
      ...(response.requestId !== undefined ? { requestId: response.requestId } : {}),
    };
  }

  /** Pushes messages to one user, group or room. */
  async push(request: LinePushRequest, options: LineSendOptions = {}): Promise<LineSendResult> {
    this.#checkMessages(request.messages);
    if (this.#context.validate) {
      const issues = validateAggregationUnits(request.customAggregationUnits);
      if (typeof request.to !== 'string' || request.to === '')
        issues.push({ path: ['to'], message: 'is required', code: 'required' });
      throwIfInvalid('push request', issues);
    }
    return requestKeyed(this.#context, 'push', pushPath, request, options);
  }

  /** Sends the same messages to 1–500 user ids. */
  async multicast(request: LineMulticastRequest, options: LineSendOptions = {}): Promise<LineSendResult> {
    this.#checkMessages(request.messages);
    if (this.#context.validate)
      throwIfInvalid('multicast request', [
        ...validateMulticastRecipients(request.to),
        ...validateAggregationUnits(request.customAggregationUnits),
      ]);
    return requestKeyed(this.#context, 'multicast', '/v2/bot/message/multicast', request, options);
  }

  /**
   * Sends to an audience and/or demographic filter, optionally capped by `limit`. LINE accepts it
   * (202) and delivers asynchronously: poll {@link LineClient.getNarrowcastProgress} with `requestId`.
   */
  async narrowcast(request: LineNarrowcastRequest, options: LineSendOptions = {}): Promise<LineSendResult> {
    this.#checkMessages(request.messages);
    if (this.#context.validate) throwIfInvalid('narrowcast request', validateNarrowcastTargeting(request));
    return requestKeyed(this.#context, 'narrowcast', '/v2/bot/message/narrowcast', request, options);
  }

  /** Sends to every friend. */
  async broadcast(request: LineBroadcastRequest, options: LineSendOptions = {}): Promise<LineSendResult> {
    this.#checkMessages(request.messages);
    return requestKeyed(this.#context, 'broadcast', '/v2/bot/message/broadcast', request, options);
  }

  /** Progress of a narrowcast, by the `requestId` its send returned. */
  async getNarrowcastProgress(
    requestId: string,
    options: LineCallOptions = {},
  ): Promise<LineNarrowcastProgress> {
    const response = await this.#transport.request<LineNarrowcastProgress>({
      operation: 'narrowcast-progress',
      method: 'GET',
      path: '/v2/bot/message/progress/narrowcast',
      query: { requestId },
      schema: lineNarrowcastProgressSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /**
   * Polls narrowcast progress until it is `succeeded` or `failed`, sleeping `intervalMs` (default
   * 10 s) on the client clock between polls, at most `maxPolls` times (default 360).
   */
  async waitForNarrowcast(
    requestId: string,
    options: LineCallOptions & { intervalMs?: number; maxPolls?: number } = {},
  ): Promise<LineNarrowcastProgress> {
    const maxPolls = options.maxPolls ?? 360;
    for (let poll = 1; ; poll++) {
      const progress = await this.getNarrowcastProgress(requestId, options);
      if (progress.phase === 'succeeded' || progress.phase === 'failed' || poll >= maxPolls) return progress;
      await this.#context.clock.sleep(options.intervalMs ?? 10_000, options.signal);
    }
  }

  async #validateEndpoint(kind: string, messages: LineMessage[], options: LineCallOptions): Promise<void> {
    this.#checkMessages(messages);
    await this.#transport.request({
      operation: `validate-${kind}`,
      method: 'POST',
      path: `/v2/bot/message/validate/${kind}`,
      body: { json: { messages } },
      idempotent: true,
      responseType: 'none',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Asks LINE whether messages are valid for a reply (throws `ApiCallError` `invalid-request` if not). */
  validateReply(request: { messages: LineMessage[] }, options: LineCallOptions = {}): Promise<void> {
    return this.#validateEndpoint('reply', request.messages, options);
  }
  /** Asks LINE whether messages are valid for a push. */
  validatePush(request: { messages: LineMessage[] }, options: LineCallOptions = {}): Promise<void> {
    return this.#validateEndpoint('push', request.messages, options);
  }
  /** Asks LINE whether messages are valid for a multicast. */
  validateMulticast(request: { messages: LineMessage[] }, options: LineCallOptions = {}): Promise<void> {
    return this.#validateEndpoint('multicast', request.messages, options);
  }
  /** Asks LINE whether messages are valid for a narrowcast. */
  validateNarrowcast(request: { messages: LineMessage[] }, options: LineCallOptions = {}): Promise<void> {
    return this.#validateEndpoint('narrowcast', request.messages, options);
  }
  /** Asks LINE whether messages are valid for a broadcast. */
  validateBroadcast(request: { messages: LineMessage[] }, options: LineCallOptions = {}): Promise<void> {
    return this.#validateEndpoint('broadcast', request.messages, options);
  }

  /**
   * Sends a flexible LINE notification message (PNP) to a phone number: the number is normalised
   * to E.164 and hashed to SHA-256 hex for you. No retry key exists for PNP. A 422 means no LINE
   * user can receive it (reason `recipient-unreachable`).
   */
  pushByPhone(request: LinePnpPushRequest, options: LinePnpOptions = {}): Promise<LinePnpResult> {
    return pushByPhone(this.#context, request, options);
  }

  /** Sends a templated LINE notification message (`/v2/bot/message/pnp/templated/push`, answered 202). */
  pushTemplatedByPhone(
    request: LinePnpTemplatedPushRequest,
    options: LinePnpOptions = {},
  ): Promise<LinePnpResult> {
    return pushTemplatedByPhone(this.#context, request, options);
  }

  async #getJson<T>(
    operation: string,
    path: string,
    schema: import('zod').ZodType,
    query?: Record<string, string>,
    options: LineCallOptions = {},
  ): Promise<T> {
    const response = await this.#transport.request<T>({
      operation,
      method: 'GET',
      path,
      schema,
      ...(query ? { query } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Flexible PNP messages delivered on a day (UTC+9). */
  async getPnpDeliveryStats(date: Date | string, options: LineCallOptions = {}): Promise<LineDeliveryStats> {
    return this.#getJson(
      'pnp-stats',
      '/v2/bot/message/delivery/pnp',
      lineDeliveryStatsSchema,
      { date: toLineDate(date) },
      options,
    );
  }

  /** Templated PNP messages delivered on a day (UTC+9). */
  async getPnpTemplatedDeliveryStats(
    date: Date | string,
    options: LineCallOptions = {},
  ): Promise<LineDeliveryStats> {
    return this.#getJson(
      'pnp-templated-stats',
      '/v2/bot/message/delivery/pnp/templated',
      lineDeliveryStatsSchema,
      { date: toLineDate(date) },
      options,
    );
  }

  /** Messages of one type sent on a day (UTC+9). */
  async getDeliveryStats(
    type: LineDeliveryType,
    date: Date | string,
    options: LineCallOptions = {},
  ): Promise<LineDeliveryStats> {
    return this.#getJson(
      `${type}-stats`,
      `/v2/bot/message/delivery/${type}`,
      lineDeliveryStatsSchema,
      { date: toLineDate(date) },
      options,
    );
  }

  /** The monthly message quota. */
  async getQuota(options: LineCallOptions = {}): Promise<LineQuota> {
    return this.#getJson('quota', '/v2/bot/message/quota', lineQuotaSchema, undefined, options);
  }

  /** Messages counted against the quota this month. */
  async getQuotaConsumption(options: LineCallOptions = {}): Promise<LineQuotaConsumption> {
    return this.#getJson(
      'quota-consumption',
      '/v2/bot/message/quota/consumption',
      lineQuotaConsumptionSchema,
      undefined,
      options,
    );
  }

  /** A friend's profile (404 `not-found` when the user is not a friend). */
  async getProfile(userId: string, options: LineCallOptions = {}): Promise<LineProfile> {
    return this.#getJson(
      'profile',
      `/v2/bot/profile/${encodeURIComponent(userId)}`,
      lineProfileSchema,
      undefined,
      options,
    );
  }

  /** The bot's own information. */
  async getBotInfo(options: LineCallOptions = {}): Promise<LineBotInfo> {
    return this.#getJson('bot-info', '/v2/bot/info', lineBotInfoSchema, undefined, options);
  }

  /** One page of follower ids (`limit` ≤ 1000, `start` = the previous page's `next`). */
  async getFollowerIdsPage(
    query: { start?: string; limit?: number } = {},
    options: LineCallOptions = {},
  ): Promise<LineFollowersPage> {
    const params: Record<string, string> = {};
    if (query.start !== undefined) params.start = query.start;
    if (query.limit !== undefined) params.limit = String(query.limit);
    return this.#getJson('followers', '/v2/bot/followers/ids', lineFollowersPageSchema, params, options);
  }

  /** Every follower id, fetching pages lazily as the iteration proceeds. */
  async *followerIds(query: { limit?: number } = {}, options: LineCallOptions = {}): AsyncGenerator<string> {
    let start: string | undefined;
    do {
      const page = await this.getFollowerIdsPage({ ...query, ...(start ? { start } : {}) }, options);
      yield* page.userIds;
      start = page.next;
    } while (start);
  }

  /** Downloads the content of an image, video, audio or file message (api-data host). */
  getMessageContent(messageId: string, options: LineCallOptions = {}): Promise<LineContent> {
    return getMessageContent(this.#context, messageId, options);
  }

  /** Shows the loading animation in a one-to-one chat for 5–60 seconds (multiples of 5). */
  showLoadingAnimation(
    request: { chatId: string; loadingSeconds?: number },
    options: LineCallOptions = {},
  ): Promise<void> {
    return showLoadingAnimation(this.#context, request, options);
  }

  /** Marks a user's messages as read (for partners with the feature enabled). */
  markAsRead(userId: string, options: LineCallOptions = {}): Promise<void> {
    return markAsRead(this.#context, userId, options);
  }

  /** Marks messages as read with the `markAsReadToken` of a webhook message event. */
  markAsReadByToken(markAsReadToken: string, options: LineCallOptions = {}): Promise<void> {
    return markAsReadByToken(this.#context, markAsReadToken, options);
  }
}

/** Creates a {@link LineClient}. */
export function createLineClient(options: LineClientOptions): LineClient {
  return new LineClient(options);
}
