import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { type MessageInput, messageSchema, partTypes } from './message-schema.js';
import { parseMessage, safeParseMessage } from './parse-message.js';
import { parseWithSchema, toValidationIssues } from './zod-issues.js';

const button = { type: 'postback', label: 'Yes', data: 'answer=yes' } as const;

const validParts: Record<string, unknown> = {
  text: { type: 'text', text: 'Hello {{name}}' },
  image: {
    type: 'image',
    url: 'https://cdn.example.com/a.jpg',
    previewUrl: 'https://cdn.example.com/a-s.jpg',
    altText: 'A',
  },
  video: { type: 'video', url: 'https://cdn.example.com/a.mp4', previewUrl: 'https://cdn.example.com/a.jpg' },
  audio: { type: 'audio', url: 'https://cdn.example.com/a.m4a', durationMs: 3000 },
  file: {
    type: 'file',
    url: 'https://cdn.example.com/a.pdf',
    filename: 'a.pdf',
    mimeType: 'application/pdf',
  },
  sticker: { type: 'sticker', packageId: '446', stickerId: '1988', fallbackText: ':)' },
  location: { type: 'location', title: 'Shop', address: 'Taipei', latitude: 25.03, longitude: 121.56 },
  buttons: {
    type: 'buttons',
    text: 'Pick one',
    buttons: [
      button,
      { type: 'url', label: 'Open', url: 'https://example.com' },
      { type: 'phone', label: 'Call', phoneNumber: '+886223456789' },
      { type: 'reply', label: 'No', text: 'no' },
    ],
  },
  carousel: {
    type: 'carousel',
    cards: [{ title: 'A', text: 'first', imageUrl: 'https://cdn.example.com/1.jpg' }],
  },
  template: {
    type: 'template',
    channel: 'whatsapp',
    name: 'order_update',
    language: 'zh_TW',
    parameters: { 1: 'A' },
  },
};

const invalidParts: [string, unknown, string[]][] = [
  ['text: empty', { type: 'text', text: '' }, ['parts.0.text']],
  ['image: not a URL', { type: 'image', url: 'not a url' }, ['parts.0.url']],
  ['image: ftp URL', { type: 'image', url: 'ftp://cdn.example.com/a.jpg' }, ['parts.0.url']],
  [
    'video: bad preview',
    { type: 'video', url: 'https://a.test/v.mp4', previewUrl: 'x' },
    ['parts.0.previewUrl'],
  ],
  [
    'audio: negative duration',
    { type: 'audio', url: 'https://a.test/a.m4a', durationMs: -1 },
    ['parts.0.durationMs'],
  ],
  ['file: no filename', { type: 'file', url: 'https://a.test/a.pdf' }, ['parts.0.filename']],
  [
    'sticker: empty ids',
    { type: 'sticker', packageId: '', stickerId: '' },
    ['parts.0.packageId', 'parts.0.stickerId'],
  ],
  [
    'location: out of range',
    { type: 'location', title: 'X', address: '', latitude: 91, longitude: -181 },
    ['parts.0.latitude', 'parts.0.longitude'],
  ],
  ['buttons: none', { type: 'buttons', text: 'Pick', buttons: [] }, ['parts.0.buttons']],
  [
    'buttons: bad style',
    { type: 'buttons', text: 'Pick', style: 'floating', buttons: [button] },
    ['parts.0.style'],
  ],
  [
    'buttons: bad buttons',
    {
      type: 'buttons',
      text: 'Pick',
      buttons: [
        { type: 'url', label: '', url: 'javascript:alert(1)' },
        { type: 'teleport', label: 'x' },
      ],
    },
    ['parts.0.buttons.0.label', 'parts.0.buttons.0.url', 'parts.0.buttons.1.type'],
  ],
  ['carousel: no cards', { type: 'carousel', cards: [] }, ['parts.0.cards']],
  ['carousel: card without text', { type: 'carousel', cards: [{ title: 'A' }] }, ['parts.0.cards.0.text']],
  ['template: no name', { type: 'template', channel: 'whatsapp', name: '' }, ['parts.0.name']],
  [
    'template: non-string parameter',
    { type: 'template', channel: 'line', name: 'x', parameters: { a: 1 } },
    ['parts.0.parameters.a'],
  ],
  ['unknown part type', { type: 'hologram' }, ['parts.0.type']],
];

describe('message schema', () => {
  it('covers every part type in the fixtures', () => {
    expect(Object.keys(validParts).sort()).toEqual([...partTypes].sort());
  });

  it.each(Object.entries(validParts))('accepts a %s part', (_type, part) => {
    const result = messageSchema.safeParse({ parts: [part] });
    expect(result.success).toBe(true);
  });

  it.each(invalidParts)('rejects %s', (_name, part, paths) => {
    const result = safeParseMessage({ parts: [part] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([...paths].sort());
  });

  it('applies defaults: buttons style inline, card buttons [], template parameters {}', () => {
    const message = parseMessage({
      parts: [
        { type: 'buttons', text: 'x', buttons: [button] },
        { type: 'carousel', cards: [{ text: 'x' }] },
        { type: 'template', channel: 'line', name: 'n' },
      ],
    });
    expect(message.parts[0]).toMatchObject({ style: 'inline' });
    expect(message.parts[1]).toMatchObject({ cards: [{ text: 'x', buttons: [] }] });
    expect(message.parts[2]).toMatchObject({ parameters: {} });
  });

  it('accepts metadata and per-channel raw payloads', () => {
    const input: MessageInput = {
      parts: [{ type: 'text', text: 'x' }],
      raw: { line: [{ type: 'flex', altText: 'x', contents: {} }] },
      metadata: { purpose: 'utility', silent: true, idempotencyKey: 'order-1', tags: { campaign: 'c1' } },
    };
    expect(parseMessage(input)).toEqual(input);
  });
});

describe('parseMessage / safeParseMessage', () => {
  it('reports every issue at once, with paths, in one ValidationError', () => {
    const input = {
      parts: [
        { type: 'text', text: '' },
        { type: 'image', url: 'nope' },
        { type: 'buttons', text: '', buttons: [] },
      ],
      metadata: { purpose: 'spam', idempotencyKey: '' },
    };
    let error: unknown;
    try {
      parseMessage(input);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ['parts', 0, 'text'],
        ['parts', 1, 'url'],
        ['parts', 2, 'text'],
        ['parts', 2, 'buttons'],
        ['metadata', 'purpose'],
        ['metadata', 'idempotencyKey'],
      ]),
    );
    expect(issues).toHaveLength(6);
    expect((error as Error).message).toContain('parts[0].text: must not be empty');
    expect((error as Error).message).toContain('parts[1].url: must be an http(s) URL');
    expect(issues.every((issue) => typeof issue.code === 'string')).toBe(true);
  });

  it.each([
    ['no parts', { parts: [] }, 'parts'],
    ['not an object', 'hello', ''],
    ['missing parts', {}, 'parts'],
  ])('rejects %s', (_name, input, path) => {
    const result = safeParseMessage(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]!.path.join('.')).toBe(path);
  });
});

describe('zod issue helpers', () => {
  it('toValidationIssues prefixes paths and drops symbol keys', () => {
    const issues = toValidationIssues(
      [{ code: 'custom', path: ['a', Symbol('s'), 0], message: 'bad', input: undefined }],
      ['root'],
    );
    expect(issues).toEqual([{ path: ['root', 'a', 0], message: 'bad', code: 'custom' }]);
  });

  it('parseWithSchema returns data or throws a ValidationError naming what was parsed', () => {
    expect(
      parseWithSchema(messageSchema, { parts: [{ type: 'text', text: 'x' }] }, 'message').parts,
    ).toHaveLength(1);
    expect(() => parseWithSchema(messageSchema, { parts: [] }, 'broadcast')).toThrow(
      /^Invalid broadcast: parts/,
    );
  });
});
