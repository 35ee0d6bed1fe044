import {
  ApiCallError,
  type Channel,
  type ChannelCapabilities,
  type Clock,
  type ErrorReason,
  type Message,
  partTypes,
  type Recipient,
  recipientKey,
  type SendOptions,
  type SendResult,
  systemClock,
  ValidationError,
  validateMessage,
} from '@omnicast/core';

/** What a mocked send does. */
export type MockOutcome =
  | 'sent'
  | { error: ApiCallError }
  | {
      reason: ErrorReason;
      retryAfterMs?: number;
      statusCode?: number;
      /** The message is delivered although the call fails (a response lost after the vendor accepted it). */
      deliver?: boolean;
    };

/** One recorded call. */
export interface MockChannelCall {
  method: 'send' | 'sendMany';
  recipients: readonly Recipient[];
  message: Message;
  options: SendOptions;
  /** Clock time when the call started. */
  at: number;
  /** The outcome it got. */
  outcome: 'sent' | 'already-accepted' | ErrorReason;
}

/** Options of {@link createMockChannel}. */
export interface MockChannelOptions {
  kind?: string;
  /** Overrides of the default capabilities (every part, no limits, one recipient per call). */
  capabilities?: Partial<ChannelCapabilities>;
  /** Decides each call's outcome; runs after per-recipient `outcomes`. */
  outcome?: (call: Omit<MockChannelCall, 'outcome'>) => MockOutcome | Promise<MockOutcome>;
  /** Outcomes per recipient key (`user:U1`): a list is used in order, its last entry repeating. */
  outcomes?: Readonly<Record<string, MockOutcome | readonly MockOutcome[]>>;
  clock?: Clock;
  /** Simulated latency of each call, on `clock`. */
  latencyMs?: number;
  /** Called for each call, e.g. to log it. */
  onCall?: (call: MockChannelCall) => void;
}

/** A programmable in-memory `Channel` (from `@omnicast/core`) that records every call. */
export interface MockChannel extends Channel {
  readonly calls: readonly MockChannelCall[];
  /** Deliveries per recipient key. A correct sender never makes any count exceed 1 per message. */
  readonly delivered: ReadonlyMap<string, number>;
  /** Calls currently in flight. */
  readonly inFlight: number;
  /** Most calls that were in flight at once. */
  readonly maxInFlight: number;
  /** Forgets calls and deliveries. */
  reset(): void;
}

const defaultCapabilities: ChannelCapabilities = {
  parts: partTypes,
  limits: {},
  recipientTypes: ['user', 'phone', 'email'],
  maxRecipientsPerCall: 1,
  operations: { user: 'send', phone: 'send', email: 'send', many: 'send-many' },
  rateLimits: {},
  supportsIdempotencyKey: true,
  billingUnit: 'message',
};

/** Creates a {@link MockChannel}. Honours idempotency keys like LINE's retry key: a repeated key delivers nothing new. */
export function createMockChannel(options: MockChannelOptions = {}): MockChannel {
  const kind = options.kind ?? 'mock';
  const capabilities: ChannelCapabilities = { ...defaultCapabilities, ...options.capabilities };
  const clock = options.clock ?? systemClock;
  const calls: MockChannelCall[] = [];
  const delivered = new Map<string, number>();
  const cursor = new Map<string, number>();
  const acceptedKeys = new Map<string, SendResult>();
  let inFlight = 0;
  let maxInFlight = 0;
  let nextId = 1;

  const recipientOutcome = (recipient: Recipient): MockOutcome | undefined => {
    const key = recipientKey(recipient);
    const configured = options.outcomes?.[key];
    if (configured === undefined) return undefined;
    if (!Array.isArray(configured)) return configured as MockOutcome;
    const list = configured as readonly MockOutcome[];
    const index = cursor.get(key) ?? 0;
    cursor.set(key, index + 1);
    return list[Math.min(index, list.length - 1)];
  };

  const run = async (
    method: MockChannelCall['method'],
    recipients: readonly Recipient[],
    message: Message,
    sendOptions: SendOptions,
  ): Promise<SendResult> => {
    const started = clock.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const record = (outcome: MockChannelCall['outcome']) => {
      const call: MockChannelCall = {
        method,
        recipients,
        message,
        options: sendOptions,
        at: started,
        outcome,
      };
      calls.push(call);
      options.onCall?.(call);
    };
    try {
      if (options.latencyMs) await clock.sleep(options.latencyMs, sendOptions.signal);
      const report = validateMessage(message, capabilities);
      if (!report.isValid) {
        record('invalid-request');
        throw new ValidationError('Message exceeds channel limits', { issues: report.issues });
      }
      const operation =
        method === 'sendMany'
          ? (capabilities.operations.many ?? 'send-many')
          : (capabilities.operations[recipients[0]!.type as 'user'] ?? 'send');
      const idempotencyKey = sendOptions.idempotencyKey;
      if (idempotencyKey && capabilities.supportsIdempotencyKey) {
        const earlier = acceptedKeys.get(idempotencyKey);
        if (earlier) {
          record('already-accepted');
          return { ...earlier, alreadyAccepted: true };
        }
      }
      let outcome: MockOutcome = 'sent';
      for (const recipient of recipients) {
        const configured = recipientOutcome(recipient);
        if (configured !== undefined && configured !== 'sent') {
          outcome = configured;
          break;
        }
      }
      if (outcome === 'sent' && options.outcome) {
        outcome = await options.outcome({ method, recipients, message, options: sendOptions, at: started });
      }
      const deliver = () => {
        for (const recipient of recipients) {
          const key = recipientKey(recipient);
          delivered.set(key, (delivered.get(key) ?? 0) + 1);
        }
      };
      const result: SendResult = {
        channel: kind,
        operation,
        messageIds: message.parts.map(() => `mock-${nextId++}`),
        requestId: `mock-request-${nextId++}`,
        warnings: report.warnings,
        accepted: { recipients: recipients.length, messages: message.parts.length },
      };
      if (outcome === 'sent') {
        deliver();
        if (idempotencyKey) acceptedKeys.set(idempotencyKey, result);
        record('sent');
        return result;
      }
      const error =
        'error' in outcome
          ? outcome.error
          : new ApiCallError(`mock ${operation} failed: ${outcome.reason}`, {
              channel: kind,
              operation,
              reason: outcome.reason,
              ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
              ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
            });
      if (!('error' in outcome) && outcome.deliver) {
        deliver();
        if (idempotencyKey) acceptedKeys.set(idempotencyKey, result);
      }
      record(error.reason);
      throw error;
    } finally {
      inFlight--;
    }
  };

  const channel: MockChannel = {
    kind,
    capabilities,
    calls,
    delivered,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    send: (request, sendOptions = {}) => run('send', [request.recipient], request.message, sendOptions),
    reset() {
      calls.length = 0;
      delivered.clear();
      cursor.clear();
      acceptedKeys.clear();
      maxInFlight = inFlight;
    },
  };
  if (capabilities.maxRecipientsPerCall > 1) {
    channel.sendMany = (request, sendOptions = {}) => {
      if (request.recipients.length === 0 || request.recipients.length > capabilities.maxRecipientsPerCall) {
        return Promise.reject(
          new ValidationError('Invalid recipients', {
            issues: [
              {
                path: ['recipients'],
                message: `must hold 1 to ${capabilities.maxRecipientsPerCall} recipients`,
                code: 'max-items',
              },
            ],
          }),
        );
      }
      return run('sendMany', request.recipients, request.message, sendOptions);
    };
  }
  return channel;
}
