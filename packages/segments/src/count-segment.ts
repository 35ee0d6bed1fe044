/**
 * `countSegment()` and `previewSegment()` over arrays, iterables and async iterables. Both stream:
 * memory stays constant in the number of contacts (the preview keeps only its `limit` newest rows).
 */

import { type CompileSegmentOptions, compileSegment } from './compile-segment.js';
import type { Contact } from './contact-model.js';
import { toEpochMs } from './date-time-values.js';
import { own } from './own-key.js';

/** Contacts as an array, any iterable, or an async iterable (a cursor, a stream). */
export type ContactSource = Iterable<Contact> | AsyncIterable<Contact>;

/** Options of `previewSegment()`. */
export interface PreviewSegmentOptions extends CompileSegmentOptions {
  /** How many contacts to return, newest `updatedAt` first. Default 20, at most 1,000. */
  limit?: number;
}

/** Result of `previewSegment()`. */
export interface SegmentPreview {
  /** Every matching contact. */
  count: number;
  /** Up to `limit` matching contacts, most recently updated first (ties keep source order). */
  contacts: Contact[];
}

async function* iterate(source: ContactSource): AsyncGenerator<Contact> {
  if (Symbol.asyncIterator in source) yield* source as AsyncIterable<Contact>;
  else yield* source as Iterable<Contact>;
}

/** Counts the contacts in the segment (exclusions applied unless `exclusions: false`). */
export async function countSegment(
  filter: unknown,
  source: ContactSource,
  options: CompileSegmentOptions,
): Promise<number> {
  const predicate = compileSegment(filter, options);
  let count = 0;
  if (Symbol.iterator in source) {
    for (const contact of source as Iterable<Contact>) if (predicate(contact)) count += 1;
    return count;
  }
  for await (const contact of iterate(source)) if (predicate(contact)) count += 1;
  return count;
}

/** Counts the segment and returns its `limit` most recently updated contacts. */
export async function previewSegment(
  filter: unknown,
  source: ContactSource,
  options: PreviewSegmentOptions,
): Promise<SegmentPreview> {
  const predicate = compileSegment(filter, options);
  const limit = Math.max(0, Math.min(1000, Math.trunc(options.limit ?? 20)));
  const kept: { contact: Contact; updated: number; order: number }[] = [];
  let count = 0;
  for await (const contact of iterate(source)) {
    if (!predicate(contact)) continue;
    const entry = {
      contact,
      updated: toEpochMs(own(contact, 'updatedAt')) ?? Number.NEGATIVE_INFINITY,
      order: count,
    };
    count += 1;
    if (limit === 0) continue;
    if (kept.length === limit && kept[limit - 1]!.updated >= entry.updated) continue;
    let index = kept.length;
    while (index > 0 && kept[index - 1]!.updated < entry.updated) index -= 1;
    kept.splice(index, 0, entry);
    if (kept.length > limit) kept.pop();
  }
  return { count, contacts: kept.map((entry) => entry.contact) };
}
