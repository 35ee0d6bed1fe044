import { describe, expect, it } from 'vitest';
import { validatePnpTemplatedRequest } from './line-pnp.js';
import {
  validateAggregationUnits,
  validateLineMessages,
  validateMulticastRecipients,
} from './validate-line-messages.js';
import { validateNarrowcastTargeting } from './validate-line-narrowcast.js';

const img = 'https://cdn.test/a.png';
const paths = (issues: { path: readonly (string | number)[] }[]) =>
  issues.map((issue) => issue.path.join('.'));
const one = (message: unknown) => paths(validateLineMessages([message]));
const confirm = (actions: unknown[]) => ({
  type: 'template',
  altText: 'a',
  template: { type: 'confirm', text: 't', actions },
});
const ok = { type: 'message', label: 'ok', text: 'ok' };

describe('validateLineMessages: valid messages', () => {
  it.each([
    [
      'text with 20 emojis',
      {
        type: 'text',
        text: '$'.repeat(20),
        emojis: Array.from({ length: 20 }, (_, index) => ({ index, productId: 'p', emojiId: '001' })),
      },
    ],
    [
      'textV2',
      {
        type: 'textV2',
        text: 'Hi {user}',
        substitution: { user: { type: 'mention', mentionee: { type: 'all' } } },
      },
    ],
    ['5000 UTF-16 units', { type: 'text', text: '🍎'.repeat(2500) }],
    ['sticker', { type: 'sticker', packageId: '446', stickerId: '1988' }],
    ['audio', { type: 'audio', originalContentUrl: img, duration: 1000 }],
    [
      'imagemap',
      {
        type: 'imagemap',
        baseUrl: img,
        altText: 'map',
        baseSize: { width: 1040, height: 1040 },
        actions: [],
      },
    ],
    ['coupon', { type: 'coupon', couponId: 'c1' }],
    ['20-grapheme label of family emojis', confirm([{ ...ok, label: '👨‍👩‍👧'.repeat(20) }, ok])],
    [
      'every action type',
      {
        type: 'template',
        altText: 'a',
        template: {
          type: 'carousel',
          columns: [
            {
              text: 'a',
              actions: [
                { type: 'datetimepicker', label: 'd', data: 'x', mode: 'date' },
                { type: 'camera', label: 'c' },
                { type: 'clipboard', label: 'c', clipboardText: 'x' },
              ],
            },
            {
              text: 'b',
              actions: [
                { type: 'richmenuswitch', richMenuAliasId: 'a', data: 'x' },
                { type: 'cameraRoll', label: 'r' },
                { type: 'location', label: 'l' },
              ],
            },
          ],
        },
      },
    ],
    [
      'flex carousel',
      { type: 'flex', altText: 'a', contents: { type: 'carousel', contents: [{ type: 'bubble' }] } },
    ],
    ['sender', { type: 'text', text: 'x', sender: { name: 'Shop', iconUrl: img } }],
  ])('accepts %s', (_name, message) => {
    expect(one(message)).toEqual([]);
  });
});

describe('validateLineMessages: broken rules, all reported', () => {
  it.each([
    ['not an object', 'text', ['messages.0']],
    ['an unknown type', { type: 'poll' }, ['messages.0.type']],
    ['an empty text', { type: 'text', text: '' }, ['messages.0.text']],
    ['a non-string text', { type: 'text', text: 5 }, ['messages.0.text']],
    [
      '21 emojis',
      { type: 'text', text: 'x', emojis: Array.from({ length: 21 }, () => ({})) },
      ['messages.0.emojis'],
    ],
    ['a sticker without ids', { type: 'sticker' }, ['messages.0']],
    [
      'an http image',
      { type: 'image', originalContentUrl: 'http://cdn.test/a.png', previewImageUrl: img },
      ['messages.0.originalContentUrl'],
    ],
    ['an image without preview', { type: 'image', originalContentUrl: img }, ['messages.0.previewImageUrl']],
    [
      'a 2001-character URL',
      { type: 'video', originalContentUrl: `${img}?${'x'.repeat(2000)}`, previewImageUrl: img },
      ['messages.0.originalContentUrl'],
    ],
    ['audio without duration', { type: 'audio', originalContentUrl: img }, ['messages.0.duration']],
    [
      'a 101-character location title',
      { type: 'location', title: 'x'.repeat(101), address: 'a', latitude: 0, longitude: 0 },
      ['messages.0.title'],
    ],
    [
      'imagemap with 51 actions',
      { type: 'imagemap', baseUrl: img, altText: 'a', actions: Array.from({ length: 51 }, () => ({})) },
      ['messages.0.actions'],
    ],
    [
      'a 1501-unit alt text',
      { type: 'flex', altText: 'x'.repeat(1501), contents: { type: 'bubble' } },
      ['messages.0.altText'],
    ],
    [
      'a 30 KB+ bubble',
      { type: 'flex', altText: 'a', contents: { type: 'bubble', pad: 'x'.repeat(31 * 1024) } },
      ['messages.0.contents'],
    ],
    [
      '13 flex bubbles',
      {
        type: 'flex',
        altText: 'a',
        contents: { type: 'carousel', contents: Array.from({ length: 13 }, () => ({ type: 'bubble' })) },
      },
      ['messages.0.contents.contents'],
    ],
    [
      'a 50 KB+ flex carousel',
      {
        type: 'flex',
        altText: 'a',
        contents: { type: 'carousel', contents: [{ type: 'bubble', pad: 'x'.repeat(51 * 1024) }] },
      },
      ['messages.0.contents'],
    ],
    [
      'a flex without container',
      { type: 'flex', altText: 'a', contents: { type: 'box' } },
      ['messages.0.contents.type'],
    ],
    ['flex without contents', { type: 'flex', altText: 'a' }, ['messages.0.contents']],
    ['a coupon without id', { type: 'coupon' }, ['messages.0.couponId']],
    ['a template without template', { type: 'template', altText: 'a' }, ['messages.0.template']],
    [
      'an unknown template',
      { type: 'template', altText: 'a', template: { type: 'list' } },
      ['messages.0.template.type'],
    ],
    ['confirm with 3 actions', confirm([ok, ok, ok]), ['messages.0.template.actions']],
    [
      'a 21-grapheme label',
      confirm([{ ...ok, label: 'x'.repeat(21) }, ok]),
      ['messages.0.template.actions.0.label'],
    ],
    [
      'a 301-unit postback data',
      confirm([{ type: 'postback', label: 'a', data: 'x'.repeat(301) }, ok]),
      ['messages.0.template.actions.0.data'],
    ],
    [
      'a 1001-unit uri',
      confirm([{ type: 'uri', label: 'a', uri: 'x'.repeat(1001) }, ok]),
      ['messages.0.template.actions.0.uri'],
    ],
    [
      'a message action without text',
      confirm([{ type: 'message', label: 'a' }, ok]),
      ['messages.0.template.actions.0.text'],
    ],
    [
      'an unknown action',
      confirm([{ type: 'call', label: 'a' }, ok]),
      ['messages.0.template.actions.0.type'],
    ],
    ['a non-object action', confirm(['x', ok]), ['messages.0.template.actions.0']],
    [
      'a long clipboard text',
      confirm([{ type: 'clipboard', label: 'c', clipboardText: 'x'.repeat(1001) }, ok]),
      ['messages.0.template.actions.0.clipboardText'],
    ],
    [
      'buttons with a 61-grapheme text under a title and 5 actions',
      {
        type: 'template',
        altText: 'a',
        template: { type: 'buttons', title: 't', text: 'x'.repeat(61), actions: [ok, ok, ok, ok, ok] },
      },
      ['messages.0.template.text', 'messages.0.template.actions'],
    ],
    [
      'carousel columns with different action counts and long texts',
      {
        type: 'template',
        altText: 'a',
        template: {
          type: 'carousel',
          columns: [
            { text: 'x'.repeat(121), actions: [ok] },
            { title: 't', text: 'x'.repeat(61), actions: [ok, ok] },
            'bad',
          ],
        },
      },
      [
        'messages.0.template.columns.0.text',
        'messages.0.template.columns.1.text',
        'messages.0.template.columns.2',
        'messages.0.template.columns',
      ],
    ],
    [
      '11 carousel columns',
      {
        type: 'template',
        altText: 'a',
        template: {
          type: 'carousel',
          columns: Array.from({ length: 11 }, () => ({ text: 'a', actions: [ok] })),
        },
      },
      ['messages.0.template.columns'],
    ],
    [
      'an image carousel with a 13-grapheme label and no image',
      {
        type: 'template',
        altText: 'a',
        template: { type: 'image_carousel', columns: [{ action: { ...ok, label: 'x'.repeat(13) } }, 'bad'] },
      },
      [
        'messages.0.template.columns.0.imageUrl',
        'messages.0.template.columns.0.action.label',
        'messages.0.template.columns.1',
      ],
    ],
    [
      'an image carousel without columns',
      { type: 'template', altText: 'a', template: { type: 'image_carousel' } },
      ['messages.0.template.columns'],
    ],
    [
      '14 quick replies',
      {
        type: 'text',
        text: 'x',
        quickReply: { items: Array.from({ length: 14 }, () => ({ type: 'action', action: ok })) },
      },
      ['messages.0.quickReply.items'],
    ],
    [
      'a bad quick reply item and icon',
      {
        type: 'text',
        text: 'x',
        quickReply: { items: ['bad', { type: 'action', imageUrl: 'http://x.test/i.png', action: ok }] },
      },
      ['messages.0.quickReply.items.0', 'messages.0.quickReply.items.1.imageUrl'],
    ],
    [
      'a 21-grapheme sender name',
      { type: 'text', text: 'x', sender: { name: 'x'.repeat(21) } },
      ['messages.0.sender.name'],
    ],
  ])('reports %s', (_name, message, expected) => {
    expect(one(message)).toEqual(expected);
  });

  it('reports a non-array of messages', () => {
    expect(paths(validateLineMessages('x'))).toEqual(['messages']);
  });
});

describe('recipients and aggregation units', () => {
  it('checks multicast ids', () => {
    expect(paths(validateMulticastRecipients(['U1', '']))).toEqual(['to.1']);
    expect(paths(validateMulticastRecipients('U1'))).toEqual(['to']);
  });

  it('checks aggregation units', () => {
    expect(validateAggregationUnits(undefined)).toEqual([]);
    expect(validateAggregationUnits(['campaign_1'])).toEqual([]);
    expect(paths(validateAggregationUnits(['a', 'b']))).toEqual(['customAggregationUnits']);
    expect(paths(validateAggregationUnits(['x'.repeat(31)]))).toEqual(['customAggregationUnits.0']);
  });
});

describe('validateNarrowcastTargeting', () => {
  it.each([
    [
      'a valid request',
      {
        recipient: { type: 'redelivery', requestId: 'r' },
        filter: { demographic: { type: 'area', oneOf: ['jp_13', 'tw_01', 'th_08'] } },
        limit: { max: 10 },
      },
      [],
    ],
    ['an unknown recipient type', { recipient: { type: 'everyone' } }, ['recipient.type']],
    ['a non-object recipient', { recipient: 'all' }, ['recipient']],
    [
      'a non-integer audience id',
      { recipient: { type: 'audience', audienceGroupId: '12' } },
      ['recipient.audienceGroupId'],
    ],
    ['a redelivery without request id', { recipient: { type: 'redelivery' } }, ['recipient.requestId']],
    [
      'an operator with two branches',
      {
        recipient: {
          type: 'operator',
          not: { type: 'audience', audienceGroupId: 1 },
          or: [{ type: 'audience', audienceGroupId: 2 }],
        },
      },
      ['recipient'],
    ],
    [
      '11 audience objects',
      {
        recipient: {
          type: 'operator',
          or: Array.from({ length: 11 }, (_, index) => ({ type: 'audience', audienceGroupId: index })),
        },
      },
      ['recipient'],
    ],
    [
      'a bad gender and app type',
      {
        filter: {
          demographic: {
            type: 'operator',
            and: [
              { type: 'gender', oneOf: ['other'] },
              { type: 'appType', oneOf: [] },
            ],
          },
        },
      },
      ['filter.demographic.and.0.oneOf.0', 'filter.demographic.and.1.oneOf'],
    ],
    [
      'a bad area',
      { filter: { demographic: { type: 'area', oneOf: ['jp_48'] } } },
      ['filter.demographic.oneOf.0'],
    ],
    [
      'a bad age bucket',
      { filter: { demographic: { type: 'age', gte: 'age_18' } } },
      ['filter.demographic.gte'],
    ],
    [
      'a bad period',
      { filter: { demographic: { type: 'subscriptionPeriod', lt: 'day_8' } } },
      ['filter.demographic.lt'],
    ],
    [
      'a not of an unknown filter',
      { filter: { demographic: { type: 'operator', not: { type: 'income' } } } },
      ['filter.demographic.not.type'],
    ],
    ['a missing demographic', { filter: {} }, ['filter.demographic']],
    [
      '11 demographic objects',
      {
        filter: {
          demographic: {
            type: 'operator',
            or: Array.from({ length: 11 }, () => ({ type: 'gender', oneOf: ['male'] })),
          },
        },
      },
      ['filter.demographic'],
    ],
    ['a zero max', { limit: { max: 0 } }, ['limit.max']],
  ])('%s', (_name, request, expected) => {
    expect(paths(validateNarrowcastTargeting(request))).toEqual(expected);
  });
});

describe('validatePnpTemplatedRequest', () => {
  it('accepts the documented shape and reports every broken rule', () => {
    expect(
      validatePnpTemplatedRequest({
        to: 'x',
        templateKey: 'k',
        body: {
          emphasizedItem: { itemKey: 'a', content: '6/1' },
          items: [{ itemKey: 'b', content: 'c' }],
          buttons: [{ buttonKey: 'd', url: 'https://x.test' }],
        },
      }),
    ).toEqual([]);
    const issues = validatePnpTemplatedRequest({
      to: 'x',
      templateKey: '',
      body: {
        emphasizedItem: { itemKey: '', content: 'x'.repeat(16) },
        items: Array.from({ length: 16 }, (_, index) => ({
          itemKey: index === 0 ? '' : 'k',
          content: index === 1 ? 'x'.repeat(301) : 'c',
        })),
        buttons: [
          { buttonKey: '', url: '' },
          { buttonKey: 'b', url: 'https://x.test' },
          { buttonKey: 'c', url: 'https://x.test' },
        ],
      },
    });
    expect(paths(issues)).toEqual([
      'templateKey',
      'body.emphasizedItem.itemKey',
      'body.emphasizedItem.content',
      'body.items',
      'body.items.0.itemKey',
      'body.items.1.content',
      'body.buttons',
      'body.buttons.0.buttonKey',
      'body.buttons.0.url',
    ]);
  });
});
