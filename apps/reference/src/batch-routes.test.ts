import { createMockChannel } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger } from './logger.js';

const logger = createLogger({ level: 'silent' });
const user = (userId: string) => ({ type: 'user', userId, variables: { name: userId } });

function setup(outcomes: Parameters<typeof createMockChannel>[0] = {}) {
  const channel = createMockChannel({ kind: 'mock', capabilities: { maxRecipientsPerCall: 1 }, ...outcomes });
  const app = createApp({ channels: new Map([['mock', channel]]), logger, mode: 'sandbox' });
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { channel, post };
}

const message = { parts: [{ type: 'text', text: 'Sale for {{name}}' }] };

describe('batch routes', () => {
  it('sends a batch and reports every recipient, one bad recipient never stopping the others', async () => {
    const { channel, post } = setup({ outcomes: { 'user:U2': { reason: 'recipient-unreachable' } } });
    const response = await post('/v1/batches', {
      id: 'b1',
      channel: 'mock',
      message,
      recipients: [user('U1'), user('U2'), user('U3')],
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      status: string;
      counts: Record<string, number>;
      outcomes: { recipientKey: string; status: string; reason?: string }[];
    };
    expect(report.status).toBe('completed');
    expect(report.counts).toMatchObject({ total: 3, sent: 2, failed: 1 });
    expect(report.outcomes.find((outcome) => outcome.recipientKey === 'user:U2')).toMatchObject({
      status: 'failed',
      reason: 'recipient-unreachable',
    });
    expect(channel.delivered.get('user:U1')).toBe(1);
    expect(
      channel.calls.find((call) => call.recipients[0]?.type === 'user' && call.recipients[0].userId === 'U3')
        ?.message.parts[0],
    ).toEqual({ type: 'text', text: 'Sale for U3' });
  });

  it('resumes a batch by id without sending anyone twice', async () => {
    const { channel, post } = setup();
    const body = { id: 'b2', channel: 'mock', message, recipients: [user('A'), user('B')] };
    await post('/v1/batches', body);
    const again = (await (await post('/v1/batches', body)).json()) as { counts: Record<string, number> };
    expect(again.counts).toMatchObject({ sent: 0, skipped: 2 });
    expect(channel.delivered.get('user:A')).toBe(1);
  });

  it('applies a once-per-campaign re-send policy across batches', async () => {
    const { channel, post } = setup();
    const base = {
      channel: 'mock',
      campaignId: 'welcome',
      resendPolicy: { type: 'once-per-campaign' },
      message,
      recipients: [user('A')],
    };
    await post('/v1/batches', { ...base, id: 'w1' });
    const second = (await (await post('/v1/batches', { ...base, id: 'w2' })).json()) as {
      outcomes: { status: string; reason?: string }[];
    };
    expect(second.outcomes[0]).toMatchObject({ status: 'skipped', reason: 'resend-policy' });
    expect(channel.delivered.get('user:A')).toBe(1);
  });

  it('preflights recipients and billable units without sending', async () => {
    const { channel, post } = setup();
    const response = await post('/v1/batches/preflight', {
      id: 'p1',
      channel: 'mock',
      message,
      recipients: [user('A'), user('B')],
      budget: { maxUnits: 1 },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ recipients: 2, fits: false });
    expect(channel.calls).toHaveLength(0);
  });

  it('answers 400 with every issue for a bad batch', async () => {
    const { post } = setup();
    const response = await post('/v1/batches', {
      id: '',
      channel: 'mock',
      message: { parts: [] },
      recipients: [{ type: 'user' }],
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as { issues: { path: string }[] };
    expect(json.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['id', 'message.parts', 'recipients[0].userId']),
    );
    const unknown = await post('/v1/batches', { id: 'x', channel: 'fax', message, recipients: [user('A')] });
    expect(unknown.status).toBe(400);
  });
});
