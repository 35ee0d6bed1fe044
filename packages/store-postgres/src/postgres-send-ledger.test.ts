import { PGlite } from '@electric-sql/pglite';
import type { SendLedger } from '@omnicast/core';
import { sendLedgerContractCases } from '@omnicast/sender';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresSendLedger, migrate, type SqlClient } from './index.js';

interface Target {
  name: string;
  open(): Promise<{ client: SqlClient; close(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'PGlite',
    async open() {
      const db = await PGlite.create();
      return { client: db, close: () => db.close() };
    },
  },
];
if (process.env.DATABASE_URL) {
  targets.push({
    name: 'PostgreSQL (DATABASE_URL)',
    async open() {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
      return { client: pool, close: () => pool.end() };
    },
  });
}

describe.each(targets)('createPostgresSendLedger on $name', (target) => {
  let client: SqlClient;
  let close: () => Promise<void>;
  let ledger: SendLedger;

  beforeAll(async () => {
    ({ client, close } = await target.open());
    await migrate(client);
    ledger = createPostgresSendLedger({ client });
  });
  afterAll(async () => {
    await close();
  });
  beforeEach(async () => {
    await client.query('delete from omnicast_send_ledger');
  });

  it.each(sendLedgerContractCases().map((contractCase) => [contractCase.name, contractCase] as const))(
    'contract: %s',
    async (_name, contractCase) => {
      await contractCase.run(ledger);
    },
  );

  it('answers empty inputs without a query', async () => {
    const silent = createPostgresSendLedger({
      client: {
        query: () => {
          throw new Error('no query expected');
        },
      },
    });
    expect(await silent.claim([])).toEqual([]);
    expect(await silent.get([])).toEqual([]);
    await silent.recordOutcomes([]);
    expect((await silent.lastSentAt({ campaignId: 'c', recipientKeys: [] })).size).toBe(0);
  });

  it('keeps fractional clock times to the millisecond and null campaigns', async () => {
    const [claim] = await ledger.claim([
      {
        batchId: 'b',
        recipientKey: 'user:A',
        contentHash: 'h',
        idempotencyKey: 'k',
        groupSize: 1,
        at: 1_767_225_600_123.5,
      },
    ]);
    expect(claim!.entry.intentAt).toBeCloseTo(1_767_225_600_123.5, 3);
    expect(claim!.entry.campaignId).toBeUndefined();
  });
});

describe('migrate', () => {
  let db: PGlite;
  let schema = 0;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });
  /** A fresh, empty schema on the shared PGlite (booting PGlite is slow). */
  beforeEach(async () => {
    schema++;
    await db.query(`create schema m${schema}`);
    await db.query(`set search_path to m${schema}`);
  });

  it('is idempotent, records versions and is safe when run concurrently', async () => {
    const results = await Promise.all([migrate(db), migrate(db)]);
    expect(results.map((result) => result.applied).sort()).toEqual([[], [1]]);
    expect((await migrate(db)).applied).toEqual([]);
    const { rows } = await db.query<{ version: number }>('select version from omnicast_schema_migrations');
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('rolls back a failing migration and lets the ledger migrate lazily', async () => {
    await expect(
      migrate(db, {
        migrations: [{ version: 7, name: 'broken', statements: ['create table x (', 'select 1'] }],
      }),
    ).rejects.toThrow();
    const { rows } = await db.query(`select to_regclass('m${schema}.omnicast_schema_migrations') as name`);
    expect(rows).toEqual([{ name: null }]);
    const ledger = createPostgresSendLedger({ client: db, migrate: true });
    expect(await ledger.listBatch('none')).toEqual([]);
    const applied = await db.query<{ version: number }>('select version from omnicast_schema_migrations');
    expect(applied.rows).toEqual([{ version: 1 }]);
  });
  it('uses one dedicated connection of a pool', async () => {
    const statements: string[] = [];
    let released = 0;
    const connection = {
      query: async (text: string) => {
        statements.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
        return { rows: [] };
      },
      release: () => {
        released++;
      },
    };
    const pool = {
      idleCount: 0,
      connect: async () => connection,
      query: async () => {
        throw new Error('pool.query must not be used for migrations');
      },
    };
    expect((await migrate(pool)).applied).toEqual([1]);
    expect(released).toBe(1);
    expect(statements[0]).toBe('begin');
    expect(statements[1]).toContain('pg_advisory_xact_lock');
    expect(statements.at(-1)).toBe('commit');
  });
});

if (process.env.DATABASE_URL) {
  describe('migrate on PostgreSQL (DATABASE_URL) from separate connections', () => {
    it('applies each migration once when two processes migrate at the same moment', async () => {
      const schema = `migrate_race_${Date.now()}`;
      const admin = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      await admin.query(`create schema ${schema}`);
      const pools = [1, 2].map(
        () =>
          new pg.Pool({
            connectionString: process.env.DATABASE_URL,
            max: 2,
            options: `-c search_path=${schema}`,
          }),
      );
      try {
        const results = await Promise.all(pools.map((pool) => migrate(pool)));
        expect(results.map((result) => result.applied).sort()).toEqual([[], [1]]);
        const { rows } = await admin.query(`select version from ${schema}.omnicast_schema_migrations`);
        expect(rows).toEqual([{ version: 1 }]);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    });
  });
}
