import { type MessageInput, parseMessage } from '@omnicast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToLineMessages, toLineText } from './convert-to-line-messages.js';
import { validateLineMessages } from './validate-line-messages.js';

const convert = (input: MessageInput) => convertToLineMessages(parseMessage(input));

describe('convertToLineMessages', () => {
  it.each([
    ['text', { parts: [{ type: 'text', text: 'Hello' }] }, [{ type: 'text', text: 'Hello' }]],
    [
      'text with LINE emojis',
      { parts: [{ type: 'text', text: 'Hi {emoji:5ac1bfd5040ab15980c9b435:001}!' }] },
      [
        {
          type: 'text',
          text: 'Hi $!',
          emojis: [{ index: 3, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' }],
        },
      ],
    ],
    [
      'image',
      { parts: [{ type: 'image', url: 'https://cdn.test/a.jpg' }] },
      [
        {
          type: 'image',
          originalContentUrl: 'https://cdn.test/a.jpg',
          previewImageUrl: 'https://cdn.test/a.jpg',
        },
      ],
    ],
    [
      'video with preview',
      { parts: [{ type: 'video', url: 'https://cdn.test/a.mp4', previewUrl: 'https://cdn.test/a.jpg' }] },
      [
        {
          type: 'video',
          originalContentUrl: 'https://cdn.test/a.mp4',
          previewImageUrl: 'https://cdn.test/a.jpg',
        },
      ],
    ],
    [
      'audio with duration',
      { parts: [{ type: 'audio', url: 'https://cdn.test/a.m4a', durationMs: 6000 }] },
      [{ type: 'audio', originalContentUrl: 'https://cdn.test/a.m4a', duration: 6000 }],
    ],
    [
      'location',
      {
        parts: [
          { type: 'location', title: 'Shop', address: '1-1 Ginza', latitude: 35.67, longitude: 139.76 },
        ],
      },
      [{ type: 'location', title: 'Shop', address: '1-1 Ginza', latitude: 35.67, longitude: 139.76 }],
    ],
    [
      'sticker',
      { parts: [{ type: 'sticker', packageId: '446', stickerId: '1988' }] },
      [{ type: 'sticker', packageId: '446', stickerId: '1988' }],
    ],
    [
      'confirm (two buttons, no title)',
      {
        parts: [
          {
            type: 'buttons',
            text: 'Attend?',
            buttons: [
              { type: 'postback', label: 'Yes', data: 'rsvp=yes' },
              { type: 'reply', label: 'No', text: 'no' },
            ],
          },
        ],
      },
      [
        {
          type: 'template',
          altText: 'Attend?',
          template: {
            type: 'confirm',
            text: 'Attend?',
            actions: [
              { type: 'postback', label: 'Yes', data: 'rsvp=yes' },
              { type: 'message', label: 'No', text: 'no' },
            ],
          },
        },
      ],
    ],
    [
      'buttons template',
      {
        parts: [
          {
            type: 'buttons',
            title: 'Order',
            text: 'Shipped',
            imageUrl: 'https://cdn.test/p.jpg',
            buttons: [
              { type: 'url', label: 'Track', url: 'https://shop.test/t' },
              { type: 'phone', label: 'Call', phoneNumber: '+81 3-1234-5678' },
              { type: 'postback', label: 'Help', data: 'help', displayText: 'Help me' },
            ],
          },
        ],
      },
      [
        {
          type: 'template',
          altText: 'Order',
          template: {
            type: 'buttons',
            thumbnailImageUrl: 'https://cdn.test/p.jpg',
            title: 'Order',
            text: 'Shipped',
            actions: [
              { type: 'uri', label: 'Track', uri: 'https://shop.test/t' },
              { type: 'uri', label: 'Call', uri: 'tel:+81312345678' },
              { type: 'postback', label: 'Help', data: 'help', displayText: 'Help me' },
            ],
          },
        },
      ],
    ],
    [
      'carousel template',
      {
        parts: [
          {
            type: 'carousel',
            altText: 'Products',
            cards: [
              {
                title: 'A',
                text: 'First',
                imageUrl: 'https://cdn.test/a.jpg',
                buttons: [{ type: 'url', label: 'Buy', url: 'https://shop.test/a' }],
              },
              {
                title: 'B',
                text: 'Second',
                imageUrl: 'https://cdn.test/b.jpg',
                buttons: [{ type: 'url', label: 'Buy', url: 'https://shop.test/b' }],
              },
            ],
          },
        ],
      },
      [
        {
          type: 'template',
          altText: 'Products',
          template: {
            type: 'carousel',
            imageAspectRatio: 'rectangle',
            columns: [
              {
                thumbnailImageUrl: 'https://cdn.test/a.jpg',
                title: 'A',
                text: 'First',
                actions: [{ type: 'uri', label: 'Buy', uri: 'https://shop.test/a' }],
              },
              {
                thumbnailImageUrl: 'https://cdn.test/b.jpg',
                title: 'B',
                text: 'Second',
                actions: [{ type: 'uri', label: 'Buy', uri: 'https://shop.test/b' }],
              },
            ],
          },
        },
      ],
    ],
    [
      'image carousel template passthrough',
      {
        parts: [
          {
            type: 'template',
            channel: 'line',
            name: 'image_carousel',
            raw: {
              altText: 'Pick',
              columns: [
                {
                  imageUrl: 'https://cdn.test/a.jpg',
                  action: { type: 'uri', label: 'A', uri: 'https://shop.test/a' },
                },
              ],
            },
          },
        ],
      },
      [
        {
          type: 'template',
          altText: 'Pick',
          template: {
            type: 'image_carousel',
            columns: [
              {
                imageUrl: 'https://cdn.test/a.jpg',
                action: { type: 'uri', label: 'A', uri: 'https://shop.test/a' },
              },
            ],
          },
        },
      ],
    ],
    [
      'flex passthrough',
      {
        parts: [
          {
            type: 'template',
            channel: 'line',
            name: 'flex',
            raw: {
              altText: 'Receipt',
              contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } },
            },
          },
        ],
      },
      [
        {
          type: 'flex',
          altText: 'Receipt',
          contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } },
        },
      ],
    ],
  ] as const)('converts %s', (_name, input, expected) => {
    const result = convert(input as unknown as MessageInput);
    expect(result.messages).toEqual(expected);
    expect(result.warnings).toEqual([]);
    expect(validateLineMessages(result.messages)).toEqual([]);
  });

  it('attaches quick replies to the last message and warns when moved', () => {
    const result = convert({
      parts: [
        {
          type: 'buttons',
          style: 'quick-reply',
          text: 'Pick one',
          buttons: [{ type: 'reply', label: 'A', text: 'a' }],
        },
        { type: 'text', text: 'Thanks' },
      ],
    });
    expect(result.messages[0]).toEqual({ type: 'text', text: 'Pick one' });
    expect(result.messages[1]).toEqual({
      type: 'text',
      text: 'Thanks',
      quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'A', text: 'a' } }] },
    });
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['quick-reply:position']);
  });

  it.each([
    [
      { type: 'file', url: 'https://cdn.test/a.pdf', filename: 'a.pdf' },
      'part:file',
      { type: 'text', text: 'a.pdf: https://cdn.test/a.pdf' },
    ],
    [
      { type: 'video', url: 'https://cdn.test/a.mp4' },
      'video:no-preview',
      { type: 'text', text: 'Video: https://cdn.test/a.mp4' },
    ],
    [
      { type: 'audio', url: 'https://cdn.test/a.m4a' },
      'audio:no-duration',
      { type: 'text', text: 'Audio: https://cdn.test/a.m4a' },
    ],
  ] as const)('degrades %o with a warning', (part, feature, message) => {
    const result = convert({ parts: [part as never] });
    expect(result.messages).toEqual([message]);
    expect(result.warnings.map((warning) => warning.feature)).toEqual([feature]);
  });

  it('leaves out templates of other channels with a warning', () => {
    const result = convert({
      parts: [
        { type: 'text', text: 'x' },
        { type: 'template', channel: 'whatsapp', name: 'order_update' },
      ],
    });
    expect(result.messages).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ feature: 'part:template', path: ['parts', 1] });
  });

  it('uses message.raw.line as is', () => {
    const raw = [{ type: 'text', text: 'raw' }];
    expect(convert({ parts: [{ type: 'text', text: 'ignored' }], raw: { line: raw } }).messages).toEqual(raw);
  });
});

describe('toLineText (property)', () => {
  it('puts every emoji on a $ at its UTF-16 index and keeps the rest of the text', () => {
    const emoji = fc.record({
      productId: fc.stringMatching(/^[0-9a-f]{24}$/),
      emojiId: fc.stringMatching(/^[0-9]{3}$/),
    });
    const chunk = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((value) => !value.includes('{'));
    fc.assert(
      fc.property(fc.array(fc.tuple(chunk, emoji), { maxLength: 6 }), chunk, (pieces, tail) => {
        const input = pieces.map(([text, e]) => `${text}{emoji:${e.productId}:${e.emojiId}}`).join('') + tail;
        const result = toLineText(input);
        const emojis = result.emojis ?? [];
        expect(emojis).toHaveLength(pieces.length);
        for (const item of emojis) expect(result.text[item.index]).toBe('$');
        expect(result.text.replace(/\$/g, '')).toBe(
          input.replace(/\{emoji:[0-9a-zA-Z]+:[0-9a-zA-Z]+\}/g, '').replace(/\$/g, ''),
        );
      }),
    );
  });
});
