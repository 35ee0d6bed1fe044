import type { NormalizePhoneNumberOptions } from '@omnicast/core';
import type { LineMessage } from './line-types.js';

/** Body of a flexible LINE notification message (`POST /bot/pnp/push`), before hashing `to`. */
export interface LinePnpPushRequest {
  /** Phone number (E.164, or national with a default region) or its SHA-256 hex digest. */
  to: string;
  /** Up to 5 messages; image, video and audio are not allowed. */
  messages: LineMessage[];
  notificationDisabled?: boolean;
}

/** The emphasised item of a templated notification (content ≤ 15 characters). */
export interface LinePnpEmphasizedItem {
  itemKey: string;
  content: string;
}

/** An item of a templated notification (content ≤ 300 characters). */
export interface LinePnpItem {
  itemKey: string;
  content: string;
}

/** A button of a templated notification (url ≤ 1000 characters). */
export interface LinePnpButton {
  buttonKey: string;
  url: string;
}

/** Body of a templated LINE notification message (`POST /v2/bot/message/pnp/templated/push`). */
export interface LinePnpTemplatedPushRequest {
  /** Phone number (E.164, or national with a default region) or its SHA-256 hex digest. */
  to: string;
  templateKey: string;
  body: {
    emphasizedItem?: LinePnpEmphasizedItem;
    items?: LinePnpItem[];
    buttons?: LinePnpButton[];
  };
}

/** Options of a PNP (LINE notification message) push. */
export interface LinePnpOptions {
  signal?: AbortSignal;
  /** `X-Line-Delivery-Tag` (16–100 characters), echoed in the `delivery` webhook event. */
  deliveryTag?: string;
  /** Region for national phone numbers. */
  phone?: NormalizePhoneNumberOptions;
}

/** The outcome of a PNP push. */
export interface LinePnpResult {
  requestId?: string;
  /** The SHA-256 hex digest sent as `to`. */
  hashedPhoneNumber: string;
}
