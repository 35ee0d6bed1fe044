import { lineLimits } from './line-limits.js';
import { hashLinePhoneNumber } from './line-phone-hash.js';
import { validatePnpTemplatedRequest } from './line-pnp.js';
import type {
  LinePnpOptions,
  LinePnpPushRequest,
  LinePnpResult,
  LinePnpTemplatedPushRequest,
} from './line-pnp-types.js';
import { type LineRequestContext, requestUnkeyed, throwIfInvalid } from './line-request-context.js';
import { validateLineMessages } from './validate-line-messages.js';

function deliveryTagHeaders(options: LinePnpOptions): Record<string, string> {
  const tag = options.deliveryTag;
  if (tag === undefined) return {};
  if (tag.length < lineLimits.minDeliveryTag || tag.length > lineLimits.maxDeliveryTag) {
    throwIfInvalid('delivery tag', [
      { path: ['deliveryTag'], message: 'must be 16–100 characters long', code: 'length' },
    ]);
  }
  return { 'x-line-delivery-tag': tag };
}

async function send(
  context: LineRequestContext,
  operation: string,
  path: string,
  body: Record<string, unknown>,
  hashedPhoneNumber: string,
  options: LinePnpOptions,
): Promise<LinePnpResult> {
  const response = await requestUnkeyed(context, {
    operation,
    method: 'POST',
    path,
    headers: deliveryTagHeaders(options),
    body: { json: { ...body, to: hashedPhoneNumber } },
    responseType: 'none',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    hashedPhoneNumber,
    ...(response.requestId !== undefined ? { requestId: response.requestId } : {}),
  };
}

/** `POST /bot/pnp/push` with the phone number hashed; media messages are refused. @internal */
export async function pushByPhone(
  context: LineRequestContext,
  request: LinePnpPushRequest,
  options: LinePnpOptions,
): Promise<LinePnpResult> {
  const hashedPhoneNumber = hashLinePhoneNumber(request.to, options.phone);
  if (context.validate) {
    const issues = validateLineMessages(request.messages);
    request.messages.forEach((message, index) => {
      if (message.type === 'image' || message.type === 'video' || message.type === 'audio')
        issues.push({
          path: ['messages', index, 'type'],
          message: `${message.type} messages cannot be sent as LINE notification messages`,
          code: 'unsupported',
        });
    });
    throwIfInvalid('notification message', issues);
  }
  return send(context, 'pnp', '/bot/pnp/push', { ...request }, hashedPhoneNumber, options);
}

/** `POST /v2/bot/message/pnp/templated/push` (answered 202). @internal */
export async function pushTemplatedByPhone(
  context: LineRequestContext,
  request: LinePnpTemplatedPushRequest,
  options: LinePnpOptions,
): Promise<LinePnpResult> {
  const hashedPhoneNumber = hashLinePhoneNumber(request.to, options.phone);
  if (context.validate)
    throwIfInvalid('templated notification message', validatePnpTemplatedRequest(request));
  return send(
    context,
    'pnp-templated',
    '/v2/bot/message/pnp/templated/push',
    { ...request },
    hashedPhoneNumber,
    options,
  );
}
