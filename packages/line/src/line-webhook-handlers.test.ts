import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addFastifyRawBodyParser, ConfigurationError } from '@omnicast/core';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createLineWebhookDeduper, signLineWebhookBody } from './line-webhook.js';
import {
  createLineExpressHandler,
  createLineFastifyHandler,
  createLineFetchHandler,
  createLineNodeHandler,
  type LineWebhookHandlerOptions,
} from './line-webhook-handlers.js';
import type { LineWebhookEvent } from './line-webhook-types.js';

const secret = '8c570fa6dd201bb328f1c1eac23a96d8';
const body = JSON.stringify({
  destination: 'U8e742f61d673b39c7fff3cecb7536ef0',
  events: [
    {
      type: 'message',
      mode: 'active',
      timestamp: 1,
      source: { type: 'user', userId: 'U1' },
      webhookEventId: '01JGF000000000000000000001',
      deliveryContext: { isRedelivery: false },
      replyToken: 'r',
      message: { type: 'text', id: '1', text: 'hi  spaced   json' },
    },
  ],
});
const goodSignature = signLineWebhookBody(secret, body);

interface Call {
  headers: Record<string, string>;
  body: string;
}
type Target = (call: Call) => Promise<{ status: number; body: unknown }>;

const cases: {
  name: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  delivered: boolean;
}[] = [
  {
    name: 'a valid request',
    headers: { 'x-line-signature': goodSignature },
    body,
    status: 200,
    delivered: true,
  },
  {
    name: 'an upper-case signature header',
    headers: { 'X-Line-Signature': goodSignature },
    body,
    status: 200,
    delivered: true,
  },
  {
    name: 'a tampered body',
    headers: { 'x-line-signature': goodSignature },
    body: body.replace('hi', 'ho'),
    status: 401,
    delivered: false,
  },
  { name: 'a missing header', headers: {}, body, status: 401, delivered: false },
  {
    name: 'a wrong secret',
    headers: { 'x-line-signature': signLineWebhookBody('ffffffffffffffffffffffffffffffff', body) },
    body,
    status: 401,
    delivered: false,
  },
];

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function overHttp(baseUrl: string, path: string): Target {
  return async (call) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...call.headers },
      body: call.body,
    });
    return { status: response.status, body: await response.json() };
  };
}

function recorder(): { options: LineWebhookHandlerOptions; events: LineWebhookEvent[] } {
  const events: LineWebhookEvent[] = [];
  return {
    events,
    options: { channelSecret: secret, onEvents: (received) => void events.push(...received) },
  };
}

const frameworks: { name: string; setup(options: LineWebhookHandlerOptions): Promise<Target> }[] = [
  {
    name: 'node http',
    async setup(options) {
      return overHttp(await listen(createServer(createLineNodeHandler(options))), '/');
    },
  },
  {
    name: 'express (express.raw)',
    async setup(options) {
      const app = express();
      app.post('/callback', express.raw({ type: '*/*' }), createLineExpressHandler(options));
      return overHttp(await listen(createServer(app)), '/callback');
    },
  },
  {
    name: 'express (no body parser)',
    async setup(options) {
      const app = express();
      app.post('/callback', createLineExpressHandler(options));
      return overHttp(await listen(createServer(app)), '/callback');
    },
  },
  {
    name: 'fastify (inject)',
    async setup(options) {
      const app = Fastify();
      addFastifyRawBodyParser(app);
      app.post('/callback', createLineFastifyHandler(options));
      await app.ready();
      closers.push(() => app.close());
      return async (call) => {
        const response = await app.inject({
          method: 'POST',
          url: '/callback',
          headers: { 'content-type': 'application/json', ...call.headers },
          payload: call.body,
        });
        return { status: response.statusCode, body: response.json() };
      };
    },
  },
  {
    name: 'hono (web Request)',
    async setup(options) {
      const app = new Hono();
      const handler = createLineFetchHandler(options);
      app.post('/callback', (context) => handler(context.req.raw));
      return async (call) => {
        const response = await app.request('/callback', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...call.headers },
          body: call.body,
        });
        return { status: response.status, body: await response.json() };
      };
    },
  },
];

describe.each(frameworks)('$name handler', ({ setup }) => {
  it.each(cases)('answers $status to $name', async ({ headers, body: payload, status, delivered }) => {
    const { options, events } = recorder();
    const target = await setup(options);
    const response = await target({ headers, body: payload });
    expect(response.status).toBe(status);
    expect(events.length > 0).toBe(delivered);
    if (delivered)
      expect(events[0]).toMatchObject({ type: 'message', message: { text: 'hi  spaced   json' } });
  });

  it('drops a redelivered event with the deduper and answers 500 when onEvents throws', async () => {
    const events: LineWebhookEvent[] = [];
    const deduper = createLineWebhookDeduper();
    const target = await setup({
      channelSecret: secret,
      deduper,
      onEvents: (received) => void events.push(...received),
    });
    await target({ headers: { 'x-line-signature': goodSignature }, body });
    await target({ headers: { 'x-line-signature': goodSignature }, body });
    expect(events).toHaveLength(1);
    const failing = await setup({
      channelSecret: secret,
      onEvents: () => {
        throw new Error('database down');
      },
    });
    expect((await failing({ headers: { 'x-line-signature': goodSignature }, body })).status).toBe(500);
  });
});

describe('misconfiguration', () => {
  it('refuses to build a handler without a channel secret', () => {
    let caught: unknown;
    try {
      createLineNodeHandler({ channelSecret: '', onEvents: () => {} });
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught)).toBe(true);
    expect((caught as ConfigurationError).option).toBe('channelSecret');
  });

  it('explains that a JSON body parser ran first instead of verifying a re-serialised body', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.post(
      '/callback',
      express.json(),
      createLineExpressHandler({
        channelSecret: secret,
        onEvents: () => {},
        onError: (error) => errors.push(error),
      }),
    );
    const target = overHttp(await listen(createServer(app)), '/callback');
    const response = await target({ headers: { 'x-line-signature': goodSignature }, body });
    expect(response.status).toBe(500);
    expect(ConfigurationError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toMatch(/express\.raw/);
  });

  it('answers 413 to bodies over limitBytes and 500 when the body was already read', async () => {
    const small = { channelSecret: secret, onEvents: () => {}, limitBytes: 10 };
    const fetchHandler = createLineFetchHandler(small);
    const request = () =>
      new Request('http://localhost/callback', {
        method: 'POST',
        headers: { 'x-line-signature': goodSignature },
        body,
      });
    expect((await fetchHandler(request())).status).toBe(413);
    const used = request();
    await used.text();
    expect((await createLineFetchHandler({ channelSecret: secret, onEvents: () => {} })(used)).status).toBe(
      500,
    );
    const target = overHttp(await listen(createServer(createLineNodeHandler(small))), '/');
    expect((await target({ headers: { 'x-line-signature': goodSignature }, body })).status).toBe(413);
  });

  it('answers 400 to a signed body that is not a LINE webhook', async () => {
    const handler = createLineFetchHandler({ channelSecret: secret, onEvents: () => {} });
    const response = await handler(
      new Request('http://localhost/callback', {
        method: 'POST',
        headers: { 'x-line-signature': signLineWebhookBody(secret, '[]') },
        body: '[]',
      }),
    );
    expect(response.status).toBe(400);
  });
});
