import {
  type Message,
  type Recipient,
  recipientKey,
  type SendLedgerEntry,
  type SendOutcomeRecord,
  type SendResult,
} from '@omnicast/core';
import type { Batch, BatchReport, RecipientOutcome, ResendPolicy, SkipReason } from './batch-sender-types.js';
import { billableUnits } from './billing.js';
import { contentHash, idempotencyKeyFor } from './content-hash.js';
import { createOutcomeWriter, nullLedger } from './outcome-writer.js';
import { makeCall as makeCallFor, planCalls, sortCallItems } from './plan-calls.js';
import { excludedByResendPolicy } from './resend-policy.js';
import { createRunTracker } from './run-tracker.js';
import { type Call, type CallContext, type CallItem, sendCall } from './send-call.js';
import type { SenderRuntime } from './sender-runtime.js';

type Item = CallItem;

type Finish =
  | { status: 'sent'; result: SendResult }
  | {
      status: 'failed' | 'unknown';
      reason: RecipientOutcome['reason'];
      error?: string;
      ledger: 'failed' | 'unknown' | 'pending';
    }
  | { status: 'skipped'; reason: SkipReason; ledger?: 'failed' };

/** Runs one batch to its report. */
export async function runBatch(
  runtime: SenderRuntime,
  batch: Batch,
  policy: ResendPolicy,
  unitLimit: number,
  signal: AbortSignal,
): Promise<BatchReport> {
  const { channel, clock, emitter, options } = runtime;
  const ledger = options.ledger ?? nullLedger;
  const hasLedger = options.ledger !== undefined;
  const writer = createOutcomeWriter(ledger);
  const capabilities = channel.capabilities;
  const maxPerCall = channel.sendMany ? Math.max(1, capabilities.maxRecipientsPerCall) : 1;
  const windowSize = Math.max(options.windowSize ?? 500, maxPerCall);
  const maxQueued = Math.max(runtime.concurrency.maxQueued ?? windowSize * 4, windowSize);
  const collect = options.collectOutcomes !== false;
  const progressEvery = options.progressIntervalMs ?? 1000;
  const total = batch.total ?? (Array.isArray(batch.recipients) ? batch.recipients.length : undefined);

  const active = new Set<string>();
  const inDoubtGroups = new Map<string, { size: number; items: Item[] }>();
  const running = new Set<Promise<void>>();
  let outstanding = 0;
  let reservedUnits = 0;
  let sentUnits = 0;
  /** Set when the budget or the quota is used up: nothing new is admitted. */
  let stop: 'quota-exceeded' | undefined;
  /** Set when the vendor says its quota is used up: calls waiting in the queue are skipped too. */
  const stopState = { vendorQuota: false };
  const inFlightState = { count: 0 };
  const callContext: CallContext = {
    runtime,
    batchId: batch.id,
    signal,
    stop: stopState,
    inFlight: inFlightState,
  };
  let fatal: unknown;
  let drained: (() => void) | undefined;

  const staticMessage = typeof batch.message === 'function' ? undefined : batch.message;
  const needsRender = staticMessage !== undefined && JSON.stringify(staticMessage.parts).includes('{{');
  const staticHash = staticMessage && !needsRender ? contentHash(staticMessage) : undefined;
  const render = async (recipient: Recipient): Promise<Message> => {
    if (typeof batch.message === 'function') return batch.message(recipient);
    if (!needsRender) return batch.message;
    return runtime.renderMessage(batch.message, 'variables' in recipient ? (recipient.variables ?? {}) : {});
  };
  const ledgerKey = (item: Item) => ({ batchId: batch.id, recipientKey: item.key, contentHash: item.hash });

  const tracker = createRunTracker({
    batchId: batch.id,
    clock,
    emitter,
    collect,
    progressIntervalMs: progressEvery,
    total,
    inFlight: () => inFlightState.count,
  });
  const { counts, outcomes, startedAt } = tracker;
  const finishRecipient = tracker.finish;
  const emitProgress = tracker.progress;

  const release = (items: readonly Item[]) => {
    for (const item of items) active.delete(item.activeKey);
  };

  const finishCall = async (call: Call, finish: Finish, attempts: number) => {
    const at = clock.now();
    const ledgerStatus = finish.status === 'sent' ? 'sent' : finish.ledger;
    if (ledgerStatus && hasLedger) {
      const reason = finish.status === 'sent' ? undefined : finish.reason;
      const records: SendOutcomeRecord[] = call.items.map((item) => ({
        ...ledgerKey(item),
        status: ledgerStatus,
        at,
        ...(reason !== undefined ? { reason } : {}),
      }));
      await writer.write(records);
    }
    if (finish.status === 'sent' && !finish.result.alreadyAccepted) sentUnits += call.units;
    if (finish.status !== 'sent') reservedUnits -= call.units;
    for (const item of call.items) {
      finishRecipient(item.recipient, item.key, finish.status, {
        attempts: item.attempts,
        idempotencyKey: call.idempotencyKey,
        operation: call.operation,
        ...(finish.status === 'sent'
          ? finish.result.alreadyAccepted
            ? { alreadyAccepted: true }
            : {}
          : { reason: finish.reason }),
        ...('error' in finish && finish.error !== undefined ? { error: finish.error } : {}),
      });
    }
    if (!emitter.has('chunk-done')) return;
    emitter.emit('chunk-done', {
      batchId: batch.id,
      operation: call.operation,
      recipients: call.items.length,
      status: finish.status,
      ...(finish.status !== 'sent' ? { reason: finish.reason } : {}),
      idempotencyKey: call.idempotencyKey,
      attempts,
    });
  };

  const makeCall = (items: Item[], key: string, multi: boolean): Call =>
    makeCallFor(capabilities, items, key, multi);

  const execute = async (call: Call): Promise<void> => {
    const { end, attempts } = await sendCall(callContext, call);
    if (stopState.vendorQuota) stop = 'quota-exceeded';
    switch (end.status) {
      case 'sent':
        return finishCall(call, { status: 'sent', result: end.result }, attempts);
      case 'skipped':
        return finishCall(call, { status: 'skipped', reason: end.reason, ledger: 'failed' }, attempts);
      case 'unknown':
        return finishInDoubt(call, end.reason, end.error, attempts);
      case 'failed':
        if (end.splittable && call.items.length > 1) {
          // A multicast refused for one bad recipient: send its members one by one.
          await writer.write(
            call.items.map((item) => ({
              ...ledgerKey(item),
              status: 'failed' as const,
              at: clock.now(),
              reason: end.reason,
            })),
          );
          reservedUnits -= call.units;
          return dispatchSingles(call.items);
        }
        return finishCall(
          call,
          { status: 'failed', reason: end.reason, error: end.error, ledger: 'failed' },
          attempts,
        );
    }
  };

  const finishInDoubt = (call: Call, reason: RecipientOutcome['reason'], error: string, attempts: number) =>
    finishCall(
      call,
      {
        status: 'unknown',
        reason,
        error,
        // With idempotency keys the entry stays pending: a resumed run re-sends it with the same key.
        ledger: capabilities.supportsIdempotencyKey ? 'pending' : 'unknown',
      },
      attempts,
    );

  const track = (promise: Promise<void>, size: number) => {
    outstanding += size;
    const tracked = promise
      .catch((error: unknown) => {
        fatal ??= error;
      })
      .finally(() => {
        outstanding -= size;
        running.delete(tracked);
        drained?.();
      });
    running.add(tracked);
  };

  const dispatch = (call: Call) => {
    track(
      execute(call).finally(() => release(call.items)),
      call.items.length,
    );
  };

  const dispatchSingles = async (items: Item[]): Promise<void> => {
    const calls = items.map((item) =>
      makeCall([item], idempotencyKeyFor(batch.id, [item.key], item.hash), false),
    );
    for (const call of calls) reservedUnits += call.units;
    const claims = await ledger.claim(
      calls.map((call) => ({ ...ledgerKey(call.items[0]!), ...intentFields(call) })),
    );
    for (const [index, call] of calls.entries()) {
      if (claims[index]!.claimed) {
        track(execute(call), 0);
      } else {
        reservedUnits -= call.units;
        const item = call.items[0]!;
        finishRecipient(item.recipient, item.key, 'unknown', { reason: 'in-doubt', attempts: item.attempts });
      }
    }
  };

  const intentFields = (call: Call) => ({
    ...(batch.campaignId !== undefined ? { campaignId: batch.campaignId } : {}),
    idempotencyKey: call.idempotencyKey,
    groupSize: call.items.length,
    at: clock.now(),
  });

  const handleExisting = async (item: Item, entry: SendLedgerEntry, inDoubtUnknown: SendOutcomeRecord[]) => {
    if (entry.status === 'sent') {
      release([item]);
      finishRecipient(item.recipient, item.key, 'skipped', {
        reason: 'already-sent',
        idempotencyKey: entry.idempotencyKey,
      });
      return;
    }
    if (entry.status === 'unknown' || !capabilities.supportsIdempotencyKey) {
      if (entry.status !== 'unknown')
        inDoubtUnknown.push({ ...ledgerKey(item), status: 'unknown', at: clock.now(), reason: 'in-doubt' });
      release([item]);
      finishRecipient(item.recipient, item.key, 'unknown', {
        reason: 'in-doubt',
        idempotencyKey: entry.idempotencyKey,
      });
      return;
    }
    // Pending on a channel with idempotency keys: re-send exactly the original call with its key.
    if (entry.groupSize <= 1) {
      dispatch(makeCall([item], entry.idempotencyKey, false));
      return;
    }
    let group = inDoubtGroups.get(entry.idempotencyKey);
    if (!group) {
      group = { size: entry.groupSize, items: [] };
      inDoubtGroups.set(entry.idempotencyKey, group);
    }
    group.items.push(item);
    if (group.items.length === group.size) {
      inDoubtGroups.delete(entry.idempotencyKey);
      dispatch(makeCall(sortCallItems(group.items), entry.idempotencyKey, true));
    }
  };

  const processWindow = async (recipients: Recipient[]) => {
    counts.total += recipients.length;
    const items: Item[] = [];
    for (const recipient of recipients) {
      const key = recipientKey(recipient);
      if (stop) {
        finishRecipient(recipient, key, 'skipped', { reason: stop });
        continue;
      }
      let message: Message;
      try {
        message = await render(recipient);
      } catch (error) {
        finishRecipient(recipient, key, 'failed', {
          reason: 'invalid-message',
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      const hash = staticHash ?? contentHash(message);
      const activeKey = `${key}\u0000${hash}`;
      if (active.has(activeKey)) {
        finishRecipient(recipient, key, 'skipped', { reason: 'duplicate' });
        continue;
      }
      active.add(activeKey);
      items.push({ recipient, key, message, hash, activeKey, attempts: 0 });
    }
    if (items.length === 0) return;

    const excluded =
      policy.type === 'allow-repeats'
        ? new Set<string>()
        : await excludedByResendPolicy(
            policy,
            ledger,
            batch.campaignId,
            batch.id,
            items.map((item) => item.key),
            clock.now(),
          );
    const candidates = excluded.size === 0 ? items : [];
    if (excluded.size > 0) {
      for (const item of items) {
        if (!excluded.has(item.key)) candidates.push(item);
        else {
          release([item]);
          finishRecipient(item.recipient, item.key, 'skipped', { reason: 'resend-policy' });
        }
      }
    }

    const existing = hasLedger ? await ledger.get(candidates.map(ledgerKey)) : [];
    const fresh: Item[] = [];
    const inDoubtUnknown: SendOutcomeRecord[] = [];
    for (const [index, item] of candidates.entries()) {
      const entry = existing[index];
      if (!entry || entry.status === 'failed') {
        if (stop) {
          release([item]);
          finishRecipient(item.recipient, item.key, 'skipped', { reason: stop });
          continue;
        }
        const units = billableUnits(item.message, 1, capabilities.billingUnit);
        if (reservedUnits + sentUnits + units > unitLimit) {
          stop = 'quota-exceeded';
          release([item]);
          finishRecipient(item.recipient, item.key, 'skipped', { reason: 'quota-exceeded' });
          continue;
        }
        reservedUnits += units;
        fresh.push(item);
      } else await handleExisting(item, entry, inDoubtUnknown);
    }
    if (inDoubtUnknown.length > 0) await writer.write(inDoubtUnknown);

    const calls = planCalls(capabilities, batch.id, fresh, maxPerCall);
    if (calls.length === 0) return;
    if (!hasLedger) {
      for (const call of calls) dispatch(call);
      return;
    }
    const intents = calls.flatMap((call) =>
      call.items.map((item) => ({ ...ledgerKey(item), ...intentFields(call) })),
    );
    const claims = await ledger.claim(intents);
    let index = 0;
    for (const call of calls) {
      const lost: Item[] = [];
      for (const item of call.items) {
        const claim = claims[index++]!;
        if (!claim.claimed) lost.push(item);
      }
      if (lost.length === 0) {
        dispatch(call);
        continue;
      }
      // Another run claimed these first: report them in doubt and send the rest of the call alone.
      reservedUnits -= call.units;
      for (const item of lost) {
        release([item]);
        finishRecipient(item.recipient, item.key, 'unknown', { reason: 'in-doubt' });
      }
      const rest = call.items.filter((item) => !lost.includes(item));
      if (rest.length > 0) {
        await writer.write(
          rest.map((item) => ({
            ...ledgerKey(item),
            status: 'failed' as const,
            at: clock.now(),
            reason: 'regrouped',
          })),
        );
        track(dispatchSingles(rest), 0);
      }
    }
  };

  const waitForRoom = async () => {
    while (outstanding > 0 && outstanding + windowSize > maxQueued && fatal === undefined) {
      await new Promise<void>((resolve) => {
        drained = resolve;
      });
      drained = undefined;
    }
  };

  let window: Recipient[] = [];
  let cancelledEarly = false;
  for await (const recipient of batch.recipients) {
    window.push(recipient);
    if (window.length < windowSize) continue;
    if (signal.aborted) {
      cancelledEarly = true;
      break;
    }
    await waitForRoom();
    if (fatal !== undefined) break;
    const current = window;
    window = [];
    await processWindow(current);
  }
  if (fatal === undefined && !cancelledEarly && !signal.aborted && window.length > 0) {
    await waitForRoom();
    await processWindow(window);
    window = [];
  }
  while (running.size > 0) await Promise.all([...running]);
  for (const [key, group] of inDoubtGroups) {
    inDoubtGroups.delete(key);
    for (const item of group.items) {
      release([item]);
      finishRecipient(item.recipient, item.key, signal.aborted ? 'skipped' : 'unknown', {
        reason: signal.aborted ? 'cancelled' : 'in-doubt',
        idempotencyKey: key,
      });
    }
  }
  if (signal.aborted) {
    counts.total += window.length;
    for (const recipient of window)
      finishRecipient(recipient, recipientKey(recipient), 'skipped', { reason: 'cancelled' });
  }
  await writer.flush();
  if (fatal !== undefined) throw fatal;
  emitProgress(true);
  const finishedAt = clock.now();
  const cost = runtime.budgetOf(batch).costPerUnit;
  return {
    batchId: batch.id,
    ...(batch.campaignId !== undefined ? { campaignId: batch.campaignId } : {}),
    status: signal.aborted ? 'cancelled' : stop === 'quota-exceeded' ? 'quota-exceeded' : 'completed',
    counts,
    billableUnits: sentUnits,
    ...(cost !== undefined ? { cost: sentUnits * cost } : {}),
    startedAt,
    finishedAt,
    outcomes,
  };
}
