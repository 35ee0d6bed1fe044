/**
 * List audiences (CSV broadcast, seeds §2.10): parse an uploaded UTF-8 CSV with one identifier column,
 * normalise and dedupe it, and report invalid rows with reasons. Matching against contacts is in
 * `match-list-audience.ts`.
 */
import { ValidationError } from '@omnicast/core';
import { parse } from 'csv-parse/sync';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizePhoneNumber } from './phone-number.js';

/** Which identifier a list holds: LINE UID / PSID, member id, e-mail or phone. */
export type ListIdentifier = 'social-id' | 'member-id' | 'email' | 'phone';

/** The template header of each identifier; a different header is an error. */
export const listAudienceColumns: Readonly<Record<ListIdentifier, string>> = Object.freeze({
  'social-id': 'uid',
  'member-id': 'member_id',
  email: 'email',
  phone: 'phone',
});

/** Recommended maximum recipients per broadcast. */
export const recommendedListAudienceSize = 50_000;

/** Options of `parseListAudience()`. */
export interface ParseListAudienceOptions {
  identifier: ListIdentifier;
  /** Header of the identifier column. Default `listAudienceColumns[identifier]`. */
  column?: string;
  /** Country for phones without a country code (ignored when `checkFormat` is on). */
  defaultCountry?: CountryCode;
  /** Check standard e-mail / international phone format: phones need a country code. */
  checkFormat?: boolean;
  /** Refuse files with more data rows than this. Default 1,000,000. */
  maxRows?: number;
}

/** A usable row. */
export interface ListAudienceRow {
  /** 1-based line in the file. */
  line: number;
  /** The cell as uploaded. */
  raw: string;
  /** Normalised value used for matching. */
  value: string;
}

/** A row left out, and why. */
export interface RejectedListAudienceRow {
  line: number;
  raw: string;
  reason: 'empty' | 'invalid-email' | 'invalid-phone' | 'missing-country-code' | 'duplicate';
  /** For duplicates: the line that was kept. */
  duplicateOf?: number;
}

/** A parsed list. */
export interface ParsedListAudience {
  identifier: ListIdentifier;
  rows: ListAudienceRow[];
  invalid: RejectedListAudienceRow[];
  duplicates: RejectedListAudienceRow[];
  /** The first 5 values as uploaded (the seeds' preview). */
  preview: string[];
  /** More unique rows than the recommended 50,000 per broadcast. */
  exceedsRecommendedSize: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

function decode(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (error) {
    throw new ValidationError('List audience file must be UTF-8', {
      issues: [{ path: ['file'], message: 'not valid UTF-8', code: 'invalid-encoding' }],
      cause: error,
    });
  }
}

type Normalized = { value: string } | { reason: Exclude<RejectedListAudienceRow['reason'], 'duplicate'> };

function normalize(raw: string, options: ParseListAudienceOptions): Normalized {
  const value = raw.trim();
  if (value === '') return { reason: 'empty' };
  switch (options.identifier) {
    case 'email': {
      const email = value.toLowerCase();
      return options.checkFormat && !emailPattern.test(email)
        ? { reason: 'invalid-email' }
        : { value: email };
    }
    case 'phone': {
      if (!options.checkFormat) {
        const phone = normalizePhoneNumber(value, options.defaultCountry);
        return phone === undefined ? { reason: 'invalid-phone' } : { value: phone };
      }
      if (!value.startsWith('+')) return { reason: 'missing-country-code' };
      const parsed = parsePhoneNumberFromString(value);
      return parsed?.isValid() ? { value: parsed.number } : { reason: 'invalid-phone' };
    }
    default:
      return { value };
  }
}

/** Parses an uploaded list. Throws `ValidationError` for a bad file (encoding, header, CSV syntax). */
export function parseListAudience(
  input: string | Uint8Array,
  options: ParseListAudienceOptions,
): ParsedListAudience {
  const column = options.column ?? listAudienceColumns[options.identifier];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decode(input), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (ValidationError.isInstance(error)) throw error;
    const line = (error as { lines?: number }).lines;
    throw new ValidationError('List audience file is not valid CSV', {
      issues: [
        { path: ['file', ...(line ? [line] : [])], message: (error as Error).message, code: 'invalid-csv' },
      ],
      cause: error,
    });
  }
  const [header, ...data] = records;
  const index = header?.record.findIndex((cell) => cell.trim().toLowerCase() === column.toLowerCase()) ?? -1;
  if (!header || index < 0) {
    throw new ValidationError('List audience header does not match the template', {
      issues: [{ path: ['header'], message: `expected a "${column}" column`, code: 'invalid-header' }],
    });
  }
  const maxRows = options.maxRows ?? 1_000_000;
  if (data.length > maxRows) {
    throw new ValidationError('List audience file is too large', {
      issues: [{ path: ['file'], message: `more than ${maxRows} rows`, code: 'too-many-rows' }],
    });
  }
  const rows: ListAudienceRow[] = [];
  const invalid: RejectedListAudienceRow[] = [];
  const duplicates: RejectedListAudienceRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of data) {
    const raw = record[index] ?? '';
    const result = normalize(raw, options);
    if ('reason' in result) {
      invalid.push({ line: info.lines, raw, reason: result.reason });
      continue;
    }
    const normalized = result.value;
    const first = seen.get(normalized);
    if (first !== undefined) {
      duplicates.push({ line: info.lines, raw, reason: 'duplicate', duplicateOf: first });
      continue;
    }
    seen.set(normalized, info.lines);
    rows.push({ line: info.lines, raw, value: normalized });
  }
  return {
    identifier: options.identifier,
    rows,
    invalid,
    duplicates,
    preview: data.slice(0, 5).map(({ record }) => record[index] ?? ''),
    exceedsRecommendedSize: rows.length > recommendedListAudienceSize,
  };
}
