import { describe, expect, it } from 'vitest';
import { parseMessageInput } from './__fixtures__/messages.js';
import type { ChannelCapabilities } from './channel-capabilities.js';
import type { PartType } from './message-schema.js';
import { validateMessage } from './validate-message.js';

function capabilitiesWith(overrides: Partial<ChannelCapabilities> = {}): ChannelCapabilities {
  return {
    parts: ['text', 'image', 'video', 'buttons', 'carousel'],
    limits: {
      maxPartsPerMessage: 5,
      text: { max: 10, unit: 'utf16' },
      buttonLabel: { max: 5, unit: 'grapheme' },
      altText: { max: 8, unit: 'codepoint' },
      cardTitle: { max: 6, unit: 'utf16' },
      cardText: { max: 12, unit: 'utf8-byte' },
      buttonsText: { max: 20, unit: 'utf16' },
      postbackData: { max: 4, unit: 'utf16' },
      maxButtons: 2,
      maxQuickReplies: 3,
      maxCarouselCards: 2,
      maxCardButtons: 1,
    },
    recipientTypes: ['user'],
    maxRecipientsPerCall: 1,
    operations: { user: 'push' },
    rateLimits: {},
    supportsIdempotencyKey: true,
    billingUnit: 'message',
    ...overrides,
  };
}

const reply = (label: string) => ({ type: 'reply' as const, label, text: 'x' });

describe('validateMessage limits', () => {
  it.each<[string, Parameters<typeof parseMessageInput>[0], { path: string; code: string; message: RegExp }]>(
    [
      [
        'too many parts',
        { parts: Array.from({ length: 6 }, () => ({ type: 'text' as const, text: 'x' })) },
        { path: 'parts', code: 'max-items', message: /has 6 parts; the limit is 5/ },
      ],
      [
        'text too long (UTF-16 units)',
        { parts: [{ type: 'text', text: '😀😀😀😀😀😀' }] },
        { path: 'parts.0.text', code: 'max-length', message: /is 12 UTF-16 units long; the limit is 10/ },
      ],
      [
        'image altText (code points)',
        { parts: [{ type: 'image', url: 'https://a.test/i.png', altText: '123456789' }] },
        { path: 'parts.0.altText', code: 'max-length', message: /9 code points/ },
      ],
      [
        'video altText',
        { parts: [{ type: 'video', url: 'https://a.test/v.mp4', altText: '123456789' }] },
        { path: 'parts.0.altText', code: 'max-length', message: /code points/ },
      ],
      [
        'buttons text uses buttonsText',
        { parts: [{ type: 'buttons', text: 'x'.repeat(21), buttons: [reply('a')] }] },
        { path: 'parts.0.text', code: 'max-length', message: /21 UTF-16 units long; the limit is 20/ },
      ],
      [
        'quick-reply text uses the text limit',
        { parts: [{ type: 'buttons', style: 'quick-reply', text: 'x'.repeat(11), buttons: [reply('a')] }] },
        { path: 'parts.0.text', code: 'max-length', message: /the limit is 10/ },
      ],
      [
        'buttons title uses cardTitle',
        { parts: [{ type: 'buttons', text: 'x', title: '1234567', buttons: [reply('a')] }] },
        { path: 'parts.0.title', code: 'max-length', message: /the limit is 6/ },
      ],
      [
        'too many buttons',
        { parts: [{ type: 'buttons', text: 'x', buttons: [reply('a'), reply('b'), reply('c')] }] },
        { path: 'parts.0.buttons', code: 'max-items', message: /has 3 buttons; the limit is 2/ },
      ],
      [
        'too many quick replies',
        {
          parts: [
            { type: 'buttons', style: 'quick-reply', text: 'x', buttons: ['a', 'b', 'c', 'd'].map(reply) },
          ],
        },
        { path: 'parts.0.buttons', code: 'max-items', message: /has 4 buttons; the limit is 3/ },
      ],
      [
        'button label (graphemes: a family emoji is one)',
        { parts: [{ type: 'buttons', text: 'x', buttons: [reply('👨‍👩‍👧‍👦abcde')] }] },
        { path: 'parts.0.buttons.0.label', code: 'max-length', message: /6 characters long; the limit is 5/ },
      ],
      [
        'postback data',
        {
          parts: [{ type: 'buttons', text: 'x', buttons: [{ type: 'postback', label: 'a', data: 'abcde' }] }],
        },
        { path: 'parts.0.buttons.0.data', code: 'max-length', message: /the limit is 4/ },
      ],
      [
        'carousel altText',
        { parts: [{ type: 'carousel', altText: '123456789', cards: [{ text: 'a' }] }] },
        { path: 'parts.0.altText', code: 'max-length', message: /code points/ },
      ],
      [
        'too many cards',
        { parts: [{ type: 'carousel', cards: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] }] },
        { path: 'parts.0.cards', code: 'max-items', message: /has 3 cards; the limit is 2/ },
      ],
      [
        'card title',
        { parts: [{ type: 'carousel', cards: [{ title: '1234567', text: 'a' }] }] },
        { path: 'parts.0.cards.0.title', code: 'max-length', message: /the limit is 6/ },
      ],
      [
        'card text (UTF-8 bytes)',
        { parts: [{ type: 'carousel', cards: [{ text: '你好你好你' }] }] },
        { path: 'parts.0.cards.0.text', code: 'max-length', message: /is 15 bytes long; the limit is 12/ },
      ],
      [
        'too many card buttons',
        { parts: [{ type: 'carousel', cards: [{ text: 'a', buttons: [reply('a'), reply('b')] }] }] },
        { path: 'parts.0.cards.0.buttons', code: 'max-items', message: /has 2 buttons; the limit is 1/ },
      ],
      [
        'card button label',
        { parts: [{ type: 'carousel', cards: [{ text: 'a', buttons: [reply('abcdef')] }] }] },
        { path: 'parts.0.cards.0.buttons.0.label', code: 'max-length', message: /the limit is 5/ },
      ],
    ],
  )('%s', (_name, input, expected) => {
    const report = validateMessage(parseMessageInput(input), capabilitiesWith());
    expect(report.isValid).toBe(false);
    expect(report.issues).toHaveLength(1);
    const [issue] = report.issues;
    expect(issue!.path.join('.')).toBe(expected.path);
    expect(issue!.code).toBe(expected.code);
    expect(issue!.message).toMatch(expected.message);
  });

  it('reports every broken limit at once', () => {
    const message = parseMessageInput({
      parts: [
        { type: 'text', text: 'x'.repeat(11) },
        { type: 'buttons', text: 'x', buttons: [reply('abcdef'), reply('abcdefg'), reply('c')] },
        { type: 'carousel', cards: [{ title: '1234567', text: 'a' }, { text: 'b' }, { text: 'c' }] },
      ],
    });
    const report = validateMessage(message, capabilitiesWith());
    expect(report.issues.map((issue) => issue.path.join('.'))).toEqual([
      'parts.0.text',
      'parts.1.buttons',
      'parts.1.buttons.0.label',
      'parts.1.buttons.1.label',
      'parts.2.cards',
      'parts.2.cards.0.title',
    ]);
  });

  it('a message within every limit is valid', () => {
    const message = parseMessageInput({
      parts: [
        { type: 'text', text: '0123456789' },
        { type: 'buttons', text: 'x', buttons: [reply('abcde'), reply('b')] },
      ],
    });
    expect(validateMessage(message, capabilitiesWith())).toEqual({ isValid: true, issues: [], warnings: [] });
  });

  it('missing limits mean no limit', () => {
    const message = parseMessageInput({ parts: [{ type: 'text', text: 'x'.repeat(5000) }] });
    expect(validateMessage(message, capabilitiesWith({ limits: {} })).isValid).toBe(true);
  });

  it('buttons text falls back to the text limit without buttonsText', () => {
    const capabilities = capabilitiesWith();
    const { buttonsText: _, ...limits } = capabilities.limits;
    const message = parseMessageInput({
      parts: [{ type: 'buttons', text: 'x'.repeat(11), buttons: [reply('a')] }],
    });
    expect(validateMessage(message, { ...capabilities, limits }).issues[0]!.path.join('.')).toBe(
      'parts.0.text',
    );
  });
});

describe('validateMessage degradation warnings', () => {
  const unsupported: [PartType, Record<string, unknown>, RegExp][] = [
    ['image', { type: 'image', url: 'https://a.test/i.png' }, /a link to the image/],
    ['video', { type: 'video', url: 'https://a.test/v.mp4' }, /a link to the video/],
    ['audio', { type: 'audio', url: 'https://a.test/a.m4a' }, /a link to the audio/],
    ['file', { type: 'file', url: 'https://a.test/f.pdf', filename: 'f.pdf' }, /a link to the file/],
    ['sticker', { type: 'sticker', packageId: '1', stickerId: '2' }, /fallback text/],
    [
      'location',
      { type: 'location', title: 'T', address: 'A', latitude: 1, longitude: 2 },
      /address and a map link/,
    ],
    ['buttons', { type: 'buttons', text: 'x', buttons: [reply('a')] }, /text listing the options/],
    ['carousel', { type: 'carousel', cards: [{ text: 'a' }] }, /one text block per card/],
    ['template', { type: 'template', channel: 'whatsapp', name: 't' }, /templates are channel-specific/],
  ];

  it.each(unsupported)(
    'an unsupported %s part is a warning naming what it becomes',
    (type, part, becomes) => {
      const message = parseMessageInput({ parts: [{ type: 'text', text: 'hi' }, part as never] });
      const report = validateMessage(message, capabilitiesWith({ parts: ['text'], limits: {} }));
      expect(report.isValid).toBe(true);
      expect(report.warnings).toEqual([
        { path: ['parts', 1], feature: `part:${type}`, message: expect.stringMatching(becomes) },
      ]);
    },
  );

  it('an unsupported text part degrades to text', () => {
    const message = parseMessageInput({ parts: [{ type: 'text', text: 'hi' }] });
    const report = validateMessage(message, capabilitiesWith({ parts: ['image'] }));
    expect(report.warnings[0]!.message).toBe('text is not supported; it is sent as text');
  });

  it.each([
    [false, true],
    [undefined, false],
    [true, false],
  ])('silent with supportsSilent=%s warns: %s', (supportsSilent, warns) => {
    const message = parseMessageInput({ parts: [{ type: 'text', text: 'hi' }], metadata: { silent: true } });
    const report = validateMessage(
      message,
      supportsSilent === undefined ? capabilitiesWith() : capabilitiesWith({ supportsSilent }),
    );
    expect(report.warnings).toEqual(
      warns
        ? [{ path: ['metadata', 'silent'], feature: 'silent', message: expect.stringContaining('notifies') }]
        : [],
    );
  });

  it('no silent warning when the message is not silent', () => {
    const message = parseMessageInput({ parts: [{ type: 'text', text: 'hi' }], metadata: { silent: false } });
    expect(validateMessage(message, capabilitiesWith({ supportsSilent: false })).warnings).toEqual([]);
  });
});
