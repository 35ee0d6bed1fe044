/**
 * A loopback endpoint with a strict token bucket, run in its own process by the sender bench so that
 * its clock and event loop are not the sender's. Usage: `strict-bucket-server.ts <rate> <burst>`.
 * Prints `listening <url>`; `GET /stats` answers `{accepted, rejected, first, last}` (ms).
 */
import { createMockServer } from '@omnicast/testing';

const rate = Number(process.argv[2] ?? '200');
const burst = Number(process.argv[3] ?? String(rate / 4));
let tokens = burst;
let last = performance.now();
let accepted = 0;
let rejected = 0;
let first = 0;
let lastAccepted = 0;
const server = createMockServer({
  name: 'strict-bucket',
  routes: [
    {
      method: 'POST',
      path: '/push',
      handler() {
        const now = performance.now();
        tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
        last = now;
        if (tokens < 1) {
          rejected++;
          return { status: 429, headers: { 'retry-after': '1' }, body: { message: 'rate limit' } };
        }
        tokens -= 1;
        if (accepted === 0) first = now;
        accepted++;
        lastAccepted = now;
        return { status: 200, body: {} };
      },
    },
    { method: 'POST', path: '/capacity', handler: () => ({ status: 200, body: {} }) },
    {
      method: 'GET',
      path: '/stats',
      handler: () => ({ status: 200, body: { accepted, rejected, first, last: lastAccepted } }),
    },
  ],
});
const running = await server.listen();
process.stdout.write(`listening ${running.url}\n`);
// Stop with the parent, and in any case after three minutes.
process.stdin.on('close', () => void running.close().then(() => process.exit(0)));
process.stdin.resume();
setTimeout(() => process.exit(0), 180_000).unref();
