import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';

describe('createFakeClock', () => {
  it('fires sleeps in time order on advance and stops at the target', async () => {
    const clock = createFakeClock({ now: 1000 });
    const fired: string[] = [];
    void clock.sleep(300).then(() => fired.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => fired.push(`a@${clock.now()}`));
    void clock.sleep(500).then(() => fired.push(`c@${clock.now()}`));
    await clock.advance(350);
    expect(fired).toEqual(['a@1100', 'b@1300']);
    expect(clock.now()).toBe(1350);
    expect(clock.pendingTimers()).toBe(1);
    await clock.runAll();
    expect(fired).toEqual(['a@1100', 'b@1300', 'c@1500']);
  });

  it('fires sleeps scheduled by fired sleeps within the same advance', async () => {
    const clock = createFakeClock({ now: 0 });
    const times: number[] = [];
    const loop = async () => {
      for (let index = 0; index < 3; index++) {
        await clock.sleep(10);
        times.push(clock.now());
      }
    };
    const done = loop();
    await clock.advance(30);
    await done;
    expect(times).toEqual([10, 20, 30]);
  });

  it('rejects an aborted sleep and removes its timer', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers()).toBe(0);
    const already = clock.sleep(5, controller.signal);
    await expect(already).rejects.toThrow('stop');
  });

  it('in auto mode moves virtual time to the next timer once work is idle, preserving order', async () => {
    const clock = createFakeClock({ now: 0, mode: 'auto' });
    const order: string[] = [];
    await Promise.all([
      clock.sleep(100).then(() => order.push(`slow@${clock.now()}`)),
      clock.sleep(50).then(() => order.push(`fast@${clock.now()}`)),
    ]);
    expect(order).toEqual(['fast@50', 'slow@100']);
  });

  it('runAll refuses an endless timer loop', async () => {
    const clock = createFakeClock();
    const forever = async () => {
      for (;;) await clock.sleep(1);
    };
    void forever();
    await expect(clock.runAll(50)).rejects.toThrow(/endless/);
  });

  it('setTime moves time without firing timers', async () => {
    const clock = createFakeClock({ now: 0 });
    let fired = false;
    void clock.sleep(10).then(() => {
      fired = true;
    });
    clock.setTime(100);
    expect(clock.now()).toBe(100);
    expect(fired).toBe(false);
  });
});
