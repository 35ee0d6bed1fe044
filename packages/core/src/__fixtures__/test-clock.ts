import type { Clock } from '../clock.js';

/** A fake {@link Clock} for tests: time only moves when something sleeps, and every sleep is recorded. */
export interface TestClock extends Clock {
  /** Every `sleep(ms)` call, in order. */
  readonly sleeps: number[];
  /** Called at the start of each sleep (e.g. to abort a signal while the transport backs off). */
  onSleep?: (ms: number) => void;
  /**
   * When true, sleeps never finish on their own: they only end by abort. Otherwise a sleep moves
   * `now()` forward by `ms` and resolves on the next microtask.
   */
  hold: boolean;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Creates a {@link TestClock} starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function createTestClock(startMs = Date.UTC(2026, 0, 1)): TestClock {
  let nowMs = startMs;
  const clock: TestClock = {
    sleeps: [],
    hold: false,
    now: () => nowMs,
    sleep(ms, signal) {
      clock.sleeps.push(ms);
      clock.onSleep?.(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
        signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
        if (!clock.hold) {
          nowMs += ms;
          queueMicrotask(resolve);
        }
      });
    },
  };
  return clock;
}
