import { countGraphemes, type ValidationIssue } from '@omnicast/core';
import { lineLimits as L } from './line-limits.js';

type Path = (string | number)[];
type AnyRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is AnyRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects issues for LINE request bodies; every broken rule is reported, not only the first. */
class IssueList {
  readonly issues: ValidationIssue[] = [];

  add(path: Path, message: string, code: string): void {
    this.issues.push({ path, message, code });
  }

  /** A string limit counted in UTF-16 code units (LINE's unit for message texts). */
  utf16(value: unknown, max: number, path: Path, required = false): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') {
      this.add(path, 'must be a string', 'invalid-type');
      return;
    }
    if (required && value.length === 0) this.add(path, 'must not be empty', 'required');
    if (value.length > max)
      this.add(path, `is ${value.length} UTF-16 units long; the limit is ${max}`, 'max-length');
  }

  /** A string limit counted in grapheme clusters (labels, template titles and texts). */
  graphemes(value: unknown, max: number, path: Path, required = false): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') {
      this.add(path, 'must be a string', 'invalid-type');
      return;
    }
    const count = countGraphemes(value);
    if (count > max) this.add(path, `is ${count} characters long; the limit is ${max}`, 'max-length');
  }

  count(value: unknown, min: number, max: number, path: Path, what: string): void {
    if (!Array.isArray(value)) {
      this.add(path, `must be an array of ${what}`, 'invalid-type');
      return;
    }
    if (value.length < min || value.length > max)
      this.add(
        path,
        min === max
          ? `must have exactly ${min} ${what}, has ${value.length}`
          : `must have ${min}–${max} ${what}, has ${value.length}`,
        value.length < min ? 'min-items' : 'max-items',
      );
  }

  url(value: unknown, path: Path, required = true): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.length === 0) {
      this.add(path, 'is required', 'required');
      return;
    }
    if (!value.startsWith('https://')) this.add(path, 'must be an HTTPS URL', 'invalid-url');
    if (value.length > L.maxUrl)
      this.add(path, `is ${value.length} characters long; the limit is ${L.maxUrl}`, 'max-length');
  }
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function checkAction(
  list: IssueList,
  action: unknown,
  path: Path,
  labelMax: number = L.maxActionLabel,
): void {
  if (!isRecord(action)) {
    list.add(path, 'must be an action object', 'invalid-type');
    return;
  }
  list.graphemes(action.label, labelMax, [...path, 'label']);
  switch (action.type) {
    case 'postback':
      list.utf16(action.data, L.maxPostbackData, [...path, 'data'], true);
      list.utf16(action.displayText, L.maxActionText, [...path, 'displayText']);
      list.utf16(action.fillInText, L.maxActionText, [...path, 'fillInText']);
      break;
    case 'message':
      list.utf16(action.text, L.maxActionText, [...path, 'text'], true);
      break;
    case 'uri':
      list.utf16(action.uri, L.maxUri, [...path, 'uri'], true);
      break;
    case 'datetimepicker':
    case 'richmenuswitch':
      list.utf16(action.data, L.maxPostbackData, [...path, 'data'], true);
      break;
    case 'clipboard':
      list.utf16(action.clipboardText, L.maxClipboardText, [...path, 'clipboardText'], true);
      break;
    case 'camera':
    case 'cameraRoll':
    case 'location':
      break;
    default:
      list.add([...path, 'type'], `unknown action type ${JSON.stringify(action.type)}`, 'invalid-value');
  }
}

function checkActions(list: IssueList, actions: unknown, min: number, max: number, path: Path): void {
  list.count(actions, min, max, path, 'actions');
  if (Array.isArray(actions))
    for (const [index, action] of actions.entries()) checkAction(list, action, [...path, index]);
}

function checkTemplate(list: IssueList, template: unknown, path: Path): void {
  if (!isRecord(template)) {
    list.add(path, 'is required', 'required');
    return;
  }
  switch (template.type) {
    case 'buttons': {
      const hasImageOrTitle = template.thumbnailImageUrl !== undefined || template.title !== undefined;
      list.graphemes(template.title, L.maxTemplateTitle, [...path, 'title']);
      list.graphemes(
        template.text,
        hasImageOrTitle ? L.maxButtonsTextWithImageOrTitle : L.maxButtonsText,
        [...path, 'text'],
        true,
      );
      list.url(template.thumbnailImageUrl, [...path, 'thumbnailImageUrl'], false);
      checkActions(list, template.actions, 1, L.maxButtonsActions, [...path, 'actions']);
      break;
    }
    case 'confirm':
      list.graphemes(template.text, L.maxConfirmText, [...path, 'text'], true);
      checkActions(list, template.actions, 2, 2, [...path, 'actions']);
      break;
    case 'carousel': {
      const columns = template.columns;
      list.count(columns, 1, L.maxCarouselColumns, [...path, 'columns'], 'columns');
      if (!Array.isArray(columns)) break;
      const actionCounts = new Set<number>();
      columns.forEach((column: unknown, index) => {
        const columnPath = [...path, 'columns', index];
        if (!isRecord(column)) {
          list.add(columnPath, 'must be a column object', 'invalid-type');
          return;
        }
        const hasImageOrTitle = column.thumbnailImageUrl !== undefined || column.title !== undefined;
        list.graphemes(column.title, L.maxTemplateTitle, [...columnPath, 'title']);
        list.graphemes(
          column.text,
          hasImageOrTitle ? L.maxCarouselTextWithImageOrTitle : L.maxCarouselText,
          [...columnPath, 'text'],
          true,
        );
        list.url(column.thumbnailImageUrl, [...columnPath, 'thumbnailImageUrl'], false);
        checkActions(list, column.actions, 1, L.maxCarouselActions, [...columnPath, 'actions']);
        if (Array.isArray(column.actions)) actionCounts.add(column.actions.length);
      });
      if (actionCounts.size > 1)
        list.add([...path, 'columns'], 'every column must have the same number of actions', 'inconsistent');
      break;
    }
    case 'image_carousel': {
      const columns = template.columns;
      list.count(columns, 1, L.maxCarouselColumns, [...path, 'columns'], 'columns');
      if (!Array.isArray(columns)) break;
      columns.forEach((column: unknown, index) => {
        const columnPath = [...path, 'columns', index];
        if (!isRecord(column)) {
          list.add(columnPath, 'must be a column object', 'invalid-type');
          return;
        }
        list.url(column.imageUrl, [...columnPath, 'imageUrl']);
        checkAction(list, column.action, [...columnPath, 'action'], L.maxImageCarouselLabel);
      });
      break;
    }
    default:
      list.add([...path, 'type'], `unknown template type ${JSON.stringify(template.type)}`, 'invalid-value');
  }
}

function checkFlex(list: IssueList, contents: unknown, path: Path): void {
  if (!isRecord(contents)) {
    list.add(path, 'is required', 'required');
    return;
  }
  if (contents.type === 'bubble') {
    const size = byteLength(contents);
    if (size > L.maxFlexBubbleBytes)
      list.add(path, `bubble JSON is ${size} bytes; the limit is ${L.maxFlexBubbleBytes}`, 'max-size');
  } else if (contents.type === 'carousel') {
    list.count(contents.contents, 1, L.maxFlexCarouselBubbles, [...path, 'contents'], 'bubbles');
    const size = byteLength(contents);
    if (size > L.maxFlexCarouselBytes)
      list.add(path, `carousel JSON is ${size} bytes; the limit is ${L.maxFlexCarouselBytes}`, 'max-size');
  } else {
    list.add([...path, 'type'], 'must be "bubble" or "carousel"', 'invalid-value');
  }
}

function checkMessage(list: IssueList, message: unknown, path: Path): void {
  if (!isRecord(message)) {
    list.add(path, 'must be a message object', 'invalid-type');
    return;
  }
  switch (message.type) {
    case 'text':
    case 'textV2':
      list.utf16(message.text, L.maxTextLength, [...path, 'text'], true);
      if (message.emojis !== undefined)
        list.count(message.emojis, 0, L.maxEmojisPerText, [...path, 'emojis'], 'emojis');
      break;
    case 'sticker':
      if (typeof message.packageId !== 'string' || typeof message.stickerId !== 'string')
        list.add(path, 'needs packageId and stickerId', 'required');
      break;
    case 'image':
    case 'video':
      list.url(message.originalContentUrl, [...path, 'originalContentUrl']);
      list.url(message.previewImageUrl, [...path, 'previewImageUrl']);
      break;
    case 'audio':
      list.url(message.originalContentUrl, [...path, 'originalContentUrl']);
      if (typeof message.duration !== 'number' || message.duration <= 0)
        list.add([...path, 'duration'], 'must be a positive number of milliseconds', 'required');
      break;
    case 'location':
      list.utf16(message.title, L.maxLocationTitle, [...path, 'title'], true);
      list.utf16(message.address, L.maxLocationAddress, [...path, 'address'], true);
      break;
    case 'imagemap':
      list.utf16(message.altText, L.maxAltTextLength, [...path, 'altText'], true);
      list.count(message.actions, 0, L.maxImagemapActions, [...path, 'actions'], 'actions');
      break;
    case 'template':
      list.utf16(message.altText, L.maxAltTextLength, [...path, 'altText'], true);
      checkTemplate(list, message.template, [...path, 'template']);
      break;
    case 'flex':
      list.utf16(message.altText, L.maxAltTextLength, [...path, 'altText'], true);
      checkFlex(list, message.contents, [...path, 'contents']);
      break;
    case 'coupon':
      if (typeof message.couponId !== 'string') list.add([...path, 'couponId'], 'is required', 'required');
      break;
    default:
      list.add([...path, 'type'], `unknown message type ${JSON.stringify(message.type)}`, 'invalid-value');
  }
  if (message.quickReply !== undefined) {
    const items = isRecord(message.quickReply) ? message.quickReply.items : undefined;
    list.count(items, 1, L.maxQuickReplyItems, [...path, 'quickReply', 'items'], 'quick reply items');
    if (Array.isArray(items))
      items.forEach((item: unknown, index) => {
        const itemPath = [...path, 'quickReply', 'items', index];
        if (!isRecord(item)) {
          list.add(itemPath, 'must be a quick reply item', 'invalid-type');
          return;
        }
        list.url(item.imageUrl, [...itemPath, 'imageUrl'], false);
        checkAction(list, item.action, [...itemPath, 'action']);
      });
  }
  if (isRecord(message.sender)) {
    list.graphemes(message.sender.name, L.maxSenderName, [...path, 'sender', 'name']);
    list.url(message.sender.iconUrl, [...path, 'sender', 'iconUrl'], false);
  }
}

/**
 * Checks LINE message objects against the documented limits (1–5 messages, text ≤ 5000 UTF-16
 * units, labels ≤ 20 graphemes, ≤ 13 quick-reply items, alt text ≤ 1500, flex JSON size, carousel
 * columns…). Returns every issue; an empty list means the messages are within the limits.
 */
export function validateLineMessages(
  messages: unknown,
  path: (string | number)[] = ['messages'],
): ValidationIssue[] {
  const list = new IssueList();
  list.count(messages, 1, L.maxMessagesPerRequest, path, 'messages');
  if (Array.isArray(messages))
    for (const [index, message] of messages.entries()) checkMessage(list, message, [...path, index]);
  return list.issues;
}

/** Checks user ids of a multicast: 1–500 non-empty ids. */
export function validateMulticastRecipients(to: unknown): ValidationIssue[] {
  const list = new IssueList();
  list.count(to, 1, L.maxMulticastRecipients, ['to'], 'user ids');
  if (Array.isArray(to))
    to.forEach((id, index) => {
      if (typeof id !== 'string' || id.length === 0) list.add(['to', index], 'must be a user id', 'required');
    });
  return list.issues;
}

/** Checks `customAggregationUnits`: at most one name matching `^[a-zA-Z0-9_]{1,30}$`. */
export function validateAggregationUnits(units: unknown): ValidationIssue[] {
  const list = new IssueList();
  if (units === undefined) return list.issues;
  list.count(units, 0, 1, ['customAggregationUnits'], 'units');
  if (Array.isArray(units))
    units.forEach((unit, index) => {
      if (typeof unit !== 'string' || !/^[a-zA-Z0-9_]{1,30}$/.test(unit))
        list.add(['customAggregationUnits', index], 'must match ^[a-zA-Z0-9_]{1,30}$', 'pattern');
    });
  return list.issues;
}
