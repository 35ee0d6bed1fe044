/** One abort signal shared by the requests that start within the same short slot. */
interface TimeoutBucket {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  readonly slot: number;
  /** When the last request of the slot is due. */
  readonly deadline: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  uses: number;
  pending: number;
}

/** Requests per shared signal: undici adds (and on each request lists) one listener per request. */
const maxBucketUses = 32;

/**
 * Per-attempt timeouts without one AbortSignal per request: creating a signal is the costliest
 * part of a request's own overhead on Node 20. Requests that start within the same slot
 * (`timeoutMs / 100`, at most 25 ms) share one signal that fires when the last of them is due, so a
 * timeout may run up to one slot long. The timer runs only while a request of the slot is pending.
 */
export function createTimeoutSignals(): (timeoutMs: number) => { signal: AbortSignal; release(): void } {
  const latest = new Map<number, TimeoutBucket>();
  const arm = (bucket: TimeoutBucket, now: number) => {
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      bucket.controller.abort(new DOMException('The request timed out', 'TimeoutError'));
    }, bucket.deadline - now);
  };
  return (timeoutMs) => {
    const slotMs = Math.min(25, Math.max(1, Math.floor(timeoutMs / 100)));
    const now = Date.now();
    const slot = Math.floor(now / slotMs);
    let bucket = latest.get(timeoutMs);
    if (!bucket || bucket.slot !== slot || bucket.uses >= maxBucketUses || bucket.signal.aborted) {
      const controller = new AbortController();
      bucket = {
        controller,
        signal: controller.signal,
        slot,
        deadline: (slot + 1) * slotMs + timeoutMs,
        timer: undefined,
        uses: 0,
        pending: 0,
      };
      latest.set(timeoutMs, bucket);
    }
    if (bucket.timer === undefined) arm(bucket, now);
    const used = bucket;
    used.uses++;
    used.pending++;
    let released = false;
    return {
      signal: used.signal,
      release: () => {
        if (released) return;
        released = true;
        used.pending--;
        if (used.pending === 0 && used.timer !== undefined) {
          clearTimeout(used.timer);
          used.timer = undefined;
        }
      },
    };
  };
}
