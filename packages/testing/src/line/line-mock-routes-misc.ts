import { randomUUID } from 'node:crypto';
import type { MockResponse } from '../mock-server.js';
import { type LineMockEnv, type LineRouteSpec, lineError, lineMockMessages } from './line-mock-context.js';

const notFound = (): MockResponse => lineError(404, lineMockMessages.notFound);
const ok = (body: unknown = {}): MockResponse => ({ status: 200, body });

/** Profile, followers, bot info, content, loading animation and mark-as-read routes. @internal */
export function userRoutes(env: LineMockEnv): LineRouteSpec[] {
  const followers = () => env.options.followers ?? [];
  return [
    {
      method: 'GET',
      path: '/v2/bot/profile/:userId',
      operation: 'profile',
      handler: ({ request }) => {
        const userId = request.params.userId!;
        if (!followers().includes(userId)) return notFound();
        return ok({ userId, displayName: `User ${userId.slice(-4)}`, language: 'en' });
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/followers/ids',
      operation: 'followers',
      handler: ({ request }) => {
        const limit = Math.min(1000, Math.max(1, Number(request.query.get('limit') ?? 300)));
        const start = Number(request.query.get('start') ?? 0) || 0;
        const userIds = followers().slice(start, start + limit);
        const next = start + limit < followers().length ? String(start + limit) : undefined;
        return ok({ userIds, ...(next !== undefined ? { next } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/info',
      operation: 'bot-info',
      handler: () =>
        ok({
          userId: `U${'0'.repeat(32)}`,
          basicId: '@mockbot',
          displayName: 'Mock bot',
          chatMode: 'bot',
          markAsReadMode: 'auto',
        }),
    },
    {
      method: 'GET',
      path: '/v2/bot/message/:messageId/content',
      operation: 'message-content',
      handler: ({ request }) => {
        const content = env.options.contents?.[request.params.messageId!];
        if (!content) return notFound();
        return { status: 200, headers: { 'content-type': content.contentType }, body: content.data };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/chat/loading/start',
      operation: 'loading-animation',
      handler: ({ body }) => {
        const seconds = body.loadingSeconds;
        if (typeof body.chatId !== 'string' || body.chatId === '')
          return lineError(400, 'The request body has 1 error(s)', {
            details: [{ message: 'May not be empty', property: 'chatId' }],
          });
        if (
          seconds !== undefined &&
          (typeof seconds !== 'number' || seconds < 5 || seconds > 60 || seconds % 5 !== 0)
        )
          return lineError(400, 'The request body has 1 error(s)', {
            details: [{ message: 'Must be a multiple of 5 between 5 and 60', property: 'loadingSeconds' }],
          });
        return { status: 202, body: {} };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/markAsRead',
      operation: 'mark-as-read',
      handler: () => ok(),
    },
    {
      method: 'POST',
      path: '/v2/bot/chat/markAsRead',
      operation: 'mark-as-read-token',
      handler: () => ok(),
    },
  ];
}

/** Rich menu routes: CRUD, images, default, per-user links, bulk, aliases. @internal */
export function richMenuRoutes(env: LineMockEnv): LineRouteSpec[] {
  const { state } = env;
  const checkMenu = (body: Record<string, unknown>): MockResponse | undefined => {
    const size = body.size as { width?: number; height?: number } | undefined;
    const problems: { message: string; property: string }[] = [];
    if (!size || typeof size.width !== 'number' || typeof size.height !== 'number')
      problems.push({ message: 'May not be empty', property: 'size' });
    if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 300)
      problems.push({ message: 'Length must be between 1 and 300', property: 'name' });
    if (typeof body.chatBarText !== 'string' || body.chatBarText.length > 14)
      problems.push({ message: 'Length must be between 0 and 14', property: 'chatBarText' });
    if (!Array.isArray(body.areas) || body.areas.length > 20)
      problems.push({ message: 'Size must be between 0 and 20', property: 'areas' });
    return problems.length > 0
      ? lineError(400, `The request body has ${problems.length} error(s)`, { details: problems })
      : undefined;
  };
  const menu = (id: string | undefined) => (id ? state.richMenus.get(id) : undefined);
  return [
    {
      method: 'POST',
      path: '/v2/bot/richmenu',
      operation: 'richmenu-create',
      handler: ({ body }) => {
        const bad = checkMenu(body);
        if (bad) return bad;
        const richMenuId = `richmenu-${randomUUID().replace(/-/g, '')}`;
        state.richMenus.set(richMenuId, { ...body, richMenuId });
        return ok({ richMenuId });
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/validate',
      operation: 'richmenu-validate',
      handler: ({ body }) => checkMenu(body) ?? ok(),
    },
    {
      method: 'GET',
      path: '/v2/bot/richmenu/list',
      operation: 'richmenu-list',
      handler: () => ok({ richmenus: [...state.richMenus.values()] }),
    },
    {
      method: 'GET',
      path: '/v2/bot/richmenu/alias/list',
      operation: 'richmenu-alias-list',
      handler: () =>
        ok({
          aliases: [...state.aliases].map(([richMenuAliasId, richMenuId]) => ({
            richMenuAliasId,
            richMenuId,
          })),
        }),
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/alias',
      operation: 'richmenu-alias-create',
      handler: ({ body }) => {
        const aliasId = String(body.richMenuAliasId ?? '');
        if (!menu(String(body.richMenuId))) return lineError(400, 'richmenu not found');
        if (state.aliases.has(aliasId)) return lineError(400, 'conflict richmenu alias id');
        state.aliases.set(aliasId, String(body.richMenuId));
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/alias/:aliasId',
      operation: 'richmenu-alias-update',
      handler: ({ body, request }) => {
        if (!state.aliases.has(request.params.aliasId!)) return notFound();
        if (!menu(String(body.richMenuId))) return lineError(400, 'richmenu not found');
        state.aliases.set(request.params.aliasId!, String(body.richMenuId));
        return ok();
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/richmenu/alias/:aliasId',
      operation: 'richmenu-alias-get',
      handler: ({ request }) => {
        const richMenuId = state.aliases.get(request.params.aliasId!);
        return richMenuId ? ok({ richMenuAliasId: request.params.aliasId, richMenuId }) : notFound();
      },
    },
    {
      method: 'DELETE',
      path: '/v2/bot/richmenu/alias/:aliasId',
      operation: 'richmenu-alias-delete',
      handler: ({ request }) => (state.aliases.delete(request.params.aliasId!) ? ok() : notFound()),
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/bulk/link',
      operation: 'richmenu-bulk-link',
      handler: ({ body }) => {
        if (!menu(String(body.richMenuId))) return notFound();
        const userIds = Array.isArray(body.userIds) ? (body.userIds as string[]) : [];
        if (userIds.length === 0 || userIds.length > 500)
          return lineError(400, 'Size must be between 1 and 500');
        for (const userId of userIds) state.userRichMenus.set(userId, String(body.richMenuId));
        return { status: 202, body: {} };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/bulk/unlink',
      operation: 'richmenu-bulk-unlink',
      handler: ({ body }) => {
        const userIds = Array.isArray(body.userIds) ? (body.userIds as string[]) : [];
        if (userIds.length === 0 || userIds.length > 500)
          return lineError(400, 'Size must be between 1 and 500');
        for (const userId of userIds) state.userRichMenus.delete(userId);
        return { status: 202, body: {} };
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/richmenu/:richMenuId/content',
      operation: 'richmenu-image-upload',
      body: 'raw',
      handler: ({ request }) => {
        if (!menu(request.params.richMenuId)) return notFound();
        const contentType = request.headers.get('content-type') ?? '';
        if (contentType !== 'image/jpeg' && contentType !== 'image/png')
          return lineError(415, 'Unsupported Media Type');
        if (state.richMenuImages.has(request.params.richMenuId!))
          return lineError(400, 'An image has already been uploaded to the richmenu');
        state.richMenuImages.set(request.params.richMenuId!, { data: request.rawBody, contentType });
        return ok();
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/richmenu/:richMenuId/content',
      operation: 'richmenu-image-download',
      handler: ({ request }) => {
        const image = state.richMenuImages.get(request.params.richMenuId!);
        return image
          ? { status: 200, headers: { 'content-type': image.contentType }, body: image.data }
          : notFound();
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/richmenu/:richMenuId',
      operation: 'richmenu-get',
      handler: ({ request }) => {
        const found = menu(request.params.richMenuId);
        return found ? ok(found) : notFound();
      },
    },
    {
      method: 'DELETE',
      path: '/v2/bot/richmenu/:richMenuId',
      operation: 'richmenu-delete',
      handler: ({ request }) => {
        if (!state.richMenus.delete(request.params.richMenuId!)) return notFound();
        state.richMenuImages.delete(request.params.richMenuId!);
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/user/all/richmenu/:richMenuId',
      operation: 'richmenu-default-set',
      handler: ({ request }) => {
        if (!menu(request.params.richMenuId)) return notFound();
        state.defaultRichMenu = request.params.richMenuId;
        return ok();
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/user/all/richmenu',
      operation: 'richmenu-default-get',
      handler: () => (state.defaultRichMenu ? ok({ richMenuId: state.defaultRichMenu }) : notFound()),
    },
    {
      method: 'DELETE',
      path: '/v2/bot/user/all/richmenu',
      operation: 'richmenu-default-clear',
      handler: () => {
        state.defaultRichMenu = undefined;
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/user/:userId/richmenu/:richMenuId',
      operation: 'richmenu-link',
      handler: ({ request }) => {
        if (!menu(request.params.richMenuId)) return notFound();
        state.userRichMenus.set(request.params.userId!, request.params.richMenuId!);
        return ok();
      },
    },
    {
      method: 'GET',
      path: '/v2/bot/user/:userId/richmenu',
      operation: 'richmenu-user-get',
      handler: ({ request }) => {
        const richMenuId = state.userRichMenus.get(request.params.userId!) ?? state.defaultRichMenu;
        return richMenuId ? ok({ richMenuId }) : notFound();
      },
    },
    {
      method: 'DELETE',
      path: '/v2/bot/user/:userId/richmenu',
      operation: 'richmenu-unlink',
      handler: ({ request }) => {
        state.userRichMenus.delete(request.params.userId!);
        return ok();
      },
    },
  ];
}
