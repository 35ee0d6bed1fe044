/**
 * Pushes/s through LineClient against the loopback LINE mock vs raw fetch with the same payloads and
 * headers (same global keep-alive dispatcher), measured in one run, printed with their ratio.
 * Both paths alternate in 10 rounds; bounded: no new round starts after LINE_BENCH_MAX_SECONDS (default 120).
 */
import { randomUUID } from 'node:crypto';
import { createLineMockServer } from '@omnicast/testing';
import { LineClient } from '../src/index.js';

const pushes = Number(process.env.LINE_BENCH_PUSHES ?? 5000);
const concurrency = Number(process.env.LINE_BENCH_CONCURRENCY ?? 32);
const maxSeconds = Number(process.env.LINE_BENCH_MAX_SECONDS ?? 120);
const token = 'bench-channel-access-token';
const userId = (index: number) => `U${index.toString(16).padStart(32, '0')}`;
const payload = (index: number) => ({
  to: userId(index + 1),
  messages: [{ type: 'text' as const, text: `Order ${index} shipped` }],
});

interface Tally {
  done: number;
  ms: number;
}

/** Runs `count` pushes starting at `from` with fixed concurrency; adds to the tally. */
async function batch(
  tally: Tally,
  from: number,
  count: number,
  send: (index: number) => Promise<void>,
): Promise<void> {
  let next = from;
  const end = from + count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) {
        await send(next++);
        tally.done++;
      }
    }),
  );
  tally.ms += performance.now() - started;
}

const rate = (tally: Tally) => tally.done / (tally.ms / 1000);

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
    `LINE push benchmark: up to ${pushes} pushes per path, concurrency ${concurrency}, loopback mock at ${running.url}`,
  );
  // Alternate the two paths in rounds so machine load affects both alike.
  const rounds = 10;
  const perRound = Math.ceil(pushes / rounds);
  const raws: Tally = { done: 0, ms: 0 };
  const clients: Tally = { done: 0, ms: 0 };
  const deadline = performance.now() + maxSeconds * 1000;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    await batch(raws, round * perRound, perRound, raw);
    await batch(clients, pushes + round * perRound, perRound, viaClient);
  }
  console.log(`raw fetch              ${raws.done} pushes, ${rate(raws).toFixed(0)} pushes/s`);
  console.log(`LineClient.push        ${clients.done} pushes, ${rate(clients).toFixed(0)} pushes/s`);
  console.log(`ratio LineClient / raw fetch: ${(rate(clients) / rate(raws)).toFixed(2)}`);
} finally {
  await running.close();
}
