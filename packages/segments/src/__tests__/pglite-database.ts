/** Test support: one embedded PostgreSQL (PGlite) per test file, loaded with the documented layout. */
import { PGlite } from '@electric-sql/pglite';
import type { CountryCode } from 'libphonenumber-js';
import { type CompileSegmentToSqlOptions, compileSegmentToSql } from '../compile-segment-to-sql.js';
import type { Contact } from '../contact-model.js';
import { contactsToSqlInserts } from '../sql-inserts.js';
import { segmentSqlSchema } from '../sql-schema.js';

/** An embedded database with the segment layout. */
export interface SegmentTestDatabase {
  db: PGlite;
  /** Replaces every contact. */
  load(contacts: readonly Contact[], options?: { defaultCountry?: CountryCode }): Promise<void>;
  /** Runs the compiled SQL of a filter and returns the matching ids, sorted. */
  ids(filter: unknown, options: CompileSegmentToSqlOptions): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts PGlite and creates the layout and its indexes. */
export async function createSegmentTestDatabase(): Promise<SegmentTestDatabase> {
  const db = await PGlite.create();
  await db.exec(segmentSqlSchema());
  return {
    db,
    async load(contacts, options = {}) {
      await db.exec(
        'DELETE FROM segment_contact_channels; DELETE FROM segment_contact_tags; DELETE FROM segment_broadcast_interactions; DELETE FROM segment_contacts;',
      );
      for (const statement of contactsToSqlInserts(contacts, options))
        await db.query(statement.text, statement.values);
    },
    async ids(filter, options) {
      const sql = compileSegmentToSql(filter, options);
      const result = await db.query<{ id: string }>(sql.text, sql.values);
      return result.rows.map((row) => row.id).sort();
    },
    close: () => db.close(),
  };
}
