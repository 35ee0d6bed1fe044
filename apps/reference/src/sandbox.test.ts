import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createSandbox, type Sandbox, sandboxLine } from './sandbox.js';

const logger = createLogger({ level: 'silent' });
let sandbox: Sandbox;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  sandbox = await createSandbox({ logger, defaultPhoneRegion: 'TW' });
  app = createApp({ channels: sandbox.channels, logger, mode: 'sandbox', lineInbox: sandbox.line.inbox });
});
afterAll(() => sandbox.close());

const send = (body: unknown) =>
  app.request('/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sandbox', () => {
  it('serves the LINE mock on loopback and lists both channels', async () => {
    expect(sandbox.lineUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await app.request('/health')).json()) as { channels: string[] };
    expect(health.channels).toEqual(['line', 'mock']);
  });

  it('pushes through the real LINE client to the mock, exactly once per idempotency key', async () => {
    const userId = sandboxLine.followers[0];
    const body = {
      channel: 'line',
      recipient: { type: 'user', userId, variables: { name: 'Mei' } },
      message: { parts: [{ type: 'text', text: 'Hi {{name}}' }] },
      idempotencyKey: 'sandbox-order-1',
    };
    const first = await send(body);
    expect(first.status).toBe(200);
    const second = await send(body);
    expect(second.status).toBe(200);
    expect(((await second.json()) as { result: { alreadyAccepted?: boolean } }).result.alreadyAccepted).toBe(
      true,
    );
    const inbox = (await (await app.request(`/v1/sandbox/line/inbox/${userId}`)).json()) as {
      deliveries: { messages: unknown[] }[];
    };
    expect(inbox.deliveries).toHaveLength(1);
    expect(inbox.deliveries[0]?.messages).toEqual([
      expect.objectContaining({ type: 'text', text: 'Hi Mei' }),
    ]);
    const recipients = (await (await app.request('/v1/sandbox/line/inbox')).json()) as {
      recipients: string[];
    };
    expect(recipients.recipients).toContain(userId);
  });

  it('sends a LINE notification message to a known phone number and refuses an unknown one', async () => {
    const message = { parts: [{ type: 'text', text: 'Your parcel has arrived' }] };
    const known = await send({ channel: 'line', recipient: { type: 'phone', phone: '0912345678' }, message });
    expect(known.status).toBe(200);
    expect(sandbox.line.inbox.receivedByPhone('+886912345678')).toHaveLength(1);
    const unknown = await send({
      channel: 'line',
      recipient: { type: 'phone', phone: '0987654321' },
      message,
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    const json = (await unknown.json()) as { error: string; message: string };
    expect(json.message).not.toContain('0987654321');
  });

  it('reports LINE limits as a 400 listing each issue', async () => {
    const response = await send({
      channel: 'line',
      recipient: { type: 'user', userId: sandboxLine.followers[1] },
      message: { parts: Array.from({ length: 6 }, () => ({ type: 'text', text: 'x'.repeat(5001) })) },
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as { issues: { path: string }[] };
    expect(json.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['message.parts', 'message.parts[0].text', 'message.parts[5].text']),
    );
  });
});
