/**
 * Sender benchmark (`pnpm bench`): (1) overhead through the sender to a no-op MockChannel, against
 * calling the channel directly; (2) rate-limit fidelity against a loopback server enforcing a strict
 * token bucket; (3) peak RSS while streaming 1,000,000 recipients. Bounded to a few minutes.
 */

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  ApiCallError,
  type Channel,
  type ChannelCapabilities,
  createInMemorySendLedger,
  type Message,
  partTypes,
  type Recipient,
  type SendResult,
} from '@omnicast/core';
import { createMockChannel } from '@omnicast/testing';
import { createBatchSender } from '../src/index.js';

// A full garbage collection on demand, to tell retained memory from garbage not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const message: Message = { parts: [{ type: 'text', text: 'Your parcel is on its way' }] };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const line = (text: string) => process.stdout.write(`${text}\n`);

async function* users(count: number, prefix = 'U'): AsyncGenerator<Recipient> {
  for (let index = 0; index < count; index++) yield { type: 'user', userId: `${prefix}${index}` };
}

const noopCapabilities: ChannelCapabilities = {
  parts: partTypes,
  limits: {},
  recipientTypes: ['user'],
  maxRecipientsPerCall: 1,
  operations: { user: 'push' },
  rateLimits: {},
  supportsIdempotencyKey: true,
  billingUnit: 'recipient',
};

/** A channel that does nothing and keeps nothing: memory stays flat however many calls it gets. */
function noopChannel(): Channel & { readonly count: number } {
  let count = 0;
  const result: SendResult = {
    channel: 'noop',
    operation: 'push',
    messageIds: [],
    warnings: [],
    accepted: { recipients: 1, messages: 1 },
  };
  return {
    kind: 'noop',
    capabilities: noopCapabilities,
    get count() {
      return count;
    },
    async send() {
      count++;
      return result;
    },
  };
}

async function overhead(): Promise<void> {
  const count = 100_000;
  const direct = createMockChannel({ capabilities: { rateLimits: {} } });
  let started = performance.now();
  for (let index = 0; index < count; index++) {
    await direct.send(
      { recipient: { type: 'user', userId: `D${index}` }, message },
      { idempotencyKey: `k${index}` },
    );
  }
  const baseline = count / ((performance.now() - started) / 1000);

  const channel = createMockChannel();
  started = performance.now();
  const report = await createBatchSender({ channel, collectOutcomes: false, concurrency: 32 }).run({
    id: 'overhead',
    message,
    recipients: users(count),
  });
  const through = report.counts.sent / ((performance.now() - started) / 1000);

  const ledgerChannel = createMockChannel();
  started = performance.now();
  const withLedger = await createBatchSender({
    channel: ledgerChannel,
    ledger: createInMemorySendLedger(),
    collectOutcomes: false,
    concurrency: 32,
  }).run({ id: 'overhead-ledger', message, recipients: users(count) });
  const throughLedger = withLedger.counts.sent / ((performance.now() - started) / 1000);

  line('(1) overhead, no-op MockChannel, 100,000 single sends');
  line(`    baseline: channel.send() in a loop         ${Math.round(baseline).toLocaleString('en')} msgs/s`);
  line(
    `    through the sender (no ledger)             ${Math.round(through).toLocaleString('en')} msgs/s  (ratio ${(through / baseline).toFixed(2)})`,
  );
  line(
    `    through the sender (in-memory ledger)      ${Math.round(throughLedger).toLocaleString('en')} msgs/s  (ratio ${(throughLedger / baseline).toFixed(2)})`,
  );
}

/** Starts the strict-bucket server in its own process; resolves with its URL and a stop function. */
async function startBucketServer(rate: number, burst: number): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./strict-bucket-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(rate), String(burst)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bucket server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      if (text.startsWith('listening ')) resolve(text.slice('listening '.length));
    });
  });
  return { url, stop: () => child.kill() };
}

/** Requests per second the loopback HTTP stack manages on this machine, with no limit. */
async function loopbackCapacity(url: string): Promise<number> {
  let done = 0;
  const started = performance.now();
  const until = started + 1500;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        const response = await fetch(`${url}/capacity`, { method: 'POST', body: '{}' });
        await response.arrayBuffer();
        done++;
      }
    }),
  );
  return (done / (performance.now() - started)) * 1000;
}

async function fidelity(): Promise<void> {
  const seconds = 10;
  // R = 200/s unless this machine's loopback HTTP cannot serve twice that: then half its capacity.
  const probe = await startBucketServer(1, 1);
  const capacity = await loopbackCapacity(probe.url).finally(() => probe.stop());
  const rate = Math.max(10, Math.min(200, Math.floor(capacity / 2 / 10) * 10));
  const serverBurst = Math.max(5, Math.floor(rate / 4));
  const total = rate * seconds;
  const server = await startBucketServer(rate, serverBurst);
  const channel: Channel = {
    kind: 'http',
    capabilities: { ...noopCapabilities, rateLimits: { push: { limit: rate, intervalMs: 1000 } } },
    async send(request, options = {}) {
      const response = await fetch(`${server.url}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-retry-key': options.idempotencyKey ?? '' },
        body: JSON.stringify(request),
      });
      await response.arrayBuffer();
      if (response.status === 429) {
        throw new ApiCallError('rate limited', {
          channel: 'http',
          operation: 'push',
          reason: 'rate-limited',
          statusCode: 429,
          retryAfterMs: 1000,
        });
      }
      return {
        channel: 'http',
        operation: 'push',
        messageIds: [],
        warnings: [],
        accepted: { recipients: 1, messages: 1 },
      };
    },
  };
  try {
    // The sender's burst (100 ms of tokens, at least 2) makes up for late timers and stays well below
    // the server's (250 ms of tokens), so arrival jitter on loopback never drains the server's bucket.
    const clientBurst = Math.max(2, Math.floor(rate / 10));
    const report = await createBatchSender({
      channel,
      rateLimits: { push: { limit: rate, intervalMs: 1000, burst: clientBurst } },
      concurrency: 64,
      collectOutcomes: false,
    }).run({ id: 'fidelity', message, recipients: users(total) });
    const stats = (await (await fetch(`${server.url}/stats`)).json()) as {
      accepted: number;
      rejected: number;
      first: number;
      last: number;
    };
    // A perfect limiter sends its burst at once and then one message every 1/R s.
    const achieved = ((stats.accepted - clientBurst) / (stats.last - stats.first)) * 1000;
    line(
      `(2) fidelity, loopback server (own process) with a strict token bucket R = ${rate}/s (burst ${serverBurst}), ${total} sends`,
    );
    line(
      `    (sender burst ${clientBurst}; loopback HTTP capacity measured in this run: ${Math.round(capacity)} req/s)`,
    );
    line(
      `    achieved ${achieved.toFixed(1)}/s, ratio achieved/R = ${(achieved / rate).toFixed(3)}, 429s = ${stats.rejected}, sent = ${report.counts.sent}`,
    );
  } finally {
    server.stop();
  }
}

async function memory(): Promise<void> {
  const count = 1_000_000;
  collectGarbage();
  const start = process.memoryUsage().rss;
  let peak = start;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    samples.push(rss);
  }, 100);
  const channel = noopChannel();
  const started = performance.now();
  // Also sample from inside the stream: timers may starve while the pipeline is busy.
  const retained: number[] = [];
  async function* sampled(): AsyncGenerator<Recipient> {
    let index = 0;
    for await (const recipient of users(count)) {
      if (++index % 10_000 === 0) {
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        samples.push(rss);
      }
      if (index % 200_000 === 0) {
        collectGarbage();
        retained.push(process.memoryUsage().heapUsed);
      }
      yield recipient;
    }
  }
  const report = await createBatchSender({ channel, collectOutcomes: false, concurrency: 32 }).run({
    id: 'memory',
    message,
    recipients: sampled(),
  });
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const end = process.memoryUsage().rss;
  peak = Math.max(peak, end);
  const quarter = samples.slice(Math.floor(samples.length / 4));
  const spread = quarter.length > 0 ? Math.max(...quarter) - Math.min(...quarter) : 0;
  line(
    `(3) memory, streaming ${count.toLocaleString('en')} recipients from an async generator to a no-op channel`,
  );
  line(
    `    sent ${report.counts.sent.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(report.counts.sent / seconds).toLocaleString('en')} msgs/s)`,
  );
  line(
    `    RSS start ${mb(start)}, peak ${mb(peak)}, end ${mb(end)} (target: peak < 256 MB); RSS varied by ${mb(spread)} over the last 3/4 of ${samples.length} samples (garbage between collections)`,
  );
  line(
    `    heap retained after a full GC at 200k, 400k, 600k, 800k, 1M recipients: ${retained.map(mb).join(', ')} (flat = constant memory)`,
  );
}

const benchStarted = performance.now();
// Memory first, in a fresh heap, so the other parts' garbage does not count against it.
const only = process.argv[2];
if (!only || only === 'memory') await memory();
collectGarbage();
if (!only || only === 'fidelity') await fidelity();
collectGarbage();
if (!only || only === 'overhead') await overhead();
line(`sender bench finished in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
