import type { Channel, PhoneRegion } from '@omnicast/core';
import { createLineChannel, createLineClient } from '@omnicast/line';
import {
  createLineMockServer,
  createMockChannel,
  type LineMockServer,
  type RunningMockServer,
} from '@omnicast/testing';
import type { Logger } from './logger.js';

/** What the sandbox's fake LINE knows, so that a person can try every addressing form. */
export const sandboxLine = {
  channelAccessToken: 'sandbox-line-channel-access-token',
  followers: [
    'U00000000000000000000000000000001',
    'U00000000000000000000000000000002',
    'U00000000000000000000000000000003',
  ],
  knownPhoneNumbers: ['+886912345678', '+85291234567', '+819012345678'],
} as const;

/** A running sandbox: channels wired to local fakes, and how to stop them. */
export interface Sandbox {
  channels: Map<string, Channel>;
  /** The LINE mock behind the `line` channel (its inbox shows what was delivered). */
  line: LineMockServer;
  lineUrl: string;
  close(): Promise<void>;
}

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  logger: Logger;
  defaultPhoneRegion: PhoneRegion;
}

/**
 * Builds the sandbox: a logging `MockChannel` and the real LINE client + adapter talking to the
 * stateful LINE mock served on loopback. Nothing leaves this machine.
 */
export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { logger } = options;
  const channels = new Map<string, Channel>();
  channels.set(
    'mock',
    createMockChannel({
      kind: 'mock',
      onCall: (call) =>
        logger.info('sandbox delivery', {
          channel: 'mock',
          method: call.method,
          recipients: call.recipients.length,
          parts: call.message.parts.map((part) => part.type),
          outcome: call.outcome,
        }),
    }),
  );
  const line = createLineMockServer({
    channelAccessToken: sandboxLine.channelAccessToken,
    followers: sandboxLine.followers,
    knownPhoneNumbers: sandboxLine.knownPhoneNumbers,
  });
  let running: RunningMockServer | undefined;
  try {
    running = await line.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    throw new Error(
      `could not start the sandbox LINE mock: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const client = createLineClient({
    channelAccessToken: sandboxLine.channelAccessToken,
    baseUrl: running.url,
    dataBaseUrl: running.url,
    hooks: {
      onResponse: (event) =>
        logger.debug('line api call', {
          operation: event.operation,
          status: event.status,
          requestId: event.requestId,
          durationMs: event.durationMs,
        }),
    },
  });
  channels.set('line', createLineChannel(client, { defaultRegion: options.defaultPhoneRegion }));
  const server = running;
  return { channels, line, lineUrl: server.url, close: () => server.close() };
}
