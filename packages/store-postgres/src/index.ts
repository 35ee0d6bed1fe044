/**
 * Durable omnicast stores on PostgreSQL: a `pg` Pool or Client, or embedded PGlite.
 * @module
 */
export {
  type MigrateOptions,
  type MigrateResult,
  type Migration,
  migrate,
  migrationsTable,
  storePostgresMigrations,
} from './migrations.js';
export type { SqlClient, SqlConnection, SqlPool, SqlResult } from './postgres-client.js';
export { createPostgresSendLedger, type PostgresSendLedgerOptions } from './postgres-send-ledger.js';
