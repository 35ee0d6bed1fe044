import { type MessageInput, parseMessage, UnsupportedFeatureError, ValidationError } from '@omnicast/core';
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
import { lineCapabilities } from './line-capabilities.js';
import { createLineChannel } from './line-channel.js';
import { LineClient } from './line-client.js';
import { toLineRetryKey } from './line-retry-key.js';

const { mock, validator } = createCheckedMock({ knownPhoneNumbers: ['+886912345678'] });
const server = setupServer(...mock.mswHandlers([apiUrl, dataUrl]));
const headers: Headers[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    headers.push(request.headers);
  });
});
afterEach(() => {
  headers.length = 0;
  mock.reset();
});
afterAll(() => {
  server.close();
  console.info(
    `contract-checked (channel tests): ${validator.counts.requests} requests, ${validator.counts.responses} responses`,
  );
  expect(validator.errors).toEqual([]);
});

const client = new LineClient({ channelAccessToken: token, clock: instantClock() });
const channel = createLineChannel(client, { defaultRegion: 'TW' });
const message = (input: MessageInput) => parseMessage(input);

describe('capabilities', () => {
  it('declares LINE operations, limits and default rate limits as data', () => {
    expect(channel.kind).toBe('line');
    expect(channel.capabilities).toMatchObject({
      operations: { user: 'push', many: 'multicast', phone: 'pnp', audience: 'narrowcast' },
      maxRecipientsPerCall: 500,
      supportsIdempotencyKey: true,
      billingUnit: 'recipient',
      identity: 'line',
    });
    expect(lineCapabilities.rateLimits).toMatchObject({
      push: { limit: 2000, intervalMs: 1000 },
      pnp: { limit: 2000, intervalMs: 1000 },
      multicast: { limit: 200, intervalMs: 1000 },
      broadcast: { limit: 60, intervalMs: 3_600_000 },
      narrowcast: { limit: 60, intervalMs: 3_600_000 },
      audience: { limit: 60, intervalMs: 60_000 },
    });
  });
});

describe('send', () => {
  it('pushes to a user, personalised, silent, with a deterministic retry key', async () => {
    const result = await channel.send(
      {
        recipient: { type: 'user', userId: userId(1), variables: { name: 'Aiko' } },
        message: message({ parts: [{ type: 'text', text: 'Hi {{name}}' }], metadata: { silent: true } }),
      },
      { idempotencyKey: 'campaign-7:user-1' },
    );
    expect(result).toMatchObject({
      channel: 'line',
      operation: 'push',
      accepted: { recipients: 1, messages: 1 },
    });
    expect(result.messageIds).toHaveLength(1);
    expect(headers[0]!.get('x-line-retry-key')).toBe(toLineRetryKey('campaign-7:user-1'));
    expect(mock.inbox.messagesFor(userId(1))).toEqual([{ type: 'text', text: 'Hi Aiko' }]);
    const again = await channel.send(
      {
        recipient: { type: 'user', userId: userId(1), variables: { name: 'Aiko' } },
        message: message({ parts: [{ type: 'text', text: 'Hi {{name}}' }], metadata: { silent: true } }),
      },
      { idempotencyKey: 'campaign-7:user-1' },
    );
    expect(again.alreadyAccepted).toBe(true);
    expect(again.messageIds).toEqual(result.messageIds);
    expect(mock.inbox.countFor(userId(1))).toBe(1);
  });

  it('returns degradation warnings, or throws in strict mode', async () => {
    const input = message({ parts: [{ type: 'file', url: 'https://cdn.test/a.pdf', filename: 'a.pdf' }] });
    const result = await channel.send({ recipient: { type: 'user', userId: userId(2) }, message: input });
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['part:file']);
    const error = await channel
      .send({ recipient: { type: 'user', userId: userId(2) }, message: input }, { strict: true })
      .catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect((error as UnsupportedFeatureError).feature).toBe('part:file');
  });

  it('reports every limit broken at once', async () => {
    const error = await channel
      .send({
        recipient: { type: 'user', userId: userId(3) },
        message: message({
          parts: [
            { type: 'text', text: 'x'.repeat(5001) },
            {
              type: 'buttons',
              text: 'Pick',
              buttons: Array.from({ length: 5 }, (_, index) => ({
                type: 'reply' as const,
                label: `L${index}`,
                text: 't',
              })),
            },
          ],
        }),
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'parts.0.text',
      'parts.1.buttons',
    ]);
    expect(headers).toHaveLength(0);
  });

  it('sends to a phone number as a LINE notification message', async () => {
    const result = await channel.send({
      recipient: { type: 'phone', phone: '0912-345-678' },
      message: message({ parts: [{ type: 'text', text: 'Your parcel arrived' }] }),
    });
    expect(result.operation).toBe('pnp');
    expect(mock.inbox.receivedByPhone('+886912345678')).toHaveLength(1);
  });

  it('sends a LINE template part to a phone number as a templated notification', async () => {
    await channel.send({
      recipient: { type: 'phone', phone: '+886912345678' },
      message: message({
        parts: [
          {
            type: 'template',
            channel: 'line',
            name: 'delivery_completed_zh',
            parameters: { date: '6/1', order: 'A-100' },
            raw: { emphasizedItemKey: 'date', buttons: [{ buttonKey: 'track', url: 'https://shop.test/t' }] },
          },
        ],
      }),
    });
    const [entry] = mock.inbox.receivedByPhone('+886912345678');
    expect(entry!.operation).toBe('pnp-templated');
    expect(entry!.messages[0]).toEqual({
      templateKey: 'delivery_completed_zh',
      body: {
        emphasizedItem: { itemKey: 'date', content: '6/1' },
        items: [{ itemKey: 'order', content: 'A-100' }],
        buttons: [{ buttonKey: 'track', url: 'https://shop.test/t' }],
      },
    });
  });

  it('narrowcasts to an audience', async () => {
    const audience = await client.audiences.create({ description: 'Fans', userIds: [userId(1), userId(2)] });
    const result = await channel.send({
      recipient: { type: 'audience', audienceId: String(audience.audienceGroupId) },
      message: message({ parts: [{ type: 'text', text: 'Sale' }] }),
    });
    expect(result.operation).toBe('narrowcast');
    mock.narrowcasts.completeAll();
    expect(mock.inbox.countFor(userId(2))).toBe(1);
    await expect(
      channel.send({
        recipient: { type: 'audience', audienceId: 'vip' },
        message: message({ parts: [{ type: 'text', text: 'x' }] }),
      }),
    ).rejects.toThrow(/audienceGroupId/);
  });

  it('refuses email recipients', async () => {
    await expect(
      channel.send({
        recipient: { type: 'email', email: 'a@b.test' },
        message: message({ parts: [{ type: 'text', text: 'x' }] }),
      }),
    ).rejects.toThrow(/email recipients are not supported/);
  });
});

describe('sendMany', () => {
  it('multicasts to up to 500 users in one call', async () => {
    const recipients = Array.from({ length: 500 }, (_, index) => ({
      type: 'user' as const,
      userId: userId(index + 1),
    }));
    const result = await channel.sendMany!(
      { recipients, message: message({ parts: [{ type: 'text', text: 'All' }] }) },
      { idempotencyKey: 'batch-1' },
    );
    expect(result).toMatchObject({ operation: 'multicast', accepted: { recipients: 500, messages: 1 } });
    expect(headers).toHaveLength(1);
    expect(mock.inbox.countFor(userId(500))).toBe(1);
  });

  it('refuses more than 500 users, non-user recipients and personalised messages', async () => {
    const recipients = [
      ...Array.from({ length: 501 }, (_, index) => ({ type: 'user' as const, userId: userId(index + 1) })),
      { type: 'phone' as const, phone: '+886912345678' },
    ];
    const error = await channel.sendMany!({
      recipients,
      message: message({ parts: [{ type: 'text', text: 'Hi {{name}}' }] }),
    }).catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.code)).toEqual([
      'unsupported-recipient',
      'max-items',
      'personalised',
    ]);
    expect(headers).toHaveLength(0);
  });
});
