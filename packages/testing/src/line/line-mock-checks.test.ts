import { describe, expect, it } from 'vitest';
import {
  checkMessages,
  checkMulticastTo,
  checkNarrowcast,
  checkPushTo,
  detailsBody,
} from './line-mock-checks.js';

const img = 'https://cdn.test/a.png';
const ok = { type: 'message', label: 'ok', text: 'ok' };
const props = (message: unknown, forbidMedia = false) =>
  checkMessages({ messages: [message] }, { forbidMedia }).map(
    (detail) => `${detail.property}: ${detail.message}`,
  );

describe('checkMessages', () => {
  it.each([
    ['text', { type: 'text', text: 'x', emojis: [] }],
    ['image', { type: 'image', originalContentUrl: img, previewImageUrl: img }],
    ['audio', { type: 'audio', originalContentUrl: img, duration: 1 }],
    ['location', { type: 'location', title: 't', address: 'a', latitude: 0, longitude: 0 }],
    ['sticker', { type: 'sticker', packageId: '1', stickerId: '2' }],
    ['imagemap', { type: 'imagemap', altText: 'a', actions: [] }],
    ['coupon', { type: 'coupon', couponId: 'c' }],
    [
      'flex carousel',
      { type: 'flex', altText: 'a', contents: { type: 'carousel', contents: [{ type: 'bubble' }] } },
    ],
    [
      'every template',
      {
        type: 'template',
        altText: 'a',
        template: {
          type: 'carousel',
          columns: [
            {
              title: 't',
              text: 'x',
              actions: [
                { type: 'postback', data: 'd' },
                { type: 'uri', uri: 'https://x.test' },
                { type: 'clipboard', label: 'c', clipboardText: 'x' },
              ],
            },
          ],
        },
      },
    ],
    ['buttons', { type: 'template', altText: 'a', template: { type: 'buttons', text: 'x', actions: [ok] } }],
    [
      'image carousel',
      {
        type: 'template',
        altText: 'a',
        template: { type: 'image_carousel', columns: [{ imageUrl: img, action: ok }] },
      },
    ],
  ])('accepts %s', (_name, message) => {
    expect(props(message)).toEqual([]);
  });

  it.each([
    ['a non-object', 'x', ['messages[0]: May not be empty']],
    ['an unknown type', { type: 'poll' }, ['messages[0].type: Invalid message type']],
    ['a non-string text', { type: 'text', text: 1 }, ['messages[0].text: Must be a string']],
    ['an empty text', { type: 'text', text: '' }, ['messages[0].text: May not be empty']],
    [
      '21 emojis',
      { type: 'text', text: 'x', emojis: Array.from({ length: 21 }, () => ({})) },
      ['messages[0].emojis: Size must be between 0 and 20'],
    ],
    [
      'an http URL',
      { type: 'video', originalContentUrl: 'http://x.test/v.mp4', previewImageUrl: img },
      ['messages[0].originalContentUrl: Must be a HTTPS URL'],
    ],
    [
      'a long URL',
      { type: 'image', originalContentUrl: `${img}?${'x'.repeat(2000)}`, previewImageUrl: img },
      ['messages[0].originalContentUrl: Length must be between 0 and 2000'],
    ],
    [
      'a missing URL',
      { type: 'image', previewImageUrl: img },
      ['messages[0].originalContentUrl: May not be empty'],
    ],
    [
      'audio without duration',
      { type: 'audio', originalContentUrl: img },
      ['messages[0].duration: May not be empty'],
    ],
    [
      'media in PNP',
      { type: 'audio', originalContentUrl: img, duration: 1 },
      ['messages[0].type: This message type cannot be sent as a LINE notification message'],
      true,
    ],
    ['a flex without contents', { type: 'flex', altText: 'a' }, ['messages[0].contents: May not be empty']],
    [
      'a 30 KB+ bubble',
      { type: 'flex', altText: 'a', contents: { type: 'bubble', pad: 'x'.repeat(31 * 1024) } },
      ['messages[0].contents: Size must be at most 30720 bytes'],
    ],
    [
      '51 imagemap actions',
      { type: 'imagemap', altText: 'a', actions: Array.from({ length: 51 }, () => ({})) },
      ['messages[0].actions: Size must be between 0 and 50'],
    ],
    ['no template', { type: 'template', altText: 'a' }, ['messages[0].template: May not be empty']],
    [
      'an unknown template',
      { type: 'template', altText: 'a', template: { type: 'list' } },
      ['messages[0].template.type: Invalid template type'],
    ],
    [
      'an unknown action',
      {
        type: 'template',
        altText: 'a',
        template: { type: 'buttons', text: 'x', actions: [{ type: 'call' }] },
      },
      ['messages[0].template.actions[0].type: Invalid action type'],
    ],
    [
      'a non-object action',
      { type: 'template', altText: 'a', template: { type: 'buttons', text: 'x', actions: ['x'] } },
      ['messages[0].template.actions[0]: May not be empty'],
    ],
    [
      'a long carousel text and a bad column',
      {
        type: 'template',
        altText: 'a',
        template: { type: 'carousel', columns: [{ text: 'x'.repeat(121), actions: [ok] }, 'bad'] },
      },
      [
        'messages[0].template.columns[0].text: Length must be between 0 and 120',
        'messages[0].template.columns[1]: May not be empty',
      ],
    ],
    [
      'a bad image carousel column',
      { type: 'template', altText: 'a', template: { type: 'image_carousel', columns: ['x'] } },
      ['messages[0].template.columns[0]: May not be empty'],
    ],
    [
      'a bad quick reply item',
      { type: 'text', text: 'x', quickReply: { items: ['x'] } },
      ['messages[0].quickReply.items[0]: May not be empty'],
    ],
  ] as [string, unknown, string[], boolean?][])(
    'reports %s',
    (_name, message, expected, forbidMedia = false) => {
      expect(props(message, forbidMedia)).toEqual(expected);
    },
  );

  it('reports missing messages', () => {
    expect(checkMessages({})).toEqual([{ property: 'messages', message: 'May not be empty' }]);
  });
});

describe('recipient checks', () => {
  it('checks push and multicast recipients', () => {
    expect(checkPushTo({})).toEqual([{ property: 'to', message: 'May not be empty' }]);
    expect(checkPushTo({ to: 'bob' })).toEqual([
      { property: 'to', message: 'Invalid user, group or room id' },
    ]);
    expect(checkPushTo({ to: `C${'a'.repeat(32)}` })).toEqual([]);
    expect(checkMulticastTo({ to: [] })).toEqual([
      { property: 'to', message: 'Size must be between 1 and 500' },
    ]);
  });

  it('checks narrowcast recipients and limits', () => {
    const audiences = Array.from({ length: 11 }, (_, index) => ({
      type: 'audience',
      audienceGroupId: index,
    }));
    expect(
      checkNarrowcast({ recipient: { type: 'operator', or: audiences } }).map((detail) => detail.property),
    ).toEqual(['recipient']);
    expect(checkNarrowcast({ recipient: { type: 'operator', not: { type: 'everyone' } } })).toEqual([
      { property: 'recipient.not.type', message: 'Invalid recipient type' },
    ]);
    expect(checkNarrowcast({ recipient: 'x' })).toEqual([
      { property: 'recipient', message: 'May not be empty' },
    ]);
    expect(
      checkNarrowcast({ limit: { max: 0, forbidPartialDelivery: true } }).map((detail) => detail.property),
    ).toEqual(['limit.max', 'limit.forbidPartialDelivery']);
    expect(detailsBody([{ property: 'a', message: 'b' }])).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ property: 'a', message: 'b' }],
    });
  });
});
