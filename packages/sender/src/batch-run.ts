import {
  ApiCallError,
  type Message,
  type Recipient,
  recipientKey,
  type SendLedgerEntry,
  type SendOutcomeRecord,
  type SendResult,
} from '@omnicast/core';
import type {
  Batch,
  BatchCounts,
  BatchReport,
  RecipientOutcome,
  ResendPolicy,
  SkipReason,
} from './batch-sender-types.js';
import { billableUnits } from './billing.js';
import { classifyFailure } from './classify-failure.js';
import { contentHash, idempotencyKeyFor } from './content-hash.js';
import { createOutcomeWriter, nullLedger } from './outcome-writer.js';
import { excludedByResendPolicy } from './resend-policy.js';
import type { SenderRuntime } from './sender-runtime.js';

interface Item {
  recipient: Recipient;
  key: string;
  message: Message;
  hash: string;
  /** `recipientKey \0 contentHash`: identifies the item while it is in progress. */
  activeKey: string;
  attempts: number;
}

interface Call {
  items: Item[];
  message: Message;
  hash: string;
  idempotencyKey: string;
  multi: boolean;
  operation: string;
  units: number;
}

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
  const startedAt = clock.now();
  const total = batch.total ?? (Array.isArray(batch.recipients) ? batch.recipients.length : undefined);

  const counts: BatchCounts = { total: 0, sent: 0, failed: 0, skipped: 0, unknown: 0 };
  const outcomes: RecipientOutcome[] = [];
  const active = new Set<string>();
  const inDoubtGroups = new Map<string, { size: number; items: Item[] }>();
  const running = new Set<Promise<void>>();
  let outstanding = 0;
  let inFlight = 0;
  let reservedUnits = 0;
  let sentUnits = 0;
  /** Set when the budget or the quota is used up: nothing new is admitted. */
  let stop: 'quota-exceeded' | undefined;
  /** Set when the vendor says its quota is used up: calls waiting in the queue are skipped too. */
  let vendorStop = false;
  let fatal: unknown;
  let lastProgress = Number.NEGATIVE_INFINITY;
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

  const emitProgress = (force: boolean) => {
    const now = clock.now();
    if (!force && now - lastProgress < progressEvery) return;
    if (!emitter.has('progress')) return;
    lastProgress = now;
    const done = counts.sent + counts.failed + counts.skipped + counts.unknown;
    const elapsed = Math.max(1, now - startedAt);
    const ratePerSecond = (done / elapsed) * 1000;
    emitter.emit('progress', {
      batchId: batch.id,
      ...counts,
      inFlight,
      queued: counts.total - done,
      ratePerSecond,
      ...(total !== undefined && ratePerSecond > 0 ? { etaMs: ((total - done) / ratePerSecond) * 1000 } : {}),
    });
  };

  const finishRecipient = (
    recipient: Recipient,
    key: string,
    status: RecipientOutcome['status'],
    extra: Partial<RecipientOutcome> = {},
  ) => {
    counts[status]++;
    if (collect || emitter.has('recipient-done')) {
      const outcome: RecipientOutcome = {
        recipient,
        recipientKey: key,
        status,
        attempts: 0,
        at: clock.now(),
        ...extra,
      };
      if (collect) outcomes.push(outcome);
      emitter.emit('recipient-done', outcome);
    }
    emitProgress(false);
  };

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

  const operationOf = (multi: boolean, recipient: Recipient): string =>
    (multi ? capabilities.operations.many : capabilities.operations[recipient.type]) ??
    (multi ? 'send-many' : 'send');

  const makeCall = (items: Item[], key: string, multi: boolean): Call => {
    const first = items[0]!;
    return {
      items,
      message: first.message,
      hash: first.hash,
      idempotencyKey: key,
      multi,
      operation: operationOf(multi, first.recipient),
      units: billableUnits(first.message, items.length, capabilities.billingUnit),
    };
  };

  const execute = async (call: Call): Promise<void> => {
    let attempts = 0;
    let rateLimited = 0;
    // Set once an attempt failed in a way that may have delivered: from then on the call is only
    // ever repeated with its own key, never regrouped or released as failed.
    let maybeDelivered = false;
    const bucket = runtime.bucketFor(call.operation);
    for (;;) {
      let called = false;
      let result: SendResult | undefined;
      let failure: unknown;
      try {
        if (runtime.mustWait()) {
          await runtime.waitForQuietHours(batch.id, signal);
          await runtime.waitWhilePaused(signal);
        }
        if (runtime.pacer) for (const item of call.items) await runtime.pacer.take(item.key, signal);
        await runtime.queueFor(call.operation).add(async () => {
          for (;;) {
            if (runtime.mustWait()) {
              await runtime.waitForQuietHours(batch.id, signal);
              await runtime.waitWhilePaused(signal);
            }
            if (bucket) await bucket.take(signal);
            // A token taken while a pause or quiet hours began is dropped: held calls never burst.
            if (!runtime.isPaused && !runtime.isQuiet()) break;
          }
          signal.throwIfAborted();
          if (vendorStop) return;
          // The pacing tokens were taken before the queue and bucket waits: count them as used now.
          if (runtime.pacer) for (const item of call.items) runtime.pacer.settle(item.key);
          called = true;
          attempts++;
          for (const item of call.items) item.attempts++;
          inFlight++;
          try {
            const sendOptions = {
              signal,
              idempotencyKey: call.idempotencyKey,
              ...(options.strict !== undefined ? { strict: options.strict } : {}),
            };
            result = call.multi
              ? await channel.sendMany!(
                  { recipients: call.items.map((item) => item.recipient), message: call.message },
                  sendOptions,
                )
              : await channel.send(
                  { recipient: call.items[0]!.recipient, message: call.message },
                  sendOptions,
                );
          } catch (error) {
            // Decided before the queue starts the next call: nothing more goes out after this answer.
            if (ApiCallError.isInstance(error) && error.reason === 'quota-exceeded') vendorStop = true;
            // Slow the whole bucket at once, so calls queued behind this one wait too.
            if (bucket && ApiCallError.isInstance(error) && error.reason === 'rate-limited') {
              bucket.penalize(rateLimitWaitMs(error.retryAfterMs, rateLimited + 1));
            }
            throw error;
          } finally {
            inFlight--;
          }
        });
      } catch (error) {
        failure = error;
      }
      if (result) return finishCall(call, { status: 'sent', result }, attempts);
      if (vendorStop && !called && failure === undefined) {
        if (maybeDelivered) return finishInDoubt(call, 'quota-exceeded', 'stopped before a retry', attempts);
        return finishCall(call, { status: 'skipped', reason: 'quota-exceeded', ledger: 'failed' }, attempts);
      }
      if (signal.aborted && !called) {
        if (maybeDelivered) return finishInDoubt(call, 'aborted', 'cancelled before a retry', attempts);
        return finishCall(call, { status: 'skipped', reason: 'cancelled', ledger: 'failed' }, attempts);
      }
      const decision = signal.aborted
        ? ({ action: 'in-doubt', reason: 'aborted' } as const)
        : classifyFailure(failure, attempts, capabilities.supportsIdempotencyKey, runtime.retry);
      const message = failure instanceof Error ? failure.message : String(failure);
      switch (decision.action) {
        case 'sent':
          return finishCall(
            call,
            {
              status: 'sent',
              result: {
                channel: channel.kind,
                operation: call.operation,
                messageIds: [],
                alreadyAccepted: true,
                warnings: [],
                accepted: { recipients: call.items.length, messages: call.message.parts.length },
              },
            },
            attempts,
          );
        case 'rate-limited': {
          rateLimited++;
          attempts--;
          if (rateLimited > runtime.retry.maxRateLimitRetries) {
            return finishCall(
              call,
              { status: 'failed', reason: 'rate-limited', error: message, ledger: 'failed' },
              attempts + 1,
            );
          }
          const waitMs = rateLimitWaitMs(decision.retryAfterMs, rateLimited);
          emitter.emit('rate-limited', {
            batchId: batch.id,
            operation: call.operation,
            retryAfterMs: waitMs,
          });
          // With a bucket the penalty was applied as the answer arrived (see the queue job).
          if (!bucket) await sleep(waitMs);
          continue;
        }
        case 'quota-exceeded':
          stop = 'quota-exceeded';
          vendorStop = true;
          if (maybeDelivered) return finishInDoubt(call, 'quota-exceeded', message, attempts);
          return finishCall(
            call,
            { status: 'skipped', reason: 'quota-exceeded', ledger: 'failed' },
            attempts,
          );
        case 'retry':
          if (runtime.retry.maybeDelivered.has(decision.reason as never)) maybeDelivered = true;
          await sleep(decision.delayMs);
          continue;
        case 'in-doubt':
          return finishInDoubt(call, decision.reason, message, attempts);
        case 'failed':
          if (maybeDelivered) return finishInDoubt(call, decision.reason, message, attempts);
          if (decision.splittable && call.items.length > 1) {
            await writer.write(
              call.items.map((item) => ({
                ...ledgerKey(item),
                status: 'failed' as const,
                at: clock.now(),
                reason: decision.reason,
              })),
            );
            reservedUnits -= call.units;
            return dispatchSingles(call.items);
          }
          return finishCall(
            call,
            { status: 'failed', reason: decision.reason, error: message, ledger: 'failed' },
            attempts,
          );
      }
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

  /** Wait after a 429: the vendor's `Retry-After`, else a doubling backoff of at least 1 s. */
  const rateLimitWaitMs = (retryAfterMs: number | undefined, count: number): number =>
    retryAfterMs ?? Math.max(1000, runtime.retry.baseDelayMs * 2 ** Math.min(count, 6));

  /** Sleeps on the clock; false when aborted. */
  const sleep = async (ms: number): Promise<boolean> => {
    try {
      await clock.sleep(ms, signal);
      return true;
    } catch {
      return false;
    }
  };

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
      group.items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      dispatch(makeCall(group.items, entry.idempotencyKey, true));
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

    const calls: Call[] = [];
    const groups = new Map<string, Item[]>();
    for (const item of fresh) {
      if (maxPerCall > 1 && item.recipient.type === 'user') {
        const group = groups.get(item.hash);
        if (group) group.push(item);
        else groups.set(item.hash, [item]);
      } else calls.push(makeCall([item], idempotencyKeyFor(batch.id, [item.key], item.hash), false));
    }
    for (const group of groups.values()) {
      for (let start = 0; start < group.length; start += maxPerCall) {
        const chunk = group.slice(start, start + maxPerCall);
        chunk.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const keys = chunk.map((item) => item.key);
        calls.push(makeCall(chunk, idempotencyKeyFor(batch.id, keys, chunk[0]!.hash), chunk.length > 1));
      }
    }
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
