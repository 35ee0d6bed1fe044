/**
 * TypeScript shapes of LINE Messaging API request objects (wire format), after the official
 * OpenAPI specs (line/line-openapi `messaging-api.yml`, `manage-audience.yml`). Unknown extra
 * fields are allowed everywhere so new LINE features can be sent before this package models them.
 */

/** An action attached to a button, quick reply or image area. */
export type LineAction =
  | {
      type: 'postback';
      label?: string;
      data: string;
      displayText?: string;
      inputOption?: string;
      fillInText?: string;
    }
  | { type: 'message'; label?: string; text: string }
  | { type: 'uri'; label?: string; uri: string; altUri?: { desktop: string } }
  | {
      type: 'datetimepicker';
      label?: string;
      data: string;
      mode: 'date' | 'time' | 'datetime';
      initial?: string;
      max?: string;
      min?: string;
    }
  | { type: 'camera' | 'cameraRoll' | 'location'; label: string }
  | { type: 'richmenuswitch'; label?: string; richMenuAliasId: string; data: string }
  | { type: 'clipboard'; label: string; clipboardText: string };

/** A quick reply button. */
export interface LineQuickReplyItem {
  type: 'action';
  imageUrl?: string;
  action: LineAction;
}

/** Quick reply buttons shown under the last message of a request. */
export interface LineQuickReply {
  items: LineQuickReplyItem[];
}

/** Changes the icon and display name shown for a message. */
export interface LineSender {
  name?: string;
  iconUrl?: string;
}

/** Fields every message object may carry. */
export interface LineMessageCommon {
  quickReply?: LineQuickReply;
  sender?: LineSender;
}

/** A LINE emoji placed on a `$` of a text message. */
export interface LineEmoji {
  /** UTF-16 index of the `$` placeholder in `text`. */
  index: number;
  productId: string;
  emojiId: string;
}

/** Text message (≤ 5000 UTF-16 units, ≤ 20 emojis). */
export interface LineTextMessage extends LineMessageCommon {
  type: 'text';
  text: string;
  emojis?: LineEmoji[];
  quoteToken?: string;
}

/** Text message v2 with `{key}` substitutions (mentions, emojis). */
export interface LineTextV2Message extends LineMessageCommon {
  type: 'textV2';
  text: string;
  substitution?: Record<string, unknown>;
  quoteToken?: string;
}

/** Sticker message. */
export interface LineStickerMessage extends LineMessageCommon {
  type: 'sticker';
  packageId: string;
  stickerId: string;
  quoteToken?: string;
}

/** Image message (HTTPS JPEG/PNG). */
export interface LineImageMessage extends LineMessageCommon {
  type: 'image';
  originalContentUrl: string;
  previewImageUrl: string;
}

/** Video message (HTTPS mp4). */
export interface LineVideoMessage extends LineMessageCommon {
  type: 'video';
  originalContentUrl: string;
  previewImageUrl: string;
  trackingId?: string;
}

/** Audio message (HTTPS mp3/m4a). */
export interface LineAudioMessage extends LineMessageCommon {
  type: 'audio';
  originalContentUrl: string;
  /** Length in milliseconds. */
  duration: number;
}

/** Location message. */
export interface LineLocationMessage extends LineMessageCommon {
  type: 'location';
  title: string;
  address: string;
  latitude: number;
  longitude: number;
}

/** Imagemap message (passed through; limits checked). */
export interface LineImagemapMessage extends LineMessageCommon {
  type: 'imagemap';
  baseUrl: string;
  altText: string;
  baseSize: { width: number; height: number };
  actions: Record<string, unknown>[];
  video?: Record<string, unknown>;
}

/** A column of a carousel template. */
export interface LineCarouselColumn {
  thumbnailImageUrl?: string;
  imageBackgroundColor?: string;
  title?: string;
  text: string;
  defaultAction?: LineAction;
  actions: LineAction[];
}

/** A column of an image carousel template. */
export interface LineImageCarouselColumn {
  imageUrl: string;
  action: LineAction;
}

/** A template's layout. */
export type LineTemplate =
  | {
      type: 'buttons';
      thumbnailImageUrl?: string;
      imageAspectRatio?: 'rectangle' | 'square';
      imageSize?: 'cover' | 'contain';
      imageBackgroundColor?: string;
      title?: string;
      text: string;
      defaultAction?: LineAction;
      actions: LineAction[];
    }
  | { type: 'confirm'; text: string; actions: LineAction[] }
  | {
      type: 'carousel';
      columns: LineCarouselColumn[];
      imageAspectRatio?: 'rectangle' | 'square';
      imageSize?: 'cover' | 'contain';
    }
  | { type: 'image_carousel'; columns: LineImageCarouselColumn[] };

/** Template message. */
export interface LineTemplateMessage extends LineMessageCommon {
  type: 'template';
  altText: string;
  template: LineTemplate;
}

/** Flex message: `contents` is a bubble or carousel container, passed through as JSON. */
export interface LineFlexMessage extends LineMessageCommon {
  type: 'flex';
  altText: string;
  contents: { type: 'bubble' | 'carousel'; [key: string]: unknown };
}

/** Coupon message. */
export interface LineCouponMessage extends LineMessageCommon {
  type: 'coupon';
  couponId: string;
  deliveryTag?: string;
}

/** Any LINE message object. */
export type LineMessage =
  | LineTextMessage
  | LineTextV2Message
  | LineStickerMessage
  | LineImageMessage
  | LineVideoMessage
  | LineAudioMessage
  | LineLocationMessage
  | LineImagemapMessage
  | LineTemplateMessage
  | LineFlexMessage
  | LineCouponMessage;

/** Body of `POST /v2/bot/message/reply`. */
export interface LineReplyRequest {
  replyToken: string;
  messages: LineMessage[];
  notificationDisabled?: boolean;
}

/** Body of `POST /v2/bot/message/push`. */
export interface LinePushRequest {
  /** User, group or room id. */
  to: string;
  messages: LineMessage[];
  notificationDisabled?: boolean;
  /** At most one unit name, `^[a-zA-Z0-9_]{1,30}$`. */
  customAggregationUnits?: string[];
}

/** Body of `POST /v2/bot/message/multicast`. */
export interface LineMulticastRequest {
  /** 1–500 user ids. */
  to: string[];
  messages: LineMessage[];
  notificationDisabled?: boolean;
  customAggregationUnits?: string[];
}

/** Narrowcast recipient: an audience, an earlier narrowcast to redeliver, or a logical operator. */
export type LineNarrowcastRecipient =
  | { type: 'audience'; audienceGroupId: number }
  | { type: 'redelivery'; requestId: string }
  | {
      type: 'operator';
      and?: LineNarrowcastRecipient[];
      or?: LineNarrowcastRecipient[];
      not?: LineNarrowcastRecipient;
    };

/** Age bucket of a demographic filter. */
export type LineAgeBucket =
  | 'age_15'
  | 'age_20'
  | 'age_25'
  | 'age_30'
  | 'age_35'
  | 'age_40'
  | 'age_45'
  | 'age_50'
  | 'age_55'
  | 'age_60'
  | 'age_65'
  | 'age_70';

/** Friendship length bucket of a demographic filter. */
export type LineSubscriptionPeriod = 'day_7' | 'day_30' | 'day_90' | 'day_180' | 'day_365';

/** Narrowcast demographic filter. */
export type LineDemographicFilter =
  | { type: 'gender'; oneOf: ('male' | 'female')[] }
  | { type: 'appType'; oneOf: ('ios' | 'android')[] }
  | { type: 'area'; oneOf: string[] }
  | { type: 'age'; gte?: LineAgeBucket; lt?: LineAgeBucket }
  | { type: 'subscriptionPeriod'; gte?: LineSubscriptionPeriod; lt?: LineSubscriptionPeriod }
  | {
      type: 'operator';
      and?: LineDemographicFilter[];
      or?: LineDemographicFilter[];
      not?: LineDemographicFilter;
    };

/** Narrowcast delivery limit. */
export interface LineNarrowcastLimit {
  max?: number;
  upToRemainingQuota?: boolean;
  /** Only with `upToRemainingQuota: true`. */
  forbidPartialDelivery?: boolean;
}

/** Body of `POST /v2/bot/message/narrowcast`. */
export interface LineNarrowcastRequest {
  messages: LineMessage[];
  recipient?: LineNarrowcastRecipient;
  filter?: { demographic: LineDemographicFilter };
  limit?: LineNarrowcastLimit;
  notificationDisabled?: boolean;
}

/** Body of `POST /v2/bot/message/broadcast`. */
export interface LineBroadcastRequest {
  messages: LineMessage[];
  notificationDisabled?: boolean;
}

/** Body of a `validate*` request: only the messages. */
export interface LineValidateRequest {
  messages: LineMessage[];
}

/** A rich menu area. */
export interface LineRichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: LineAction;
}

/** Body of `POST /v2/bot/richmenu`. */
export interface LineRichMenuRequest {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: LineRichMenuArea[];
}
