import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUrl,
  createCheckedMock,
  dataUrl,
  instantClock,
  token,
  userId,
} from './__tests__/line-test-harness.js';
import { LineClient } from './line-client.js';
import type { LineRichMenuRequest } from './line-types.js';

let now = Date.parse('2026-03-01T00:00:00Z');
const clock = {
  now: () => now,
  sleep: async (ms: number) => {
    now += ms;
  },
};
const { mock, validator } = createCheckedMock({ clock, audienceReadyAfterMs: 120_000 });
const server = setupServer(...mock.mswHandlers([apiUrl, dataUrl]));
const urls: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    urls.push(`${request.method} ${request.url}`);
  });
});
afterEach(() => {
  urls.length = 0;
  mock.reset();
});
afterAll(() => {
  server.close();
  console.info(
    `contract-checked (resource tests): ${validator.counts.requests} requests, ${validator.counts.responses} responses`,
  );
  expect(validator.errors).toEqual([]);
});

const line = new LineClient({ channelAccessToken: token, clock });

describe('audiences', () => {
  it('creates by ids, waits until READY, adds ids, renames, lists and deletes', async () => {
    const created = await line.audiences.create({
      description: 'Buyers',
      userIds: [userId(1), userId(2)],
      uploadDescription: 'first',
    });
    expect(created.type).toBe('UPLOAD');
    const pending = await line.audiences.get(created.audienceGroupId);
    expect(pending.audienceGroup.status).toBe('IN_PROGRESS');
    const ready = await line.audiences.waitUntilReady(created.audienceGroupId, { intervalMs: 60_000 });
    expect(ready.audienceGroup.status).toBe('READY');
    expect(ready.audienceGroup.audienceCount).toBe(2);
    await line.audiences.addUserIds(created.audienceGroupId, [userId(3)], { uploadDescription: 'second' });
    await line.audiences.rename(created.audienceGroupId, 'Loyal buyers');
    const detail = await line.audiences.get(created.audienceGroupId);
    expect(detail.audienceGroup).toMatchObject({ description: 'Loyal buyers', audienceCount: 3 });
    expect(detail.jobs).toHaveLength(2);
    await line.audiences.delete(created.audienceGroupId);
    await expect(line.audiences.get(created.audienceGroupId)).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('creates and extends audiences from files on the data host', async () => {
    const created = await line.audiences.createFromFile({
      description: 'From file',
      userIds: [userId(1), userId(2), userId(3)],
    });
    await line.audiences.addUserIdsFromFile(created.audienceGroupId, [userId(4)]);
    expect(urls.filter((url) => url.includes(dataUrl))).toHaveLength(2);
    expect((await line.audiences.get(created.audienceGroupId)).audienceGroup.audienceCount).toBe(4);
  });

  it('creates click and impression retargeting audiences', async () => {
    const click = await line.audiences.createClickAudience({
      description: 'Clicked',
      requestId: 'req-1',
      clickUrl: 'https://shop.test/sale',
    });
    const imp = await line.audiences.createImpressionAudience({ description: 'Opened', requestId: 'req-1' });
    expect(click.type).toBe('CLICK');
    expect(imp.type).toBe('IMP');
  });

  it('lists page by page', async () => {
    for (let index = 0; index < 5; index++)
      await line.audiences.create({ description: `A${index}`, userIds: [userId(index + 1)] });
    const page = await line.audiences.list({ size: 2 });
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 5, page: 1, size: 2 });
    const all = [];
    for await (const audience of line.audiences.listAll({ size: 2 })) all.push(audience.description);
    expect(all).toEqual(['A0', 'A1', 'A2', 'A3', 'A4']);
  });

  it('stops waiting when an audience fails', async () => {
    const created = await line.audiences.create({ description: 'Doomed', userIds: [userId(1)] });
    mock.setAudienceStatus(created.audienceGroupId, 'FAILED');
    expect((await line.audiences.waitUntilReady(created.audienceGroupId)).audienceGroup.status).toBe(
      'FAILED',
    );
  });

  it('rejects over-long names and too many ids before sending', async () => {
    await expect(line.audiences.create({ description: 'x'.repeat(121) })).rejects.toThrow(/description/);
    await expect(
      line.audiences.create({
        description: 'big',
        userIds: Array.from({ length: 10_001 }, (_, index) => String(index)),
      }),
    ).rejects.toThrow(/file upload/);
    expect(urls).toHaveLength(0);
  });
});

describe('rich menus', () => {
  const menu: LineRichMenuRequest = {
    size: { width: 2500, height: 843 },
    selected: false,
    name: 'Main',
    chatBarText: 'Menu',
    areas: [
      { bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'postback', data: 'menu=main' } },
    ],
  };

  it('creates, uploads an image, links, aliases, lists and deletes', async () => {
    await line.richMenus.validate(menu);
    const id = await line.richMenus.create(menu);
    await line.richMenus.uploadImage(id, new Uint8Array([137, 80, 78, 71]), 'image/png');
    expect([...(await line.richMenus.downloadImage(id))]).toEqual([137, 80, 78, 71]);
    expect((await line.richMenus.get(id)).name).toBe('Main');
    expect((await line.richMenus.list()).map((item) => item.richMenuId)).toEqual([id]);
    await line.richMenus.setDefault(id);
    expect(await line.richMenus.getDefault()).toBe(id);
    await line.richMenus.linkToUser(userId(1), id);
    expect(await line.richMenus.getForUser(userId(1))).toBe(id);
    await line.richMenus.unlinkFromUser(userId(1));
    await line.richMenus.linkToUsers(
      id,
      Array.from({ length: 501 }, (_, index) => userId(index + 10)),
    );
    expect(urls.filter((url) => url.endsWith('/bulk/link'))).toHaveLength(2);
    await line.richMenus.unlinkFromUsers([userId(10)]);
    await line.richMenus.createAlias({ richMenuAliasId: 'main', richMenuId: id });
    const other = await line.richMenus.create({ ...menu, name: 'Other' });
    await line.richMenus.updateAlias('main', other);
    expect(await line.richMenus.getAlias('main')).toEqual({ richMenuAliasId: 'main', richMenuId: other });
    expect(await line.richMenus.listAliases()).toHaveLength(1);
    await line.richMenus.deleteAlias('main');
    await line.richMenus.clearDefault();
    await line.richMenus.delete(id);
    await expect(line.richMenus.get(id)).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('uses the data host for images only', async () => {
    const id = await line.richMenus.create(menu);
    await line.richMenus.uploadImage(id, new Uint8Array([1]), 'image/jpeg');
    expect(urls.filter((url) => url.includes('api-data'))).toEqual([
      `POST ${dataUrl}/v2/bot/richmenu/${id}/content`,
    ]);
  });
});

describe('transport options', () => {
  it('calls hooks with redacted headers', async () => {
    const seen: string[] = [];
    const hooked = new LineClient({
      channelAccessToken: token,
      clock: instantClock(),
      hooks: { onRequest: (event) => seen.push(JSON.stringify(event.headers)) },
    });
    await hooked.getQuota();
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(token);
  });
});
