import { ApiCallError, type Channel } from '@omnicast/core';
import { createMockChannel } from '@omnicast/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger } from './logger.js';

const lines: string[] = [];
const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });

function appWith(
  channel: Channel = createMockChannel({
    kind: 'mock',
    capabilities: { limits: { text: { max: 20, unit: 'utf16' }, maxPartsPerMessage: 2 } },
  }),
) {
  return createApp({ channels: new Map([['mock', channel]]), logger, mode: 'sandbox' });
}

const post = (app: ReturnType<typeof appWith>, body: unknown) =>
  app.request('/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('reference app', () => {
  it('GET /health reports ok, the mode and the channels', async () => {
    const response = await appWith().request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'sandbox', channels: ['mock'] });
  });

  it('sends a valid personalised message through the channel', async () => {
    const channel = createMockChannel({ kind: 'mock' });
    const response = await post(appWith(channel), {
      channel: 'mock',
      recipient: { type: 'user', userId: 'U1', variables: { name: 'Mei' } },
      message: { parts: [{ type: 'text', text: 'Hi {{name}}' }] },
      idempotencyKey: 'order-1',
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { status: string; result: { messageIds: string[] } };
    expect(json.status).toBe('sent');
    expect(channel.calls[0]?.message.parts[0]).toEqual({ type: 'text', text: 'Hi Mei' });
    expect(channel.calls[0]?.options.idempotencyKey).toBe('order-1');
  });

  it('answers 400 listing every validation issue of a bad request at once', async () => {
    const response = await post(appWith(), {
      channel: 'mock',
      recipient: { type: 'user' },
      message: { parts: [{ type: 'text', text: '' }, { type: 'image', url: 'not-a-url' }, { type: 'nope' }] },
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(json.error).toBe('validation-failed');
    const paths = json.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'recipient.userId',
        'message.parts[0].text',
        'message.parts[1].url',
        'message.parts[2].type',
      ]),
    );
  });

  it('answers 400 with every channel-limit violation and missing variable', async () => {
    const response = await post(appWith(), {
      channel: 'mock',
      recipient: { type: 'user', userId: 'U1' },
      message: {
        parts: [
          { type: 'text', text: 'x'.repeat(25) },
          { type: 'text', text: 'Hi {{name}}' },
          { type: 'text', text: 'third' },
        ],
      },
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as { issues: { path: string; code?: string }[] };
    expect(json.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'message.parts', code: 'max-items' }),
        expect.objectContaining({ path: 'message.parts[0].text', code: 'max-length' }),
        expect.objectContaining({ path: 'message.parts[1].text', code: 'missing-variable' }),
      ]),
    );
  });

  it('rejects unknown channels, unsupported recipient types and non-JSON bodies', async () => {
    const app = appWith();
    const unknown = await post(app, {
      channel: 'fax',
      recipient: { type: 'user', userId: 'U' },
      message: { parts: [{ type: 'text', text: 'x' }] },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('channel');
    const audience = await post(app, {
      channel: 'mock',
      recipient: { type: 'audience', audienceId: 'A1' },
      message: { parts: [{ type: 'text', text: 'x' }] },
    });
    expect(audience.status).toBe(400);
    expect(((await audience.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe(
      'recipient.type',
    );
    const garbage = await post(app, '{nope');
    expect(garbage.status).toBe(400);
  });

  it('maps channel failures by reason, without leaking anything else', async () => {
    const channel = createMockChannel({
      kind: 'mock',
      outcome: () => ({
        error: new ApiCallError('mock push failed', {
          channel: 'mock',
          operation: 'push',
          reason: 'rate-limited',
          retryAfterMs: 1000,
        }),
      }),
    });
    const response = await post(appWith(channel), {
      channel: 'mock',
      recipient: { type: 'user', userId: 'U1' },
      message: { parts: [{ type: 'text', text: 'x' }] },
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: 'rate-limited',
      message: 'mock push failed',
      isRetryable: true,
      retryAfterMs: 1000,
    });
    const quota = createMockChannel({ kind: 'mock', outcome: () => ({ reason: 'server-error' }) });
    expect(
      (
        await post(appWith(quota), {
          channel: 'mock',
          recipient: { type: 'user', userId: 'U1' },
          message: { parts: [{ type: 'text', text: 'x' }] },
        })
      ).status,
    ).toBe(502);
  });

  it('answers JSON 404 for unknown routes and 500 for unexpected errors', async () => {
    expect((await appWith().request('/nope')).status).toBe(404);
    const broken: Channel = {
      ...createMockChannel({ kind: 'mock' }),
      send: () => Promise.reject(new Error('boom')),
    };
    const response = await post(appWith(broken), {
      channel: 'mock',
      recipient: { type: 'user', userId: 'U1' },
      message: { parts: [{ type: 'text', text: 'x' }] },
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal', message: 'Internal server error' });
  });
});
