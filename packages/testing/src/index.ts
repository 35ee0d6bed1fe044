/**
 * Mock channels, a fake clock and stateful mock servers (msw handlers and a loopback HTTP server)
 * for testing omnicast integrations.
 * @module
 */
export { createFakeClock, type FakeClock, type FakeClockOptions } from './fake-clock.js';
export {
  createLineMockServer,
  type LineMockInbox,
  type LineMockNarrowcasts,
  type LineMockServer,
} from './line/create-line-mock-server.js';
export { lineMockMessages } from './line/line-mock-context.js';
export { lineMockDefaultRateLimits } from './line/line-mock-rate-limiter.js';
export type { LineMockAudience, LineMockNarrowcast } from './line/line-mock-state.js';
export type {
  LineInboxEntry,
  LineMockDeliveryWebhook,
  LineMockExchange,
  LineMockRateLimit,
  LineMockServerOptions,
} from './line/line-mock-types.js';
export {
  createMockChannel,
  type MockChannel,
  type MockChannelCall,
  type MockChannelOptions,
  type MockOutcome,
} from './mock-channel.js';
export {
  createMockServer,
  type FaultOptions,
  type MockListenOptions,
  type MockMethod,
  type MockRequest,
  type MockResponse,
  type MockRoute,
  type MockServer,
  type MockServerOptions,
  type RunningMockServer,
} from './mock-server.js';
