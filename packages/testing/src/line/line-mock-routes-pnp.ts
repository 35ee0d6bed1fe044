import { randomUUID } from 'node:crypto';
import { computeHmac } from '@omnicast/core';
import { checkMessages, detailsBody, type LineMockDetail } from './line-mock-checks.js';
import {
  type LineMockEnv,
  type LineRouteCall,
  type LineRouteSpec,
  lineError,
  lineMockMessages,
} from './line-mock-context.js';
import { hashPhone } from './line-mock-state.js';

const digest = /^[0-9a-f]{64}$/;

/** A ULID-like webhook event id (26 Crockford base32 characters). */
function webhookEventId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  let out = '';
  for (let index = 0; index < 26; index++) out += alphabet[bytes[index % 16]! % 32];
  return out;
}

/** Sends PNP `delivery` webhooks after the configured delay; `flush()` awaits the pending ones. @internal */
export class LineMockDeliveryWebhooks {
  readonly #env: LineMockEnv;
  readonly #pending = new Set<Promise<void>>();
  /** Results of sent webhooks: the status LINE's webhook URL answered (or 0 on network error). */
  readonly sent: { data: string; status: number }[] = [];

  constructor(env: LineMockEnv) {
    this.#env = env;
  }

  schedule(data: string): void {
    const target = this.#env.options.deliveryWebhook;
    if (!target) return;
    const task = (async () => {
      await this.#env.state.clock.sleep(target.delayMs ?? 0);
      const body = JSON.stringify({
        destination: target.destination ?? `U${'0'.repeat(32)}`,
        events: [
          {
            type: 'delivery',
            delivery: { data },
            mode: 'active',
            timestamp: this.#env.state.clock.now(),
            webhookEventId: webhookEventId(),
            deliveryContext: { isRedelivery: false },
          },
        ],
      });
      const signature = computeHmac('sha256', target.channelSecret, body, 'base64');
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signature },
          body,
        });
        await response.arrayBuffer();
        this.sent.push({ data, status: response.status });
      } catch {
        this.sent.push({ data, status: 0 });
      }
    })();
    this.#pending.add(task);
    void task.finally(() => this.#pending.delete(task));
  }

  /** Number of webhooks not sent yet. */
  pending(): number {
    return this.#pending.size;
  }

  /** Waits until every scheduled webhook was sent (advance a fake clock first if one is used). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

function checkDeliveryTag(call: LineRouteCall): LineMockDetail[] {
  const tag = call.request.headers.get('x-line-delivery-tag');
  if (tag !== null && (tag.length < 16 || tag.length > 100))
    return [{ property: 'X-Line-Delivery-Tag', message: 'Length must be between 16 and 100' }];
  return [];
}

/** PNP routes: flexible and templated push, answering 422 for numbers without a LINE user. @internal */
export function pnpRoutes(env: LineMockEnv, webhooks: LineMockDeliveryWebhooks): LineRouteSpec[] {
  const known = new Set((env.options.knownPhoneNumbers ?? []).map(hashPhone));
  const accept = (call: LineRouteCall, operation: string, messages: unknown[], status: number) => {
    const to = String(call.body.to ?? '');
    if (!digest.test(to)) return lineError(400, 'The value must be a valid SHA-256 digest.');
    if (!known.has(to)) return lineError(422, lineMockMessages.failedToSend);
    const tag = call.request.headers.get('x-line-delivery-tag') ?? undefined;
    env.state.deliver(`phone:${to}`, {
      operation,
      messages,
      requestId: call.requestId,
      ...(tag !== undefined ? { deliveryTag: tag } : {}),
    });
    env.state.countDelivery(operation === 'pnp' ? 'pnp' : 'pnp/templated', 1);
    webhooks.schedule(tag ?? to);
    return { status, body: {} };
  };
  return [
    {
      method: 'POST',
      path: '/bot/pnp/push',
      operation: 'pnp',
      handler: (call) => {
        const details = [...checkDeliveryTag(call), ...checkMessages(call.body, { forbidMedia: true })];
        if (details.length > 0) return { status: 400, body: detailsBody(details) };
        return accept(call, 'pnp', call.body.messages as unknown[], 200);
      },
    },
    {
      method: 'POST',
      path: '/v2/bot/message/pnp/templated/push',
      operation: 'pnp-templated',
      limit: 'pnp',
      handler: (call) => {
        const details = checkDeliveryTag(call);
        const body = (call.body.body ?? {}) as {
          emphasizedItem?: { content?: unknown };
          items?: { content?: unknown }[];
          buttons?: { url?: unknown }[];
        };
        if (typeof call.body.templateKey !== 'string' || call.body.templateKey === '')
          details.push({ property: 'templateKey', message: 'May not be empty' });
        const emphasized = body.emphasizedItem?.content;
        if (emphasized !== undefined && (typeof emphasized !== 'string' || emphasized.length > 15))
          details.push({
            property: 'body.emphasizedItem.content',
            message: 'Length must be between 0 and 15',
          });
        if ((body.items ?? []).length > 15)
          details.push({ property: 'body.items', message: 'Size must be between 0 and 15' });
        (body.items ?? []).forEach((item, index) => {
          if (typeof item.content !== 'string' || item.content.length > 300)
            details.push({
              property: `body.items[${index}].content`,
              message: 'Length must be between 0 and 300',
            });
        });
        if ((body.buttons ?? []).length > 2)
          details.push({ property: 'body.buttons', message: 'Size must be between 0 and 2' });
        (body.buttons ?? []).forEach((button, index) => {
          if (typeof button.url !== 'string' || button.url.length > 1000)
            details.push({
              property: `body.buttons[${index}].url`,
              message: 'Length must be between 0 and 1000',
            });
        });
        if (details.length > 0) return { status: 400, body: detailsBody(details) };
        return accept(
          call,
          'pnp-templated',
          [{ templateKey: call.body.templateKey, body: call.body.body }],
          202,
        );
      },
    },
  ];
}
