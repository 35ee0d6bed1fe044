import {
  ApiCallError,
  type Channel,
  type Clock,
  type RateLimit,
  type Recipient,
  recipientKey,
  type SendOptions,
  systemClock,
} from '@omnicast/core';
import { createRecipientPacer } from './recipient-pacer.js';
import {
  assertRateLimit,
  createTokenBucket,
  type RateLimitRecovery,
  type TokenBucket,
} from './token-bucket.js';

/** Options of {@link withRateLimit}. */
export interface RateLimitedChannelOptions {
  clock?: Clock;
  /** Per vendor operation: overrides the channel's declared limits; `false` removes one. */
  rateLimits?: Readonly<Record<string, RateLimit | false>>;
  /** Overrides the channel's per-recipient pacing; `false` removes it. */
  recipientPacing?: RateLimit | false;
  /** How a bucket slows down after a 429 and recovers. */
  rateLimitRecovery?: RateLimitRecovery;
}

/**
 * Wraps a channel so every `send`/`sendMany` waits for a token of its operation's bucket (and the
 * recipient's pacing), and a 429 slows the whole bucket for later calls. The result is a `Channel`,
 * so it composes with other decorators; the error of a rate-limited call is still thrown.
 */
export function withRateLimit(channel: Channel, options: RateLimitedChannelOptions = {}): Channel {
  const clock = options.clock ?? systemClock;
  const overrides = options.rateLimits ?? {};
  const buckets = new Map<string, TokenBucket | undefined>();
  const bucketFor = (operation: string): TokenBucket | undefined => {
    if (buckets.has(operation)) return buckets.get(operation);
    const override = Object.hasOwn(overrides, operation) ? overrides[operation] : undefined;
    const limit = override === false ? undefined : (override ?? channel.capabilities.rateLimits[operation]);
    if (limit) assertRateLimit(limit, `rateLimits.${operation}`);
    const bucket = limit ? createTokenBucket(limit, clock, options.rateLimitRecovery) : undefined;
    buckets.set(operation, bucket);
    return bucket;
  };
  for (const operation of Object.keys(overrides)) bucketFor(operation);
  const pacing =
    options.recipientPacing === false
      ? undefined
      : (options.recipientPacing ?? channel.capabilities.recipientPacing);
  if (pacing) assertRateLimit(pacing, 'recipientPacing');
  const pacer = pacing ? createRecipientPacer(pacing, clock) : undefined;

  const limited = async <T>(
    operation: string,
    recipients: readonly Recipient[],
    sendOptions: SendOptions | undefined,
    call: () => Promise<T>,
  ): Promise<T> => {
    if (pacer)
      for (const recipient of recipients) await pacer.take(recipientKey(recipient), sendOptions?.signal);
    const bucket = bucketFor(operation);
    if (bucket) await bucket.take(sendOptions?.signal);
    // The pacing tokens were taken before the operation's wait: count them as used now.
    if (pacer) for (const recipient of recipients) pacer.settle(recipientKey(recipient));
    try {
      return await call();
    } catch (error) {
      if (bucket && ApiCallError.isInstance(error) && error.reason === 'rate-limited') {
        bucket.penalize(error.retryAfterMs ?? 1000);
      }
      throw error;
    }
  };

  const wrapped: Channel = {
    kind: channel.kind,
    capabilities: channel.capabilities,
    send: (request, sendOptions) =>
      limited(
        channel.capabilities.operations[request.recipient.type] ?? 'send',
        [request.recipient],
        sendOptions,
        () => channel.send(request, sendOptions),
      ),
  };
  const sendMany = channel.sendMany?.bind(channel);
  if (sendMany) {
    wrapped.sendMany = (request, sendOptions) =>
      limited(channel.capabilities.operations.many ?? 'send-many', request.recipients, sendOptions, () =>
        sendMany(request, sendOptions),
      );
  }
  return wrapped;
}
