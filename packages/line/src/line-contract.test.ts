import { describe, expect, it } from 'vitest';
import { createLineContractValidator } from './__tests__/line-contract-validator.js';
import { createCheckedMock, token, userId } from './__tests__/line-test-harness.js';
import { createLineChannel } from './line-channel.js';
import { LineClient } from './line-client.js';

const validator = createLineContractValidator();

describe('the contract oracle (official OpenAPI specs) can fail', () => {
  it.each([
    ['a text message without text', { to: userId(1), messages: [{ type: 'text' }] }, 'text'],
    [
      'six messages',
      { to: userId(1), messages: Array.from({ length: 6 }, () => ({ type: 'text', text: 'x' })) },
      'messages',
    ],
    [
      'a buttons template whose actions are not an array',
      {
        to: userId(1),
        messages: [
          { type: 'template', altText: 'a', template: { type: 'buttons', text: 't', actions: 'x' } },
        ],
      },
      'actions',
    ],
    [
      'a non-boolean notificationDisabled',
      { to: userId(1), messages: [{ type: 'text', text: 'x' }], notificationDisabled: 'yes' },
      'notificationDisabled',
    ],
  ])('rejects a push with %s', { timeout: 60_000 }, (_name, body, fragment) => {
    const errors = validator.checkRequest('POST', '/v2/bot/message/push', body, 'application/json');
    expect(errors.join('\n')).toContain(fragment);
  });

  it('rejects 501 multicast ids, a bad narrowcast recipient and a malformed templated PNP', () => {
    expect(
      validator.checkRequest(
        'POST',
        '/v2/bot/message/multicast',
        { to: Array.from({ length: 501 }, (_, i) => userId(i)), messages: [{ type: 'text', text: 'x' }] },
        'application/json',
      ),
    ).not.toEqual([]);
    expect(
      validator.checkRequest(
        'POST',
        '/v2/bot/message/narrowcast',
        { messages: [{ type: 'text', text: 'x' }], recipient: { type: 'audience', audienceGroupId: 'abc' } },
        'application/json',
      ),
    ).not.toEqual([]);
    expect(
      validator.checkRequest('POST', '/v2/bot/message/pnp/templated/push', {
        to: '+81',
        templateKey: 'k',
        body: {},
      }),
    ).not.toEqual([]);
  });

  it('rejects bad responses and unknown operations', () => {
    expect(
      validator.checkResponse('POST', '/v2/bot/message/push', 200, { sentMessages: [{ quoteToken: 'q' }] }),
    ).not.toEqual([]);
    expect(validator.checkResponse('GET', '/v2/bot/message/quota', 200, { type: 'unlimited' })).not.toEqual(
      [],
    );
    expect(validator.checkResponse('POST', '/v2/bot/message/push', 400, { details: [] })).not.toEqual([]);
    expect(() => validator.checkRequest('POST', '/v2/bot/nothing', {})).toThrow(/No LINE spec operation/);
  });
});

describe('the mock validates bodies against the official spec too', () => {
  it('answers 400 in LINE shape to a body the spec rejects (beyond the documented limits)', async () => {
    const { mock } = createCheckedMock();
    const response = await mock.handle(
      new Request('https://api.line.me/v2/bot/message/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          to: userId(1),
          messages: [{ type: 'text', text: 'x' }],
          notificationDisabled: 'yes',
        }),
      }),
    );
    expect(response?.status).toBe(400);
    const body = (await response!.json()) as {
      message: string;
      details: { property: string; message: string }[];
    };
    expect(body.message).toBe('The request body has 1 error(s)');
    expect(body.details[0]!.property).toBe('notificationDisabled');
    expect(mock.inbox.total()).toBe(0);
  });
});

describe('every message shape the adapter produces conforms to the official spec', () => {
  it('pushes converted unified messages and raw LINE messages through the checked mock', {
    timeout: 60_000,
  }, async () => {
    const { mock, validator: checker } = createCheckedMock({ knownPhoneNumbers: ['+818000001234'] });
    const client = new LineClient({
      channelAccessToken: token,
      fetch: mock.fetch,
      dataBaseUrl: 'https://api-data.line.me',
    });
    const channel = createLineChannel(client);
    const img = 'https://cdn.test/a.jpg';
    const unified = [
      [
        { type: 'text', text: 'Hi {emoji:5ac1bfd5040ab15980c9b435:001}' },
        { type: 'sticker', packageId: '446', stickerId: '1988' },
      ],
      [
        { type: 'image', url: img },
        { type: 'video', url: 'https://cdn.test/a.mp4', previewUrl: img },
        { type: 'audio', url: 'https://cdn.test/a.m4a', durationMs: 3000 },
      ],
      [
        { type: 'location', title: 'Shop', address: 'Ginza', latitude: 35.6, longitude: 139.7 },
        { type: 'file', url: 'https://cdn.test/a.pdf', filename: 'a.pdf' },
      ],
      [
        {
          type: 'buttons',
          text: 'Attend?',
          buttons: [
            { type: 'postback', label: 'Yes', data: 'y', displayText: 'Yes' },
            { type: 'reply', label: 'No', text: 'no' },
          ],
        },
      ],
      [
        {
          type: 'buttons',
          title: 'Order',
          text: 'Shipped',
          imageUrl: img,
          buttons: [
            { type: 'url', label: 'Track', url: 'https://shop.test' },
            { type: 'phone', label: 'Call', phoneNumber: '+81312345678' },
          ],
        },
      ],
      [
        {
          type: 'carousel',
          cards: [
            {
              title: 'A',
              text: 'a',
              imageUrl: img,
              buttons: [{ type: 'url', label: 'Buy', url: 'https://shop.test/a' }],
            },
            {
              title: 'B',
              text: 'b',
              imageUrl: img,
              buttons: [{ type: 'url', label: 'Buy', url: 'https://shop.test/b' }],
            },
          ],
        },
      ],
      [
        { type: 'text', text: 'Pick' },
        {
          type: 'buttons',
          style: 'quick-reply',
          text: 'Rate',
          buttons: [
            { type: 'postback', label: '👍', data: 'r=5' },
            { type: 'url', label: 'Site', url: 'https://shop.test' },
          ],
        },
      ],
      [
        {
          type: 'template',
          channel: 'line',
          name: 'image_carousel',
          raw: {
            altText: 'Pick',
            columns: [{ imageUrl: img, action: { type: 'uri', label: 'A', uri: 'https://shop.test/a' } }],
          },
        },
      ],
      [
        {
          type: 'template',
          channel: 'line',
          name: 'flex',
          raw: {
            altText: 'Receipt',
            contents: {
              type: 'bubble',
              body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Total ¥1,000' }] },
            },
          },
        },
      ],
    ];
    let index = 0;
    for (const parts of unified) {
      await channel.send({
        recipient: { type: 'user', userId: userId(++index) },
        message: { parts } as never,
      });
      await channel.sendMany!({
        recipients: [
          { type: 'user', userId: userId(++index) },
          { type: 'user', userId: userId(++index) },
        ],
        message: { parts } as never,
      });
    }
    await channel.send({
      recipient: { type: 'phone', phone: '+818000001234' },
      message: { parts: [{ type: 'text', text: 'Delivered' }] } as never,
    });
    await client.reply({
      replyToken: 'rt',
      messages: [
        {
          type: 'imagemap',
          baseUrl: 'https://cdn.test/map',
          altText: 'map',
          baseSize: { width: 1040, height: 1040 },
          actions: [
            { type: 'uri', linkUri: 'https://shop.test', area: { x: 0, y: 0, width: 520, height: 1040 } },
          ],
        },
      ],
    });
    await client.broadcast({
      messages: [{ type: 'text', text: 'x', sender: { name: 'Shop', iconUrl: img } }],
    });
    console.info(
      `contract-checked (message shapes): ${checker.counts.requests} requests, ${checker.counts.responses} responses`,
    );
    expect(checker.errors).toEqual([]);
    expect(checker.counts.requests).toBeGreaterThanOrEqual(21);
  });
});
