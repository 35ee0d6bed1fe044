import type { Clock } from '@omnicast/core';
import { createLineMockServer, type LineMockServer, type LineMockServerOptions } from '@omnicast/testing';
import { createLineContractValidator, type LineContractValidator } from './line-contract-validator.js';

/** Fake hosts intercepted by msw. */
export const apiUrl = 'https://api.line.me';
export const dataUrl = 'https://api-data.line.me';
export const token = 'test-token-0123456789';

/** A clock whose sleeps resolve at once, so retry backoff never waits in real time. */
export function instantClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => Date.now(),
    sleep: async (ms: number) => {
      slept.push(ms);
    },
  };
}

/** A user id in LINE's format. */
export function userId(index: number): string {
  return `U${index.toString(16).padStart(32, '0')}`;
}

/** A LINE mock whose every exchange is checked against the official spec. */
export function createCheckedMock(options: LineMockServerOptions = {}): {
  mock: LineMockServer;
  validator: LineContractValidator;
} {
  const validator = createLineContractValidator();
  const mock = createLineMockServer({
    channelAccessToken: token,
    validateRequest: (request) => validator.mockRequestIssues(request),
    onExchange: (exchange) => validator.checkExchange(exchange),
    ...options,
  });
  return { mock, validator };
}
