import { serve } from '@hono/node-server';
import type { PhoneRegion } from '@omnicast/core';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createSandbox } from './sandbox.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const sandbox = await createSandbox({ logger, defaultPhoneRegion: config.defaultPhoneRegion as PhoneRegion });
const app = createApp({
  channels: sandbox.channels,
  logger,
  mode: config.mode,
  lineInbox: sandbox.line.inbox,
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info('omnicast reference app listening', {
    url: `http://${config.host}:${info.port}`,
    mode: config.mode,
    channels: [...sandbox.channels.keys()],
    lineMock: sandbox.lineUrl,
  });
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  server.close(() => {
    void sandbox.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
