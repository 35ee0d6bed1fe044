import { ApiCallError, ConfigurationError, ValidationError } from '@omnicast/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUrl,
  createCheckedMock,
  dataUrl,
  instantClock,
  token,
  userId,
} from './__tests__/line-test-harness.js';
import { LineClient } from './line-client.js';
import { hashLinePhoneNumber } from './line-phone-hash.js';
import type { LineMessage } from './line-types.js';

const { mock, validator } = createCheckedMock({
  followers: Array.from({ length: 25 }, (_, index) => userId(index + 1)),
  knownPhoneNumbers: ['+818000001234'],
  monthlyQuota: 1000,
  contents: { '1001': { data: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg' } },
});
const server = setupServer(...mock.mswHandlers([apiUrl, dataUrl]));
const sent: { url: string; headers: Headers; body: string }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    sent.push({ url: request.url, headers: request.headers, body: await request.clone().text() });
  });
});
afterEach(() => {
  sent.length = 0;
  mock.reset();
});
afterAll(() => {
  server.close();
  console.info(
    `contract-checked (client tests): ${validator.counts.requests} requests, ${validator.counts.responses} responses`,
  );
  expect(validator.errors).toEqual([]);
});

const text = (value: string): LineMessage => ({ type: 'text', text: value });
const client = (overrides: Partial<ConstructorParameters<typeof LineClient>[0]> = {}) =>
  new LineClient({ channelAccessToken: token, clock: instantClock(), ...overrides });

describe('LineClient construction', () => {
  it('requires channelAccessToken, naming it', () => {
    let caught: unknown;
    try {
      new LineClient({ channelAccessToken: ' ' });
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught)).toBe(true);
    expect((caught as ConfigurationError).option).toBe('channelAccessToken');
  });
});

describe('push', () => {
  it('sends the bearer token, a UUID retry key and returns sent message ids', async () => {
    const result = await client().push({ to: userId(1), messages: [text('hi')] });
    expect(result.alreadyAccepted).toBe(false);
    expect(result.sentMessages).toHaveLength(1);
    expect(result.requestId).toMatch(/[0-9a-f-]{36}/);
    const request = sent[0]!;
    expect(request.url).toBe(`${apiUrl}/v2/bot/message/push`);
    expect(request.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(request.headers.get('x-line-retry-key')).toBe(result.retryKey);
    expect(JSON.parse(request.body)).toEqual({ to: userId(1), messages: [{ type: 'text', text: 'hi' }] });
    expect(mock.inbox.countFor(userId(1))).toBe(1);
  });

  it('keeps one retry key across 5xx retries and delivers once', async () => {
    let calls = 0;
    mock.setFaults({ errorRate: 1, random: () => (calls++ < 2 ? 0 : 1) });
    const result = await client().push({ to: userId(2), messages: [text('retry me')] });
    mock.setFaults({});
    expect(result.attempts).toBe(3);
    const keys = new Set(sent.map((request) => request.headers.get('x-line-retry-key')));
    expect(keys.size).toBe(1);
    expect(mock.inbox.countFor(userId(2))).toBe(1);
  });

  it('turns 409 "already accepted" into success with the accepted request id and original messages', async () => {
    const first = await client().push({ to: userId(3), messages: [text('once')] }, { retryKey: 'order-42' });
    const second = await client().push({ to: userId(3), messages: [text('once')] }, { retryKey: 'order-42' });
    expect(second.alreadyAccepted).toBe(true);
    expect(second.acceptedRequestId).toBe(first.requestId);
    expect(second.sentMessages.map((message) => message.id)).toEqual(
      first.sentMessages.map((message) => message.id),
    );
    expect(second.retryKey).toBe(first.retryKey);
    expect(mock.inbox.countFor(userId(3))).toBe(1);
  });

  it('does not retry a quota 429 and reports quota-exceeded', async () => {
    const { mock: small, validator: checker } = createCheckedMock({ monthlyQuota: 1 });
    server.use(...small.mswHandlers([apiUrl]));
    await client().push({ to: userId(4), messages: [text('1')] });
    const error = await client()
      .push({ to: userId(5), messages: [text('2')] })
      .catch((caught: unknown) => caught);
    server.resetHandlers();
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect((error as ApiCallError).reason).toBe('quota-exceeded');
    expect((error as ApiCallError).isRetryable).toBe(false);
    expect(sent.filter((request) => request.body.includes(userId(5)))).toHaveLength(1);
    expect(checker.errors).toEqual([]);
  });

  it('retries a rate-limit 429 after backoff', async () => {
    let now = 0;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
    const { mock: limited, validator: checker } = createCheckedMock({
      clock,
      rateLimits: { push: { limit: 1, intervalMs: 1000 } },
    });
    server.use(...limited.mswHandlers([apiUrl]));
    const line = client({ clock, random: () => 0.99 });
    await line.push({ to: userId(6), messages: [text('a')] });
    const result = await line.push({ to: userId(7), messages: [text('b')] });
    const exhausted = await client({ clock: { now: () => now, sleep: async () => {} } })
      .push({ to: userId(8), messages: [text('c')] })
      .catch((caught: unknown) => caught);
    server.resetHandlers();
    expect(result.attempts).toBe(4);
    expect(now).toBeGreaterThanOrEqual(1000);
    expect(limited.inbox.countFor(userId(7))).toBe(1);
    expect((exhausted as ApiCallError).reason).toBe('rate-limited');
    expect((exhausted as ApiCallError).message).toContain('The API rate limit has been exceeded');
    expect(checker.errors).toEqual([]);
  });

  it.each([
    ['no messages', { to: userId(1), messages: [] }, 'messages'],
    ['six messages', { to: userId(1), messages: Array.from({ length: 6 }, () => text('x')) }, 'messages'],
    ['5001 UTF-16 units', { to: userId(1), messages: [text('🍎'.repeat(2500) + 'x')] }, 'messages.0.text'],
    [
      'bad aggregation unit',
      { to: userId(1), messages: [text('x')], customAggregationUnits: ['bad unit'] },
      'customAggregationUnits.0',
    ],
  ])('rejects %s before sending', async (_name, request, path) => {
    const error = await client()
      .push(request as never)
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(sent).toHaveLength(0);
  });
});

describe('other sends', () => {
  it('reply has no retry key and is not repeated after a 5xx', async () => {
    mock.setFaults({ errorRate: 1 });
    const error = await client()
      .reply({ replyToken: 'token-1', messages: [text('hi')] })
      .catch((caught: unknown) => caught);
    mock.setFaults({});
    expect((error as ApiCallError).reason).toBe('server-error');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get('x-line-retry-key')).toBeNull();
    const ok = await client().reply({ replyToken: 'token-2', messages: [text('hi')] });
    expect(ok.sentMessages).toHaveLength(1);
  });

  it('multicasts to ≤ 500 ids and rejects 501', async () => {
    const ids = Array.from({ length: 500 }, (_, index) => userId(index + 100));
    const result = await client().multicast({ to: ids, messages: [text('all')] });
    expect(result.sentMessages).toEqual([]);
    expect(mock.inbox.countFor(ids[499]!)).toBe(1);
    await expect(client().multicast({ to: [...ids, userId(9999)], messages: [text('x')] })).rejects.toThrow(
      /to/,
    );
  });

  it('broadcasts to followers and counts quota by recipient', async () => {
    await client().broadcast(
      { messages: [text('news')] },
      { retryKey: '123e4567-e89b-12d3-a456-426614174000' },
    );
    expect(sent[0]!.headers.get('x-line-retry-key')).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(mock.usage()).toBe(25);
    expect(await client().getQuotaConsumption()).toEqual({ totalUsage: 25 });
    expect(await client().getQuota()).toEqual({ type: 'limited', value: 1000 });
  });

  it('narrowcasts to an audience with a demographic filter and limit, then tracks progress', async () => {
    const line = client();
    const audience = await line.audiences.create({
      description: 'VIP',
      userIds: [userId(1), userId(2), userId(3)],
    });
    const result = await line.narrowcast({
      messages: [text('sale')],
      recipient: { type: 'operator', and: [{ type: 'audience', audienceGroupId: audience.audienceGroupId }] },
      filter: {
        demographic: {
          type: 'operator',
          or: [
            { type: 'gender', oneOf: ['female'] },
            { type: 'age', gte: 'age_20', lt: 'age_40' },
          ],
        },
      },
      limit: { max: 2, upToRemainingQuota: true, forbidPartialDelivery: true },
    });
    expect(result.requestId).toBeDefined();
    expect((await line.getNarrowcastProgress(result.requestId!)).phase).toBe('waiting');
    mock.narrowcasts.advance(result.requestId!);
    expect((await line.getNarrowcastProgress(result.requestId!)).phase).toBe('sending');
    mock.narrowcasts.advance(result.requestId!);
    const done = await line.waitForNarrowcast(result.requestId!, { intervalMs: 1 });
    expect(done).toMatchObject({ phase: 'succeeded', successCount: 2, targetCount: 2 });
    expect(mock.inbox.countFor(userId(1))).toBe(1);
  });

  it('rejects invalid narrowcast targeting', async () => {
    const error = await client()
      .narrowcast({
        messages: [text('x')],
        recipient: { type: 'operator', and: [] },
        filter: { demographic: { type: 'age' } },
        limit: { forbidPartialDelivery: true },
      })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'recipient.and',
      'filter.demographic',
      'limit.forbidPartialDelivery',
    ]);
  });

  it('validates messages with the five validate endpoints', async () => {
    const line = client();
    for (const method of [
      'validateReply',
      'validatePush',
      'validateMulticast',
      'validateNarrowcast',
      'validateBroadcast',
    ] as const)
      await line[method]({ messages: [text('ok')] });
    expect(sent.map((request) => new URL(request.url).pathname)).toEqual([
      '/v2/bot/message/validate/reply',
      '/v2/bot/message/validate/push',
      '/v2/bot/message/validate/multicast',
      '/v2/bot/message/validate/narrowcast',
      '/v2/bot/message/validate/broadcast',
    ]);
    expect(sent.every((request) => request.headers.get('x-line-retry-key') === null)).toBe(true);
  });
});

describe('LINE notification messages (PNP)', () => {
  it('hashes the phone number and sends the delivery tag', async () => {
    const result = await client().pushByPhone(
      { to: '+81 80-0000-1234', messages: [text('Your order shipped')] },
      { deliveryTag: 'order-0000000042' },
    );
    expect(result.hashedPhoneNumber).toBe('d41e0ad70dddfeb68f149ad6fc61574b9c5780ab7bcb2fba5517771ffbb2409c');
    expect(JSON.parse(sent[0]!.body).to).toBe(result.hashedPhoneNumber);
    expect(sent[0]!.headers.get('x-line-delivery-tag')).toBe('order-0000000042');
    expect(sent[0]!.headers.get('x-line-retry-key')).toBeNull();
    expect(mock.inbox.receivedByPhone('+818000001234')).toHaveLength(1);
  });

  it('sends templated notifications (202)', async () => {
    await client().pushTemplatedByPhone({
      to: '+818000001234',
      templateKey: 'shipping_completed_ja',
      body: {
        emphasizedItem: { itemKey: 'date', content: '6/1' },
        items: [{ itemKey: 'order', content: 'A-1' }],
      },
    });
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      templateKey: 'shipping_completed_ja',
      to: hashLinePhoneNumber('+818000001234'),
    });
  });

  it('maps 422 for an unknown number to recipient-unreachable', async () => {
    const error = await client()
      .pushByPhone({ to: '+818000009999', messages: [text('x')] })
      .catch((caught: unknown) => caught);
    expect((error as ApiCallError).reason).toBe('recipient-unreachable');
    expect((error as ApiCallError).message).toContain('Failed to send messages');
    expect((error as ApiCallError).message).not.toContain('+818000009999');
  });

  it('refuses media messages and bad delivery tags', async () => {
    await expect(
      client().pushByPhone({
        to: '+818000001234',
        messages: [
          {
            type: 'image',
            originalContentUrl: 'https://x.test/a.png',
            previewImageUrl: 'https://x.test/a.png',
          },
        ],
      }),
    ).rejects.toThrow(/notification/);
    await expect(
      client().pushByPhone({ to: '+818000001234', messages: [text('x')] }, { deliveryTag: 'short' }),
    ).rejects.toThrow(/16/);
    expect(sent).toHaveLength(0);
  });

  it('reads delivery statistics', async () => {
    await client().pushByPhone({ to: '+818000001234', messages: [text('x')] });
    const today = new Date();
    expect(await client().getPnpDeliveryStats(today)).toEqual({ status: 'ready', success: 1 });
    expect(await client().getPnpTemplatedDeliveryStats(today)).toEqual({ status: 'ready', success: 0 });
    expect((await client().getDeliveryStats('push', today)).status).toBe('ready');
    await expect(client().getDeliveryStats('push', '2026-1-1')).rejects.toThrow(/yyyyMMdd/);
  });
});

describe('users, content and chat', () => {
  it('iterates follower ids across pages', async () => {
    const ids: string[] = [];
    for await (const id of client().followerIds({ limit: 10 })) ids.push(id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });

  it('gets a profile and maps 404 to not-found', async () => {
    expect((await client().getProfile(userId(1))).userId).toBe(userId(1));
    await expect(client().getProfile(userId(999))).rejects.toMatchObject({ reason: 'not-found' });
    expect((await client().getBotInfo()).basicId).toBe('@mockbot');
  });

  it('downloads message content from the data host', async () => {
    const content = await client().getMessageContent('1001');
    expect([...content.data]).toEqual([1, 2, 3]);
    expect(content.contentType).toBe('image/jpeg');
    expect(sent[0]!.url).toBe(`${dataUrl}/v2/bot/message/1001/content`);
  });

  it('shows the loading animation and marks as read', async () => {
    await client().showLoadingAnimation({ chatId: userId(1), loadingSeconds: 10 });
    await client().markAsRead(userId(1));
    await client().markAsReadByToken('read-token');
    await expect(client().showLoadingAnimation({ chatId: userId(1), loadingSeconds: 7 })).rejects.toThrow(
      /steps of 5/,
    );
  });

  it('reports an invalid token as unauthorized without leaking it', async () => {
    const error = await new LineClient({ channelAccessToken: 'wrong-secret-token', clock: instantClock() })
      .getQuota()
      .catch((caught: unknown) => caught);
    expect((error as ApiCallError).reason).toBe('unauthorized');
    expect(JSON.stringify(error)).not.toContain('wrong-secret-token');
    expect((error as ApiCallError).message).not.toContain('wrong-secret-token');
  });
});
