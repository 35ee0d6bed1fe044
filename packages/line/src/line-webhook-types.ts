/**
 * Types of LINE webhook bodies and events, after `webhook.yml` (line/line-openapi) plus the
 * documented `messageEdited` event. Unknown event types are passed through as {@link LineUnknownEvent}.
 */

/** Where an event comes from. */
export type LineEventSource =
  | { type: 'user'; userId?: string }
  | { type: 'group'; groupId: string; userId?: string }
  | { type: 'room'; roomId: string; userId?: string };

/** Fields every event has. */
export interface LineEventBase {
  type: string;
  /** `standby` events (another channel is in control) carry no reply token; do not send. */
  mode: 'active' | 'standby';
  /** Event time in ms, unchanged on redelivery. */
  timestamp: number;
  source?: LineEventSource;
  /** ULID, the same on redelivery: dedupe on it. */
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
  [key: string]: unknown;
}

/** Content of a received message. */
export type LineMessageContent =
  | {
      type: 'text';
      id: string;
      text: string;
      quoteToken?: string;
      quotedMessageId?: string;
      markAsReadToken?: string;
      emojis?: { index: number; length: number; productId: string; emojiId: string }[];
      mention?: {
        mentionees: {
          index: number;
          length: number;
          type: 'user' | 'all';
          userId?: string;
          isSelf?: boolean;
        }[];
      };
    }
  | {
      type: 'image' | 'video' | 'audio';
      id: string;
      quoteToken?: string;
      duration?: number;
      contentProvider: { type: 'line' | 'external'; originalContentUrl?: string; previewImageUrl?: string };
      imageSet?: { id: string; index?: number; total?: number };
    }
  | { type: 'file'; id: string; fileName: string; fileSize: number }
  | { type: 'location'; id: string; title?: string; address?: string; latitude: number; longitude: number }
  | {
      type: 'sticker';
      id: string;
      packageId: string;
      stickerId: string;
      stickerResourceType: string;
      keywords?: string[];
      text?: string;
      quoteToken?: string;
      quotedMessageId?: string;
    };

/** A user sent a message. */
export interface LineMessageEvent extends LineEventBase {
  type: 'message';
  replyToken?: string;
  message: LineMessageContent;
}
/** A user edited a message (documented, not in webhook.yml). */
export interface LineMessageEditedEvent extends LineEventBase {
  type: 'messageEdited';
  replyToken?: string;
  message: LineMessageContent;
}
/** A user unsent a message. */
export interface LineUnsendEvent extends LineEventBase {
  type: 'unsend';
  unsend: { messageId: string };
}
/** A user added or unblocked the account. */
export interface LineFollowEvent extends LineEventBase {
  type: 'follow';
  replyToken: string;
  follow: { isUnblocked: boolean };
}
/** A user blocked the account. */
export interface LineUnfollowEvent extends LineEventBase {
  type: 'unfollow';
}
/** The bot joined a group or room. */
export interface LineJoinEvent extends LineEventBase {
  type: 'join';
  replyToken: string;
}
/** The bot left a group or room. */
export interface LineLeaveEvent extends LineEventBase {
  type: 'leave';
}
/** Users joined a group or room. */
export interface LineMemberJoinedEvent extends LineEventBase {
  type: 'memberJoined';
  replyToken: string;
  joined: { members: { type: 'user'; userId?: string }[] };
}
/** Users left a group or room. */
export interface LineMemberLeftEvent extends LineEventBase {
  type: 'memberLeft';
  left: { members: { type: 'user'; userId?: string }[] };
}
/** A postback action was used. */
export interface LinePostbackEvent extends LineEventBase {
  type: 'postback';
  replyToken?: string;
  postback: { data: string; params?: Record<string, string> };
}
/** A user watched a video with a `trackingId` to the end. */
export interface LineVideoPlayCompleteEvent extends LineEventBase {
  type: 'videoPlayComplete';
  replyToken: string;
  videoPlayComplete: { trackingId: string };
}
/** A user entered a beacon's range. */
export interface LineBeaconEvent extends LineEventBase {
  type: 'beacon';
  replyToken: string;
  beacon: { hwid: string; type: 'enter' | 'banner' | 'stay'; dm?: string };
}
/** A user linked their account. */
export interface LineAccountLinkEvent extends LineEventBase {
  type: 'accountLink';
  replyToken?: string;
  link: { result: 'ok' | 'failed'; nonce: string };
}
/** Membership joined, left or renewed. */
export interface LineMembershipEvent extends LineEventBase {
  type: 'membership';
  replyToken: string;
  membership: { type: 'joined' | 'left' | 'renewed'; membershipId: number };
}
/** Module channel attached or detached. */
export interface LineModuleEvent extends LineEventBase {
  type: 'module';
  module: Record<string, unknown>;
}
/** Chat control activated (module channels). */
export interface LineActivatedEvent extends LineEventBase {
  type: 'activated';
  chatControl: { expireAt: number };
}
/** Chat control deactivated. */
export interface LineDeactivatedEvent extends LineEventBase {
  type: 'deactivated';
}
/** The bot was suspended. */
export interface LineBotSuspendedEvent extends LineEventBase {
  type: 'botSuspended';
}
/** The bot was resumed. */
export interface LineBotResumedEvent extends LineEventBase {
  type: 'botResumed';
}
/**
 * A LINE notification message (PNP) was delivered and is viewable (not necessarily read).
 * `delivery.data` is the hashed phone number, or the `X-Line-Delivery-Tag` of the send.
 */
export interface LineDeliveryEvent extends LineEventBase {
  type: 'delivery';
  delivery: { data: string };
}
/** An event type this package does not know yet, passed through as received. */
export interface LineUnknownEvent extends LineEventBase {
  type: string & {};
}

/** Any event of the webhook.yml spec, `messageEdited`, or an unknown type. */
export type LineWebhookEvent =
  | LineMessageEvent
  | LineMessageEditedEvent
  | LineUnsendEvent
  | LineFollowEvent
  | LineUnfollowEvent
  | LineJoinEvent
  | LineLeaveEvent
  | LineMemberJoinedEvent
  | LineMemberLeftEvent
  | LinePostbackEvent
  | LineVideoPlayCompleteEvent
  | LineBeaconEvent
  | LineAccountLinkEvent
  | LineMembershipEvent
  | LineModuleEvent
  | LineActivatedEvent
  | LineDeactivatedEvent
  | LineBotSuspendedEvent
  | LineBotResumedEvent
  | LineDeliveryEvent;

/** The event types known to this package. */
export const lineWebhookEventTypes = [
  'message',
  'messageEdited',
  'unsend',
  'follow',
  'unfollow',
  'join',
  'leave',
  'memberJoined',
  'memberLeft',
  'postback',
  'videoPlayComplete',
  'beacon',
  'accountLink',
  'membership',
  'module',
  'activated',
  'deactivated',
  'botSuspended',
  'botResumed',
  'delivery',
] as const;

/** A known event type. */
export type LineWebhookEventType = (typeof lineWebhookEventTypes)[number];

/** A webhook request body. */
export interface LineWebhookBody {
  /** The bot's user id (`U` + 32 hex). */
  destination: string;
  /** May be empty: LINE's connectivity check. */
  events: (LineWebhookEvent | LineUnknownEvent)[];
}
