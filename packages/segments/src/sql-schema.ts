/**
 * The documented PostgreSQL layout the SQL compiler targets: a contacts table (profile columns,
 * bindings, time fields, attributes and consents as jsonb), plus channel memberships, tags with counts
 * and broadcast interactions. `segmentSqlSchema()` returns the DDL with the indexes the compiled
 * queries expect; `contactToSqlRows()` turns a `Contact` into rows, normalising exactly as the
 * evaluator does.
 */
import { ConfigurationError } from '@omnicast/core';
import type { CountryCode } from 'libphonenumber-js';
import type { Contact } from './contact-model.js';
import { toEpochMs } from './date-time-values.js';
import { asArray, own, ownEntries } from './own-key.js';
import { normalizeEmail, normalizePhoneNumber } from './phone-number.js';

/** Table names (optionally schema-qualified, e.g. `crm.contacts`). */
export interface SegmentSqlTables {
  contacts: string;
  channels: string;
  tags: string;
  interactions: string;
}

/** Default table names. */
export const defaultSegmentSqlTables: Readonly<SegmentSqlTables> = Object.freeze({
  contacts: 'segment_contacts',
  channels: 'segment_contact_channels',
  tags: 'segment_contact_tags',
  interactions: 'segment_broadcast_interactions',
});

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}(?:\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

/** Validates and double-quotes the table names. */
export function quoteTables(tables: Partial<SegmentSqlTables> = {}): SegmentSqlTables {
  const merged = { ...defaultSegmentSqlTables, ...tables };
  const quoted = {} as SegmentSqlTables;
  for (const key of Object.keys(defaultSegmentSqlTables) as (keyof SegmentSqlTables)[]) {
    const name = merged[key];
    if (typeof name !== 'string' || !identifier.test(name)) {
      throw new ConfigurationError(`Table name for "${key}" must be a plain SQL identifier`, {
        option: `tables.${key}`,
      });
    }
    quoted[key] = name
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
  }
  return quoted;
}

/**
 * DDL of the layout; safe to run more than once. `include` picks the tables, the indexes or both (for a
 * bulk load, create the tables, load, then create the indexes).
 */
export function segmentSqlSchema(
  tables: Partial<SegmentSqlTables> = {},
  include: 'all' | 'tables' | 'indexes' = 'all',
): string {
  const t = quoteTables(tables);
  const index = (name: string, table: string, columns: string) =>
    `CREATE INDEX IF NOT EXISTS "${name}" ON ${table} ${columns};`;
  const prefix = (tables.contacts ?? defaultSegmentSqlTables.contacts).replace('.', '_');
  const tableStatements = [
    `CREATE TABLE IF NOT EXISTS ${t.contacts} (
  id text PRIMARY KEY,
  name text,
  member_id text,
  email text,
  phone text,
  is_over_quota boolean NOT NULL DEFAULT false,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  consents jsonb NOT NULL DEFAULT '{}'::jsonb,
  bound_website boolean NOT NULL DEFAULT false,
  bound_phone boolean NOT NULL DEFAULT false,
  bound_external_member boolean NOT NULL DEFAULT false,
  omo_bound boolean NOT NULL DEFAULT false,
  omo_staff_id text,
  omo_branch_id text,
  subscribed_at timestamptz,
  customer_last_interaction_at timestamptz,
  team_last_marketing_at timestamptz,
  team_last_interaction_at timestamptz,
  last_checkout_at timestamptz,
  updated_at timestamptz
);`,
    `CREATE TABLE IF NOT EXISTS ${t.channels} (
  contact_id text NOT NULL REFERENCES ${t.contacts} (id) ON DELETE CASCADE,
  channel text,
  account_id text,
  user_id text,
  status text,
  recurring_notification_opt_in boolean NOT NULL DEFAULT false
);`,
    `CREATE TABLE IF NOT EXISTS ${t.tags} (
  contact_id text NOT NULL REFERENCES ${t.contacts} (id) ON DELETE CASCADE,
  tag text NOT NULL,
  count double precision NOT NULL,
  PRIMARY KEY (contact_id, tag)
);`,
    `CREATE TABLE IF NOT EXISTS ${t.interactions} (
  contact_id text NOT NULL REFERENCES ${t.contacts} (id) ON DELETE CASCADE,
  broadcast_id text,
  action text,
  at timestamptz
);`,
  ];
  const indexStatements = [
    index(`${prefix}_member_id_idx`, t.contacts, '(member_id)'),
    index(`${prefix}_email_idx`, t.contacts, '(email)'),
    index(`${prefix}_phone_idx`, t.contacts, '(phone)'),
    index(`${prefix}_name_idx`, t.contacts, '(name)'),
    index(`${prefix}_subscribed_at_idx`, t.contacts, '(subscribed_at)'),
    index(`${prefix}_customer_last_interaction_at_idx`, t.contacts, '(customer_last_interaction_at)'),
    index(`${prefix}_team_last_marketing_at_idx`, t.contacts, '(team_last_marketing_at)'),
    index(`${prefix}_team_last_interaction_at_idx`, t.contacts, '(team_last_interaction_at)'),
    index(`${prefix}_last_checkout_at_idx`, t.contacts, '(last_checkout_at)'),
    index(`${prefix}_attributes_idx`, t.contacts, 'USING gin (attributes jsonb_path_ops)'),
    index(`${prefix}_channels_contact_idx`, t.channels, '(contact_id, channel, status)'),
    index(`${prefix}_channels_status_idx`, t.channels, '(channel, status, contact_id)'),
    index(`${prefix}_tags_tag_idx`, t.tags, '(tag, count, contact_id)'),
    index(`${prefix}_interactions_contact_idx`, t.interactions, '(contact_id, action, broadcast_id)'),
    index(`${prefix}_interactions_broadcast_idx`, t.interactions, '(action, broadcast_id, contact_id)'),
  ];
  const statements =
    include === 'tables'
      ? tableStatements
      : include === 'indexes'
        ? indexStatements
        : [...tableStatements, ...indexStatements];
  return statements.join('\n');
}

/** Row of the contacts table. */
export interface ContactSqlRow {
  id: string;
  name: string | null;
  member_id: string | null;
  email: string | null;
  phone: string | null;
  is_over_quota: boolean;
  attributes: Record<string, unknown>;
  consents: Record<string, boolean>;
  bound_website: boolean;
  bound_phone: boolean;
  bound_external_member: boolean;
  omo_bound: boolean;
  omo_staff_id: string | null;
  omo_branch_id: string | null;
  subscribed_at: string | null;
  customer_last_interaction_at: string | null;
  team_last_marketing_at: string | null;
  team_last_interaction_at: string | null;
  last_checkout_at: string | null;
  updated_at: string | null;
}

/** All rows of one contact. */
export interface ContactSqlRows {
  contact: ContactSqlRow;
  channels: {
    contact_id: string;
    channel: string | null;
    account_id: string | null;
    user_id: string | null;
    status: string | null;
    recurring_notification_opt_in: boolean;
  }[];
  tags: { contact_id: string; tag: string; count: number }[];
  interactions: {
    contact_id: string;
    broadcast_id: string | null;
    action: string | null;
    at: string | null;
  }[];
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
const instant = (value: unknown) => {
  const ms = toEpochMs(value);
  return ms === undefined ? null : new Date(ms).toISOString();
};

/** A contact as rows of the layout, normalised exactly as the evaluator reads it. */
export function contactToSqlRows(
  contact: Contact,
  options: { defaultCountry?: CountryCode } = {},
): ContactSqlRows {
  const id = own(contact, 'id');
  if (typeof id !== 'string' || id === '')
    throw new ConfigurationError('Every contact needs a string id', { option: 'id' });
  const bindings = own(contact, 'bindings');
  const omo = own(contact, 'omo');
  const consents: Record<string, boolean> = {};
  for (const [key, value] of ownEntries(own(contact, 'consents')))
    if (typeof value === 'boolean') consents[key] = value;
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of ownEntries(own(contact, 'attributes'))) {
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    if (['string', 'number', 'boolean'].includes(typeof value) || value === null) {
      Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return {
    contact: {
      id,
      name: text(own(contact, 'name')),
      member_id: text(own(contact, 'memberId')),
      email: normalizeEmail(own(contact, 'email')) ?? null,
      phone: normalizePhoneNumber(own(contact, 'phone'), options.defaultCountry) ?? null,
      is_over_quota: own(contact, 'isOverQuota') === true,
      attributes,
      consents,
      bound_website: own(bindings, 'website') === true,
      bound_phone: own(bindings, 'phone') === true,
      bound_external_member: own(bindings, 'externalMember') === true,
      omo_bound: own(omo, 'isBound') === true,
      omo_staff_id: textOrNull(own(omo, 'staffId')),
      omo_branch_id: textOrNull(own(omo, 'branchId')),
      subscribed_at: instant(own(contact, 'subscribedAt')),
      customer_last_interaction_at: instant(own(contact, 'customerLastInteractionAt')),
      team_last_marketing_at: instant(own(contact, 'teamLastMarketingAt')),
      team_last_interaction_at: instant(own(contact, 'teamLastInteractionAt')),
      last_checkout_at: instant(own(contact, 'lastCheckoutAt')),
      updated_at: instant(own(contact, 'updatedAt')),
    },
    channels: asArray(own(contact, 'channels'))
      .filter((item) => typeof item === 'object' && item !== null)
      .map((item) => ({
        contact_id: id,
        channel: textOrNull(own(item, 'channel')),
        account_id: textOrNull(own(item, 'accountId')),
        user_id: textOrNull(own(item, 'userId')),
        status: textOrNull(own(item, 'status')),
        recurring_notification_opt_in: own(item, 'recurringNotificationOptIn') === true,
      })),
    tags: ownEntries(own(contact, 'tags'))
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && !Number.isNaN(entry[1]))
      .map(([tag, count]) => ({ contact_id: id, tag, count })),
    interactions: asArray(own(contact, 'interactions'))
      .filter((item) => typeof item === 'object' && item !== null)
      .map((item) => ({
        contact_id: id,
        broadcast_id: textOrNull(own(item, 'broadcastId')),
        action: textOrNull(own(item, 'action')),
        at: instant(own(item, 'at')),
      })),
  };
}
