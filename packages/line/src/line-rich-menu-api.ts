import type { HttpMethod, HttpResponseType } from '@omnicast/core';
import type { z } from 'zod';
import { type LineCallOptions, type LineRequestContext, requestUnkeyed } from './line-request-context.js';
import {
  type LineRichMenu,
  type LineRichMenuAlias,
  lineRichMenuAliasListSchema,
  lineRichMenuAliasSchema,
  lineRichMenuIdSchema,
  lineRichMenuListSchema,
  lineRichMenuSchema,
} from './line-schemas.js';
import type { LineRichMenuRequest } from './line-types.js';

const maxBulkUsers = 500;

/**
 * LINE rich menus: create, validate, get, list, delete, image upload and download (api-data host),
 * the default menu, per-user link/unlink (single and bulk), and aliases.
 */
export class LineRichMenuApi {
  readonly #context: LineRequestContext;

  /** @internal */
  constructor(context: LineRequestContext) {
    this.#context = context;
  }

  async #call<T>(
    operation: string,
    method: HttpMethod,
    path: string,
    extra: {
      json?: unknown;
      schema?: z.ZodType;
      responseType?: HttpResponseType;
      idempotent?: boolean;
      baseUrl?: string;
      binary?: { data: Uint8Array | Blob; contentType: string };
    },
    options: LineCallOptions,
  ): Promise<T> {
    const response = await requestUnkeyed<T>(this.#context, {
      operation,
      method,
      path,
      ...(extra.json !== undefined ? { body: { json: extra.json } } : {}),
      ...(extra.binary ? { body: { binary: extra.binary.data, contentType: extra.binary.contentType } } : {}),
      ...(extra.schema ? { schema: extra.schema } : {}),
      ...(extra.baseUrl ? { baseUrl: extra.baseUrl } : {}),
      ...(extra.idempotent !== undefined ? { idempotent: extra.idempotent } : {}),
      responseType: extra.responseType ?? (extra.schema ? 'json' : 'none'),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.data;
  }

  /** Creates a rich menu; returns its id. Upload its image next with {@link LineRichMenuApi.uploadImage}. */
  async create(menu: LineRichMenuRequest, options: LineCallOptions = {}): Promise<string> {
    const data = await this.#call<{ richMenuId: string }>(
      'richmenu-create',
      'POST',
      '/v2/bot/richmenu',
      { json: menu, schema: lineRichMenuIdSchema },
      options,
    );
    return data.richMenuId;
  }

  /** Asks LINE to validate a rich menu object without creating it. */
  validate(menu: LineRichMenuRequest, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-validate',
      'POST',
      '/v2/bot/richmenu/validate',
      { json: menu, idempotent: true },
      options,
    );
  }

  /** A rich menu by id. */
  get(richMenuId: string, options: LineCallOptions = {}): Promise<LineRichMenu> {
    return this.#call(
      'richmenu-get',
      'GET',
      `/v2/bot/richmenu/${encodeURIComponent(richMenuId)}`,
      { schema: lineRichMenuSchema },
      options,
    );
  }

  /** Every rich menu of the channel. */
  async list(options: LineCallOptions = {}): Promise<LineRichMenu[]> {
    const data = await this.#call<{ richmenus: LineRichMenu[] }>(
      'richmenu-list',
      'GET',
      '/v2/bot/richmenu/list',
      { schema: lineRichMenuListSchema },
      options,
    );
    return data.richmenus;
  }

  /** Deletes a rich menu. */
  delete(richMenuId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-delete',
      'DELETE',
      `/v2/bot/richmenu/${encodeURIComponent(richMenuId)}`,
      {},
      options,
    );
  }

  /** Uploads the menu image (JPEG or PNG) to the api-data host. */
  uploadImage(
    richMenuId: string,
    image: Uint8Array | Blob,
    contentType: 'image/jpeg' | 'image/png',
    options: LineCallOptions = {},
  ): Promise<void> {
    return this.#call(
      'richmenu-image-upload',
      'POST',
      `/v2/bot/richmenu/${encodeURIComponent(richMenuId)}/content`,
      { baseUrl: this.#context.dataBaseUrl, binary: { data: image, contentType }, idempotent: true },
      options,
    );
  }

  /** Downloads the menu image from the api-data host. */
  downloadImage(richMenuId: string, options: LineCallOptions = {}): Promise<Uint8Array> {
    return this.#call(
      'richmenu-image-download',
      'GET',
      `/v2/bot/richmenu/${encodeURIComponent(richMenuId)}/content`,
      { baseUrl: this.#context.dataBaseUrl, responseType: 'binary' },
      options,
    );
  }

  /** Makes a rich menu the default for every user. */
  setDefault(richMenuId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-default-set',
      'POST',
      `/v2/bot/user/all/richmenu/${encodeURIComponent(richMenuId)}`,
      { idempotent: true },
      options,
    );
  }

  /** The default rich menu id. */
  async getDefault(options: LineCallOptions = {}): Promise<string> {
    const data = await this.#call<{ richMenuId: string }>(
      'richmenu-default-get',
      'GET',
      '/v2/bot/user/all/richmenu',
      { schema: lineRichMenuIdSchema },
      options,
    );
    return data.richMenuId;
  }

  /** Clears the default rich menu. */
  clearDefault(options: LineCallOptions = {}): Promise<void> {
    return this.#call('richmenu-default-clear', 'DELETE', '/v2/bot/user/all/richmenu', {}, options);
  }

  /** Links a rich menu to one user. */
  linkToUser(userId: string, richMenuId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-link',
      'POST',
      `/v2/bot/user/${encodeURIComponent(userId)}/richmenu/${encodeURIComponent(richMenuId)}`,
      { idempotent: true },
      options,
    );
  }

  /** Unlinks the rich menu of one user. */
  unlinkFromUser(userId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-unlink',
      'DELETE',
      `/v2/bot/user/${encodeURIComponent(userId)}/richmenu`,
      {},
      options,
    );
  }

  /** The rich menu id linked to a user. */
  async getForUser(userId: string, options: LineCallOptions = {}): Promise<string> {
    const data = await this.#call<{ richMenuId: string }>(
      'richmenu-user-get',
      'GET',
      `/v2/bot/user/${encodeURIComponent(userId)}/richmenu`,
      { schema: lineRichMenuIdSchema },
      options,
    );
    return data.richMenuId;
  }

  /** Links a rich menu to up to 500 users per request (larger lists are sent in chunks of 500). */
  async linkToUsers(
    richMenuId: string,
    userIds: readonly string[],
    options: LineCallOptions = {},
  ): Promise<void> {
    for (let start = 0; start < userIds.length; start += maxBulkUsers) {
      await this.#call(
        'richmenu-bulk-link',
        'POST',
        '/v2/bot/richmenu/bulk/link',
        { json: { richMenuId, userIds: userIds.slice(start, start + maxBulkUsers) }, idempotent: true },
        options,
      );
    }
  }

  /** Unlinks rich menus from up to 500 users per request (larger lists are sent in chunks of 500). */
  async unlinkFromUsers(userIds: readonly string[], options: LineCallOptions = {}): Promise<void> {
    for (let start = 0; start < userIds.length; start += maxBulkUsers) {
      await this.#call(
        'richmenu-bulk-unlink',
        'POST',
        '/v2/bot/richmenu/bulk/unlink',
        { json: { userIds: userIds.slice(start, start + maxBulkUsers) }, idempotent: true },
        options,
      );
    }
  }

  /** Creates an alias for a rich menu (used by `richmenuswitch` actions). */
  createAlias(alias: LineRichMenuAlias, options: LineCallOptions = {}): Promise<void> {
    return this.#call('richmenu-alias-create', 'POST', '/v2/bot/richmenu/alias', { json: alias }, options);
  }

  /** Points an alias at another rich menu. */
  updateAlias(richMenuAliasId: string, richMenuId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-alias-update',
      'POST',
      `/v2/bot/richmenu/alias/${encodeURIComponent(richMenuAliasId)}`,
      { json: { richMenuId }, idempotent: true },
      options,
    );
  }

  /** An alias by id. */
  getAlias(richMenuAliasId: string, options: LineCallOptions = {}): Promise<LineRichMenuAlias> {
    return this.#call(
      'richmenu-alias-get',
      'GET',
      `/v2/bot/richmenu/alias/${encodeURIComponent(richMenuAliasId)}`,
      { schema: lineRichMenuAliasSchema },
      options,
    );
  }

  /** Deletes an alias. */
  deleteAlias(richMenuAliasId: string, options: LineCallOptions = {}): Promise<void> {
    return this.#call(
      'richmenu-alias-delete',
      'DELETE',
      `/v2/bot/richmenu/alias/${encodeURIComponent(richMenuAliasId)}`,
      {},
      options,
    );
  }

  /** Every alias. */
  async listAliases(options: LineCallOptions = {}): Promise<LineRichMenuAlias[]> {
    const data = await this.#call<{ aliases: LineRichMenuAlias[] }>(
      'richmenu-alias-list',
      'GET',
      '/v2/bot/richmenu/alias/list',
      { schema: lineRichMenuAliasListSchema },
      options,
    );
    return data.aliases;
  }
}
