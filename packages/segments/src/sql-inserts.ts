/** Parameterised multi-row INSERT statements that load contacts into the documented layout. */
import type { CountryCode } from 'libphonenumber-js';
import type { Contact } from './contact-model.js';
import { SqlParameters } from './sql-parameters.js';
import { type ContactSqlRows, contactToSqlRows, quoteTables, type SegmentSqlTables } from './sql-schema.js';

/** A parameterised statement for `pg` (`client.query(text, values)`) or PGlite. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** Options of `contactsToSqlInserts()`. */
export interface ContactsToSqlInsertsOptions {
  tables?: Partial<SegmentSqlTables>;
  defaultCountry?: CountryCode;
  /** Contacts per statement. Default 500. */
  batchSize?: number;
}

const contactColumns: [string, string][] = [
  ['id', 'text'],
  ['name', 'text'],
  ['member_id', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['is_over_quota', 'boolean'],
  ['attributes', 'jsonb'],
  ['consents', 'jsonb'],
  ['bound_website', 'boolean'],
  ['bound_phone', 'boolean'],
  ['bound_external_member', 'boolean'],
  ['omo_bound', 'boolean'],
  ['omo_staff_id', 'text'],
  ['omo_branch_id', 'text'],
  ['subscribed_at', 'timestamptz'],
  ['customer_last_interaction_at', 'timestamptz'],
  ['team_last_marketing_at', 'timestamptz'],
  ['team_last_interaction_at', 'timestamptz'],
  ['last_checkout_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const channelColumns: [string, string][] = [
  ['contact_id', 'text'],
  ['channel', 'text'],
  ['account_id', 'text'],
  ['user_id', 'text'],
  ['status', 'text'],
  ['recurring_notification_opt_in', 'boolean'],
];
const tagColumns: [string, string][] = [
  ['contact_id', 'text'],
  ['tag', 'text'],
  ['count', 'float8'],
];
const interactionColumns: [string, string][] = [
  ['contact_id', 'text'],
  ['broadcast_id', 'text'],
  ['action', 'text'],
  ['at', 'timestamptz'],
];

const maxParameters = 60_000;

function insert(table: string, columns: [string, string][], rows: Record<string, unknown>[]): SqlStatement[] {
  const perStatement = Math.floor(maxParameters / columns.length);
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    statements.push(insertChunk(table, columns, rows.slice(start, start + perStatement)));
  }
  return statements;
}

function insertChunk(
  table: string,
  columns: [string, string][],
  rows: Record<string, unknown>[],
): SqlStatement {
  const parameters = new SqlParameters();
  const tuples = rows.map(
    (row) =>
      `(${columns
        .map(([column, type]) => {
          const value = row[column];
          return parameters.add(type === 'jsonb' ? JSON.stringify(value) : value, type);
        })
        .join(', ')})`,
  );
  return {
    text: `INSERT INTO ${table} (${columns.map(([column]) => column).join(', ')}) VALUES ${tuples.join(', ')}`,
    values: parameters.values,
  };
}

/** INSERT statements (contacts first, then their channels, tags and interactions). */
export function contactsToSqlInserts(
  contacts: Iterable<Contact>,
  options: ContactsToSqlInsertsOptions = {},
): SqlStatement[] {
  const tables = quoteTables(options.tables);
  const batchSize = Math.max(1, Math.min(2000, options.batchSize ?? 500));
  const statements: SqlStatement[] = [];
  const flush = (batch: ContactSqlRows[]) => {
    statements.push(
      ...insert(
        tables.contacts,
        contactColumns,
        batch.map((rows) => ({ ...rows.contact })),
      ),
      ...insert(
        tables.channels,
        channelColumns,
        batch.flatMap((rows) => rows.channels),
      ),
      ...insert(
        tables.tags,
        tagColumns,
        batch.flatMap((rows) => rows.tags),
      ),
      ...insert(
        tables.interactions,
        interactionColumns,
        batch.flatMap((rows) => rows.interactions),
      ),
    );
  };
  let batch: ContactSqlRows[] = [];
  for (const contact of contacts) {
    batch.push(contactToSqlRows(contact, options));
    if (batch.length === batchSize) {
      flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) flush(batch);
  return statements;
}
