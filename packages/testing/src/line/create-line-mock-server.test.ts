import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeHmac } from '@omnicast/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../fake-clock.js';
import { createLineMockServer } from './create-line-mock-server.js';
import { hashPhone } from './line-mock-state.js';

const token = 'mock-token';
const user = (index: number) => `U${index.toString(16).padStart(32, '0')}`;
const key = (index: number) => `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
const text = (value: string) => ({ type: 'text', text: value });

function call(
  mock: ReturnType<typeof createLineMockServer>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return mock
    .handle(
      new Request(`https://api.line.me${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    )
    .then(async (response) => {
      if (!response) return { status: 0, headers: new Headers(), body: undefined as never };
      const textBody = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: textBody ? JSON.parse(textBody) : undefined,
      };
    });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

describe('auth, body and retry-key checks', () => {
  const mock = createLineMockServer({ channelAccessToken: token });

  it('answers 401 to a wrong token, with a request id', async () => {
    const response = await call(mock, 'GET', '/v2/bot/message/quota', undefined, {
      authorization: 'Bearer nope',
    });
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/^Authentication failed/);
    expect(response.headers.get('x-line-request-id')).toBeTruthy();
  });

  it.each([
    ['unparseable JSON', '{', 'The request body could not be parsed as JSON (line: 1, column: 1)', undefined],
    [
      'six messages',
      { to: user(1), messages: Array.from({ length: 6 }, () => text('x')) },
      'The request body has 1 error(s)',
      { property: 'messages', message: 'Size must be between 1 and 5' },
    ],
    [
      '5001-unit text',
      { to: user(1), messages: [text('x'.repeat(5001))] },
      'The request body has 1 error(s)',
      { property: 'messages[0].text', message: 'Length must be between 0 and 5000' },
    ],
    [
      '14 quick replies',
      {
        to: user(1),
        messages: [
          {
            ...text('x'),
            quickReply: {
              items: Array.from({ length: 14 }, () => ({
                type: 'action',
                action: { type: 'message', label: 'a', text: 'a' },
              })),
            },
          },
        ],
      },
      'The request body has 1 error(s)',
      { property: 'messages[0].quickReply.items', message: 'Size must be between 1 and 13' },
    ],
    [
      'a 21-character label',
      {
        to: user(1),
        messages: [
          {
            type: 'template',
            altText: 'a',
            template: {
              type: 'confirm',
              text: 't',
              actions: [
                { type: 'message', label: 'x'.repeat(21), text: 'y' },
                { type: 'message', label: 'n', text: 'n' },
              ],
            },
          },
        ],
      },
      'The request body has 1 error(s)',
      { property: 'messages[0].template.actions[0].label', message: 'Length must be between 0 and 20' },
    ],
  ])('answers 400 to %s in LINE error shape', async (_name, body, message, detail) => {
    const response = await call(mock, 'POST', '/v2/bot/message/push', body);
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(message);
    if (detail) expect(response.body.details).toEqual([detail]);
  });

  it('rejects a retry key where LINE does not support one, and a malformed key', async () => {
    const reply = await call(
      mock,
      'POST',
      '/v2/bot/message/reply',
      { replyToken: 'r', messages: [text('x')] },
      { 'x-line-retry-key': key(1) },
    );
    expect(reply.status).toBe(400);
    const pnp = await call(
      mock,
      'POST',
      '/bot/pnp/push',
      { to: hashPhone('+818000001234'), messages: [text('x')] },
      { 'x-line-retry-key': key(1) },
    );
    expect(pnp.status).toBe(400);
    const malformed = await call(
      mock,
      'POST',
      '/v2/bot/message/push',
      { to: user(1), messages: [text('x')] },
      { 'x-line-retry-key': 'not-a-uuid' },
    );
    expect(malformed.status).toBe(400);
  });

  it('answers 409 with the accepted request id and original sentMessages to a reused key, delivering once', async () => {
    const first = await call(
      mock,
      'POST',
      '/v2/bot/message/push',
      { to: user(1), messages: [text('x')] },
      { 'x-line-retry-key': key(2) },
    );
    const second = await call(
      mock,
      'POST',
      '/v2/bot/message/push',
      { to: user(1), messages: [text('x')] },
      { 'x-line-retry-key': key(2) },
    );
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(second.body).toEqual({
      message: 'The retry key is already accepted',
      sentMessages: first.body.sentMessages,
    });
    expect(mock.inbox.countFor(user(1))).toBe(1);
  });

  it('uses a reply token once', async () => {
    expect(
      (await call(mock, 'POST', '/v2/bot/message/reply', { replyToken: 'once', messages: [text('x')] }))
        .status,
    ).toBe(200);
    const again = await call(mock, 'POST', '/v2/bot/message/reply', {
      replyToken: 'once',
      messages: [text('x')],
    });
    expect(again.body).toEqual({ message: 'Invalid reply token' });
  });

  it('answers 413 above 2 MB', async () => {
    const response = await call(mock, 'POST', '/v2/bot/message/push', {
      to: user(1),
      messages: [text('x')],
      pad: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });
});

describe('rate limits, quota and retry-key lifetime on an injected clock', () => {
  it('applies per-endpoint token buckets and refills them over time', async () => {
    const clock = createFakeClock({ now: 0 });
    const mock = createLineMockServer({
      channelAccessToken: token,
      clock,
      rateLimits: { multicast: { limit: 2, intervalMs: 1000 } },
    });
    const send = () =>
      call(mock, 'POST', '/v2/bot/message/multicast', { to: [user(1)], messages: [text('x')] });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('The API rate limit has been exceeded. Try again later.');
    expect(
      (await call(mock, 'POST', '/v2/bot/message/push', { to: user(1), messages: [text('x')] })).status,
    ).toBe(200);
    clock.setTime(500);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(429);
  });

  it('enforces the monthly quota by recipients and reflects it in quota endpoints', async () => {
    const mock = createLineMockServer({
      channelAccessToken: token,
      monthlyQuota: 3,
      blockedUserIds: [user(9)],
    });
    expect(
      (
        await call(mock, 'POST', '/v2/bot/message/multicast', {
          to: [user(1), user(2), user(9)],
          messages: [text('x')],
        })
      ).status,
    ).toBe(200);
    expect(mock.inbox.countFor(user(9))).toBe(0);
    expect(
      (await call(mock, 'POST', '/v2/bot/message/push', { to: user(3), messages: [text('x')] })).status,
    ).toBe(200);
    const over = await call(mock, 'POST', '/v2/bot/message/push', { to: user(4), messages: [text('x')] });
    expect(over).toMatchObject({ status: 429, body: { message: 'You have reached your monthly limit.' } });
    expect(
      (await call(mock, 'POST', '/v2/bot/message/reply', { replyToken: 't', messages: [text('free')] }))
        .status,
    ).toBe(200);
    expect((await call(mock, 'GET', '/v2/bot/message/quota')).body).toEqual({ type: 'limited', value: 3 });
    expect((await call(mock, 'GET', '/v2/bot/message/quota/consumption')).body).toEqual({ totalUsage: 3 });
  });

  it('forgets a retry key after 24 hours', async () => {
    const clock = createFakeClock({ now: 0 });
    const mock = createLineMockServer({ channelAccessToken: token, clock });
    const push = () =>
      call(
        mock,
        'POST',
        '/v2/bot/message/push',
        { to: user(1), messages: [text('x')] },
        { 'x-line-retry-key': key(3) },
      );
    expect((await push()).status).toBe(200);
    clock.setTime(24 * 3600_000 - 1);
    expect((await push()).status).toBe(409);
    clock.setTime(24 * 3600_000);
    expect((await push()).status).toBe(200);
    expect(mock.inbox.countFor(user(1))).toBe(2);
  });
});

describe('narrowcast', () => {
  it('accepts with 202 and moves through waiting → sending → succeeded', async () => {
    const mock = createLineMockServer({ channelAccessToken: token, followers: [user(1), user(2), user(3)] });
    const accepted = await call(
      mock,
      'POST',
      '/v2/bot/message/narrowcast',
      { messages: [text('x')], limit: { max: 2 } },
      { 'x-line-retry-key': key(4) },
    );
    expect(accepted.status).toBe(202);
    const requestId = accepted.headers.get('x-line-request-id')!;
    const progress = () => call(mock, 'GET', `/v2/bot/message/progress/narrowcast?requestId=${requestId}`);
    expect((await progress()).body.phase).toBe('waiting');
    mock.narrowcasts.advance(requestId);
    expect((await progress()).body.phase).toBe('sending');
    mock.narrowcasts.advance(requestId);
    expect((await progress()).body).toMatchObject({
      phase: 'succeeded',
      successCount: 2,
      failureCount: 0,
      targetCount: 2,
    });
    expect(mock.inbox.recipients().sort()).toEqual([user(1), user(2)]);
    expect((await call(mock, 'GET', '/v2/bot/message/progress/narrowcast?requestId=nope')).status).toBe(404);
  });

  it('progresses by itself on the mock clock with narrowcastPhaseMs', async () => {
    const clock = createFakeClock({ now: 0 });
    const mock = createLineMockServer({
      channelAccessToken: token,
      clock,
      narrowcastPhaseMs: 1000,
      followers: [user(1)],
    });
    const accepted = await call(mock, 'POST', '/v2/bot/message/narrowcast', { messages: [text('x')] });
    const progress = () =>
      call(
        mock,
        'GET',
        `/v2/bot/message/progress/narrowcast?requestId=${accepted.headers.get('x-line-request-id')}`,
      );
    expect((await progress()).body.phase).toBe('waiting');
    clock.setTime(1000);
    expect((await progress()).body.phase).toBe('sending');
    clock.setTime(2000);
    expect((await progress()).body).toMatchObject({ phase: 'succeeded', successCount: 1 });
    expect(mock.inbox.countFor(user(1))).toBe(1);
  });

  it('can be failed with a LINE error code, and checks operator objects', async () => {
    const mock = createLineMockServer({ channelAccessToken: token });
    const accepted = await call(mock, 'POST', '/v2/bot/message/narrowcast', { messages: [text('x')] });
    mock.narrowcasts.fail(accepted.headers.get('x-line-request-id')!, 2, 'not enough recipients');
    expect(mock.narrowcasts.get(accepted.headers.get('x-line-request-id')!)).toMatchObject({
      phase: 'failed',
      errorCode: 2,
    });
    const bad = await call(mock, 'POST', '/v2/bot/message/narrowcast', {
      messages: [text('x')],
      recipient: { type: 'operator', and: [], or: [] },
    });
    expect(bad.status).toBe(400);
  });
});

describe('PNP', () => {
  it('answers 422 for unknown numbers and POSTs a signed delivery webhook after the delay', async () => {
    const received: { signature: string | undefined; body: string }[] = [];
    const server = createServer((request, response) => {
      let data = '';
      request.on('data', (chunk) => {
        data += chunk;
      });
      request.on('end', () => {
        received.push({ signature: request.headers['x-line-signature'] as string | undefined, body: data });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const clock = createFakeClock({ now: 0 });
    const mock = createLineMockServer({
      channelAccessToken: token,
      clock,
      knownPhoneNumbers: ['+818000001234'],
      deliveryWebhook: {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
        channelSecret: 'secret',
        delayMs: 60_000,
      },
    });
    const unknown = await call(mock, 'POST', '/bot/pnp/push', {
      to: hashPhone('+818000009999'),
      messages: [text('x')],
    });
    expect(unknown).toMatchObject({ status: 422, body: { message: 'Failed to send messages' } });
    const badDigest = await call(mock, 'POST', '/bot/pnp/push', {
      to: '+818000001234',
      messages: [text('x')],
    });
    expect(badDigest.body.message).toBe('The value must be a valid SHA-256 digest.');
    const ok = await call(
      mock,
      'POST',
      '/bot/pnp/push',
      { to: hashPhone('+818000001234'), messages: [text('x')] },
      { 'x-line-delivery-tag': 'tag-0123456789abcdef' },
    );
    expect(ok.status).toBe(200);
    expect(mock.deliveryWebhooks.pending()).toBe(1);
    await clock.advance(59_999);
    expect(received).toHaveLength(0);
    await clock.advance(1);
    await mock.deliveryWebhooks.flush();
    expect(received).toHaveLength(1);
    expect(received[0]!.signature).toBe(computeHmac('sha256', 'secret', received[0]!.body, 'base64'));
    expect(JSON.parse(received[0]!.body).events[0]).toMatchObject({
      type: 'delivery',
      delivery: { data: 'tag-0123456789abcdef' },
    });
    expect(mock.deliveryWebhooks.sent).toEqual([{ data: 'tag-0123456789abcdef', status: 200 }]);
    expect(mock.inbox.receivedByPhone('+818000001234')[0]!.deliveryTag).toBe('tag-0123456789abcdef');
  });

  it('validates templated notifications and answers 202', async () => {
    const mock = createLineMockServer({ channelAccessToken: token, knownPhoneNumbers: ['+818000001234'] });
    const to = hashPhone('+818000001234');
    const bad = await call(mock, 'POST', '/v2/bot/message/pnp/templated/push', {
      to,
      templateKey: 'k',
      body: { emphasizedItem: { itemKey: 'a', content: 'x'.repeat(16) } },
    });
    expect(bad.body.details).toEqual([
      { property: 'body.emphasizedItem.content', message: 'Length must be between 0 and 15' },
    ]);
    expect(
      (
        await call(mock, 'POST', '/v2/bot/message/pnp/templated/push', {
          to,
          templateKey: 'k',
          body: { items: [] },
        })
      ).status,
    ).toBe(202);
  });
});

describe('faults, ledger and loopback', () => {
  it('injects 5xx and drops, and runs handlers before dropping after handling', async () => {
    const mock = createLineMockServer({ channelAccessToken: token });
    mock.setFaults({ errorRate: 1, errorStatus: 503 });
    expect(
      (await call(mock, 'POST', '/v2/bot/message/push', { to: user(1), messages: [text('x')] })).status,
    ).toBe(503);
    mock.setFaults({ dropRate: 1 });
    expect(
      (await call(mock, 'POST', '/v2/bot/message/push', { to: user(1), messages: [text('x')] })).status,
    ).toBe(0);
    expect(mock.inbox.total()).toBe(0);
    mock.setFaults({ dropAfterHandlingRate: 1 });
    expect(
      (await call(mock, 'POST', '/v2/bot/message/push', { to: user(1), messages: [text('x')] })).status,
    ).toBe(0);
    expect(mock.inbox.countFor(user(1))).toBe(1);
    mock.reset();
    expect(mock.inbox.total()).toBe(0);
  });

  it('serves on 127.0.0.1 with profiles, followers and rich menus', async () => {
    const mock = createLineMockServer({ channelAccessToken: token, followers: [user(1), user(2), user(3)] });
    const running = await mock.listen();
    closers.push(() => running.close());
    const get = async (path: string) => {
      const response = await fetch(`${running.url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: await response.json() };
    };
    expect((await get('/v2/bot/followers/ids?limit=2')).body).toEqual({
      userIds: [user(1), user(2)],
      next: '2',
    });
    expect((await get('/v2/bot/followers/ids?limit=2&start=2')).body).toEqual({ userIds: [user(3)] });
    expect((await get(`/v2/bot/profile/${user(1)}`)).body.userId).toBe(user(1));
    expect((await get(`/v2/bot/profile/${user(9)}`)).status).toBe(404);
    const created = await fetch(`${running.url}/v2/bot/richmenu`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        size: { width: 2500, height: 843 },
        selected: false,
        name: 'x',
        chatBarText: 'Menu',
        areas: [],
      }),
    });
    const { richMenuId } = (await created.json()) as { richMenuId: string };
    expect((await get(`/v2/bot/richmenu/${richMenuId}`)).body.name).toBe('x');
    expect((await get('/v2/bot/richmenu/list')).body.richmenus).toHaveLength(1);
  });
});

describe('audiences and other resources', () => {
  it('creates, extends, lists, renames, reads and deletes audiences with LINE errors', async () => {
    const clock = createFakeClock({ now: 0 });
    const mock = createLineMockServer({ channelAccessToken: token, clock, audienceReadyAfterMs: 1000 });
    const created = await call(mock, 'POST', '/v2/bot/audienceGroup/upload', {
      description: 'Buyers',
      audiences: [{ id: user(1) }],
    });
    expect(created.status).toBe(202);
    const id = created.body.audienceGroupId as number;
    expect((await call(mock, 'GET', `/v2/bot/audienceGroup/${id}`)).body.audienceGroup.status).toBe(
      'IN_PROGRESS',
    );
    clock.setTime(1000);
    expect((await call(mock, 'GET', `/v2/bot/audienceGroup/${id}`)).body).toMatchObject({
      audienceGroup: { status: 'READY', audienceCount: 1 },
      jobs: [{ jobStatus: 'FINISHED' }],
    });
    expect(
      (
        await call(mock, 'PUT', '/v2/bot/audienceGroup/upload', {
          audienceGroupId: id,
          audiences: [{ id: user(2) }],
        })
      ).status,
    ).toBe(202);
    const badId = await call(mock, 'PUT', '/v2/bot/audienceGroup/upload', {
      audienceGroupId: id,
      audiences: [{ id: 'nope' }],
    });
    expect(badId.body.details).toEqual([{ message: 'UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT' }]);
    expect(
      (await call(mock, 'PUT', '/v2/bot/audienceGroup/upload', { audienceGroupId: 1, audiences: [] })).status,
    ).toBe(404);
    const tooLong = await call(mock, 'POST', '/v2/bot/audienceGroup/upload', {
      description: 'x'.repeat(121),
      audiences: [],
    });
    expect(tooLong.body.details).toEqual([{ message: 'AUDIENCE_GROUP_NAME_SIZE_OVER' }]);
    const tooMany = await call(mock, 'POST', '/v2/bot/audienceGroup/upload', {
      description: 'big',
      audiences: Array.from({ length: 10_001 }, (_, i) => ({ id: user(i) })),
    });
    expect(tooMany.body.details).toEqual([{ message: 'UPLOAD_AUDIENCE_GROUP_TOO_MANY_AUDIENCE_IDS' }]);
    expect(
      (await call(mock, 'PUT', `/v2/bot/audienceGroup/${id}/updateDescription`, { description: 'Loyal' }))
        .status,
    ).toBe(200);
    expect(
      (await call(mock, 'PUT', '/v2/bot/audienceGroup/999/updateDescription', { description: 'x' })).status,
    ).toBe(404);
    expect(
      (
        await call(mock, 'POST', '/v2/bot/audienceGroup/click', {
          description: 'Clicked',
          requestId: 'r',
          clickUrl: 'https://x.test',
        })
      ).body.type,
    ).toBe('CLICK');
    expect(
      (await call(mock, 'POST', '/v2/bot/audienceGroup/imp', { description: 'Seen', requestId: 'r' })).body
        .type,
    ).toBe('IMP');
    const list = await call(
      mock,
      'GET',
      '/v2/bot/audienceGroup/list?page=1&size=2&description=loy&status=READY',
    );
    expect(list.body).toMatchObject({
      totalCount: 1,
      hasNextPage: false,
      audienceGroups: [{ description: 'Loyal' }],
    });
    mock.setAudienceStatus(id, 'EXPIRED');
    expect((await call(mock, 'GET', `/v2/bot/audienceGroup/${id}`)).body.audienceGroup.status).toBe(
      'EXPIRED',
    );
    expect((await call(mock, 'DELETE', `/v2/bot/audienceGroup/${id}`)).status).toBe(200);
    expect((await call(mock, 'DELETE', `/v2/bot/audienceGroup/${id}`)).status).toBe(404);
  });

  it('accepts audience files as multipart/form-data', async () => {
    const mock = createLineMockServer({ channelAccessToken: token });
    const form = new FormData();
    form.set('description', 'From file');
    form.set('file', new Blob([`${user(1)}\n${user(2)}\n`], { type: 'text/plain' }), 'ids.txt');
    const upload = (method: string, body: FormData) =>
      mock.handle(
        new Request('https://api-data.line.me/v2/bot/audienceGroup/upload/byFile', {
          method,
          headers: { authorization: `Bearer ${token}` },
          body,
        }),
      );
    const created = (await (await upload('POST', form))!.json()) as { audienceGroupId: number };
    const more = new FormData();
    more.set('audienceGroupId', String(created.audienceGroupId));
    more.set('file', new Blob([user(3)], { type: 'text/plain' }), 'ids.txt');
    expect((await upload('PUT', more))!.status).toBe(202);
    expect(
      (await call(mock, 'GET', `/v2/bot/audienceGroup/${created.audienceGroupId}`)).body.audienceGroup
        .audienceCount,
    ).toBe(3);
    const noFile = new FormData();
    noFile.set('description', 'x');
    expect((await upload('POST', noFile))!.status).toBe(400);
  });

  it('serves rich menus, aliases, links, images, content, bot info and chat endpoints', async () => {
    const mock = createLineMockServer({
      channelAccessToken: token,
      contents: { m1: { data: new Uint8Array([9]), contentType: 'image/png' } },
    });
    const menu = {
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'Main',
      chatBarText: 'Menu',
      areas: [],
    };
    expect(
      (await call(mock, 'POST', '/v2/bot/richmenu/validate', { ...menu, chatBarText: 'x'.repeat(15) }))
        .status,
    ).toBe(400);
    const { richMenuId } = (await call(mock, 'POST', '/v2/bot/richmenu', menu)).body as {
      richMenuId: string;
    };
    const image = (contentType: string) =>
      mock.handle(
        new Request(`https://api-data.line.me/v2/bot/richmenu/${richMenuId}/content`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          body: new Uint8Array([1]),
        }),
      );
    expect((await image('image/gif'))!.status).toBe(415);
    expect((await image('image/png'))!.status).toBe(200);
    expect((await image('image/png'))!.status).toBe(400);
    expect((await call(mock, 'POST', `/v2/bot/user/all/richmenu/${richMenuId}`)).status).toBe(200);
    expect((await call(mock, 'GET', `/v2/bot/user/${user(1)}/richmenu`)).body).toEqual({ richMenuId });
    expect(
      (await call(mock, 'POST', '/v2/bot/richmenu/bulk/link', { richMenuId, userIds: [user(2)] })).status,
    ).toBe(202);
    expect((await call(mock, 'POST', '/v2/bot/richmenu/bulk/link', { richMenuId, userIds: [] })).status).toBe(
      400,
    );
    expect((await call(mock, 'POST', '/v2/bot/richmenu/bulk/unlink', { userIds: [user(2)] })).status).toBe(
      202,
    );
    expect(
      (await call(mock, 'POST', '/v2/bot/richmenu/alias', { richMenuAliasId: 'a', richMenuId })).status,
    ).toBe(200);
    expect(
      (await call(mock, 'POST', '/v2/bot/richmenu/alias', { richMenuAliasId: 'a', richMenuId })).status,
    ).toBe(400);
    expect((await call(mock, 'POST', '/v2/bot/richmenu/alias/zzz', { richMenuId })).status).toBe(404);
    expect((await call(mock, 'GET', '/v2/bot/richmenu/alias/list')).body.aliases).toHaveLength(1);
    expect((await call(mock, 'DELETE', '/v2/bot/richmenu/alias/a')).status).toBe(200);
    expect((await call(mock, 'DELETE', '/v2/bot/user/all/richmenu')).status).toBe(200);
    expect((await call(mock, 'GET', '/v2/bot/user/all/richmenu')).status).toBe(404);
    expect((await call(mock, 'DELETE', `/v2/bot/richmenu/${richMenuId}`)).status).toBe(200);
    expect((await call(mock, 'GET', `/v2/bot/richmenu/${richMenuId}`)).status).toBe(404);
    const content = await mock.handle(
      new Request('https://api-data.line.me/v2/bot/message/m1/content', {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(content!.headers.get('content-type')).toBe('image/png');
    expect((await call(mock, 'GET', '/v2/bot/message/m2/content')).status).toBe(404);
    expect((await call(mock, 'GET', '/v2/bot/info')).body.basicId).toBe('@mockbot');
    expect(
      (await call(mock, 'POST', '/v2/bot/chat/loading/start', { chatId: user(1), loadingSeconds: 7 })).status,
    ).toBe(400);
    expect((await call(mock, 'POST', '/v2/bot/chat/loading/start', { chatId: user(1) })).status).toBe(202);
    expect(
      (await call(mock, 'POST', '/v2/bot/message/markAsRead', { chat: { userId: user(1) } })).status,
    ).toBe(200);
    expect((await call(mock, 'GET', '/v2/bot/message/delivery/push?date=2026-01-01')).status).toBe(400);
    expect((await call(mock, 'GET', '/v2/bot/message/delivery/push?date=29990101')).body).toEqual({
      status: 'unready',
    });
  });
});
