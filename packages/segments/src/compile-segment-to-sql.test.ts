import { ConfigurationError } from '@omnicast/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentTestDatabase, type SegmentTestDatabase } from './__tests__/pglite-database.js';
import { compileSegment } from './compile-segment.js';
import { compileSegmentToSql } from './compile-segment-to-sql.js';
import type { Contact } from './contact-model.js';
import type { DateOperator, SegmentNode } from './segment-filter-types.js';
import { segmentPresets } from './segment-presets.js';
import { contactsToSqlInserts } from './sql-inserts.js';
import { contactToSqlRows, segmentSqlSchema } from './sql-schema.js';

const options = {
  now: '2023-01-05T18:00:00+08:00',
  timeZone: 'Asia/Taipei',
  defaultCountry: 'TW' as const,
  exclusions: false as const,
};

// Values around the seeds' worked examples (execution at 2023-01-05 18:00:00).
const dates = [
  '2023-01-04',
  '2023-01-05',
  '2023-01-06',
  '2023-01-08',
  '2023-01-09',
  '1990-01-20',
  '1922-12-31',
  '2053-01-31',
  '2054-01-01',
];
const instants = [
  '2023-01-04T23:59:59.999+08:00',
  '2023-01-05T00:00:00+08:00',
  '2023-01-05T17:59:59+08:00',
  '2023-01-05T18:00:00+08:00',
  '2023-01-06T12:00:00+08:00',
  '2023-01-08T18:00:00+08:00',
  '2023-01-08T18:00:01+08:00',
  '2022-01-31T20:00:00Z',
];
const contacts: Contact[] = [
  ...dates.map((value, index) => ({ id: `d${index}`, attributes: { d: value } })),
  ...instants.map((value, index) => ({ id: `t${index}`, attributes: { t: value }, lastCheckoutAt: value })),
  {
    id: 'amy',
    name: "O'Hara",
    email: 'Amy@Example.com',
    phone: '0912345678',
    tags: { vip: 2, new: 1 },
    attributes: { city: "Taipei'; DROP TABLE segment_contacts; --", order_count: 6, total_spent: 20_000 },
    lastCheckoutAt: '2023-01-01T10:00:00+08:00',
    channels: [{ channel: 'line', userId: 'U1', status: 'subscribed' }],
    consents: { email: true },
  },
];

let database: SegmentTestDatabase;

beforeAll(async () => {
  database = await createSegmentTestDatabase();
  await database.db.exec(segmentSqlSchema());
  await database.load(contacts, { defaultCountry: 'TW' });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

async function bothIds(where: SegmentNode, extra: object = {}) {
  const filter = { version: 1, where };
  const predicate = compileSegment(filter, { ...options, ...extra });
  const expected = contacts
    .filter(predicate)
    .map((contact) => contact.id)
    .sort();
  const actual = await database.ids(filter, { ...options, ...extra });
  expect(actual).toEqual(expected);
  return actual;
}

describe('compileSegmentToSql on PostgreSQL (seed examples)', () => {
  it.each<[DateOperator, string[]]>([
    [{ op: 'within-next-days', days: 3 }, ['d1', 'd2', 'd3']],
    [{ op: 'on-or-after-days-from-now', days: 3 }, ['d4', 'd7', 'd8']],
    [{ op: 'days-ago', days: 1 }, ['d0']],
    [{ op: 'month', month: 'this' }, ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd7']],
  ])('date %j', async (operator, expected) => {
    expect(await bothIds({ type: 'attribute', key: 'd', valueType: 'date', ...operator })).toEqual(expected);
  });

  it.each<[DateOperator, string[]]>([
    [{ op: 'within-next-days', days: 3 }, ['t3', 't4', 't5']],
    [{ op: 'on-or-after-days-from-now', days: 3 }, ['t6']],
    [{ op: 'on', value: '2023-01-05' }, ['t1', 't2', 't3']],
    [{ op: 'today' }, ['t1', 't2', 't3']],
    [{ op: 'month', month: 2 }, ['t7']],
  ])('date-time %j', async (operator, expected) => {
    expect(await bothIds({ type: 'attribute', key: 't', valueType: 'date-time', ...operator })).toEqual(
      expected,
    );
    const field = await bothIds({ type: 'time', field: 'lastCheckoutAt', ...operator });
    expect(field).toEqual(expected);
  });

  it('matches profile fields, tags, consent and text with quotes', async () => {
    expect(await bothIds({ type: 'field', field: 'name', op: 'equals', value: "O'Hara" })).toEqual(['amy']);
    expect(await bothIds({ type: 'field', field: 'email', op: 'equals', value: 'AMY@example.com' })).toEqual([
      'amy',
    ]);
    expect(await bothIds({ type: 'field', field: 'phone', op: 'equals', value: '+886912345678' })).toEqual([
      'amy',
    ]);
    expect(await bothIds({ type: 'tags', op: 'has-all', tags: ['vip', 'new', 'vip'] })).toEqual(['amy']);
    expect(await bothIds({ type: 'consent', channel: 'email', hasConsent: true })).toEqual(['amy']);
    expect(
      await bothIds({ type: 'attribute', key: 'city', valueType: 'text', op: 'contains', value: "'; DROP" }),
    ).toEqual(['amy']);
  });

  it('applies the default exclusions unless told otherwise', async () => {
    expect(await bothIds({ and: [] }, { exclusions: undefined })).toEqual(['amy']);
    expect(await bothIds({ and: [] }, { exclusions: { channel: 'email' } })).toEqual([]);
  });

  it('runs the presets', async () => {
    const presets = segmentPresets();
    for (const filter of [presets.vip, presets.dormant, presets.potentialLoyal]) {
      const sql = compileSegmentToSql(filter, options);
      const result = await database.db.query<{ id: string }>(sql.text, sql.values);
      const expected = contacts.filter(compileSegment(filter, options)).map((contact) => contact.id);
      expect(result.rows.map((row) => row.id)).toEqual(expected);
    }
  });
});

describe('the compiled SQL', () => {
  it('never interpolates a value: operands, bounds and the zone are parameters', () => {
    const sql = compileSegmentToSql(
      {
        version: 1,
        where: {
          and: [
            {
              type: 'attribute',
              key: 'city',
              valueType: 'text',
              op: 'equals',
              value: "x'); DROP TABLE t; --",
            },
            { type: 'time', field: 'subscribedAt', op: 'month', month: 'this' },
          ],
        },
      },
      options,
    );
    expect(sql.text).not.toContain('DROP');
    expect(sql.text).not.toContain('Asia/Taipei');
    expect(sql.text).not.toContain('2023');
    expect(sql.text).toContain('AT TIME ZONE $');
    expect(sql.values).toContain("x'); DROP TABLE t; --");
    expect(sql.values).toContain('Asia/Taipei');
    expect(sql.text).not.toMatch(/now\(\)|current_date|current_timestamp/i);
  });

  it('counts with select: count', async () => {
    const sql = compileSegmentToSql(
      { version: 1, where: { type: 'tags', op: 'has-any', tags: ['vip'] } },
      { ...options, select: 'count' },
    );
    const result = await database.db.query<{ count: number }>(sql.text, sql.values);
    expect(result.rows[0]!.count).toBe(1);
    expect(sql.where).toContain('EXISTS');
  });

  it('uses the documented indexes', async () => {
    const sql = compileSegmentToSql(
      { version: 1, where: { type: 'field', field: 'email', op: 'equals', value: 'amy@example.com' } },
      options,
    );
    await database.db.exec('SET enable_seqscan = off');
    const plan = await database.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
    await database.db.exec('SET enable_seqscan = on');
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('segment_contacts_email_idx');
  });

  it('serves attribute equality from the GIN index', async () => {
    const sql = compileSegmentToSql(
      {
        version: 1,
        where: { type: 'attribute', key: 'order_count', valueType: 'number', op: 'equals', value: 6 },
      },
      options,
    );
    await database.db.exec('SET enable_seqscan = off');
    const plan = await database.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
    await database.db.exec('SET enable_seqscan = on');
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('segment_contacts_attributes_idx');
    expect((await database.db.query(sql.text, sql.values)).rows).toEqual([{ id: 'amy' }]);
  });

  it('takes custom, validated table names', async () => {
    const tables = {
      contacts: 'crm_contacts',
      channels: 'crm_channels',
      tags: 'crm_tags',
      interactions: 'crm_interactions',
    };
    await database.db.exec(segmentSqlSchema(tables));
    for (const statement of contactsToSqlInserts(contacts.slice(-1), { tables, defaultCountry: 'TW' })) {
      await database.db.query(statement.text, statement.values);
    }
    const sql = compileSegmentToSql(
      { version: 1, where: { type: 'tags', op: 'has-any', tags: ['vip'] } },
      { ...options, tables },
    );
    expect(sql.text).toContain('"crm_tags"');
    expect((await database.db.query(sql.text, sql.values)).rows).toEqual([{ id: 'amy' }]);
    expect(() =>
      compileSegmentToSql({ version: 1, where: { and: [] } }, { ...options, tables: { tags: 'x; DROP' } }),
    ).toThrow(ConfigurationError);
    expect(segmentSqlSchema({ contacts: 'crm.contacts' })).toContain('"crm"."contacts"');
  });
});

describe('contactToSqlRows / contactsToSqlInserts', () => {
  it('needs an id', () => {
    expect(() => contactToSqlRows({ id: '' })).toThrow(ConfigurationError);
  });

  it('normalises as the evaluator reads and keeps own keys only', () => {
    const hostile = JSON.parse(
      '{"id":"h","attributes":{"__proto__":1,"o":{"x":1},"n":null},"tags":{"a":1,"b":"2"}}',
    ) as Contact;
    const rows = contactToSqlRows(hostile);
    expect(Object.keys(rows.contact.attributes)).toEqual(['__proto__', 'n']);
    expect(JSON.stringify(rows.contact.attributes)).toBe('{"__proto__":1,"n":null}');
    expect(rows.tags).toEqual([{ contact_id: 'h', tag: 'a', count: 1 }]);
  });

  it('splits statements below the PostgreSQL parameter limit', () => {
    const tags = Object.fromEntries(Array.from({ length: 45_000 }, (_, index) => [`t${index}`, 1]));
    const statements = contactsToSqlInserts([{ id: 'many', tags }], { batchSize: 10 });
    expect(statements).toHaveLength(4);
    for (const statement of statements) expect(statement.values.length).toBeLessThanOrEqual(60_000);
  });
});
