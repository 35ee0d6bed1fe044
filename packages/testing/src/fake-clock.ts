import type { Clock } from '@omnicast/core';

/** Options of {@link createFakeClock}. */
export interface FakeClockOptions {
  /** Start time in ms since the epoch (default 2026-01-01T00:00:00Z). */
  now?: number;
  /**
   * `manual` (default): time moves only with `advance()`/`runAll()`. `auto`: whenever every pending
   * promise has settled, time jumps to the next timer — virtual time for orchestration tests that
   * must not wait in real time but still see correct ordering.
   */
  mode?: 'manual' | 'auto';
}

/** A deterministic clock: `sleep()` waits for virtual time, which tests move. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /** Fires every pending timer (and those they schedule) until none is left. */
  runAll(maxTimers?: number): Promise<void>;
  /** Sets the time without firing timers. */
  setTime(ms: number): void;
  /** Number of sleeps waiting. */
  pendingTimers(): number;
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Creates a {@link FakeClock}. */
export function createFakeClock(options: FakeClockOptions = {}): FakeClock {
  let now = options.now ?? Date.parse('2026-01-01T00:00:00Z');
  let seq = 0;
  const timers: Timer[] = [];
  let autoScheduled = false;

  const takeNext = (limit: number): Timer | undefined => {
    let best = -1;
    for (let index = 0; index < timers.length; index++) {
      const timer = timers[index]!;
      if (timer.at > limit) continue;
      if (
        best === -1 ||
        timer.at < timers[best]!.at ||
        (timer.at === timers[best]!.at && timer.seq < timers[best]!.seq)
      )
        best = index;
    }
    return best === -1 ? undefined : timers.splice(best, 1)[0];
  };

  const scheduleAuto = () => {
    if (options.mode !== 'auto' || autoScheduled) return;
    autoScheduled = true;
    const step = async () => {
      // Let every microtask chain and already-queued I/O callback settle before moving time.
      await settle();
      await settle();
      autoScheduled = false;
      const timer = takeNext(Number.POSITIVE_INFINITY);
      if (!timer) return;
      now = Math.max(now, timer.at);
      timer.resolve();
      if (timers.length > 0) scheduleAuto();
    };
    void step();
  };

  const clock: FakeClock = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
          return;
        }
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index !== -1) timers.splice(index, 1);
          reject(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        scheduleAuto();
      });
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        const timer = takeNext(target);
        if (!timer) break;
        now = Math.max(now, timer.at);
        timer.resolve();
        await settle();
      }
      now = Math.max(now, target);
      await settle();
    },
    async runAll(maxTimers = 100_000) {
      await settle();
      for (let fired = 0; fired < maxTimers; fired++) {
        const timer = takeNext(Number.POSITIVE_INFINITY);
        if (!timer) return;
        now = Math.max(now, timer.at);
        timer.resolve();
        await settle();
      }
      throw new Error(`runAll fired ${maxTimers} timers and more are pending (an endless timer loop?)`);
    },
    setTime(ms) {
      now = ms;
    },
    pendingTimers: () => timers.length,
  };
  return clock;
}
