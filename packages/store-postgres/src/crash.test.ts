import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { RunningMockServer } from '@omnicast/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltChild, buildCrashChild } from '../test-support/build-child.js';
import { createIdempotentInbox, type IdempotentInbox } from '../test-support/idempotent-inbox.js';
import { migrate } from './index.js';

const recipients = 20_000;
const kills = 5;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface ChildRun {
  /** Resolves with the exit code (null when killed) and the last progress seen. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; done?: string }>;
  child: ChildProcess;
}

function startChild(
  childScript: string,
  env: Record<string, string>,
  onSent: (sent: number, child: ChildProcess) => void,
): ChildRun {
  const child = spawn(process.execPath, [childScript], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let done: string | undefined;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('sent ')) onSent(Number(line.slice(5)), child);
    else if (line.startsWith('done ')) done = line.slice(5);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; done?: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => {
        if (code !== 0 && signal === null) process.stderr.write(`crash child failed:\n${stderr}\n`);
        resolve({ code, signal, ...(done !== undefined ? { done } : {}) });
      });
    },
  );
  return { exit, child };
}

describe('crash test: SIGKILL at random moments, resume from the PostgreSQL ledger', () => {
  let inbox: IdempotentInbox;
  let running: RunningMockServer;
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  let maxConnections = '1';
  let built: BuiltChild;
  const batchId = `crash-${Date.now()}`;

  beforeAll(async () => {
    built = await buildCrashChild();
    inbox = createIdempotentInbox();
    // One answer in a hundred is lost after the inbox delivered: the sender must retry with its key.
    inbox.server.setFaults({ dropAfterHandlingRate: 0.01 });
    running = await inbox.server.listen();
    if (process.env.DATABASE_URL) {
      databaseUrl = process.env.DATABASE_URL;
      maxConnections = '4';
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      await migrate(pool);
      cleanup = async () => {
        await pool.query('delete from omnicast_send_ledger where batch_id = $1', [batchId]);
        await pool.end();
      };
    } else {
      const db = await PGlite.create();
      await migrate(db);
      const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
      await server.start();
      const address = server.getServerConn();
      databaseUrl = `postgres://postgres:postgres@${address}/postgres?sslmode=disable`;
      cleanup = async () => {
        await server.stop();
        await db.close();
      };
    }
  });

  afterAll(async () => {
    await running?.close();
    await cleanup?.();
    await built?.remove();
  });

  it(`delivers ${recipients.toLocaleString('en')} recipients exactly once across ${kills} SIGKILLs`, async () => {
    const env = {
      CRASH_DATABASE_URL: databaseUrl,
      CRASH_INBOX_URL: running.url,
      CRASH_BATCH_ID: batchId,
      CRASH_RECIPIENTS: String(recipients),
      CRASH_DB_CONNECTIONS: maxConnections,
    };
    const deadline = Date.now() + 85_000;
    let killed = 0;
    for (let round = 0; round < kills; round++) {
      // Kill once this run has finished a random share of a slice of the batch, plus a random delay.
      const target = Math.floor(Math.random() * 1900) + 100;
      const delayMs = Math.floor(Math.random() * 40);
      const run = startChild(built.script, env, (sent, child) => {
        if (sent >= target && child.exitCode === null && !child.killed) {
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      const watchdog = setTimeout(() => run.child.kill('SIGKILL'), Math.max(1, deadline - Date.now()));
      const result = await run.exit;
      clearTimeout(watchdog);
      expect(result.signal, `round ${round} must die by SIGKILL mid-run`).toBe('SIGKILL');
      expect(result.done).toBeUndefined();
      killed++;
    }
    expect(killed).toBe(kills);
    const deliveredBeforeFinal = inbox.deliveries.size;
    expect(deliveredBeforeFinal).toBeGreaterThan(0);
    expect(deliveredBeforeFinal).toBeLessThan(recipients);

    const final = startChild(built.script, env, () => undefined);
    const watchdog = setTimeout(() => final.child.kill('SIGKILL'), Math.max(1, deadline - Date.now()));
    const result = await final.exit;
    clearTimeout(watchdog);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.done!) as { status: string; counts: Record<string, number> };
    expect(summary.status).toBe('completed');
    expect(summary.counts.unknown).toBe(0);
    expect(summary.counts.failed).toBe(0);
    expect(summary.counts.total).toBe(recipients);

    // The inbox's ledger: every recipient exactly once.
    expect(inbox.deliveries.size).toBe(recipients);
    const duplicates = [...inbox.deliveries].filter(([, count]) => count !== 1);
    expect(duplicates).toEqual([]);
    process.stdout.write(
      `crash test: ${kills} kills, ${inbox.requests} requests, ${inbox.conflicts} retry-key conflicts (409), ` +
        `${recipients} recipients delivered exactly once\n`,
    );
  }, 90_000);
});
