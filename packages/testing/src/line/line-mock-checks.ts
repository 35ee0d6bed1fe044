import { countGraphemes } from '@omnicast/core';

/**
 * The LINE mock's own request checks (it must not import @omnicast/line): the documented limits,
 * answered as LINE does — `{"message":"The request body has N error(s)","details":[{message, property}]}`.
 */

/** One problem in a request body, in LINE's `details[]` shape. */
export interface LineMockDetail {
  message: string;
  property: string;
}

type AnyRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is AnyRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const messageTypes = [
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
  'coupon',
];
const actionTypes = [
  'postback',
  'message',
  'uri',
  'datetimepicker',
  'camera',
  'cameraRoll',
  'location',
  'richmenuswitch',
  'clipboard',
];

class Details {
  readonly list: LineMockDetail[] = [];
  add(property: string, message: string): void {
    this.list.push({ property, message });
  }
  size(value: unknown, min: number, max: number, property: string): void {
    if (!Array.isArray(value)) {
      if (min > 0) this.add(property, 'May not be empty');
      return;
    }
    if (value.length < min || value.length > max)
      this.add(property, `Size must be between ${min} and ${max}`);
  }
  length(
    value: unknown,
    max: number,
    property: string,
    required: boolean,
    unit: 'utf16' | 'grapheme' = 'utf16',
  ): void {
    if (value === undefined || value === null) {
      if (required) this.add(property, 'May not be empty');
      return;
    }
    if (typeof value !== 'string') {
      this.add(property, 'Must be a string');
      return;
    }
    if (required && value.length === 0) {
      this.add(property, 'May not be empty');
      return;
    }
    const length = unit === 'utf16' ? value.length : countGraphemes(value);
    if (length > max) this.add(property, `Length must be between 0 and ${max}`);
  }
  url(value: unknown, property: string, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value === '') {
      this.add(property, 'May not be empty');
      return;
    }
    if (!value.startsWith('https://')) this.add(property, 'Must be a HTTPS URL');
    if (value.length > 2000) this.add(property, 'Length must be between 0 and 2000');
  }
}

function checkAction(details: Details, action: unknown, property: string, labelMax = 20): void {
  if (!isRecord(action)) {
    details.add(property, 'May not be empty');
    return;
  }
  if (!actionTypes.includes(String(action.type))) {
    details.add(`${property}.type`, 'Invalid action type');
    return;
  }
  details.length(action.label, labelMax, `${property}.label`, false, 'grapheme');
  if (action.type === 'postback' || action.type === 'datetimepicker' || action.type === 'richmenuswitch')
    details.length(action.data, 300, `${property}.data`, true);
  if (action.type === 'message') details.length(action.text, 300, `${property}.text`, true);
  if (action.type === 'uri') details.length(action.uri, 1000, `${property}.uri`, true);
  if (action.type === 'clipboard')
    details.length(action.clipboardText, 1000, `${property}.clipboardText`, true);
}

/** Runs `check` on each column that is an object; a non-object column is reported as empty. */
function forEachColumn(
  details: { add(property: string, message: string): void },
  columns: unknown,
  property: string,
  check: (column: AnyRecord, path: string) => void,
): void {
  if (!Array.isArray(columns)) return;
  columns.forEach((column: unknown, index) => {
    const path = `${property}.columns[${index}]`;
    if (isRecord(column)) check(column, path);
    else details.add(path, 'May not be empty');
  });
}

function checkTemplate(details: Details, template: unknown, property: string): void {
  if (!isRecord(template)) {
    details.add(property, 'May not be empty');
    return;
  }
  const actions = (value: unknown, min: number, max: number, path: string, labelMax = 20) => {
    details.size(value, min, max, path);
    if (Array.isArray(value))
      for (const [index, action] of value.entries())
        checkAction(details, action, `${path}[${index}]`, labelMax);
  };
  switch (template.type) {
    case 'buttons': {
      const small = template.thumbnailImageUrl !== undefined || template.title !== undefined;
      details.length(template.title, 40, `${property}.title`, false, 'grapheme');
      details.length(template.text, small ? 60 : 160, `${property}.text`, true, 'grapheme');
      actions(template.actions, 1, 4, `${property}.actions`);
      break;
    }
    case 'confirm':
      details.length(template.text, 240, `${property}.text`, true, 'grapheme');
      actions(template.actions, 2, 2, `${property}.actions`);
      break;
    case 'carousel':
      details.size(template.columns, 1, 10, `${property}.columns`);
      forEachColumn(details, template.columns, property, (column, path) => {
        const small = column.thumbnailImageUrl !== undefined || column.title !== undefined;
        details.length(column.title, 40, `${path}.title`, false, 'grapheme');
        details.length(column.text, small ? 60 : 120, `${path}.text`, true, 'grapheme');
        actions(column.actions, 1, 3, `${path}.actions`);
      });
      break;
    case 'image_carousel':
      details.size(template.columns, 1, 10, `${property}.columns`);
      forEachColumn(details, template.columns, property, (column, path) => {
        details.url(column.imageUrl, `${path}.imageUrl`, true);
        checkAction(details, column.action, `${path}.action`, 12);
      });
      break;
    default:
      details.add(`${property}.type`, 'Invalid template type');
  }
}

function checkMessage(details: Details, message: unknown, property: string, forbidMedia: boolean): void {
  if (!isRecord(message)) {
    details.add(property, 'May not be empty');
    return;
  }
  const type = String(message.type);
  if (!messageTypes.includes(type)) {
    details.add(`${property}.type`, 'Invalid message type');
    return;
  }
  if (forbidMedia && (type === 'image' || type === 'video' || type === 'audio'))
    details.add(`${property}.type`, 'This message type cannot be sent as a LINE notification message');
  switch (type) {
    case 'text':
    case 'textV2':
      details.length(message.text, 5000, `${property}.text`, true);
      if (Array.isArray(message.emojis)) details.size(message.emojis, 0, 20, `${property}.emojis`);
      break;
    case 'image':
    case 'video':
      details.url(message.originalContentUrl, `${property}.originalContentUrl`, true);
      details.url(message.previewImageUrl, `${property}.previewImageUrl`, true);
      break;
    case 'audio':
      details.url(message.originalContentUrl, `${property}.originalContentUrl`, true);
      if (typeof message.duration !== 'number') details.add(`${property}.duration`, 'May not be empty');
      break;
    case 'location':
      details.length(message.title, 100, `${property}.title`, true);
      details.length(message.address, 100, `${property}.address`, true);
      break;
    case 'sticker':
      details.length(message.packageId, 100, `${property}.packageId`, true);
      details.length(message.stickerId, 100, `${property}.stickerId`, true);
      break;
    case 'template':
      details.length(message.altText, 1500, `${property}.altText`, true);
      checkTemplate(details, message.template, `${property}.template`);
      break;
    case 'flex': {
      details.length(message.altText, 1500, `${property}.altText`, true);
      const contents = message.contents;
      if (!isRecord(contents)) details.add(`${property}.contents`, 'May not be empty');
      else {
        const bytes = Buffer.byteLength(JSON.stringify(contents), 'utf8');
        const max = contents.type === 'carousel' ? 50 * 1024 : 30 * 1024;
        if (bytes > max) details.add(`${property}.contents`, `Size must be at most ${max} bytes`);
        if (contents.type === 'carousel')
          details.size(contents.contents, 1, 12, `${property}.contents.contents`);
      }
      break;
    }
    case 'imagemap':
      details.length(message.altText, 1500, `${property}.altText`, true);
      details.size(message.actions, 0, 50, `${property}.actions`);
      break;
    default:
      break;
  }
  if (message.quickReply !== undefined) {
    const items = isRecord(message.quickReply) ? message.quickReply.items : undefined;
    details.size(items, 1, 13, `${property}.quickReply.items`);
    if (Array.isArray(items))
      items.forEach((item: unknown, index) => {
        const path = `${property}.quickReply.items[${index}]`;
        if (isRecord(item)) checkAction(details, item.action, `${path}.action`);
        else details.add(path, 'May not be empty');
      });
  }
}

/** Checks `messages` (1–5) and each message's documented limits. */
export function checkMessages(body: AnyRecord, options: { forbidMedia?: boolean } = {}): LineMockDetail[] {
  const details = new Details();
  details.size(body.messages, 1, 5, 'messages');
  if (Array.isArray(body.messages))
    for (const [index, message] of body.messages.entries())
      checkMessage(details, message, `messages[${index}]`, options.forbidMedia ?? false);
  return details.list;
}

/** Checks a multicast `to`: 1–500 ids. */
export function checkMulticastTo(body: AnyRecord): LineMockDetail[] {
  const details = new Details();
  details.size(body.to, 1, 500, 'to');
  return details.list;
}

const userIdPattern = /^[UCR][0-9a-f]{32}$/;

/** Checks a push `to`: a user, group or room id. */
export function checkPushTo(body: AnyRecord): LineMockDetail[] {
  if (typeof body.to !== 'string' || body.to === '') return [{ property: 'to', message: 'May not be empty' }];
  if (!userIdPattern.test(body.to)) return [{ property: 'to', message: 'Invalid user, group or room id' }];
  return [];
}

/** Checks narrowcast recipient/filter/limit counts and combinations. */
export function checkNarrowcast(body: AnyRecord): LineMockDetail[] {
  const details = new Details();
  let leaves = 0;
  const walk = (node: unknown, property: string): void => {
    if (!isRecord(node)) {
      details.add(property, 'May not be empty');
      return;
    }
    if (node.type === 'audience' || node.type === 'redelivery') leaves++;
    else if (node.type === 'operator') {
      const keys = ['and', 'or', 'not'].filter((key) => node[key] !== undefined);
      if (keys.length !== 1) details.add(property, 'Exactly one of and, or, not must be specified');
      for (const key of ['and', 'or']) {
        const children = node[key];
        if (children === undefined) continue;
        if (!Array.isArray(children) || children.length === 0)
          details.add(`${property}.${key}`, 'May not be empty');
        else for (const [index, child] of children.entries()) walk(child, `${property}.${key}[${index}]`);
      }
      if (node.not !== undefined) walk(node.not, `${property}.not`);
    } else details.add(`${property}.type`, 'Invalid recipient type');
  };
  if (body.recipient !== undefined) walk(body.recipient, 'recipient');
  if (leaves > 10) details.add('recipient', 'Up to 10 audience and redelivery objects can be specified');
  const limit = body.limit;
  if (isRecord(limit)) {
    if (limit.max !== undefined && (typeof limit.max !== 'number' || limit.max < 1))
      details.add('limit.max', 'Must be at least 1');
    if (limit.forbidPartialDelivery === true && limit.upToRemainingQuota !== true)
      details.add('limit.forbidPartialDelivery', 'Requires upToRemainingQuota to be true');
  }
  return details.list;
}

/** The error body for a list of details. */
export function detailsBody(details: readonly LineMockDetail[]): {
  message: string;
  details: LineMockDetail[];
} {
  return { message: `The request body has ${details.length} error(s)`, details: [...details] };
}
