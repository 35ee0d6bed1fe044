import { ValidationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import type { Contact } from './contact-model.js';
import { parseListAudience, recommendedListAudienceSize } from './list-audience.js';
import { matchListAudience } from './match-list-audience.js';

const contacts: Contact[] = [
  {
    id: 'a',
    memberId: 'M1',
    email: 'Amy@Example.com',
    phone: '0912345678',
    channels: [{ channel: 'line', userId: 'U1', status: 'subscribed' }],
  },
  {
    id: 'b',
    memberId: 'M2',
    email: 'bob@example.com',
    phone: '+886922333444',
    channels: [{ channel: 'messenger', userId: 'P1', status: 'subscribed' }],
  },
  { id: 'c', memberId: ' ', channels: [{ channel: 'line', userId: 'U3', status: 'subscribed' }] },
];

function validationIssues(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseListAudience', () => {
  it('reads the template column, dedupes and reports empty rows', () => {
    const list = parseListAudience('\uFEFFuid,note\nU1,a\nU2,b\n,c\nU1,d\n', { identifier: 'social-id' });
    expect(list.rows.map((row) => [row.line, row.value])).toEqual([
      [2, 'U1'],
      [3, 'U2'],
    ]);
    expect(list.invalid).toEqual([{ line: 4, raw: '', reason: 'empty' }]);
    expect(list.duplicates).toEqual([{ line: 5, raw: 'U1', reason: 'duplicate', duplicateOf: 2 }]);
    expect(list.preview).toEqual(['U1', 'U2', '', 'U1']);
    expect(list.exceedsRecommendedSize).toBe(false);
  });

  it('normalises e-mail and phone values before deduping', () => {
    const emails = parseListAudience('email\nAmy@Example.com\n amy@example.com\n', { identifier: 'email' });
    expect(emails.rows.map((row) => row.value)).toEqual(['amy@example.com']);
    expect(emails.duplicates).toHaveLength(1);
    const phones = parseListAudience('phone\n0912345678\n+886 912 345 678\nnot a phone\n', {
      identifier: 'phone',
      defaultCountry: 'TW',
    });
    expect(phones.rows.map((row) => row.value)).toEqual(['+886912345678']);
    expect(phones.invalid).toEqual([{ line: 4, raw: 'not a phone', reason: 'invalid-phone' }]);
  });

  it('checks standard formats when asked: phones need a country code', () => {
    const phones = parseListAudience('phone\n0912345678\n+886912345678\n+88612\n', {
      identifier: 'phone',
      checkFormat: true,
    });
    expect(phones.rows.map((row) => row.value)).toEqual(['+886912345678']);
    expect(phones.invalid.map((row) => row.reason)).toEqual(['missing-country-code', 'invalid-phone']);
    const emails = parseListAudience('email\na@b\nok@example.com\n', {
      identifier: 'email',
      checkFormat: true,
    });
    expect(emails.invalid).toEqual([{ line: 2, raw: 'a@b', reason: 'invalid-email' }]);
  });

  it('accepts UTF-8 bytes and flags lists above the recommended size', () => {
    const bytes = new TextEncoder().encode('member_id\nM1\n會員2\n');
    expect(parseListAudience(bytes, { identifier: 'member-id' }).rows.map((row) => row.value)).toEqual([
      'M1',
      '會員2',
    ]);
    const big = `uid\n${Array.from({ length: recommendedListAudienceSize + 1 }, (_, index) => `U${index}`).join('\n')}`;
    expect(parseListAudience(big, { identifier: 'social-id' }).exceedsRecommendedSize).toBe(true);
  });

  it.each<[string, string | Uint8Array, object, string[]]>([
    ['a header other than the template', 'user\nU1\n', { identifier: 'social-id' }, ['header']],
    ['an empty file', '', { identifier: 'social-id' }, ['header']],
    [
      'invalid UTF-8',
      new Uint8Array([0x75, 0x69, 0x64, 0x0a, 0xff, 0xfe]),
      { identifier: 'social-id' },
      ['file'],
    ],
    ['broken CSV quoting', 'uid\n"U1\n', { identifier: 'social-id' }, ['file']],
    ['too many rows', 'uid\nU1\nU2\n', { identifier: 'social-id', maxRows: 1 }, ['file']],
  ])('rejects %s with a clear path', (_name, input, options, path) => {
    const issues = validationIssues(() => parseListAudience(input, options as never));
    expect(issues[0]!.path.slice(0, 1)).toEqual(path);
  });
});

describe('matchListAudience', () => {
  it('matches social ids on the broadcast channel and reports auto-creation', async () => {
    const list = parseListAudience('uid\nU1\nU9\nP1\n', { identifier: 'social-id' });
    const result = await matchListAudience(list, contacts, { channel: 'line' });
    expect(result.contactIds).toEqual(['a']);
    expect(result.unmatched.map((row) => [row.value, row.willAutoCreate])).toEqual([
      ['U9', true],
      ['P1', true],
    ]);
    expect((await matchListAudience(list, contacts)).contactIds).toEqual(['a', 'b']);
  });

  it('matches member ids, e-mails and phones (only matched, never auto-created)', async () => {
    const members = await matchListAudience(
      parseListAudience('member_id\nM2\nM9\n', { identifier: 'member-id' }),
      contacts,
      { channel: 'line' },
    );
    expect(members.contactIds).toEqual(['b']);
    expect(members.unmatched[0]!.willAutoCreate).toBe(false);
    const emails = await matchListAudience(
      parseListAudience('email\namy@example.com\n', { identifier: 'email' }),
      contacts,
    );
    expect(emails.contactIds).toEqual(['a']);
    async function* source() {
      yield* contacts;
    }
    const phones = await matchListAudience(
      parseListAudience('phone\n+886912345678\n+886922333444\n+886900000000\n', { identifier: 'phone' }),
      source(),
      { defaultCountry: 'TW', channel: 'whatsapp' },
    );
    expect(phones.contactIds).toEqual(['a', 'b']);
    expect(phones.unmatched).toEqual([
      { line: 4, raw: '+886900000000', value: '+886900000000', willAutoCreate: true },
    ]);
  });

  it('counts a contact once when two rows reach it', async () => {
    const twoAccounts: Contact = {
      id: 'd',
      channels: [
        { channel: 'line', accountId: 'oa-1', userId: 'U7', status: 'subscribed' },
        { channel: 'line', accountId: 'oa-2', userId: 'U8', status: 'subscribed' },
      ],
    };
    const list = parseListAudience('uid\nU7\nU8\n', { identifier: 'social-id' });
    const result = await matchListAudience(list, [...contacts, twoAccounts, { id: 7 } as unknown as Contact]);
    expect(result.contactIds).toEqual(['d']);
    expect(result.duplicateContactRows.map((row) => row.value)).toEqual(['U8']);
  });
});
