import type { ChannelCapabilities, TextLimit } from './channel-capabilities.js';
import { countText } from './count-text.js';
import type { ValidationIssue } from './errors.js';
import type { Button, Message, PartType } from './message-schema.js';

/** Something a channel cannot show as asked, and what it shows instead. */
export interface DegradationWarning {
  /** Path of the affected field, e.g. `['parts', 2]`. */
  path: readonly (string | number)[];
  /** What is lost, e.g. `part:carousel`, `button:phone`, `silent`. */
  feature: string;
  /** Human-readable: what the recipient will see instead. */
  message: string;
}

/** The outcome of {@link validateMessage}. */
export interface MessageValidationReport {
  isValid: boolean;
  /** Every rule broken (empty when valid). */
  issues: ValidationIssue[];
  /** What will be degraded (valid messages may still have warnings). */
  warnings: DegradationWarning[];
}

type Path = (string | number)[];

function checkText(
  issues: ValidationIssue[],
  value: string | undefined,
  limit: TextLimit | undefined,
  path: Path,
): void {
  if (value === undefined || limit === undefined) return;
  const length = countText(value, limit.unit);
  if (length > limit.max) {
    issues.push({
      path,
      message: `is ${length} ${unitName(limit.unit)} long; the limit is ${limit.max}`,
      code: 'max-length',
    });
  }
}

function unitName(unit: TextLimit['unit']): string {
  switch (unit) {
    case 'utf16':
      return 'UTF-16 units';
    case 'codepoint':
      return 'code points';
    case 'grapheme':
      return 'characters';
    case 'utf8-byte':
      return 'bytes';
    case 'sms-unit':
      return 'SMS units';
  }
}

function checkCount(
  issues: ValidationIssue[],
  count: number,
  max: number | undefined,
  path: Path,
  what: string,
): void {
  if (max !== undefined && count > max) {
    issues.push({ path, message: `has ${count} ${what}; the limit is ${max}`, code: 'max-items' });
  }
}

function checkButtons(
  issues: ValidationIssue[],
  buttons: readonly Button[],
  capabilities: ChannelCapabilities,
  path: Path,
): void {
  buttons.forEach((button, index) => {
    checkText(issues, button.label, capabilities.limits.buttonLabel, [...path, index, 'label']);
    if (button.type === 'postback') {
      checkText(issues, button.data, capabilities.limits.postbackData, [...path, index, 'data']);
    }
  });
}

const degradedTo: Partial<Record<PartType, string>> = {
  image: 'a link to the image',
  video: 'a link to the video',
  audio: 'a link to the audio',
  file: 'a link to the file',
  sticker: 'its fallback text (or nothing)',
  location: 'a text with the address and a map link',
  buttons: 'text listing the options',
  carousel: 'one text block per card',
  template: 'nothing (templates are channel-specific)',
};

/**
 * Checks a message against a channel's declared capabilities. Reports every violated limit at once
 * (never only the first), and a degradation report naming exactly what the channel cannot show.
 * It does not branch on channel names: everything comes from `capabilities`.
 */
export function validateMessage(
  message: Message,
  capabilities: ChannelCapabilities,
): MessageValidationReport {
  const issues: ValidationIssue[] = [];
  const warnings: DegradationWarning[] = [];
  const { limits } = capabilities;
  checkCount(issues, message.parts.length, limits.maxPartsPerMessage, ['parts'], 'parts');
  message.parts.forEach((part, index) => {
    const path: Path = ['parts', index];
    const supported = capabilities.parts.includes(part.type);
    if (!supported) {
      warnings.push({
        path,
        feature: `part:${part.type}`,
        message: `${part.type} is not supported; it is sent as ${degradedTo[part.type] ?? 'text'}`,
      });
    }
    switch (part.type) {
      case 'text':
        checkText(issues, part.text, limits.text, [...path, 'text']);
        break;
      case 'image':
      case 'video':
        checkText(issues, part.altText, limits.altText, [...path, 'altText']);
        break;
      case 'buttons': {
        const isQuickReply = part.style === 'quick-reply';
        checkText(issues, part.text, isQuickReply ? limits.text : (limits.buttonsText ?? limits.text), [
          ...path,
          'text',
        ]);
        checkText(issues, part.title, limits.cardTitle, [...path, 'title']);
        checkCount(
          issues,
          part.buttons.length,
          isQuickReply ? limits.maxQuickReplies : limits.maxButtons,
          [...path, 'buttons'],
          'buttons',
        );
        checkButtons(issues, part.buttons, capabilities, [...path, 'buttons']);
        break;
      }
      case 'carousel':
        checkText(issues, part.altText, limits.altText, [...path, 'altText']);
        checkCount(issues, part.cards.length, limits.maxCarouselCards, [...path, 'cards'], 'cards');
        part.cards.forEach((card, cardIndex) => {
          const cardPath: Path = [...path, 'cards', cardIndex];
          checkText(issues, card.title, limits.cardTitle, [...cardPath, 'title']);
          checkText(issues, card.text, limits.cardText, [...cardPath, 'text']);
          checkCount(issues, card.buttons.length, limits.maxCardButtons, [...cardPath, 'buttons'], 'buttons');
          checkButtons(issues, card.buttons, capabilities, [...cardPath, 'buttons']);
        });
        break;
      default:
        break;
    }
  });
  if (message.metadata?.silent && capabilities.supportsSilent === false) {
    warnings.push({
      path: ['metadata', 'silent'],
      feature: 'silent',
      message: 'silent delivery is not supported; the message notifies',
    });
  }
  return { isValid: issues.length === 0, issues, warnings };
}
