import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';

describe('systemClock', () => {
  it('now() is the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sleep resolves (negative delays are treated as 0)', async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    await expect(systemClock.sleep(-5)).resolves.toBeUndefined();
  });

  it('sleep with a signal that is not aborted resolves', async () => {
    const controller = new AbortController();
    await expect(systemClock.sleep(1, controller.signal)).resolves.toBeUndefined();
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('stop');
    await expect(systemClock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects when aborted during the sleep, without waiting for it', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
  });

  it('rejects with an AbortError when the signal has no reason', async () => {
    const signal = { aborted: true, reason: undefined } as unknown as AbortSignal;
    await expect(systemClock.sleep(10, signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
