import {
  assertDistinctLedgerKeys,
  type SendClaim,
  type SendLedger,
  type SendLedgerEntry,
  type SendLedgerKey,
  type SendLedgerStatus,
  sendLedgerKeyString,
} from '@omnicast/core';
import { migrate } from './migrations.js';
import type { SqlClient } from './postgres-client.js';

/** Options of {@link createPostgresSendLedger}. */
export interface PostgresSendLedgerOptions {
  /** A `pg` Pool, a connected `pg` Client, or a PGlite instance. */
  client: SqlClient;
  /** Run {@link migrate} before the first query (default false: call `migrate()` at deploy time). */
  migrate?: boolean;
}

const columns = `batch_id, recipient_key, content_hash, campaign_id, idempotency_key, group_size, status, attempts,
  reason, (extract(epoch from intent_at) * 1000)::float8 as intent_at_ms,
  (extract(epoch from updated_at) * 1000)::float8 as updated_at_ms,
  (extract(epoch from sent_at) * 1000)::float8 as sent_at_ms`;

interface Row {
  batch_id: string;
  recipient_key: string;
  content_hash: string;
  campaign_id: string | null;
  idempotency_key: string;
  group_size: number;
  status: SendLedgerStatus;
  attempts: number;
  reason: string | null;
  intent_at_ms: number;
  updated_at_ms: number;
  sent_at_ms: number | null;
  claimed?: boolean;
}

const ms = (value: number | string): number => Math.round(Number(value) * 1000) / 1000;

function toEntry(row: Row): SendLedgerEntry {
  const entry: SendLedgerEntry = {
    batchId: row.batch_id,
    recipientKey: row.recipient_key,
    contentHash: row.content_hash,
    idempotencyKey: row.idempotency_key,
    groupSize: Number(row.group_size),
    status: row.status,
    attempts: Number(row.attempts),
    intentAt: ms(row.intent_at_ms),
    updatedAt: ms(row.updated_at_ms),
  };
  if (row.campaign_id !== null) entry.campaignId = row.campaign_id;
  if (row.sent_at_ms !== null) entry.sentAt = ms(row.sent_at_ms);
  if (row.reason !== null) entry.reason = row.reason;
  return entry;
}

const claimSql = `
with input as (
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[])
    as t(batch_id, recipient_key, content_hash, campaign_id, idempotency_key, group_size, at_ms)
),
upserted as (
  insert into omnicast_send_ledger as l
    (batch_id, recipient_key, content_hash, campaign_id, idempotency_key, group_size, status, attempts,
     intent_at, updated_at)
  select batch_id, recipient_key, content_hash, campaign_id, idempotency_key, group_size, 'pending', 1,
    to_timestamp(at_ms / 1000), to_timestamp(at_ms / 1000)
  from input
  on conflict (batch_id, recipient_key, content_hash) do update set
    campaign_id = excluded.campaign_id,
    idempotency_key = excluded.idempotency_key,
    group_size = excluded.group_size,
    status = 'pending',
    attempts = l.attempts + 1,
    reason = null,
    intent_at = excluded.intent_at,
    updated_at = excluded.updated_at,
    sent_at = null
  where l.status = 'failed'
  returning l.*
)
select ${columns}, true as claimed from upserted
union all
select ${columns}, false as claimed from omnicast_send_ledger l
where (l.batch_id, l.recipient_key, l.content_hash) in (select batch_id, recipient_key, content_hash from input)
  and not exists (
    select 1 from upserted u
    where u.batch_id = l.batch_id and u.recipient_key = l.recipient_key and u.content_hash = l.content_hash
  )`;

const outcomeSql = `
update omnicast_send_ledger l set
  status = i.status,
  updated_at = to_timestamp(i.at_ms / 1000),
  sent_at = case when i.status = 'sent' then to_timestamp(i.at_ms / 1000) else l.sent_at end,
  reason = i.reason
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[])
  as i(batch_id, recipient_key, content_hash, status, at_ms, reason)
where l.batch_id = i.batch_id and l.recipient_key = i.recipient_key and l.content_hash = i.content_hash`;

const getSql = `
select ${columns} from omnicast_send_ledger
where (batch_id, recipient_key, content_hash) in (
  select * from unnest($1::text[], $2::text[], $3::text[])
)`;

const lastSentSql = `
select recipient_key, (extract(epoch from max(coalesce(sent_at, intent_at))) * 1000)::float8 as at_ms
from omnicast_send_ledger
where campaign_id = $1 and recipient_key = any($2::text[]) and status <> 'failed'
  and ($3::text is null or batch_id <> $3::text)
group by recipient_key`;

const listSql = `
select ${columns} from omnicast_send_ledger
where batch_id = $1
  and ($2::text is null or status = $2::text)
  and ($3::text is null or recipient_key collate "C" > $3::text collate "C")
order by recipient_key collate "C", content_hash collate "C"
limit $4::int`;

/**
 * A `SendLedger` on PostgreSQL (a `pg` Pool or Client, or embedded PGlite). Each method is one
 * statement over arrays, so a chunk of thousands of entries costs one round trip.
 */
export function createPostgresSendLedger(options: PostgresSendLedgerOptions): SendLedger {
  const { client } = options;
  let ready: Promise<unknown> | undefined = options.migrate ? undefined : Promise.resolve();
  const query = async (text: string, params: unknown[]): Promise<Row[]> => {
    ready ??= migrate(client).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
    return (await client.query(text, params)).rows as Row[];
  };
  const keyArrays = (keys: readonly SendLedgerKey[]) => [
    keys.map((key) => key.batchId),
    keys.map((key) => key.recipientKey),
    keys.map((key) => key.contentHash),
  ];

  return {
    async claim(intents) {
      if (intents.length === 0) return [];
      assertDistinctLedgerKeys(intents);
      const rows = await query(claimSql, [
        ...keyArrays(intents),
        intents.map((intent) => intent.campaignId ?? null),
        intents.map((intent) => intent.idempotencyKey),
        intents.map((intent) => intent.groupSize),
        intents.map((intent) => intent.at),
      ]);
      const byKey = new Map<string, SendClaim>();
      for (const row of rows) {
        const entry = toEntry(row);
        byKey.set(sendLedgerKeyString(entry), { entry, claimed: row.claimed === true });
      }
      return intents.map((intent) => {
        const claim = byKey.get(sendLedgerKeyString(intent));
        if (!claim) throw new Error('send ledger claim returned no row for an intent');
        return claim;
      });
    },
    async recordOutcomes(outcomes) {
      if (outcomes.length === 0) return;
      await query(outcomeSql, [
        ...keyArrays(outcomes),
        outcomes.map((outcome) => outcome.status),
        outcomes.map((outcome) => outcome.at),
        outcomes.map((outcome) => outcome.reason ?? null),
      ]);
    },
    async get(keys) {
      if (keys.length === 0) return [];
      const rows = await query(getSql, keyArrays(keys));
      const byKey = new Map(
        rows.map((row) => {
          const entry = toEntry(row);
          return [sendLedgerKeyString(entry), entry] as const;
        }),
      );
      return keys.map((key) => byKey.get(sendLedgerKeyString(key)));
    },
    async lastSentAt(lastSent) {
      const result = new Map<string, number>();
      if (lastSent.recipientKeys.length === 0) return result;
      const rows = (await query(lastSentSql, [
        lastSent.campaignId,
        lastSent.recipientKeys,
        lastSent.excludeBatchId ?? null,
      ])) as unknown as { recipient_key: string; at_ms: number }[];
      for (const row of rows) result.set(row.recipient_key, ms(row.at_ms));
      return result;
    },
    async listBatch(batchId, list = {}) {
      const rows = await query(listSql, [
        batchId,
        list.status ?? null,
        list.afterRecipientKey ?? null,
        list.limit ?? 1000,
      ]);
      return rows.map(toEntry);
    },
  };
}
