import type { ChannelCapabilities, RateLimit } from '@omnicast/core';
import { lineLimits as L } from './line-limits.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * LINE's default rate limits per send operation (developers.line.biz reference, "Rate limits"):
 * push, reply and PNP 2,000/s; multicast 200/s; broadcast and narrowcast 60/hour; audience
 * endpoints 60/minute.
 */
export const lineRateLimits: Readonly<Record<string, RateLimit>> = {
  push: { limit: 2000, intervalMs: second },
  reply: { limit: 2000, intervalMs: second },
  pnp: { limit: 2000, intervalMs: second },
  multicast: { limit: 200, intervalMs: second },
  narrowcast: { limit: 60, intervalMs: hour },
  broadcast: { limit: 60, intervalMs: hour },
  audience: { limit: 60, intervalMs: minute },
};

/**
 * What the LINE channel can do, as data: parts rendered natively, documented limits and how they
 * are counted (texts in UTF-16 units, labels and template texts in graphemes), addressing forms and
 * the vendor operation each uses, default rate limits, retry-key support and billing by recipient.
 */
export const lineCapabilities: ChannelCapabilities = {
  parts: ['text', 'image', 'video', 'audio', 'sticker', 'location', 'buttons', 'carousel', 'template'],
  limits: {
    maxPartsPerMessage: L.maxMessagesPerRequest,
    text: { max: L.maxTextLength, unit: 'utf16' },
    buttonLabel: { max: L.maxActionLabel, unit: 'grapheme' },
    altText: { max: L.maxAltTextLength, unit: 'utf16' },
    cardTitle: { max: L.maxTemplateTitle, unit: 'grapheme' },
    cardText: { max: L.maxCarouselText, unit: 'grapheme' },
    buttonsText: { max: L.maxButtonsText, unit: 'grapheme' },
    postbackData: { max: L.maxPostbackData, unit: 'utf16' },
    maxButtons: L.maxButtonsActions,
    maxQuickReplies: L.maxQuickReplyItems,
    maxCarouselCards: L.maxCarouselColumns,
    maxCardButtons: L.maxCarouselActions,
  },
  recipientTypes: ['user', 'phone', 'audience'],
  identity: 'line',
  maxRecipientsPerCall: L.maxMulticastRecipients,
  operations: { user: 'push', many: 'multicast', phone: 'pnp', audience: 'narrowcast' },
  rateLimits: lineRateLimits,
  supportsIdempotencyKey: true,
  billingUnit: 'recipient',
  supportsSilent: true,
};
