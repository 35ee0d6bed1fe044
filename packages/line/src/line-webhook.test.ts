import { readFileSync } from 'node:fs';
import { SignatureError, ValidationError } from '@omnicast/core';
import { createFakeClock } from '@omnicast/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineContractValidator } from './__tests__/line-contract-validator.js';
import {
  createLineWebhookDeduper,
  isLineDeliveryEvent,
  isLineEventOfType,
  isValidLineSignature,
  parseLineWebhook,
  signLineWebhookBody,
  verifyAndParseLineWebhook,
  verifyLineSignature,
} from './line-webhook.js';
import { lineWebhookEventTypes } from './line-webhook-types.js';

const vector = {
  body: '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}',
  secret: '8c570fa6dd201bb328f1c1eac23a96d8',
  signature: 'GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=',
};
const fixture = readFileSync(new URL('./__fixtures__/line-webhook-all-events.json', import.meta.url), 'utf8');

function signatureError(run: () => unknown): SignatureError | undefined {
  try {
    run();
  } catch (error) {
    if (SignatureError.isInstance(error)) return error;
    throw error;
  }
  return undefined;
}

describe('verifyLineSignature', () => {
  it('passes the official test vector (string and bytes)', () => {
    expect(signLineWebhookBody(vector.secret, vector.body)).toBe(vector.signature);
    expect(() =>
      verifyLineSignature({ channelSecret: vector.secret, body: vector.body, signature: vector.signature }),
    ).not.toThrow();
    expect(
      isValidLineSignature({
        channelSecret: vector.secret,
        body: new TextEncoder().encode(vector.body),
        signature: vector.signature,
      }),
    ).toBe(true);
  });

  it.each([
    [
      'a tampered body',
      { channelSecret: vector.secret, body: vector.body.replace('[]', '[ ]'), signature: vector.signature },
      'invalid-signature',
    ],
    [
      'a missing header',
      { channelSecret: vector.secret, body: vector.body, signature: undefined },
      'missing-signature',
    ],
    [
      'an empty header',
      { channelSecret: vector.secret, body: vector.body, signature: '' },
      'missing-signature',
    ],
    [
      'a wrong secret',
      { channelSecret: 'ffffffffffffffffffffffffffffffff', body: vector.body, signature: vector.signature },
      'invalid-signature',
    ],
    ['no secret', { channelSecret: '', body: vector.body, signature: vector.signature }, 'invalid-signature'],
  ] as const)('rejects %s', (_name, options, reason) => {
    expect(signatureError(() => verifyLineSignature(options))?.reason).toBe(reason);
    expect(isValidLineSignature(options)).toBe(false);
  });

  it('accepts only the exact bytes it signed (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        (body, secret, flip) => {
          const signature = signLineWebhookBody(secret, body);
          expect(isValidLineSignature({ channelSecret: secret, body, signature })).toBe(true);
          if (body.length > 0) {
            const tampered = Uint8Array.from(body);
            const index = flip % tampered.length;
            tampered[index] = tampered[index]! ^ 0x01;
            expect(isValidLineSignature({ channelSecret: secret, body: tampered, signature })).toBe(false);
          }
        },
      ),
    );
  });
});

describe('parseLineWebhook', () => {
  it('parses every webhook.yml event type, messageEdited and unknown types', () => {
    const parsed = verifyAndParseLineWebhook({
      channelSecret: vector.secret,
      body: fixture,
      signature: signLineWebhookBody(vector.secret, fixture),
    });
    const types = parsed.events.map((event) => event.type);
    for (const type of lineWebhookEventTypes) expect(types).toContain(type);
    expect(types).toContain('futureEvent');
    const delivery = parsed.events.find(isLineDeliveryEvent);
    expect(delivery?.delivery.data).toBe('d41e0ad70dddfeb68f149ad6fc61574b9c5780ab7bcb2fba5517771ffbb2409c');
    const postback = parsed.events.find((event) => isLineEventOfType(event, 'postback'));
    expect(postback && isLineEventOfType(postback, 'postback') ? postback.postback.data : undefined).toBe(
      'storeId=12345',
    );
    expect(parsed.events.at(-1)).toMatchObject({ type: 'futureEvent', mode: 'standby', future: { x: 1 } });
  });

  it('uses a fixture that conforms to webhook.yml (except the undocumented types)', {
    timeout: 60_000,
  }, () => {
    const body = JSON.parse(fixture) as { events: { type: string }[] };
    const known = {
      ...body,
      events: body.events.filter((event) => event.type !== 'messageEdited' && event.type !== 'futureEvent'),
    };
    const validator = createLineContractValidator();
    expect(validator.checkWebhookBody(known)).toEqual([]);
    expect(validator.checkWebhookBody({ destination: 'bad', events: [] })).not.toEqual([]);
    const broken = { ...known, events: [{ ...known.events[0], message: { type: 'text', id: '1' } }] };
    expect(validator.checkWebhookBody(broken).join()).toContain('text');
  });

  it.each([
    ['not JSON', '{', 'invalid-json'],
    ['no events', '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0"}', 'invalid_type'],
    [
      'an event without webhookEventId',
      '{"destination":"U1","events":[{"type":"follow","mode":"active","timestamp":1,"deliveryContext":{"isRedelivery":false}}]}',
      'invalid_type',
    ],
  ])('rejects %s', (_name, body, code) => {
    let caught: unknown;
    try {
      parseLineWebhook(body);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).issues[0]!.code).toBe(code);
  });

  it('accepts the empty connectivity check and already-parsed JSON', () => {
    expect(parseLineWebhook(JSON.parse(vector.body)).events).toEqual([]);
  });

  it('never crashes on arbitrary input: it parses or throws ValidationError (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (input) => {
        try {
          parseLineWebhook(input);
        } catch (error) {
          expect(ValidationError.isInstance(error)).toBe(true);
        }
      }),
    );
  });
});

describe('createLineWebhookDeduper', () => {
  it('drops redeliveries by webhookEventId until the TTL passes', async () => {
    const clock = createFakeClock({ now: 0 });
    const deduper = createLineWebhookDeduper({ ttlMs: 1000, clock });
    const events = [{ webhookEventId: 'A' }, { webhookEventId: 'B' }, { webhookEventId: 'A' }];
    expect(await deduper.filter(events)).toEqual([{ webhookEventId: 'A' }, { webhookEventId: 'B' }]);
    expect(await deduper.isDuplicate({ webhookEventId: 'B' })).toBe(true);
    clock.setTime(1001);
    expect(await deduper.isDuplicate({ webhookEventId: 'A' })).toBe(false);
  });

  it('forgets the oldest ids beyond maxEntries and supports a custom store', async () => {
    const deduper = createLineWebhookDeduper({ maxEntries: 2 });
    for (const id of ['1', '2', '3']) await deduper.isDuplicate({ webhookEventId: id });
    expect(await deduper.isDuplicate({ webhookEventId: '1' })).toBe(false);
    const seen = new Set<string>();
    const shared = createLineWebhookDeduper({
      store: {
        checkAndAdd: async (id) => {
          if (seen.has(id)) return true;
          seen.add(id);
          return false;
        },
      },
    });
    expect(await shared.filter([{ webhookEventId: 'x' }, { webhookEventId: 'x' }])).toHaveLength(1);
  });
});
