import {
  ApiCallError,
  type Channel,
  type ChannelCapabilities,
  type Message,
  type Recipient,
  type SendOptions,
  type SendResult,
} from '@omnicast/core';

const capabilities: ChannelCapabilities = {
  parts: ['text'],
  limits: {},
  recipientTypes: ['user'],
  maxRecipientsPerCall: 100,
  operations: { user: 'push', many: 'multicast' },
  rateLimits: {},
  supportsIdempotencyKey: true,
  billingUnit: 'recipient',
};

/** A test-only channel that POSTs to an {@link createIdempotentInbox} endpoint. */
export function createInboxChannel(baseUrl: string): Channel {
  const post = async (
    operation: string,
    recipients: readonly Recipient[],
    message: Message,
    options: SendOptions = {},
  ): Promise<SendResult> => {
    const to = recipients.map((recipient) => (recipient.type === 'user' ? recipient.userId : ''));
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/send`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.idempotencyKey ? { 'x-retry-key': options.idempotencyKey } : {}),
        },
        body: JSON.stringify({ to, message }),
        signal: options.signal ?? AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new ApiCallError('inbox request failed', {
        channel: 'inbox',
        operation,
        reason: 'network',
        cause: error,
      });
    }
    const result: SendResult = {
      channel: 'inbox',
      operation,
      messageIds: [],
      warnings: [],
      accepted: { recipients: recipients.length, messages: message.parts.length },
    };
    if (response.status === 409) return { ...result, alreadyAccepted: true };
    if (!response.ok) {
      throw new ApiCallError(`inbox answered ${response.status}`, {
        channel: 'inbox',
        operation,
        statusCode: response.status,
        reason: response.status >= 500 ? 'server-error' : 'invalid-request',
      });
    }
    return result;
  };
  return {
    kind: 'inbox',
    capabilities,
    send: (request, options) => post('push', [request.recipient], request.message, options),
    sendMany: (request, options) => post('multicast', request.recipients, request.message, options),
  };
}
