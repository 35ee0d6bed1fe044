import { z } from 'zod';

/**
 * Unified message model: an ordered list of parts plus per-channel raw escape hatches and metadata.
 * Text fields may hold `{{variable}}` placeholders, rendered per recipient by `renderMessage()`.
 */

const nonEmpty = z.string().min(1, 'must not be empty');
const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A channel kind. The four built-in kinds, or any other string for custom channels. */
export const channelKindSchema = z.string().min(1);
/** A channel kind such as `line`, `whatsapp`, `messenger` or `sms`. */
export type ChannelKind = 'line' | 'whatsapp' | 'messenger' | 'sms' | (string & {});

/** A postback button: sends `data` back to the webhook when tapped. */
export const postbackButtonSchema = z.object({
  type: z.literal('postback'),
  label: nonEmpty,
  data: nonEmpty,
  displayText: z.string().optional(),
});
/** A button that opens a URL. */
export const urlButtonSchema = z.object({ type: z.literal('url'), label: nonEmpty, url: httpsUrl });
/** A button that dials a phone number. */
export const phoneButtonSchema = z.object({
  type: z.literal('phone'),
  label: nonEmpty,
  phoneNumber: nonEmpty,
});
/** A button that makes the user send `text` as if typed (LINE message action, quick reply). */
export const replyButtonSchema = z.object({ type: z.literal('reply'), label: nonEmpty, text: nonEmpty });

/** Any button. */
export const buttonSchema = z.discriminatedUnion('type', [
  postbackButtonSchema,
  urlButtonSchema,
  phoneButtonSchema,
  replyButtonSchema,
]);
/** Any button. */
export type Button = z.infer<typeof buttonSchema>;
/** The kinds of button. */
export type ButtonType = Button['type'];

/** Plain text, with optional `{{variable}}` placeholders. */
export const textPartSchema = z.object({ type: z.literal('text'), text: nonEmpty });
/** An image by URL. */
export const imagePartSchema = z.object({
  type: z.literal('image'),
  url: httpsUrl,
  previewUrl: httpsUrl.optional(),
  altText: z.string().optional(),
});
/** A video by URL. */
export const videoPartSchema = z.object({
  type: z.literal('video'),
  url: httpsUrl,
  previewUrl: httpsUrl.optional(),
  altText: z.string().optional(),
});
/** An audio clip by URL. */
export const audioPartSchema = z.object({
  type: z.literal('audio'),
  url: httpsUrl,
  durationMs: z.number().int().positive().optional(),
});
/** A file (document) by URL. */
export const filePartSchema = z.object({
  type: z.literal('file'),
  url: httpsUrl,
  filename: nonEmpty,
  mimeType: z.string().optional(),
});
/** A sticker; `fallbackText` is shown by channels without stickers. */
export const stickerPartSchema = z.object({
  type: z.literal('sticker'),
  packageId: nonEmpty,
  stickerId: nonEmpty,
  fallbackText: z.string().optional(),
});
/** A map location. */
export const locationPartSchema = z.object({
  type: z.literal('location'),
  title: nonEmpty,
  address: z.string(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
/** Text with buttons, shown inline (a card) or as quick replies under the message. */
export const buttonsPartSchema = z.object({
  type: z.literal('buttons'),
  text: nonEmpty,
  title: z.string().optional(),
  imageUrl: httpsUrl.optional(),
  style: z.enum(['inline', 'quick-reply']).default('inline'),
  buttons: z.array(buttonSchema).min(1, 'needs at least one button'),
});
/** One card of a carousel. */
export const cardSchema = z.object({
  title: z.string().optional(),
  text: nonEmpty,
  imageUrl: httpsUrl.optional(),
  buttons: z.array(buttonSchema).default([]),
});
/** One card of a carousel. */
export type Card = z.infer<typeof cardSchema>;
/** A horizontally scrolling carousel of cards. */
export const carouselPartSchema = z.object({
  type: z.literal('carousel'),
  altText: z.string().optional(),
  cards: z.array(cardSchema).min(1, 'needs at least one card'),
});
/** A reference to a template registered with a channel (WhatsApp template, LINE notification template…). */
export const templatePartSchema = z.object({
  type: z.literal('template'),
  channel: channelKindSchema,
  name: nonEmpty,
  language: z.string().optional(),
  /** Named or positional parameters; values may hold `{{variable}}` placeholders. */
  parameters: z.record(z.string(), z.string()).default({}),
  /** Vendor-specific extra fields, passed through as they are. */
  raw: z.record(z.string(), z.unknown()).optional(),
});

/** Any message part. */
export const messagePartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  imagePartSchema,
  videoPartSchema,
  audioPartSchema,
  filePartSchema,
  stickerPartSchema,
  locationPartSchema,
  buttonsPartSchema,
  carouselPartSchema,
  templatePartSchema,
]);

/** Why a message is sent; channels bill and gate on it (WhatsApp categories, LINE PNP). */
export const messagePurposeSchema = z.enum(['marketing', 'utility', 'authentication', 'service']);

/** Message metadata. */
export const messageMetadataSchema = z.object({
  purpose: messagePurposeSchema.optional(),
  /** Deliver without a notification sound where the channel supports it. */
  silent: z.boolean().optional(),
  /** A caller-chosen key that makes retries of this message safe. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Free-form tags for tracking (campaign id, …). */
  tags: z.record(z.string(), z.string()).optional(),
});

/** A unified message. */
export const messageSchema = z.object({
  parts: z.array(messagePartSchema).min(1, 'a message needs at least one part'),
  /** Per-channel raw payloads that replace the converted parts on that channel. */
  raw: z.record(channelKindSchema, z.unknown()).optional(),
  metadata: messageMetadataSchema.optional(),
});

/** Text part. */
export type TextPart = z.infer<typeof textPartSchema>;
/** Image part. */
export type ImagePart = z.infer<typeof imagePartSchema>;
/** Video part. */
export type VideoPart = z.infer<typeof videoPartSchema>;
/** Audio part. */
export type AudioPart = z.infer<typeof audioPartSchema>;
/** File part. */
export type FilePart = z.infer<typeof filePartSchema>;
/** Sticker part. */
export type StickerPart = z.infer<typeof stickerPartSchema>;
/** Location part. */
export type LocationPart = z.infer<typeof locationPartSchema>;
/** Buttons part. */
export type ButtonsPart = z.infer<typeof buttonsPartSchema>;
/** Carousel part. */
export type CarouselPart = z.infer<typeof carouselPartSchema>;
/** Template reference part. */
export type TemplatePart = z.infer<typeof templatePartSchema>;
/** Any message part. */
export type MessagePart = z.infer<typeof messagePartSchema>;
/** The kinds of part. */
export type PartType = MessagePart['type'];
/** Why a message is sent. */
export type MessagePurpose = z.infer<typeof messagePurposeSchema>;
/** Message metadata. */
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;
/** A unified message, as accepted (defaults not yet applied). */
export type MessageInput = z.input<typeof messageSchema>;
/** A unified message, parsed (defaults applied). */
export type Message = z.infer<typeof messageSchema>;

/** Every part type, as data. */
export const partTypes: readonly PartType[] = [
  'text',
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'location',
  'buttons',
  'carousel',
  'template',
];
