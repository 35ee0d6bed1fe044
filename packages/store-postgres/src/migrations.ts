import { type SqlClient, withConnection } from './postgres-client.js';

/** One versioned schema change: statements run in order, in one transaction. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Migrations to apply (default: {@link storePostgresMigrations}). */
  migrations?: readonly Migration[];
}

/** Result of {@link migrate}. */
export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was current). */
  applied: number[];
}

/** The table recording applied migrations. */
export const migrationsTable = 'omnicast_schema_migrations';

/** Advisory lock key serialising migrations across processes ("omnicast" in ASCII, as a bigint). */
const lockKey = String(0x6f6d6e6963617374n);

/** Every migration of `@omnicast/store-postgres`, oldest first. */
export const storePostgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'send ledger',
    statements: [
      `create table if not exists omnicast_send_ledger (
        batch_id text not null,
        recipient_key text not null,
        content_hash text not null,
        campaign_id text,
        idempotency_key text not null,
        group_size integer not null check (group_size >= 1),
        status text not null check (status in ('pending', 'sent', 'failed', 'unknown')),
        attempts integer not null default 1,
        reason text,
        intent_at timestamptz not null,
        updated_at timestamptz not null,
        sent_at timestamptz,
        primary key (batch_id, recipient_key, content_hash)
      )`,
      `create index if not exists omnicast_send_ledger_campaign_idx
        on omnicast_send_ledger (campaign_id, recipient_key, sent_at)
        where campaign_id is not null`,
    ],
  },
];

/**
 * Applies missing migrations. Idempotent, and safe when several processes run it at once: a
 * transaction-scoped advisory lock serialises them, and each migration commits with its version.
 */
export function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<MigrateResult> {
  // Calls on one client object are serialised here: a single-connection client (PGlite, a pg
  // Client) would otherwise interleave two transactions on one session, where the advisory lock
  // (re-entrant per session) cannot separate them.
  const previous = running.get(client) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrateNow(client, options));
  running.set(client, next);
  return next;
}

const running = new WeakMap<SqlClient, Promise<unknown>>();

async function migrateNow(client: SqlClient, options: MigrateOptions): Promise<MigrateResult> {
  const migrations = [...(options.migrations ?? storePostgresMigrations)].sort(
    (a, b) => a.version - b.version,
  );
  return withConnection(client, async (connection) => {
    await connection.query('begin');
    try {
      await connection.query('select pg_advisory_xact_lock($1::bigint)', [lockKey]);
      await connection.query(
        `create table if not exists ${migrationsTable} (
          version integer primary key,
          name text not null,
          applied_at timestamptz not null default now()
        )`,
      );
      const { rows } = await connection.query(`select version from ${migrationsTable}`);
      const done = new Set((rows as { version: number }[]).map((row) => Number(row.version)));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) await connection.query(statement);
        await connection.query(`insert into ${migrationsTable} (version, name) values ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
        applied.push(migration.version);
      }
      await connection.query('commit');
      return { applied };
    } catch (error) {
      await connection.query('rollback').catch(() => undefined);
      throw error;
    }
  });
}
