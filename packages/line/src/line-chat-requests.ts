import { type LineCallOptions, type LineRequestContext, throwIfInvalid } from './line-request-context.js';

/** Binary content with its media type. */
export interface LineContent {
  data: Uint8Array;
  contentType: string;
}

const signalOf = (options: LineCallOptions) => (options.signal ? { signal: options.signal } : {});

/** `GET /v2/bot/message/{id}/content` on the api-data host. @internal */
export async function getMessageContent(
  context: LineRequestContext,
  messageId: string,
  options: LineCallOptions,
): Promise<LineContent> {
  const response = await context.transport.request<Uint8Array>({
    operation: 'message-content',
    method: 'GET',
    baseUrl: context.dataBaseUrl,
    path: `/v2/bot/message/${encodeURIComponent(messageId)}/content`,
    responseType: 'binary',
    ...signalOf(options),
  });
  return {
    data: response.data,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
  };
}

/** `POST /v2/bot/chat/loading/start` (5–60 s in steps of 5). @internal */
export async function showLoadingAnimation(
  context: LineRequestContext,
  request: { chatId: string; loadingSeconds?: number },
  options: LineCallOptions,
): Promise<void> {
  const seconds = request.loadingSeconds;
  if (context.validate && seconds !== undefined && (seconds < 5 || seconds > 60 || seconds % 5 !== 0)) {
    throwIfInvalid('loading animation', [
      { path: ['loadingSeconds'], message: 'must be 5–60 in steps of 5', code: 'invalid-value' },
    ]);
  }
  await context.transport.request({
    operation: 'loading-animation',
    method: 'POST',
    path: '/v2/bot/chat/loading/start',
    body: { json: request },
    idempotent: true,
    responseType: 'none',
    ...signalOf(options),
  });
}

/** `POST /v2/bot/message/markAsRead`. @internal */
export async function markAsRead(
  context: LineRequestContext,
  userId: string,
  options: LineCallOptions,
): Promise<void> {
  await context.transport.request({
    operation: 'mark-as-read',
    method: 'POST',
    path: '/v2/bot/message/markAsRead',
    body: { json: { chat: { userId } } },
    idempotent: true,
    responseType: 'none',
    ...signalOf(options),
  });
}

/** `POST /v2/bot/chat/markAsRead` with a webhook's `markAsReadToken`. @internal */
export async function markAsReadByToken(
  context: LineRequestContext,
  markAsReadToken: string,
  options: LineCallOptions,
): Promise<void> {
  await context.transport.request({
    operation: 'mark-as-read',
    method: 'POST',
    path: '/v2/bot/chat/markAsRead',
    body: { json: { markAsReadToken } },
    idempotent: true,
    responseType: 'none',
    ...signalOf(options),
  });
}
