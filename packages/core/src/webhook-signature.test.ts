import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatureError } from './errors.js';
import {
  computeHmac,
  constantTimeEqual,
  isValidHmacSignature,
  twilioSignaturePayload,
  verifyHmacSignature,
} from './webhook-signature.js';

// The official LINE vector (LINE Messaging API docs, "Verify webhook signature").
const lineBody = '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}';
const lineSecret = '8c570fa6dd201bb328f1c1eac23a96d8';
const lineSignature = 'GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=';

const metaSecret = 'meta-app-secret';
const metaBody = '{"object":"whatsapp_business_account","entry":[]}';
const metaHex = createHmac('sha256', metaSecret).update(metaBody).digest('hex');

function thrown(run: () => void): SignatureError {
  try {
    run();
  } catch (error) {
    if (SignatureError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a SignatureError');
}

describe('computeHmac', () => {
  it('matches the official LINE vector (SHA-256, base64)', () => {
    expect(computeHmac('sha256', lineSecret, lineBody, 'base64')).toBe(lineSignature);
  });

  it('signs bytes exactly like the string they encode', () => {
    expect(computeHmac('sha256', lineSecret, Buffer.from(lineBody, 'utf8'), 'base64')).toBe(lineSignature);
    expect(computeHmac('sha256', Buffer.from(lineSecret), new TextEncoder().encode(lineBody), 'base64')).toBe(
      lineSignature,
    );
  });

  it('produces hex for Meta', () => {
    expect(computeHmac('sha256', metaSecret, metaBody, 'hex')).toBe(metaHex);
  });
});

describe('isValidHmacSignature', () => {
  const line = { algorithm: 'sha256', encoding: 'base64', secret: lineSecret, payload: lineBody } as const;
  const meta = {
    algorithm: 'sha256',
    encoding: 'hex',
    secret: metaSecret,
    payload: metaBody,
    prefix: 'sha256=',
  } as const;

  it.each([
    ['LINE vector', { ...line, signature: lineSignature }, true],
    [
      'LINE vector with surrounding spaces (trimmed like a header value)',
      { ...line, signature: ` ${lineSignature} ` },
      true,
    ],
    [
      'LINE, tampered body',
      { ...line, payload: lineBody.replace('[]', '[{}]'), signature: lineSignature },
      false,
    ],
    [
      'LINE, wrong secret',
      { ...line, secret: '8c570fa6dd201bb328f1c1eac23a96d9', signature: lineSignature },
      false,
    ],
    ['LINE, missing header', { ...line, signature: undefined }, false],
    ['LINE, empty header', { ...line, signature: '' }, false],
    ['LINE, null header', { ...line, signature: null }, false],
    ['LINE, truncated signature', { ...line, signature: lineSignature.slice(0, -2) }, false],
    ['Meta sha256= hex', { ...meta, signature: `sha256=${metaHex}` }, true],
    ['Meta upper-case hex', { ...meta, signature: `sha256=${metaHex.toUpperCase()}` }, true],
    ['Meta without the prefix', { ...meta, signature: metaHex }, false],
    ['Meta with the sha1= prefix', { ...meta, signature: `sha1=${metaHex}` }, false],
    ['Meta, tampered body', { ...meta, payload: `${metaBody} `, signature: `sha256=${metaHex}` }, false],
  ])('%s', (_name, options, valid) => {
    expect(isValidHmacSignature(options)).toBe(valid);
  });
});

describe('verifyHmacSignature', () => {
  const base = { algorithm: 'sha256', encoding: 'base64', secret: lineSecret, payload: lineBody } as const;

  it('passes for a good signature', () => {
    expect(() => verifyHmacSignature({ ...base, signature: lineSignature })).not.toThrow();
  });

  it('missing header → missing-signature', () => {
    expect(thrown(() => verifyHmacSignature({ ...base, signature: undefined })).reason).toBe(
      'missing-signature',
    );
  });

  it.each([
    ['tampered body', { payload: `${lineBody}\n` }],
    ['wrong secret', { secret: 'another-secret' }],
    ['garbage signature', { signature: 'not-base64!!' }],
  ])('%s → invalid-signature', (_name, override) => {
    const error = thrown(() => verifyHmacSignature({ ...base, signature: lineSignature, ...override }));
    expect(error.reason).toBe('invalid-signature');
    expect(error.message).not.toContain(lineSecret);
  });

  it('an empty secret is refused, never treated as valid', () => {
    const signature = createHmac('sha256', '').update(lineBody).digest('base64');
    expect(thrown(() => verifyHmacSignature({ ...base, secret: '', signature })).reason).toBe(
      'invalid-signature',
    );
    expect(isValidHmacSignature({ ...base, secret: '', signature })).toBe(false);
  });
});

describe('twilioSignaturePayload', () => {
  // Twilio's documented vector (twilio-node webhooks; Twilio security docs).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };

  it('builds URL + sorted name/value pairs', () => {
    expect(twilioSignaturePayload(url, params)).toBe(
      `${url}CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212`,
    );
  });

  it('gives the documented signature with SHA-1 and the auth token', () => {
    expect(computeHmac('sha1', '12345', twilioSignaturePayload(url, params), 'base64')).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('signs array values once each, sorted, under their name', () => {
    expect(twilioSignaturePayload('https://x.test/sms', { MediaUrl: ['b', 'a', 'b'], Body: 'hi' })).toBe(
      'https://x.test/smsBodyhiMediaUrlaMediaUrlb',
    );
  });

  it('is just the URL without parameters', () => {
    expect(twilioSignaturePayload(url, {})).toBe(url);
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['é', 'é', true],
  ])('%s vs %s → %s', (left, right, equal) => {
    expect(constantTimeEqual(left, right)).toBe(equal);
  });
});
