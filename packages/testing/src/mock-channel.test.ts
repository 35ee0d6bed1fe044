import { ApiCallError, type Message, ValidationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';
import { createMockChannel } from './mock-channel.js';

const message: Message = { parts: [{ type: 'text', text: 'hi' }] };
const user = (userId: string) => ({ type: 'user' as const, userId });

describe('createMockChannel', () => {
  it('records calls and deliveries', async () => {
    const channel = createMockChannel();
    const result = await channel.send({ recipient: user('U1'), message });
    expect(result.messageIds).toHaveLength(1);
    expect(result.accepted).toEqual({ recipients: 1, messages: 1 });
    expect(channel.calls).toHaveLength(1);
    expect(channel.calls[0]).toMatchObject({ method: 'send', outcome: 'sent' });
    expect(channel.delivered.get('user:U1')).toBe(1);
  });

  it('plays per-recipient outcome lists in order, the last repeating', async () => {
    const channel = createMockChannel({ outcomes: { 'user:U1': [{ reason: 'server-error' }, 'sent'] } });
    await expect(channel.send({ recipient: user('U1'), message })).rejects.toMatchObject({
      reason: 'server-error',
    });
    await channel.send({ recipient: user('U1'), message });
    await channel.send({ recipient: user('U1'), message });
    expect(channel.delivered.get('user:U1')).toBe(2);
    expect(channel.calls.map((call) => call.outcome)).toEqual(['server-error', 'sent', 'sent']);
  });

  it('throws a given ApiCallError as it is', async () => {
    const error = new ApiCallError('nope', { channel: 'x', operation: 'send', reason: 'forbidden' });
    const channel = createMockChannel({ outcome: () => ({ error }) });
    await expect(channel.send({ recipient: user('U1'), message })).rejects.toBe(error);
  });

  it('honours idempotency keys: a repeated key delivers nothing new', async () => {
    const channel = createMockChannel({
      outcomes: { 'user:U1': [{ reason: 'timeout', deliver: true }, 'sent'] },
    });
    await expect(
      channel.send({ recipient: user('U1'), message }, { idempotencyKey: 'k1' }),
    ).rejects.toMatchObject({ reason: 'timeout' });
    const retry = await channel.send({ recipient: user('U1'), message }, { idempotencyKey: 'k1' });
    expect(retry.alreadyAccepted).toBe(true);
    expect(channel.delivered.get('user:U1')).toBe(1);
  });

  it('offers sendMany only with maxRecipientsPerCall > 1 and checks the count', async () => {
    expect(createMockChannel().sendMany).toBeUndefined();
    const channel = createMockChannel({ capabilities: { maxRecipientsPerCall: 2 } });
    await channel.sendMany!({ recipients: [user('A'), user('B')], message });
    expect(channel.delivered.get('user:A')).toBe(1);
    await expect(
      channel.sendMany!({ recipients: [user('A'), user('B'), user('C')], message }),
    ).rejects.toSatisfy(ValidationError.isInstance);
  });

  it('validates messages against its capabilities', async () => {
    const channel = createMockChannel({ capabilities: { limits: { text: { max: 3, unit: 'utf16' } } } });
    await expect(
      channel.send({ recipient: user('U1'), message: { parts: [{ type: 'text', text: 'long' }] } }),
    ).rejects.toSatisfy(ValidationError.isInstance);
    expect(channel.calls[0]?.outcome).toBe('invalid-request');
  });

  it('simulates latency on the injected clock and tracks concurrency', async () => {
    const clock = createFakeClock({ now: 0, mode: 'auto' });
    const channel = createMockChannel({ clock, latencyMs: 100 });
    await Promise.all([
      channel.send({ recipient: user('A'), message }),
      channel.send({ recipient: user('B'), message }),
    ]);
    expect(clock.now()).toBe(100);
    expect(channel.maxInFlight).toBe(2);
    expect(channel.inFlight).toBe(0);
    channel.reset();
    expect(channel.calls).toHaveLength(0);
    expect(channel.delivered.size).toBe(0);
  });
});
