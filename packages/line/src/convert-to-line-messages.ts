import type {
  Button,
  CarouselPart,
  DegradationWarning,
  Message,
  MessagePart,
  TemplatePart,
} from '@omnicast/core';
import type { LineAction, LineEmoji, LineMessage, LineQuickReplyItem } from './line-types.js';

/** The outcome of {@link convertToLineMessages}. */
export interface LineConversion {
  messages: LineMessage[];
  /** What could not be shown as asked, and what is shown instead. */
  warnings: DegradationWarning[];
}

type Path = (string | number)[];

/**
 * A LINE emoji inside a text part: `{emoji:<productId>:<emojiId>}`, e.g.
 * `Hi {emoji:5ac1bfd5040ab15980c9b435:001}`. It becomes a `$` placeholder plus an `emojis[]` entry.
 */
const emojiToken = /\{emoji:([0-9a-zA-Z]+):([0-9a-zA-Z]+)\}/g;

/** Converts a text with `{emoji:…}` tokens into LINE text + emojis (indexes in UTF-16 units). */
export function toLineText(text: string): { text: string; emojis?: LineEmoji[] } {
  const emojis: LineEmoji[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(emojiToken)) {
    out += text.slice(last, match.index);
    emojis.push({ index: out.length, productId: match[1]!, emojiId: match[2]! });
    out += '$';
    last = match.index + match[0].length;
  }
  out += text.slice(last);
  return emojis.length > 0 ? { text: out, emojis } : { text: out };
}

function toAction(button: Button): LineAction {
  switch (button.type) {
    case 'postback':
      return {
        type: 'postback',
        label: button.label,
        data: button.data,
        ...(button.displayText !== undefined ? { displayText: button.displayText } : {}),
      };
    case 'url':
      return { type: 'uri', label: button.label, uri: button.url };
    case 'phone':
      return { type: 'uri', label: button.label, uri: `tel:${button.phoneNumber.replace(/[^\d+]/g, '')}` };
    case 'reply':
      return { type: 'message', label: button.label, text: button.text };
  }
}

function linkText(label: string, url: string): LineMessage {
  return { type: 'text', text: `${label}: ${url}` };
}

function convertCarousel(part: CarouselPart): LineMessage {
  const withImage = part.cards.some((card) => card.imageUrl !== undefined);
  return {
    type: 'template',
    altText: part.altText ?? part.cards[0]?.title ?? part.cards[0]?.text ?? 'Carousel',
    template: {
      type: 'carousel',
      columns: part.cards.map((card) => ({
        ...(card.imageUrl !== undefined ? { thumbnailImageUrl: card.imageUrl } : {}),
        ...(card.title !== undefined ? { title: card.title } : {}),
        text: card.text,
        actions: card.buttons.map(toAction),
      })),
      ...(withImage ? { imageAspectRatio: 'rectangle' as const } : {}),
    },
  };
}

function convertLineTemplate(part: TemplatePart): LineMessage {
  const raw = (part.raw ?? {}) as Record<string, unknown>;
  const altText = String(raw.altText ?? part.parameters.altText ?? part.name);
  if (part.name === 'flex') {
    return { type: 'flex', altText, contents: raw.contents as { type: 'bubble' | 'carousel' } };
  }
  if (part.name === 'image_carousel') {
    return {
      type: 'template',
      altText,
      template: { type: 'image_carousel', columns: (raw.columns ?? []) as never },
    };
  }
  return { type: part.name, ...raw } as unknown as LineMessage;
}

/**
 * Converts one part. Returns null when the part turns into quick-reply items instead of a message.
 */
function convertPart(
  part: MessagePart,
  path: Path,
  warnings: DegradationWarning[],
  quickReplies: { items: LineQuickReplyItem[]; text?: string; path?: Path },
): LineMessage | null {
  switch (part.type) {
    case 'text':
      return { type: 'text', ...toLineText(part.text) };
    case 'image':
      return { type: 'image', originalContentUrl: part.url, previewImageUrl: part.previewUrl ?? part.url };
    case 'video':
      if (part.previewUrl === undefined) {
        warnings.push({
          path,
          feature: 'video:no-preview',
          message: 'LINE videos need a preview image; the video is sent as a link',
        });
        return linkText(part.altText ?? 'Video', part.url);
      }
      return { type: 'video', originalContentUrl: part.url, previewImageUrl: part.previewUrl };
    case 'audio':
      if (part.durationMs === undefined) {
        warnings.push({
          path,
          feature: 'audio:no-duration',
          message: 'LINE audio needs its duration; the audio is sent as a link',
        });
        return linkText('Audio', part.url);
      }
      return { type: 'audio', originalContentUrl: part.url, duration: part.durationMs };
    case 'file':
      warnings.push({
        path,
        feature: 'part:file',
        message: 'LINE bots cannot send files; the file is sent as a link',
      });
      return linkText(part.filename, part.url);
    case 'sticker':
      return { type: 'sticker', packageId: part.packageId, stickerId: part.stickerId };
    case 'location':
      return {
        type: 'location',
        title: part.title,
        address: part.address || part.title,
        latitude: part.latitude,
        longitude: part.longitude,
      };
    case 'buttons': {
      if (part.style === 'quick-reply') {
        quickReplies.items.push(
          ...part.buttons.map((button) => ({ type: 'action' as const, action: toAction(button) })),
        );
        quickReplies.path = path;
        return { type: 'text', ...toLineText(part.text) };
      }
      const isConfirm = part.buttons.length === 2 && part.title === undefined && part.imageUrl === undefined;
      const actions = part.buttons.map(toAction);
      return {
        type: 'template',
        altText: part.title ?? part.text,
        template: isConfirm
          ? { type: 'confirm', text: part.text, actions }
          : {
              type: 'buttons',
              ...(part.imageUrl !== undefined ? { thumbnailImageUrl: part.imageUrl } : {}),
              ...(part.title !== undefined ? { title: part.title } : {}),
              text: part.text,
              actions,
            },
      };
    }
    case 'carousel':
      return convertCarousel(part);
    case 'template':
      if (part.channel !== 'line') {
        warnings.push({
          path,
          feature: 'part:template',
          message: `a ${part.channel} template cannot be shown on LINE; it is left out`,
        });
        return null;
      }
      return convertLineTemplate(part);
  }
}

/**
 * Converts a unified message into LINE message objects: text (with `{emoji:product:id}` LINE
 * emojis), image, video, audio, location, sticker, buttons (buttons or confirm template),
 * quick replies (attached to the last message, the only one LINE shows them on), carousel
 * template, and LINE templates passed through (`flex`, `image_carousel`, `imagemap`…). A
 * `message.raw.line` payload (one LINE message or an array) replaces the converted parts.
 * Files, videos without preview and audio without duration become links, with a warning each.
 */
export function convertToLineMessages(message: Message): LineConversion {
  const warnings: DegradationWarning[] = [];
  const raw = message.raw?.line;
  if (raw !== undefined) {
    return { messages: (Array.isArray(raw) ? raw : [raw]) as LineMessage[], warnings };
  }
  const quickReplies: { items: LineQuickReplyItem[]; path?: Path } = { items: [] };
  const messages: LineMessage[] = [];
  message.parts.forEach((part, index) => {
    const converted = convertPart(part, ['parts', index], warnings, quickReplies);
    if (converted) messages.push(converted);
  });
  if (quickReplies.items.length > 0 && messages.length > 0) {
    const lastIndex = message.parts.length - 1;
    const quickPath = quickReplies.path ?? [];
    if (quickPath[1] !== lastIndex) {
      warnings.push({
        path: quickPath,
        feature: 'quick-reply:position',
        message: 'LINE shows quick replies only under the last message; they are attached to it',
      });
    }
    messages[messages.length - 1]!.quickReply = { items: quickReplies.items };
  }
  return { messages, warnings };
}
