/** Lowest token level of a reference bucket replaying the call times (< 0 means the limit was exceeded). */
export function lowestTokens(
  times: readonly number[],
  limit: number,
  intervalMs: number,
  burst = limit,
): number {
  const rate = limit / intervalMs;
  let tokens = burst;
  let last = times[0] ?? 0;
  let lowest = burst;
  for (const time of [...times].sort((a, b) => a - b)) {
    tokens = Math.min(burst, tokens + (time - last) * rate) - 1;
    last = time;
    lowest = Math.min(lowest, tokens);
  }
  return lowest;
}
