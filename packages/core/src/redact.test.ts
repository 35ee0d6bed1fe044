import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialOf,
  isSensitiveHeader,
  REDACTED,
  redactHeaders,
  redactText,
  redactUrl,
  redactValue,
  sensitiveUrlValues,
} from './redact.js';

describe('redactText', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactText('a tok1234 b tok1234 c key99999', ['tok1234', 'key99999'])).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it('ignores secrets shorter than 4 characters and text without secrets', () => {
    expect(redactText('abc abc', ['abc'])).toBe('abc abc');
    expect(redactText('nothing here', ['secret-1'])).toBe('nothing here');
  });

  it('does not let a secret re-form around the marker', () => {
    expect(redactText(']abc]abcabc', [']abc'])).not.toContain(']abc');
    expect(redactText('D]D]D]', ['D]D]'])).not.toContain('D]D]');
  });

  it('never leaves a secret in the text (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', ']', '[', 'D', 'E', 'R', '%', '1');
    const secretArb = fc
      .string({ unit: alphabet, minLength: 4, maxLength: 8 })
      .filter((secret) => !REDACTED.includes(secret));
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, maxLength: 12 }), { maxLength: 6 }),
        secretArb,
        fc.array(secretArb, { maxLength: 2 }),
        (pieces, secret, others) => {
          const text = pieces.join(secret);
          const secrets = [secret, ...others];
          const out = redactText(text, secrets);
          return secrets.every((each) => !out.includes(each));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never leaves a realistic token in any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ unit: fc.constantFrom(...'abcdefABCDEF0123456789+/=_-'), minLength: 4, maxLength: 40 }),
        fc.string(),
        (before, token, after) => !redactText(`${before}${token}${after}`, [token]).includes(token),
      ),
    );
  });
});

describe('redactUrl', () => {
  it.each([
    [
      'a plain URL is unchanged',
      'https://api.line.me/v2/bot/message/push',
      'https://api.line.me/v2/bot/message/push',
    ],
    [
      'phone numbers in path segments',
      'https://api.example.com/v1/phone/+886912345678/status',
      `https://api.example.com/v1/phone/${REDACTED}/status`,
    ],
    [
      'percent-encoded phone numbers in path segments',
      'https://api.example.com/v1/phone/%2B886912345678',
      `https://api.example.com/v1/phone/${REDACTED}`,
    ],
    [
      'credential and phone query parameters',
      'https://graph.facebook.com/v21.0/me?access_token=EAAB1234&fields=id&to=886912345678',
      `https://graph.facebook.com/v21.0/me?access_token=${REDACTED}&fields=id&to=${REDACTED}`,
    ],
    [
      'Basic-auth userinfo',
      'https://AC123:authtoken@api.twilio.com/2010-04-01/Accounts',
      `https://${REDACTED}:${REDACTED}@api.twilio.com/2010-04-01/Accounts`,
    ],
    ['a malformed escape in the path does not throw', 'https://x.test/a%zz/b', 'https://x.test/a%zz/b'],
  ])('%s', (_name, url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts known secrets, also percent-encoded, and non-URLs as text', () => {
    expect(redactUrl('https://x.test/hook/s3cr3t-token')).toContain('s3cr3t-token');
    expect(redactUrl('https://x.test/hook/s3cr3t-token', ['s3cr3t-token'])).toBe(
      `https://x.test/hook/${REDACTED}`,
    );
    expect(redactUrl('https://x.test/a?x=a%2Fb%2Bc%3D', ['a/b+c='])).toBe(`https://x.test/a?x=${REDACTED}`);
    expect(redactUrl('not a url s3cr3t-token', ['s3cr3t-token'])).toBe(`not a url ${REDACTED}`);
  });
});

describe('sensitiveUrlValues', () => {
  it('lists phone segments, credential and phone query values, and userinfo', () => {
    const values = sensitiveUrlValues(
      new URL('https://user1:pa%24%24word@x.test/p/%2B886912345678?access_token=tk%2Fxy&q=1&to=0912345678'),
    );
    expect(values).toEqual(
      expect.arrayContaining([
        'user1',
        'pa$$word',
        'pa%24%24word',
        '+886912345678',
        '%2B886912345678',
        'tk/xy',
        'tk%2Fxy',
        '0912345678',
      ]),
    );
    expect(values).not.toContain('1');
  });

  it('is empty for an ordinary URL', () => {
    expect(sensitiveUrlValues(new URL('https://api.line.me/v2/bot/message/push'))).toEqual([]);
  });
});

describe('headers', () => {
  it.each([
    ['Authorization', true],
    ['cookie', true],
    ['Set-Cookie', true],
    ['X-Line-Signature', true],
    ['x-hub-signature-256', true],
    ['X-Api-Key', true],
    ['x-twilio-signature', true],
    ['Content-Type', false],
    ['x-request-id', false],
  ])('%s sensitive: %s', (name, sensitive) => {
    expect(isSensitiveHeader(name)).toBe(sensitive);
  });

  it('redactHeaders lower-cases names, hides credentials and known secrets, from Headers or records', () => {
    const record = { Authorization: 'Bearer abc', 'X-Echo': 'token=secret-1', Accept: 'application/json' };
    const expected = { authorization: REDACTED, 'x-echo': `token=${REDACTED}`, accept: 'application/json' };
    expect(redactHeaders(record, ['secret-1'])).toEqual(expected);
    expect(redactHeaders(new Headers(record), ['secret-1'])).toEqual(expected);
    expect(redactHeaders({ Accept: 'x' })).toEqual({ accept: 'x' });
  });
});

describe('redactValue', () => {
  it('deep-copies with secrets redacted in strings, leaving other values', () => {
    const bytes = new Uint8Array([1]);
    const input = {
      a: 'token-1234',
      list: ['x token-1234 y', 3, null, true],
      nested: { deeper: { value: 'token-1234' } },
      bytes,
    };
    const out = redactValue(input, ['token-1234']) as typeof input;
    expect(out).toEqual({
      a: REDACTED,
      list: [`x ${REDACTED} y`, 3, null, true],
      nested: { deeper: { value: REDACTED } },
      bytes,
    });
    expect(input.a).toBe('token-1234');
    expect(out.bytes).toBe(bytes);
  });

  it('stops at depth 20', () => {
    let value: unknown = 'token-1234';
    for (let index = 0; index < 25; index++) value = { inner: value };
    expect(JSON.stringify(redactValue(value, ['token-1234']))).toContain('token-1234');
  });
});

describe('credentialOf', () => {
  it.each([
    ['Bearer abc123', ['abc123']],
    ['abc123', ['abc123']],
    [
      `Basic ${Buffer.from('AC0001:tok_secret').toString('base64')}`,
      [Buffer.from('AC0001:tok_secret').toString('base64'), 'AC0001', 'tok_secret'],
    ],
    [
      `basic ${Buffer.from('ab:cdefg').toString('base64')}`,
      [Buffer.from('ab:cdefg').toString('base64'), 'cdefg'],
    ],
  ])('%s', (authorization, expected) => {
    expect(credentialOf(authorization)).toEqual(expected);
  });
});
