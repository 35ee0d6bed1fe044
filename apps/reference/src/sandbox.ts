import type { Channel } from '@omnicast/core';
import { createMockChannel } from '@omnicast/testing';
import type { Logger } from './logger.js';

/** A running sandbox: channels wired to local fakes, and how to stop them. */
export interface Sandbox {
  channels: Map<string, Channel>;
  close(): Promise<void>;
}

/** Builds the sandbox channels: nothing leaves this machine. */
export async function createSandbox(logger: Logger): Promise<Sandbox> {
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
  return { channels, close: async () => {} };
}
