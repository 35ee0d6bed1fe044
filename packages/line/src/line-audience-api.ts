import { lineLimits as L } from './line-limits.js';
import {
  type LineCallOptions,
  type LineRequestContext,
  requestUnkeyed,
  throwIfInvalid,
} from './line-request-context.js';
import {
  type LineAudienceDetail,
  type LineAudienceGroup,
  type LineAudiencePage,
  type LineAudienceStatus,
  lineAudienceDetailSchema,
  lineAudienceGroupSchema,
  lineAudiencePageSchema,
} from './line-schemas.js';

/** Options of {@link LineAudienceApi.create}. */
export interface LineCreateAudienceRequest {
  /** Audience name, ≤ 120 characters, case-insensitive. */
  description: string;
  /** User ids (or IFAs with `isIfaAudience`), ≤ 10,000 per request (use `createFromFile` for more). */
  userIds?: readonly string[];
  isIfaAudience?: boolean;
  uploadDescription?: string;
}

/** Options of {@link LineAudienceApi.list}. */
export interface LineListAudiencesQuery {
  /** 1-based page. Default 1. */
  page?: number;
  /** Page size, ≤ 40. Default 20. */
  size?: number;
  /** Audiences whose name contains this. */
  description?: string;
  status?: LineAudienceStatus;
  includesExternalPublicGroups?: boolean;
  createRoute?: 'OA_MANAGER' | 'MESSAGING_API' | 'POINT_AD' | 'AD_MANAGER';
}

const base = '/v2/bot/audienceGroup';

function checkIds(
  ids: readonly string[] | undefined,
  issues: { path: (string | number)[]; message: string; code: string }[],
): void {
  if (ids && ids.length > L.maxAudienceIdsPerRequest)
    issues.push({
      path: ['userIds'],
      message: `has ${ids.length} ids; the limit per JSON request is ${L.maxAudienceIdsPerRequest} (use a file upload)`,
      code: 'max-items',
    });
}

function checkDescription(
  description: string,
  issues: { path: (string | number)[]; message: string; code: string }[],
): void {
  if (
    typeof description !== 'string' ||
    description.length === 0 ||
    description.length > L.maxAudienceDescription
  )
    issues.push({
      path: ['description'],
      message: `must be 1–${L.maxAudienceDescription} characters`,
      code: 'length',
    });
}

function idFile(ids: readonly string[]): Blob {
  return new Blob([ids.join('\n')], { type: 'text/plain' });
}

/**
 * LINE audience management (`/v2/bot/audienceGroup/*`): create by user ids (JSON or file on the
 * api-data host), add ids, click and impression retargeting audiences, rename, get, list, delete.
 * Creation is asynchronous: {@link LineAudienceApi.waitUntilReady} polls until the audience is usable.
 */
export class LineAudienceApi {
  readonly #context: LineRequestContext;

  /** @internal */
  constructor(context: LineRequestContext) {
    this.#context = context;
  }

  /** Creates an upload audience from user ids (JSON, ≤ 10,000 ids). Answers 202; the audience is `IN_PROGRESS`. */
  async create(
    request: LineCreateAudienceRequest,
    options: LineCallOptions = {},
  ): Promise<LineAudienceGroup> {
    const issues: { path: (string | number)[]; message: string; code: string }[] = [];
    checkDescription(request.description, issues);
    checkIds(request.userIds, issues);
    if (this.#context.validate) throwIfInvalid('audience', issues);
    const response = await requestUnkeyed<LineAudienceGroup>(this.#context, {
      operation: 'audience-create',
      method: 'POST',
      path: `${base}/upload`,
      schema: lineAudienceGroupSchema,
      body: {
        json: {
          description: request.description,
          ...(request.isIfaAudience !== undefined ? { isIfaAudience: request.isIfaAudience } : {}),
          ...(request.uploadDescription !== undefined
            ? { uploadDescription: request.uploadDescription }
            : {}),
          audiences: (request.userIds ?? []).map((id) => ({ id })),
        },
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Creates an upload audience from a file of ids, one per line (≤ 1,500,000), on the api-data host. */
  async createFromFile(
    request: LineCreateAudienceRequest & { userIds: readonly string[] },
    options: LineCallOptions = {},
  ): Promise<LineAudienceGroup> {
    const issues: { path: (string | number)[]; message: string; code: string }[] = [];
    checkDescription(request.description, issues);
    if (this.#context.validate) throwIfInvalid('audience', issues);
    const form = new FormData();
    form.set('description', request.description);
    if (request.isIfaAudience !== undefined) form.set('isIfaAudience', String(request.isIfaAudience));
    if (request.uploadDescription !== undefined) form.set('uploadDescription', request.uploadDescription);
    form.set('file', idFile(request.userIds), 'audience.txt');
    const response = await requestUnkeyed<LineAudienceGroup>(this.#context, {
      operation: 'audience-create-file',
      method: 'POST',
      baseUrl: this.#context.dataBaseUrl,
      path: `${base}/upload/byFile`,
      schema: lineAudienceGroupSchema,
      body: { formData: form },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Adds user ids to an upload audience (JSON, ≤ 10,000 ids per call). */
  async addUserIds(
    audienceGroupId: number,
    userIds: readonly string[],
    options: LineCallOptions & { uploadDescription?: string } = {},
  ): Promise<void> {
    const issues: { path: (string | number)[]; message: string; code: string }[] = [];
    checkIds(userIds, issues);
    if (userIds.length === 0)
      issues.push({ path: ['userIds'], message: 'must not be empty', code: 'min-items' });
    if (this.#context.validate) throwIfInvalid('audience ids', issues);
    await requestUnkeyed(this.#context, {
      operation: 'audience-add',
      method: 'PUT',
      path: `${base}/upload`,
      responseType: 'none',
      // Adding ids twice is harmless, but a PUT is not retried blindly here: LINE counts upload jobs.
      idempotent: false,
      body: {
        json: {
          audienceGroupId,
          ...(options.uploadDescription !== undefined
            ? { uploadDescription: options.uploadDescription }
            : {}),
          audiences: userIds.map((id) => ({ id })),
        },
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Adds user ids from a file (api-data host). */
  async addUserIdsFromFile(
    audienceGroupId: number,
    userIds: readonly string[],
    options: LineCallOptions & { uploadDescription?: string } = {},
  ): Promise<void> {
    const form = new FormData();
    form.set('audienceGroupId', String(audienceGroupId));
    if (options.uploadDescription !== undefined) form.set('uploadDescription', options.uploadDescription);
    form.set('file', idFile(userIds), 'audience.txt');
    await requestUnkeyed(this.#context, {
      operation: 'audience-add-file',
      method: 'PUT',
      baseUrl: this.#context.dataBaseUrl,
      path: `${base}/upload/byFile`,
      responseType: 'none',
      idempotent: false,
      body: { formData: form },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** Creates a click retargeting audience: users who clicked `clickUrl` (or any URL) in a broadcast/narrowcast. */
  createClickAudience(
    request: { description: string; requestId: string; clickUrl?: string },
    options: LineCallOptions = {},
  ): Promise<LineAudienceGroup> {
    return this.#createRetargetingAudience('click', request, options);
  }

  /** Creates an impression retargeting audience: users who opened a broadcast/narrowcast. */
  createImpressionAudience(
    request: { description: string; requestId: string },
    options: LineCallOptions = {},
  ): Promise<LineAudienceGroup> {
    return this.#createRetargetingAudience('imp', request, options);
  }

  async #createRetargetingAudience(
    kind: 'click' | 'imp',
    request: { description: string; requestId: string; clickUrl?: string },
    options: LineCallOptions,
  ): Promise<LineAudienceGroup> {
    const issues: { path: (string | number)[]; message: string; code: string }[] = [];
    checkDescription(request.description, issues);
    if (this.#context.validate) throwIfInvalid('audience', issues);
    const response = await requestUnkeyed<LineAudienceGroup>(this.#context, {
      operation: kind === 'click' ? 'audience-create-click' : 'audience-create-impression',
      method: 'POST',
      path: `${base}/${kind}`,
      schema: lineAudienceGroupSchema,
      body: { json: request },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Renames an audience. */
  async rename(audienceGroupId: number, description: string, options: LineCallOptions = {}): Promise<void> {
    const issues: { path: (string | number)[]; message: string; code: string }[] = [];
    checkDescription(description, issues);
    if (this.#context.validate) throwIfInvalid('audience', issues);
    await this.#context.transport.request({
      operation: 'audience-rename',
      method: 'PUT',
      path: `${base}/${audienceGroupId}/updateDescription`,
      responseType: 'none',
      body: { json: { description } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** An audience with its upload jobs. */
  async get(audienceGroupId: number, options: LineCallOptions = {}): Promise<LineAudienceDetail> {
    const response = await this.#context.transport.request<LineAudienceDetail>({
      operation: 'audience-get',
      method: 'GET',
      path: `${base}/${audienceGroupId}`,
      schema: lineAudienceDetailSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** One page of audiences. */
  async list(query: LineListAudiencesQuery = {}, options: LineCallOptions = {}): Promise<LineAudiencePage> {
    const response = await this.#context.transport.request<LineAudiencePage>({
      operation: 'audience-list',
      method: 'GET',
      path: `${base}/list`,
      query: { ...query, page: query.page ?? 1 },
      schema: lineAudiencePageSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Every audience matching `query`, page after page. */
  async *listAll(
    query: Omit<LineListAudiencesQuery, 'page'> = {},
    options: LineCallOptions = {},
  ): AsyncGenerator<LineAudienceGroup> {
    for (let page = 1; ; page++) {
      const result = await this.list({ ...query, page }, options);
      yield* result.audienceGroups;
      if (!result.hasNextPage) return;
    }
  }

  /** Deletes an audience. */
  async delete(audienceGroupId: number, options: LineCallOptions = {}): Promise<void> {
    await this.#context.transport.request({
      operation: 'audience-delete',
      method: 'DELETE',
      path: `${base}/${audienceGroupId}`,
      responseType: 'none',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Polls an audience until its status is no longer `IN_PROGRESS`/`ACTIVATING` (so `READY`,
   * `FAILED`, `EXPIRED` or `INACTIVE`), sleeping `intervalMs` (default 60 s, LINE allows 60 audience
   * calls a minute) on the client clock, at most `maxPolls` times (default 360). Returns the last state.
   */
  async waitUntilReady(
    audienceGroupId: number,
    options: LineCallOptions & { intervalMs?: number; maxPolls?: number } = {},
  ): Promise<LineAudienceDetail> {
    const maxPolls = options.maxPolls ?? 360;
    for (let poll = 1; ; poll++) {
      const detail = await this.get(audienceGroupId, options);
      const status = detail.audienceGroup.status;
      if ((status !== 'IN_PROGRESS' && status !== 'ACTIVATING') || poll >= maxPolls) return detail;
      await this.#context.clock.sleep(options.intervalMs ?? 60_000, options.signal);
    }
  }
}
