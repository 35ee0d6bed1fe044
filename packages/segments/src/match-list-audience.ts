/**
 * Matching a parsed list against contacts, streaming: memory grows with the list, not with the
 * contacts. Unmatched rows are not sent; the seeds auto-create contacts for unknown social ids on LINE
 * and Messenger and for unknown phones on WhatsApp (§2.10), which `willAutoCreate` reports.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ChannelName, Contact } from './contact-model.js';
import type { ContactSource } from './count-segment.js';
import type { ListAudienceRow, ListIdentifier, ParsedListAudience } from './list-audience.js';
import { asArray, own } from './own-key.js';
import { normalizeEmail, normalizePhoneNumber } from './phone-number.js';

/** Channels on which an unknown identifier becomes a new contact (seeds §2.10). */
export const listAudienceAutoCreate: Readonly<Record<ListIdentifier, readonly ChannelName[]>> = Object.freeze(
  {
    'social-id': ['line', 'messenger'],
    'member-id': [],
    email: [],
    phone: ['whatsapp'],
  },
);

/** Options of `matchListAudience()`. */
export interface MatchListAudienceOptions {
  /** The broadcast's channel: social ids are looked up on it, and it decides auto-creation. */
  channel?: ChannelName;
  /** Country for contact phones stored without a country code. */
  defaultCountry?: CountryCode;
}

/** An unmatched row. */
export interface UnmatchedListAudienceRow extends ListAudienceRow {
  /** True when the channel would create a contact for it (seeds §2.10). */
  willAutoCreate: boolean;
}

/** Result of `matchListAudience()`. */
export interface ListAudienceMatch {
  /** Matched contact ids, each once, in list order. */
  contactIds: string[];
  unmatched: UnmatchedListAudienceRow[];
  /** Rows whose contact was already matched by an earlier row. */
  duplicateContactRows: ListAudienceRow[];
}

function identifiersOf(
  contact: Contact,
  identifier: ListIdentifier,
  options: MatchListAudienceOptions,
): string[] {
  switch (identifier) {
    case 'social-id':
      return asArray(own(contact, 'channels'))
        .filter((item) => options.channel === undefined || own(item, 'channel') === options.channel)
        .map((item) => own(item, 'userId'))
        .filter((value): value is string => typeof value === 'string' && value !== '');
    case 'member-id': {
      const value = own(contact, 'memberId');
      return typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [];
    }
    case 'email': {
      const value = normalizeEmail(own(contact, 'email'));
      return value === undefined ? [] : [value];
    }
    default: {
      const value = normalizePhoneNumber(own(contact, 'phone'), options.defaultCountry);
      return value === undefined ? [] : [value];
    }
  }
}

/** Matches the list against contacts (an array, iterable or async iterable). */
export async function matchListAudience(
  list: ParsedListAudience,
  contacts: ContactSource,
  options: MatchListAudienceOptions = {},
): Promise<ListAudienceMatch> {
  const byValue = new Map(list.rows.map((row) => [row.value, row]));
  const rowContact = new Map<ListAudienceRow, string>();
  const iterable: AsyncIterable<Contact> | Iterable<Contact> = contacts;
  const visit = (contact: Contact) => {
    const id = own(contact, 'id');
    if (typeof id !== 'string') return;
    for (const value of identifiersOf(contact, list.identifier, options)) {
      const row = byValue.get(value);
      if (row && !rowContact.has(row)) rowContact.set(row, id);
    }
  };
  if (Symbol.asyncIterator in iterable) for await (const contact of iterable) visit(contact);
  else for (const contact of iterable) visit(contact);

  const seen = new Set<string>();
  const contactIds: string[] = [];
  const unmatched: UnmatchedListAudienceRow[] = [];
  const duplicateContactRows: ListAudienceRow[] = [];
  const autoCreate =
    options.channel !== undefined && listAudienceAutoCreate[list.identifier].includes(options.channel);
  for (const row of list.rows) {
    const id = rowContact.get(row);
    if (id === undefined) unmatched.push({ ...row, willAutoCreate: autoCreate });
    else if (seen.has(id)) duplicateContactRows.push(row);
    else {
      seen.add(id);
      contactIds.push(id);
    }
  }
  return { contactIds, unmatched, duplicateContactRows };
}
