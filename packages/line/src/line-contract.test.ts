import { describe, expect, it } from 'vitest';
import { createLineContractValidator } from './__tests__/line-contract-validator.js';
import { createCheckedMock, token, userId } from './__tests__/line-test-harness.js';

const validator = createLineContractValidator();

describe('the contract oracle (official OpenAPI specs) can fail', () => {
  it.each([
    ['a text message without text', { to: userId(1), messages: [{ type: 'text' }] }, 'text'],
    [
      'six messages',
      { to: userId(1), messages: Array.from({ length: 6 }, () => ({ type: 'text', text: 'x' })) },
      'messages',
    ],
    [
      'a buttons template whose actions are not an array',
      {
        to: userId(1),
        messages: [
          { type: 'template', altText: 'a', template: { type: 'buttons', text: 't', actions: 'x' } },
        ],
      },
      'actions',
    ],
    [
      'a non-boolean notificationDisabled',
      { to: userId(1), messages: [{ type: 'text', text: 'x' }], notificationDisabled: 'yes' },
      'notificationDisabled',
    ],
  ])('rejects a push with %s', { timeout: 60_000 }, (_name, body, fragment) => {
    const errors = validator.checkRequest('POST', '/v2/bot/message/push', body, 'application/json');
    expect(errors.join('\n')).toContain(fragment);
  });

  it('rejects 501 multicast ids, a bad narrowcast recipient and a malformed templated PNP', () => {
    expect(
      validator.checkRequest(
        'POST',
        '/v2/bot/message/multicast',
        { to: Array.from({ length: 501 }, (_, i) => userId(i)), messages: [{ type: 'text', text: 'x' }] },
        'application/json',
      ),
    ).not.toEqual([]);
    expect(
      validator.checkRequest(
        'POST',
        '/v2/bot/message/narrowcast',
        { messages: [{ type: 'text', text: 'x' }], recipient: { type: 'audience', audienceGroupId: 'abc' } },
        'application/json',
      ),
    ).not.toEqual([]);
    expect(
      validator.checkRequest('POST', '/v2/bot/message/pnp/templated/push', {
        to: '+81',
        templateKey: 'k',
        body: {},
      }),
    ).not.toEqual([]);
  });

  it('rejects bad responses and unknown operations', () => {
    expect(
      validator.checkResponse('POST', '/v2/bot/message/push', 200, { sentMessages: [{ quoteToken: 'q' }] }),
    ).not.toEqual([]);
    expect(validator.checkResponse('GET', '/v2/bot/message/quota', 200, { type: 'unlimited' })).not.toEqual(
      [],
    );
    expect(validator.checkResponse('POST', '/v2/bot/message/push', 400, { details: [] })).not.toEqual([]);
    expect(() => validator.checkRequest('POST', '/v2/bot/nothing', {})).toThrow(/No LINE spec operation/);
  });
});

describe('the mock validates bodies against the official spec too', () => {
  it('answers 400 in LINE shape to a body the spec rejects (beyond the documented limits)', async () => {
    const { mock } = createCheckedMock();
    const response = await mock.handle(
      new Request('https://api.line.me/v2/bot/message/push', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          to: userId(1),
          messages: [{ type: 'text', text: 'x' }],
          notificationDisabled: 'yes',
        }),
      }),
    );
    expect(response?.status).toBe(400);
    const body = (await response!.json()) as {
      message: string;
      details: { property: string; message: string }[];
    };
    expect(body.message).toBe('The request body has 1 error(s)');
    expect(body.details[0]!.property).toBe('notificationDisabled');
    expect(mock.inbox.total()).toBe(0);
  });
});
