import {
  type Channel,
  type ChannelCapabilities,
  type DegradationWarning,
  listMessageVariables,
  type Message,
  type PhoneRegion,
  type Recipient,
  renderMessage,
  type SendManyRequest,
  type SendOptions,
  type SendRequest,
  type SendResult,
  UnsupportedFeatureError,
  ValidationError,
  validateMessage,
} from '@omnicast/core';
import { convertToLineMessages } from './convert-to-line-messages.js';
import { lineCapabilities } from './line-capabilities.js';
import type { LineClient } from './line-client.js';
import type { LinePnpTemplatedPushRequest } from './line-pnp-types.js';
import type { LineSendResult } from './line-request-context.js';
import type { LineMessage } from './line-types.js';

/** Options of {@link createLineChannel}. */
export interface LineChannelOptions {
  /** Throw `UnsupportedFeatureError` instead of degrading (per call: `SendOptions.strict`). */
  strict?: boolean;
  /** Region of national phone numbers for PNP (e.g. `JP`, `TW`, `TH`). */
  defaultRegion?: PhoneRegion;
  /** Capabilities override (e.g. tighter rate limits for a plan). */
  capabilities?: Partial<ChannelCapabilities>;
}

function pnpTemplatedRequest(
  to: string,
  part: { name: string; parameters: Record<string, string>; raw?: Record<string, unknown> },
): LinePnpTemplatedPushRequest {
  const raw = part.raw ?? {};
  if (raw.body && typeof raw.body === 'object') {
    return { to, templateKey: part.name, body: raw.body as LinePnpTemplatedPushRequest['body'] };
  }
  const emphasizedKey = typeof raw.emphasizedItemKey === 'string' ? raw.emphasizedItemKey : undefined;
  const items = Object.entries(part.parameters)
    .filter(([itemKey]) => itemKey !== emphasizedKey)
    .map(([itemKey, content]) => ({ itemKey, content }));
  const emphasized = emphasizedKey !== undefined ? part.parameters[emphasizedKey] : undefined;
  return {
    to,
    templateKey: part.name,
    body: {
      ...(emphasized !== undefined
        ? { emphasizedItem: { itemKey: emphasizedKey!, content: emphasized } }
        : {}),
      items,
      ...(Array.isArray(raw.buttons) ? { buttons: raw.buttons as { buttonKey: string; url: string }[] } : {}),
    },
  };
}

/**
 * Creates the LINE `Channel`: converts the unified message with {@link convertToLineMessages} and
 * sends one user → push, a phone number → PNP (templated when the message holds a LINE `template`
 * part, else flexible), an audience → narrowcast, and `sendMany` → one multicast of ≤ 500 users.
 * `options.idempotencyKey` (or `message.metadata.idempotencyKey`) becomes the `X-Line-Retry-Key`
 * (non-UUID keys map to a stable UUID), so retried sends never deliver twice.
 */
export function createLineChannel(client: LineClient, options: LineChannelOptions = {}): Channel {
  const capabilities: ChannelCapabilities = { ...lineCapabilities, ...options.capabilities };

  const prepare = (
    message: Message,
    recipientVariables: Record<string, unknown> | undefined,
    sendOptions: SendOptions,
  ) => {
    const rendered = recipientVariables ? renderMessage(message, recipientVariables) : message;
    const report = validateMessage(rendered, capabilities);
    if (!report.isValid)
      throw new ValidationError('Message cannot be sent on LINE', { issues: report.issues });
    const conversion = convertToLineMessages(rendered);
    const warnings: DegradationWarning[] = [...report.warnings];
    for (const warning of conversion.warnings)
      if (
        !warnings.some(
          (known) => known.feature === warning.feature && String(known.path) === String(warning.path),
        )
      )
        warnings.push(warning);
    const strict = sendOptions.strict ?? options.strict ?? false;
    if (strict && warnings.length > 0) {
      throw new UnsupportedFeatureError(`LINE cannot show this message as asked: ${warnings[0]!.message}`, {
        channel: 'line',
        feature: warnings[0]!.feature,
      });
    }
    if (conversion.messages.length === 0) {
      throw new ValidationError('Message cannot be sent on LINE', {
        issues: [{ path: ['parts'], message: 'nothing is left to send after conversion', code: 'empty' }],
      });
    }
    return { rendered, messages: conversion.messages, warnings };
  };

  const retryKeyOf = (message: Message, sendOptions: SendOptions): string | undefined =>
    sendOptions.idempotencyKey ?? message.metadata?.idempotencyKey;

  const toResult = (
    operation: string,
    sent: LineSendResult | { requestId?: string; sentMessages?: { id: string }[]; alreadyAccepted?: boolean },
    warnings: DegradationWarning[],
    recipients: number,
    messages: number,
  ): SendResult => ({
    channel: 'line',
    operation,
    messageIds: (sent.sentMessages ?? []).map((item) => item.id),
    ...(sent.requestId !== undefined ? { requestId: sent.requestId } : {}),
    ...(sent.alreadyAccepted ? { alreadyAccepted: true } : {}),
    warnings,
    accepted: { recipients, messages },
  });

  const sendOptionsFor = (message: Message, sendOptions: SendOptions) => {
    const retryKey = retryKeyOf(message, sendOptions);
    return {
      ...(retryKey !== undefined ? { retryKey } : {}),
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
    };
  };

  async function send(request: SendRequest, sendOptions: SendOptions = {}): Promise<SendResult> {
    const { recipient } = request;
    const variables =
      'variables' in recipient ? (recipient.variables as Record<string, unknown> | undefined) : undefined;
    const { rendered, messages, warnings } = prepare(request.message, variables, sendOptions);
    const notificationDisabled = rendered.metadata?.silent === true ? { notificationDisabled: true } : {};
    switch (recipient.type) {
      case 'user': {
        const sent = await client.push(
          { to: recipient.userId, messages, ...notificationDisabled },
          sendOptionsFor(rendered, sendOptions),
        );
        return toResult('push', sent, warnings, 1, messages.length);
      }
      case 'audience': {
        const audienceGroupId = Number(recipient.audienceId);
        if (!Number.isSafeInteger(audienceGroupId)) {
          throw new ValidationError('Invalid LINE audience', {
            issues: [
              {
                path: ['recipient', 'audienceId'],
                message: 'must be a numeric audienceGroupId',
                code: 'invalid-format',
              },
            ],
          });
        }
        const sent = await client.narrowcast(
          { messages, recipient: { type: 'audience', audienceGroupId }, ...notificationDisabled },
          sendOptionsFor(rendered, sendOptions),
        );
        return toResult('narrowcast', sent, warnings, 0, messages.length);
      }
      case 'phone': {
        const pnpOptions = {
          ...(options.defaultRegion ? { phone: { defaultRegion: options.defaultRegion } } : {}),
          ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
        };
        const template = rendered.parts.find((part) => part.type === 'template' && part.channel === 'line');
        if (template && template.type === 'template' && rendered.raw?.line === undefined) {
          const sent = await client.pushTemplatedByPhone(
            pnpTemplatedRequest(recipient.phone, template),
            pnpOptions,
          );
          return toResult('pnp', sent, warnings, 1, 1);
        }
        const sent = await client.pushByPhone(
          { to: recipient.phone, messages, ...notificationDisabled },
          pnpOptions,
        );
        return toResult('pnp', sent, warnings, 1, messages.length);
      }
      default:
        throw new ValidationError('Recipient cannot be reached on LINE', {
          issues: [
            {
              path: ['recipient', 'type'],
              message: `${recipient.type} recipients are not supported`,
              code: 'unsupported-recipient',
            },
          ],
        });
    }
  }

  async function sendMany(request: SendManyRequest, sendOptions: SendOptions = {}): Promise<SendResult> {
    const issues: ValidationError['issues'][number][] = [];
    const userIds: string[] = [];
    request.recipients.forEach((recipient: Recipient, index) => {
      if (recipient.type !== 'user') {
        issues.push({
          path: ['recipients', index],
          message: 'multicast accepts LINE user ids only',
          code: 'unsupported-recipient',
        });
      } else userIds.push(recipient.userId);
    });
    if (request.recipients.length === 0 || request.recipients.length > capabilities.maxRecipientsPerCall)
      issues.push({
        path: ['recipients'],
        message: `must have 1–${capabilities.maxRecipientsPerCall} recipients, has ${request.recipients.length}`,
        code: 'max-items',
      });
    if (listMessageVariables(request.message).length > 0)
      issues.push({
        path: ['message'],
        message: 'a personalised message ({{placeholders}}) cannot be multicast; send it to each user',
        code: 'personalised',
      });
    if (issues.length > 0) throw new ValidationError('Cannot multicast on LINE', { issues });
    const { rendered, messages, warnings } = prepare(request.message, undefined, sendOptions);
    const sent = await client.multicast(
      {
        to: userIds,
        messages: messages as LineMessage[],
        ...(rendered.metadata?.silent ? { notificationDisabled: true } : {}),
      },
      sendOptionsFor(rendered, sendOptions),
    );
    return toResult('multicast', sent, warnings, userIds.length, messages.length);
  }

  return { kind: 'line', capabilities, send, sendMany };
}
