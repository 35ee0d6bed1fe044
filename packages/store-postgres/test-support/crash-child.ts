/**
 * Child process of the crash test: sends a batch to the inbox with the PostgreSQL ledger and prints
 * `sent <n>` after every call and `done <json>` at the end. The parent kills it with SIGKILL.
 */
import type { Recipient } from '@omnicast/core';
import { createBatchSender } from '@omnicast/sender';
import pg from 'pg';
import { createPostgresSendLedger } from '../src/index.js';
import { createInboxChannel } from './inbox-channel.js';

const databaseUrl = process.env.CRASH_DATABASE_URL!;
const inboxUrl = process.env.CRASH_INBOX_URL!;
const batchId = process.env.CRASH_BATCH_ID!;
const count = Number(process.env.CRASH_RECIPIENTS ?? '20000');
const maxConnections = Number(process.env.CRASH_DB_CONNECTIONS ?? '1');

async function* recipients(): AsyncGenerator<Recipient> {
  for (let index = 0; index < count; index++)
    yield { type: 'user', userId: `U${String(index).padStart(6, '0')}` };
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
const sender = createBatchSender({
  channel: createInboxChannel(inboxUrl),
  ledger: createPostgresSendLedger({ client: pool }),
  concurrency: { maxInFlight: 16 },
  retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 8 },
  collectOutcomes: false,
  windowSize: 1000,
});
let finished = 0;
sender.on('chunk-done', (chunk) => {
  finished += chunk.recipients;
  process.stdout.write(`sent ${finished}\n`);
});
const report = await sender.run({
  id: batchId,
  message: { parts: [{ type: 'text', text: 'Your order has shipped' }] },
  recipients: recipients(),
  total: count,
});
process.stdout.write(`done ${JSON.stringify({ status: report.status, counts: report.counts })}\n`);
await pool.end();
