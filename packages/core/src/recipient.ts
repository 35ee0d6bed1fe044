import { z } from 'zod';
import type { ChannelCapabilities } from './channel-capabilities.js';
import { ValidationError } from './errors.js';
import { type PhoneRegion, safeNormalizePhoneNumber } from './phone-number.js';

const variablesSchema = z.record(z.string(), z.unknown()).optional();

/** A recipient: whom one send addresses. `variables` personalise the message for them. */
export const recipientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1), variables: variablesSchema }),
  z.object({ type: z.literal('phone'), phone: z.string().min(1), variables: variablesSchema }),
  z.object({ type: z.literal('email'), email: z.email(), variables: variablesSchema }),
  z.object({ type: z.literal('audience'), audienceId: z.string().min(1) }),
]);
/** A recipient. */
export type Recipient = z.infer<typeof recipientSchema>;

/** A stable string for a recipient, e.g. for ledgers and dedupe (`user:U123`, `phone:+886…`). */
export function recipientKey(recipient: Recipient): string {
  switch (recipient.type) {
    case 'user':
      return `user:${recipient.userId}`;
    case 'phone':
      return `phone:${recipient.phone}`;
    case 'email':
      return `email:${recipient.email.toLowerCase()}`;
    case 'audience':
      return `audience:${recipient.audienceId}`;
  }
}

/** Identities of one person across channels. */
export const contactIdentitiesSchema = z.object({
  line: z.string().min(1).optional(),
  messenger: z.string().min(1).optional(),
  whatsapp: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  email: z.email().optional(),
});

/** A contact: one person with identities per channel. */
export const contactSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  identities: contactIdentitiesSchema,
  locale: z.string().optional(),
  /** Values for message placeholders. */
  variables: z.record(z.string(), z.unknown()).optional(),
});
/** Identities of one person across channels. */
export type ContactIdentities = z.infer<typeof contactIdentitiesSchema>;
/** A contact. */
export type Contact = z.infer<typeof contactSchema>;

/** Options of {@link parseContact}. */
export interface ParseContactOptions {
  /** Region for phone numbers without a country code (the seeds' stores: TW, HK, JP). */
  defaultRegion?: PhoneRegion;
}

/**
 * Validates a contact and normalises its phone identities (phone, WhatsApp) to E.164. Every issue
 * is reported at once.
 */
export function parseContact(input: unknown, options: ParseContactOptions = {}): Contact {
  const parsed = contactSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError('Invalid contact', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
        message: issue.message,
        code: issue.code,
      })),
    });
  }
  const contact = parsed.data;
  const issues: ValidationError['issues'][number][] = [];
  const identities = { ...contact.identities };
  for (const key of ['phone', 'whatsapp'] as const) {
    const value = identities[key];
    if (value === undefined) continue;
    const result = safeNormalizePhoneNumber(value, {
      path: ['identities', key],
      ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
    });
    if (result.success) identities[key] = key === 'whatsapp' ? result.e164.slice(1) : result.e164;
    else issues.push(...result.error.issues);
  }
  if (issues.length > 0) throw new ValidationError('Invalid contact', { issues });
  return { ...contact, identities };
}

/**
 * Picks how to reach a contact on a channel from its declared capabilities: the channel's own user
 * identity first, then phone, then email. Returns `undefined` when the contact is unreachable there.
 */
export function recipientForContact(
  contact: Contact,
  capabilities: ChannelCapabilities,
): Recipient | undefined {
  const variables = { ...contact.variables, ...(contact.name !== undefined ? { name: contact.name } : {}) };
  const identity = capabilities.identity;
  if (identity && capabilities.recipientTypes.includes('user')) {
    const userId = contact.identities[identity];
    if (userId) return { type: 'user', userId, variables };
  }
  if (capabilities.recipientTypes.includes('phone') && contact.identities.phone) {
    return { type: 'phone', phone: contact.identities.phone, variables };
  }
  if (capabilities.recipientTypes.includes('email') && contact.identities.email) {
    return { type: 'email', email: contact.identities.email, variables };
  }
  return undefined;
}
