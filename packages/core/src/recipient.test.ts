import { describe, expect, it } from 'vitest';
import type { ChannelCapabilities } from './channel-capabilities.js';
import { ValidationError } from './errors.js';
import {
  type Contact,
  parseContact,
  type Recipient,
  recipientForContact,
  recipientKey,
  recipientSchema,
} from './recipient.js';

function capabilities(overrides: Partial<ChannelCapabilities>): ChannelCapabilities {
  return {
    parts: ['text'],
    limits: {},
    recipientTypes: ['user'],
    maxRecipientsPerCall: 1,
    operations: {},
    rateLimits: {},
    supportsIdempotencyKey: false,
    billingUnit: 'message',
    ...overrides,
  };
}

describe('recipientKey', () => {
  it.each<[Recipient, string]>([
    [{ type: 'user', userId: 'U123' }, 'user:U123'],
    [{ type: 'phone', phone: '+886912345678' }, 'phone:+886912345678'],
    [{ type: 'email', email: 'Mei@Example.COM' }, 'email:mei@example.com'],
    [{ type: 'audience', audienceId: '4389303728991' }, 'audience:4389303728991'],
  ])('%j → %s', (recipient, key) => {
    expect(recipientKey(recipient)).toBe(key);
  });

  it('ignores variables', () => {
    expect(recipientKey({ type: 'user', userId: 'U1', variables: { name: 'x' } })).toBe('user:U1');
  });
});

describe('recipientSchema', () => {
  it.each([
    [{ type: 'user', userId: '' }, false],
    [{ type: 'email', email: 'not-an-email' }, false],
    [{ type: 'fax', number: '1' }, false],
    [{ type: 'phone', phone: '+886912345678', variables: { name: 'Mei' } }, true],
  ])('%j valid: %s', (input, valid) => {
    expect(recipientSchema.safeParse(input).success).toBe(valid);
  });
});

describe('parseContact', () => {
  it('normalises phone identities to E.164 (WhatsApp without the +) with the default region', () => {
    const contact = parseContact(
      { id: 'c1', name: 'Mei', identities: { line: 'U1', phone: '0912-345-678', whatsapp: '0912 345 678' } },
      { defaultRegion: 'TW' },
    );
    expect(contact.identities).toEqual({ line: 'U1', phone: '+886912345678', whatsapp: '886912345678' });
  });

  it.each([
    ['HK', '9123 4567', '+85291234567'],
    ['JP', '090-1234-5678', '+819012345678'],
  ] as const)('reads %s national numbers', (region, phone, e164) => {
    expect(parseContact({ id: 'c', identities: { phone } }, { defaultRegion: region }).identities.phone).toBe(
      e164,
    );
  });

  it('keeps international numbers without a default region', () => {
    expect(parseContact({ id: 'c', identities: { phone: '+81 90 1234 5678' } }).identities.phone).toBe(
      '+819012345678',
    );
  });

  it('reports every schema issue at once', () => {
    let error: unknown;
    try {
      parseContact({ id: '', identities: { email: 'nope', line: '' } });
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'id',
      'identities.email',
      'identities.line',
    ]);
  });

  it('reports every bad phone identity at once, with its path', () => {
    let error: unknown;
    try {
      parseContact({ id: 'c', identities: { phone: '12', whatsapp: 'abc' } }, { defaultRegion: 'TW' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      ['identities', 'phone'],
      ['identities', 'whatsapp'],
    ]);
  });
});

describe('recipientForContact', () => {
  const contact: Contact = {
    id: 'c1',
    name: 'Mei',
    identities: { line: 'U1', messenger: 'PSID1', phone: '+886912345678', email: 'mei@example.com' },
    variables: { tier: 'gold' },
  };
  const variables = { tier: 'gold', name: 'Mei' };

  it.each<[string, Partial<ChannelCapabilities>, Recipient | undefined]>([
    [
      'the channel identity first',
      { identity: 'line', recipientTypes: ['user', 'phone'] },
      { type: 'user', userId: 'U1', variables },
    ],
    [
      'messenger identity',
      { identity: 'messenger', recipientTypes: ['user'] },
      { type: 'user', userId: 'PSID1', variables },
    ],
    [
      'phone when there is no identity',
      { recipientTypes: ['phone'] },
      { type: 'phone', phone: '+886912345678', variables },
    ],
    ['email', { recipientTypes: ['email'] }, { type: 'email', email: 'mei@example.com', variables }],
    [
      'phone when the identity is missing',
      { identity: 'whatsapp', recipientTypes: ['user', 'phone'] },
      { type: 'phone', phone: '+886912345678', variables },
    ],
    ['unreachable', { identity: 'whatsapp', recipientTypes: ['user', 'audience'] }, undefined],
    [
      'identity set but user recipients not accepted',
      { identity: 'line', recipientTypes: ['email'] },
      { type: 'email', email: 'mei@example.com', variables },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(recipientForContact(contact, capabilities(overrides))).toEqual(expected);
  });

  it('omits name from variables when the contact has none', () => {
    const recipient = recipientForContact(
      { id: 'c', identities: { phone: '+886912345678' } },
      capabilities({ recipientTypes: ['phone'] }),
    );
    expect(recipient).toEqual({ type: 'phone', phone: '+886912345678', variables: {} });
  });
});
