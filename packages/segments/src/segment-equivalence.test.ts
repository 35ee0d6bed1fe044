/**
 * Equivalence is proven, not hoped for: random filters and contact sets, evaluated in memory and as
 * SQL on embedded PostgreSQL (PGlite), must return the same ids. Fixed seed in CI; the bench runs more.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentTestDatabase, type SegmentTestDatabase } from './__tests__/pglite-database.js';
import { scenarioArbitrary } from './__tests__/segment-arbitraries.js';
import { compileSegment } from './compile-segment.js';

let database: SegmentTestDatabase;

beforeAll(async () => {
  database = await createSegmentTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('compileSegment ≡ compileSegmentToSql on PostgreSQL', () => {
  it('returns the same ids for random filters, contacts, zones and nows', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(12, 6), async ({ world, contacts, filters }) => {
        await database.load(contacts, { defaultCountry: 'TW' });
        for (const [filter, exclusions] of filters) {
          const options = {
            now: world.now,
            timeZone: world.timeZone,
            defaultCountry: 'TW' as const,
            exclusions,
          };
          const predicate = compileSegment(filter, options);
          const expected = contacts
            .filter(predicate)
            .map((contact) => contact.id)
            .sort();
          const actual = await database.ids(filter, options);
          expect(actual).toEqual(expected);
        }
      }),
      { seed: 20_230_105, numRuns: Number(process.env['SEGMENTS_PROPERTY_RUNS'] ?? 100), endOnFailure: true },
    );
  }, 300_000);
});
