import type { MockRequest, MockResponse } from '../mock-server.js';
import { type LineMockEnv, type LineRouteSpec, lineError, lineMockMessages } from './line-mock-context.js';
import type { LineMockAudience } from './line-mock-state.js';

const base = '/v2/bot/audienceGroup';

async function readForm(request: MockRequest): Promise<FormData | undefined> {
  try {
    const web = new Request('http://mock.invalid/', {
      method: 'POST',
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      body: request.rawBody as BodyInit,
    });
    return await web.formData();
  } catch {
    return undefined;
  }
}

function audienceError(detail: string): MockResponse {
  return lineError(400, 'Invalid request', { details: [{ message: detail }] });
}

/** Audience routes (JSON and file uploads, click/impression, rename, get, list, delete). @internal */
export function audienceRoutes(env: LineMockEnv): LineRouteSpec[] {
  const { state } = env;
  const statusOf = (audience: LineMockAudience) =>
    audience.forcedStatus ??
    (state.clock.now() - audience.created >= (env.options.audienceReadyAfterMs ?? 0)
      ? 'READY'
      : 'IN_PROGRESS');
  const view = (audience: LineMockAudience) => ({
    audienceGroupId: audience.audienceGroupId,
    type: audience.type,
    description: audience.description,
    status: statusOf(audience),
    audienceCount: audience.userIds.size,
    created: Math.floor(audience.created / 1000),
    permission: 'READ_WRITE',
    createRoute: 'MESSAGING_API',
    ...(audience.type === 'UPLOAD' ? { isIfaAudience: audience.isIfaAudience } : {}),
    ...(audience.requestId !== undefined ? { requestId: audience.requestId } : {}),
    ...(audience.clickUrl !== undefined ? { clickUrl: audience.clickUrl } : {}),
  });
  const validDescription = (description: unknown): description is string =>
    typeof description === 'string' && description.length > 0 && description.length <= 120;
  const create = (
    type: LineMockAudience['type'],
    description: string,
    extra: Partial<LineMockAudience> = {},
  ): LineMockAudience | MockResponse => {
    if (state.audiences.size >= 1000) return audienceError('AUDIENCE_GROUP_COUNT_MAX_OVER');
    const audience: LineMockAudience = {
      audienceGroupId: state.nextNumber(),
      type,
      description,
      created: state.clock.now(),
      userIds: new Set(),
      isIfaAudience: false,
      jobs: [],
      ...extra,
    };
    state.audiences.set(audience.audienceGroupId, audience);
    return audience;
  };
  const created = (audience: LineMockAudience): MockResponse => ({
    status: 202,
    body: {
      audienceGroupId: audience.audienceGroupId,
      createRoute: 'MESSAGING_API',
      type: audience.type,
      description: audience.description,
      created: Math.floor(audience.created / 1000),
      permission: 'READ_WRITE',
      expireTimestamp: Math.floor(audience.created / 1000) + 180 * 24 * 3600,
      isIfaAudience: audience.isIfaAudience,
      ...(audience.requestId !== undefined ? { requestId: audience.requestId } : {}),
      ...(audience.clickUrl !== undefined ? { clickUrl: audience.clickUrl } : {}),
    },
  });
  const addIds = (
    audience: LineMockAudience,
    ids: string[],
    description?: string,
  ): MockResponse | undefined => {
    if (ids.length > 10_000) return audienceError('UPLOAD_AUDIENCE_GROUP_TOO_MANY_AUDIENCE_IDS');
    if (ids.some((id) => !/^U[0-9a-f]{32}$/.test(id) && !audience.isIfaAudience))
      return audienceError('UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT');
    for (const id of ids) audience.userIds.add(id);
    audience.jobs.push({
      audienceGroupJobId: state.nextNumber(),
      ...(description !== undefined ? { description } : {}),
      audienceCount: ids.length,
      created: Math.floor(state.clock.now() / 1000),
    });
    return undefined;
  };
  const idsOf = (audiences: unknown): string[] =>
    Array.isArray(audiences) ? audiences.map((item) => String((item as { id?: unknown }).id ?? '')) : [];
  const find = (id: string | undefined) => state.audiences.get(Number(id));

  return [
    {
      method: 'POST',
      path: `${base}/upload`,
      operation: 'audience-create',
      limit: 'audience',
      handler: ({ body }) => {
        if (!validDescription(body.description)) return audienceError('AUDIENCE_GROUP_NAME_SIZE_OVER');
        const audience = create('UPLOAD', body.description, { isIfaAudience: body.isIfaAudience === true });
        if (!('audienceGroupId' in audience)) return audience;
        const failed = addIds(audience, idsOf(body.audiences), body.uploadDescription as string | undefined);
        if (failed) {
          state.audiences.delete(audience.audienceGroupId);
          return failed;
        }
        return created(audience);
      },
    },
    {
      method: 'PUT',
      path: `${base}/upload`,
      operation: 'audience-add',
      limit: 'audience',
      handler: ({ body }) => {
        const audience = find(String(body.audienceGroupId));
        if (audience?.type !== 'UPLOAD') return lineError(404, lineMockMessages.notFound);
        return (
          addIds(audience, idsOf(body.audiences), body.uploadDescription as string | undefined) ?? {
            status: 202,
            body: {},
          }
        );
      },
    },
    {
      method: 'POST',
      path: `${base}/upload/byFile`,
      operation: 'audience-create-file',
      limit: 'audience',
      body: 'raw',
      handler: async ({ request }) => {
        const form = await readForm(request);
        const file = form?.get('file');
        const description = form?.get('description');
        if (!form || !(file instanceof Blob))
          return lineError(400, 'The request body must be multipart/form-data with a file');
        if (!validDescription(description)) return audienceError('AUDIENCE_GROUP_NAME_SIZE_OVER');
        const audience = create('UPLOAD', description, {
          isIfaAudience: form.get('isIfaAudience') === 'true',
        });
        if (!('audienceGroupId' in audience)) return audience;
        const ids = (await file.text()).split(/\r?\n/).filter(Boolean);
        for (const id of ids) audience.userIds.add(id);
        return created(audience);
      },
    },
    {
      method: 'PUT',
      path: `${base}/upload/byFile`,
      operation: 'audience-add-file',
      limit: 'audience',
      body: 'raw',
      handler: async ({ request }) => {
        const form = await readForm(request);
        const file = form?.get('file');
        const audience = find(String(form?.get('audienceGroupId') ?? ''));
        if (!form || !(file instanceof Blob))
          return lineError(400, 'The request body must be multipart/form-data with a file');
        if (!audience) return lineError(404, lineMockMessages.notFound);
        for (const id of (await file.text()).split(/\r?\n/).filter(Boolean)) audience.userIds.add(id);
        return { status: 202, body: {} };
      },
    },
    {
      method: 'POST',
      path: `${base}/click`,
      operation: 'audience-create-click',
      limit: 'audience',
      handler: ({ body }) => {
        if (!validDescription(body.description)) return audienceError('AUDIENCE_GROUP_NAME_SIZE_OVER');
        const audience = create('CLICK', body.description, {
          requestId: String(body.requestId ?? ''),
          ...(typeof body.clickUrl === 'string' ? { clickUrl: body.clickUrl } : {}),
        });
        return 'audienceGroupId' in audience ? created(audience) : audience;
      },
    },
    {
      method: 'POST',
      path: `${base}/imp`,
      operation: 'audience-create-impression',
      limit: 'audience',
      handler: ({ body }) => {
        if (!validDescription(body.description)) return audienceError('AUDIENCE_GROUP_NAME_SIZE_OVER');
        const audience = create('IMP', body.description, { requestId: String(body.requestId ?? '') });
        if (!('audienceGroupId' in audience)) return audience;
        return {
          status: 202,
          body: {
            audienceGroupId: audience.audienceGroupId,
            type: 'IMP',
            description: audience.description,
            created: Math.floor(audience.created / 1000),
            requestId: audience.requestId,
          },
        };
      },
    },
    {
      method: 'PUT',
      path: `${base}/:audienceGroupId/updateDescription`,
      operation: 'audience-rename',
      limit: 'audience',
      handler: ({ body, request }) => {
        const audience = find(request.params.audienceGroupId);
        if (!audience) return lineError(404, lineMockMessages.notFound);
        if (!validDescription(body.description)) return audienceError('AUDIENCE_GROUP_NAME_SIZE_OVER');
        audience.description = body.description;
        return { status: 200, body: {} };
      },
    },
    {
      method: 'GET',
      path: `${base}/list`,
      operation: 'audience-list',
      limit: 'audience',
      handler: ({ request }) => {
        const page = Math.max(1, Number(request.query.get('page') ?? 1));
        const size = Math.min(40, Math.max(1, Number(request.query.get('size') ?? 20)));
        const description = request.query.get('description');
        const status = request.query.get('status');
        const all = [...state.audiences.values()]
          .map(view)
          .filter(
            (audience) =>
              !description || audience.description.toLowerCase().includes(description.toLowerCase()),
          )
          .filter((audience) => !status || audience.status === status);
        const audienceGroups = all.slice((page - 1) * size, page * size);
        return {
          status: 200,
          body: {
            audienceGroups,
            hasNextPage: page * size < all.length,
            totalCount: all.length,
            readWriteAudienceGroupTotalCount: all.length,
            page,
            size,
          },
        };
      },
    },
    {
      method: 'GET',
      path: `${base}/:audienceGroupId`,
      operation: 'audience-get',
      limit: 'audience',
      handler: ({ request }) => {
        const audience = find(request.params.audienceGroupId);
        if (!audience) return lineError(404, lineMockMessages.notFound);
        const status = statusOf(audience);
        return {
          status: 200,
          body: {
            audienceGroup: view(audience),
            jobs: audience.jobs.map((job) => ({
              ...job,
              audienceGroupId: audience.audienceGroupId,
              type: 'DIFF_ADD',
              jobStatus: status === 'READY' ? 'FINISHED' : 'WORKING',
            })),
          },
        };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:audienceGroupId`,
      operation: 'audience-delete',
      limit: 'audience',
      handler: ({ request }) => {
        const audience = find(request.params.audienceGroupId);
        if (!audience) return lineError(404, lineMockMessages.notFound);
        state.audiences.delete(audience.audienceGroupId);
        return { status: 200, body: {} };
      },
    },
  ];
}
