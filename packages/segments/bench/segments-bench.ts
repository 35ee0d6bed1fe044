/**
 * Segment benchmark (`pnpm bench`): 1,000,000 generated contacts and an 8-condition filter typical of
 * the seeds. Prints the compiled evaluator's throughput next to json-logic-js and mingo on equivalent
 * filters measured in the same run (same warm-up, best of 3 full passes each), then the SQL count on
 * PGlite with the documented indexes, then a larger run of the evaluator ≡ SQL property, which stops
 * early when the time budget (170 s by default) is spent.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { Query } from 'mingo';
import { createSegmentTestDatabase } from '../src/__tests__/pglite-database.js';
import { scenarioArbitrary } from '../src/__tests__/segment-arbitraries.js';
import { compileSegment } from '../src/compile-segment.js';
import { compileSegmentToSql } from '../src/compile-segment-to-sql.js';
import type { Contact } from '../src/contact-model.js';
import type { SegmentFilter } from '../src/segment-filter-types.js';
import { contactToSqlRows, segmentSqlSchema } from '../src/sql-schema.js';

const contactCount = Number(process.env['SEGMENTS_BENCH_CONTACTS'] ?? 1_000_000);
const sqlContactCount = Math.min(contactCount, Number(process.env['SEGMENTS_BENCH_SQL_CONTACTS'] ?? 100_000));
const propertyRuns = Number(process.env['SEGMENTS_BENCH_PROPERTY_RUNS'] ?? 400);
/** The whole bench aims to finish within this budget; the property run stops early to respect it. */
const budgetMs = Number(process.env['SEGMENTS_BENCH_BUDGET_MS'] ?? 170_000);
const dayMs = 86_400_000;
const nowMs = Date.parse('2023-01-05T18:00:00+08:00');
const timeZone = 'Asia/Taipei';
const startedAt = performance.now();

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const tagNames = ['vip', 'loyal', 'new', 'blacklist', 'promo', 'store', 'app', 'coupon'];
const cities = ['Taipei', 'Taichung', 'Kaohsiung', 'Tainan', 'Hsinchu', 'Taoyuan'];

function generateContacts(count: number): Contact[] {
  const random = mulberry32(20_230_105);
  const contacts: Contact[] = new Array(count);
  for (let index = 0; index < count; index += 1) {
    const tags: Record<string, number> = {};
    for (const tag of tagNames) if (random() < 0.2) tags[tag] = 1 + Math.floor(random() * 3);
    const status = random() < 0.85 ? 'subscribed' : random() < 0.5 ? 'unsubscribed' : 'blocked';
    contacts[index] = {
      id: `c${String(index).padStart(7, '0')}`,
      name: `Customer ${index}`,
      channels: [
        { channel: random() < 0.7 ? 'line' : 'messenger', accountId: 'oa-1', userId: `U${index}`, status },
      ],
      isOverQuota: random() < 0.05,
      tags,
      attributes: {
        member_points: Math.floor(random() * 1000),
        city: cities[Math.floor(random() * cities.length)]!,
      },
      bindings: { phone: random() < 0.5 },
      customerLastInteractionAt: nowMs - Math.floor(random() * 120 * dayMs),
      lastCheckoutAt: random() < 0.6 ? nowMs - Math.floor(random() * 400 * dayMs) : null,
    };
  }
  return contacts;
}

const filter: SegmentFilter = {
  version: 1,
  where: {
    and: [
      { type: 'tags', op: 'has-any', tags: ['vip', 'loyal'] },
      { type: 'tags', op: 'has-none', tags: ['blacklist'] },
      { type: 'subscription', status: 'subscribed', channel: 'line' },
      { type: 'time', field: 'customerLastInteractionAt', op: 'within-last-days', days: 30 },
      { type: 'attribute', key: 'member_points', valueType: 'number', op: 'gte', value: 100 },
      {
        type: 'attribute',
        key: 'city',
        valueType: 'text',
        op: 'in',
        values: ['Taipei', 'Taichung', 'Kaohsiung'],
      },
      { type: 'binding', binding: 'phone', isBound: true },
      { type: 'over-quota', isOverQuota: false },
    ],
  },
};
// The same filter for the baselines. They have no calendar, so they get the window precomputed.
const windowStart = nowMs - 30 * dayMs;
const jsonLogicRule: jsonLogic.RulesLogic = {
  and: [
    { or: [{ '>=': [{ var: 'tags.vip' }, 1] }, { '>=': [{ var: 'tags.loyal' }, 1] }] },
    { '!': { '>=': [{ var: 'tags.blacklist' }, 1] } },
    {
      some: [
        { var: 'channels' },
        { and: [{ '==': [{ var: 'channel' }, 'line'] }, { '==': [{ var: 'status' }, 'subscribed'] }] },
      ],
    },
    { '>=': [{ var: 'customerLastInteractionAt' }, windowStart] },
    { '<=': [{ var: 'customerLastInteractionAt' }, nowMs] },
    { '>=': [{ var: 'attributes.member_points' }, 100] },
    { in: [{ var: 'attributes.city' }, ['Taipei', 'Taichung', 'Kaohsiung']] },
    { '===': [{ var: 'bindings.phone' }, true] },
    { '!==': [{ var: 'isOverQuota' }, true] },
  ],
} as unknown as jsonLogic.RulesLogic;
const mingoQuery = new Query({
  $and: [
    { $or: [{ 'tags.vip': { $gte: 1 } }, { 'tags.loyal': { $gte: 1 } }] },
    { $nor: [{ 'tags.blacklist': { $gte: 1 } }] },
    { channels: { $elemMatch: { channel: 'line', status: 'subscribed' } } },
    { customerLastInteractionAt: { $gte: windowStart, $lte: nowMs } },
    { 'attributes.member_points': { $gte: 100 } },
    { 'attributes.city': { $in: ['Taipei', 'Taichung', 'Kaohsiung'] } },
    { 'bindings.phone': true },
    { isOverQuota: { $ne: true } },
  ],
});

/** Warms up on 100,000 contacts, then times 3 full passes over every contact and keeps the best. */
function measure(name: string, contacts: Contact[], test: (contact: Contact) => boolean, passes = 3) {
  for (let index = 0; index < Math.min(100_000, contacts.length); index += 1) test(contacts[index]!);
  let bestMs = Number.POSITIVE_INFINITY;
  let matched = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const start = performance.now();
    matched = 0;
    for (const contact of contacts) if (test(contact)) matched += 1;
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  const perSecond = contacts.length / (bestMs / 1000);
  console.log(
    `${name.padEnd(28)} ${bestMs.toFixed(0).padStart(7)} ms  ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} contacts/s  matched ${matched}`,
  );
  return { perSecond, matched };
}

function csv(values: unknown[]): string {
  return values
    .map((value) => {
      if (value === null || value === undefined) return '';
      if (typeof value === 'boolean') return value ? 't' : 'f';
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `"${text.replaceAll('"', '""')}"`;
    })
    .join(',');
}

async function copyInto(db: PGlite, table: string, columns: string[], lines: string[]): Promise<void> {
  const chunk = 100_000;
  for (let start = 0; start < lines.length; start += chunk) {
    const blob = new Blob([`${lines.slice(start, start + chunk).join('\n')}\n`]);
    await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
  }
}

async function sqlCount(contacts: Contact[], expected: number): Promise<void> {
  const db = await PGlite.create();
  await db.exec(segmentSqlSchema({}, 'tables'));
  const contactColumns = [
    'id',
    'name',
    'is_over_quota',
    'attributes',
    'bound_phone',
    'customer_last_interaction_at',
    'last_checkout_at',
  ];
  const contactLines: string[] = [];
  const channelLines: string[] = [];
  const tagLines: string[] = [];
  for (const contact of contacts) {
    const rows = contactToSqlRows(contact);
    const c = rows.contact;
    contactLines.push(
      csv([
        c.id,
        c.name,
        c.is_over_quota,
        c.attributes,
        c.bound_phone,
        c.customer_last_interaction_at,
        c.last_checkout_at,
      ]),
    );
    for (const m of rows.channels)
      channelLines.push(csv([m.contact_id, m.channel, m.account_id, m.user_id, m.status]));
    for (const t of rows.tags) tagLines.push(csv([t.contact_id, t.tag, t.count]));
  }
  const loadStart = performance.now();
  // Bulk load: skip per-row foreign-key triggers, build the indexes once afterwards.
  await db.exec('SET session_replication_role = replica');
  await copyInto(db, 'segment_contacts', contactColumns, contactLines);
  await copyInto(
    db,
    'segment_contact_channels',
    ['contact_id', 'channel', 'account_id', 'user_id', 'status'],
    channelLines,
  );
  await copyInto(db, 'segment_contact_tags', ['contact_id', 'tag', 'count'], tagLines);
  await db.exec('SET session_replication_role = origin');
  await db.exec(segmentSqlSchema({}, 'indexes'));
  await db.exec('ANALYZE');
  const loadMs = performance.now() - loadStart;
  const sql = compileSegmentToSql(filter, { now: nowMs, timeZone, exclusions: false, select: 'count' });
  const timings: number[] = [];
  let count = -1;
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    const result = await db.query<{ count: number }>(sql.text, sql.values);
    timings.push(performance.now() - start);
    count = result.rows[0]!.count;
  }
  timings.sort((a, b) => a - b);
  console.log(
    `PGlite: loaded ${contacts.length.toLocaleString('en-US')} contacts (+${channelLines.length.toLocaleString('en-US')} channel rows, ${tagLines.length.toLocaleString('en-US')} tag rows) in ${(loadMs / 1000).toFixed(1)} s (COPY, then indexes + ANALYZE)`,
  );
  console.log(
    `PGlite: SQL count = ${count} (evaluator on the same contacts: ${expected}${count === expected ? ', equal' : ', DIFFERENT'}), median ${timings[2]!.toFixed(0)} ms, best ${timings[0]!.toFixed(0)} ms over 5 runs`,
  );
  await db.close();
  if (count !== expected) process.exitCode = 1;
}

async function propertyRun(): Promise<void> {
  const database = await createSegmentTestDatabase();
  const start = performance.now();
  const timeLimitMs = Math.max(20_000, budgetMs - (start - startedAt));
  let filters = 0;
  let scenarios = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary(20, 6), async ({ world, contacts, filters: cases }) => {
      scenarios += 1;
      await database.load(contacts, { defaultCountry: 'TW' });
      for (const [caseFilter, exclusions] of cases) {
        const options = {
          now: world.now,
          timeZone: world.timeZone,
          defaultCountry: 'TW' as const,
          exclusions,
        };
        const expected = contacts
          .filter(compileSegment(caseFilter, options))
          .map((contact) => contact.id)
          .sort();
        const actual = await database.ids(caseFilter, options);
        filters += 1;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) return false;
      }
      return true;
    }),
    { seed: 42, numRuns: propertyRuns, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false },
  );
  await database.close();
  console.log(
    `Property (evaluator ≡ SQL on PGlite): ${scenarios} random scenarios of up to 20 contacts (CI: 100 of up to 12), ${filters} filters, all equal in ${((performance.now() - start) / 1000).toFixed(1)} s${scenarios < propertyRuns ? ` (stopped at the time budget; ${propertyRuns} planned)` : ''}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `@omnicast/segments bench: ${contactCount.toLocaleString('en-US')} contacts, 8-condition filter`,
  );
  const generateStart = performance.now();
  const contacts = generateContacts(contactCount);
  console.log(`generated in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`);
  const predicate = compileSegment(filter, { now: nowMs, timeZone, exclusions: false });
  const ours = measure('compileSegment (omnicast)', contacts, predicate);
  const logic = measure('json-logic-js', contacts, (contact) =>
    Boolean(jsonLogic.apply(jsonLogicRule, contact)),
  );
  const mingo = measure('mingo Query.test', contacts, (contact) =>
    mingoQuery.test(contact as unknown as Record<string, unknown>),
  );
  if (logic.matched !== ours.matched || mingo.matched !== ours.matched) {
    console.log('MISMATCH: the baselines disagree with the evaluator');
    process.exitCode = 1;
  }
  const vsLogic = ours.perSecond / logic.perSecond;
  const vsMingo = ours.perSecond / mingo.perSecond;
  console.log(
    `ratio vs json-logic-js: ${vsLogic.toFixed(1)}x (target >= 10x) ${vsLogic >= 10 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `ratio vs mingo:         ${vsMingo.toFixed(1)}x (target >= 3x) ${vsMingo >= 3 ? 'OK' : 'MISSED'}`,
  );

  const sqlContacts = contacts.slice(0, sqlContactCount);
  if (sqlContactCount < contactCount) {
    console.log(
      `SQL part uses the first ${sqlContactCount.toLocaleString('en-US')} contacts to keep the bench within minutes (set SEGMENTS_BENCH_SQL_CONTACTS to change).`,
    );
  }
  await sqlCount(sqlContacts, sqlContacts.filter(predicate).length);
  await propertyRun();
  console.log(`total ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

await main();
