/**
 * Transport throughput against a loopback server, side by side with raw global `fetch` and raw
 * `undici.request` on the same undici Agent (plus raw fetch with a timeout signal, to show what a
 * timeout costs inside fetch). Prints requests/s and the ratios transport/fetch and transport/undici.
 * Bounded: a fixed number of requests, fewer rounds past a 110 s budget, and a hard stop at 170 s.
 *
 * Run: `pnpm bench` in packages/core (or `tsx bench/transport-bench.ts`).
 * Env: BENCH_REQUESTS (per variant, default 20000), BENCH_CONCURRENCY (default 32), BENCH_ROUNDS (default 20).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as undiciRequest } from 'undici';
import { z } from 'zod';
import { createHttpTransport } from '../src/http-transport.js';

const totalPerVariant = Number(process.env['BENCH_REQUESTS'] ?? 20_000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 20);
const warmupPerVariant = 1_000;
const hardStopMs = 170_000;
/** Rounds stop early (after at least two) once this much time has passed, on a slow or busy machine. */
const budgetMs = 110_000;

// The server runs in its own process so that its work does not share the client's event loop.
const serverSource = `
const http = require('node:http');
const body = JSON.stringify({ sentMessages: [{ id: '461230966842064897', quoteToken: 'IStG5h1Tz7b' }] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'r-1' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', serverSource], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, url: `http://127.0.0.1:${chunk.toString().trim()}` };
}

const payload = {
  to: 'U4af4980629aaaaaaaaaaaaaaaaaaaaaaa',
  messages: [{ type: 'text', text: 'Hello, world. 你好 👋' }],
};
const responseSchema = z.looseObject({
  sentMessages: z.array(z.looseObject({ id: z.string(), quoteToken: z.string().optional() })),
});

type Variant = { name: string; call: () => Promise<void> };

/** Runs `count` calls, `concurrency` at a time; returns wall and client CPU milliseconds. */
async function run(call: () => Promise<void>, count: number): Promise<{ wallMs: number; cpuMs: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const hardStop = setTimeout(() => {
    console.error(`transport bench: stopped after ${hardStopMs / 1000} s`);
    process.exit(1);
  }, hardStopMs);
  hardStop.unref();

  const { child, url } = await startServer();
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, pipelining: 1 });
  const endpoint = `${url}/v2/bot/message/push`;
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench-token-123456' };

  const transport = createHttpTransport({
    channel: 'bench',
    baseUrl: url,
    dispatcher: agent,
    headers: { Authorization: 'Bearer bench-token-123456' },
  });

  const variants: Variant[] = [
    {
      name: 'transport',
      call: async () => {
        const response = await transport.request<z.infer<typeof responseSchema>>({
          operation: 'push',
          method: 'POST',
          path: '/v2/bot/message/push',
          body: { json: payload },
          schema: responseSchema,
        });
        if (response.data.sentMessages.length !== 1) throw new Error('unexpected body');
      },
    },
    {
      name: 'fetch',
      call: async () => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          dispatcher: agent,
        } as RequestInit);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = (await response.json()) as { sentMessages: unknown[] };
        if (data.sentMessages.length !== 1) throw new Error('unexpected body');
      },
    },
    {
      // Raw fetch with a per-request timeout signal: what any timeout costs inside fetch itself.
      name: 'fetch + timeout signal',
      call: async () => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          dispatcher: agent,
          signal: AbortSignal.timeout(30_000),
        } as RequestInit);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = (await response.json()) as { sentMessages: unknown[] };
        if (data.sentMessages.length !== 1) throw new Error('unexpected body');
      },
    },
    {
      name: 'undici.request',
      call: async () => {
        const response = await undiciRequest(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          dispatcher: agent,
        });
        if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
        const data = (await response.body.json()) as { sentMessages: unknown[] };
        if (data.sentMessages.length !== 1) throw new Error('unexpected body');
      },
    },
  ];

  try {
    console.log(
      `transport bench: ${totalPerVariant} POSTs per variant, concurrency ${concurrency}, ${rounds} interleaved rounds, undici Agent (16 connections), server in a child process`,
    );
    for (const variant of variants) await run(variant.call, warmupPerVariant);

    const wall = new Map<string, number>(variants.map((variant) => [variant.name, 0]));
    const cpu = new Map<string, number>(variants.map((variant) => [variant.name, 0]));
    const perRound = Math.ceil(totalPerVariant / rounds);
    const benchStarted = Date.now();
    let roundsRun = 0;
    for (let round = 0; round < rounds; round++) {
      if (round >= 2 && Date.now() - benchStarted > budgetMs) {
        console.log(`time budget reached: ${round} of ${rounds} rounds run`);
        break;
      }
      roundsRun++;
      // Rotate the order each round so drift (GC, CPU shared with other work) hits every variant alike.
      const order = variants.map((_, index) => variants[(index + round) % variants.length]!);
      for (const variant of order) {
        const result = await run(variant.call, perRound);
        wall.set(variant.name, wall.get(variant.name)! + result.wallMs);
        cpu.set(variant.name, cpu.get(variant.name)! + result.cpuMs);
      }
    }

    const done = perRound * roundsRun;
    const rate = (name: string) => (done / wall.get(name)!) * 1000;
    const cpuPerRequest = (name: string) => (cpu.get(name)! / done) * 1000;
    console.table(
      variants.map((variant) => ({
        variant: variant.name,
        'requests/s': Math.round(rate(variant.name)),
        'client CPU µs/request': Math.round(cpuPerRequest(variant.name)),
        'wall ms': Math.round(wall.get(variant.name)!),
      })),
    );
    const transportRate = rate('transport');
    console.log(
      `transport / fetch          = ${(transportRate / rate('fetch')).toFixed(3)}x requests/s (target >= 0.9x); ` +
        `CPU per request ${(cpuPerRequest('transport') / cpuPerRequest('fetch')).toFixed(3)}x of fetch`,
    );
    console.log(
      `transport / fetch + timeout signal = ${(transportRate / rate('fetch + timeout signal')).toFixed(3)}x requests/s; ` +
        `CPU per request ${(cpuPerRequest('transport') / cpuPerRequest('fetch + timeout signal')).toFixed(3)}x`,
    );
    console.log(
      `transport / undici.request = ${(transportRate / rate('undici.request')).toFixed(3)}x requests/s; ` +
        `CPU per request ${(cpuPerRequest('transport') / cpuPerRequest('undici.request')).toFixed(3)}x of undici.request`,
    );
  } finally {
    await agent.close();
    child.stdin?.end();
    child.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
