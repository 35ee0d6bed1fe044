/**
 * Pushes/s through LineClient against the loopback LINE mock vs raw fetch with the same payloads and
 * headers (same global keep-alive dispatcher), measured in one run, printed with their ratio.
 * Bounded: each phase stops after LINE_BENCH_MAX_SECONDS (default 60) even if not all pushes ran.
 */
import { randomUUID } from 'node:crypto';
import { createLineMockServer } from '@omnicast/testing';
import { LineClient } from '../src/index.js';

const pushes = Number(process.env.LINE_BENCH_PUSHES ?? 5000);
const concurrency = Number(process.env.LINE_BENCH_CONCURRENCY ?? 32);
const maxSeconds = Number(process.env.LINE_BENCH_MAX_SECONDS ?? 60);
const token = 'bench-channel-access-token';
const userId = (index: number) => `U${index.toString(16).padStart(32, '0')}`;
const payload = (index: number) => ({
  to: userId(index + 1),
  messages: [{ type: 'text' as const, text: `Order ${index} shipped` }],
});

async function run(label: string, send: (index: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pushes && performance.now() < deadline) {
        await send(next++);
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  console.log(`${label.padEnd(22)} ${done} pushes, ${rate.toFixed(0)} pushes/s`);
  return rate;
}

const mock = createLineMockServer({ channelAccessToken: token });
const running = await mock.listen({ host: '127.0.0.1' });
try {
  const client = new LineClient({ channelAccessToken: token, baseUrl: running.url });
  const url = `${running.url}/v2/bot/message/push`;
  const raw = async (index: number) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-line-retry-key': randomUUID(),
      },
      body: JSON.stringify(payload(index)),
    });
    if (response.status !== 200) throw new Error(`raw push failed: ${response.status}`);
    await response.json();
  };
  const viaClient = async (index: number) => {
    await client.push(payload(index));
  };
  // Warm up connections and JIT for both paths.
  for (let index = 0; index < 100; index++) {
    await raw(index);
    await viaClient(index);
  }
  mock.reset();
  console.log(
    `LINE push benchmark: ${pushes} pushes, concurrency ${concurrency}, loopback mock at ${running.url}`,
  );
  const rawRate = await run('raw fetch', raw);
  mock.reset();
  const clientRate = await run('LineClient.push', viaClient);
  console.log(`ratio LineClient / raw fetch: ${(clientRate / rawRate).toFixed(2)}`);
} finally {
  await running.close();
}
