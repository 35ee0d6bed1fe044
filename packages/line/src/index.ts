/**
 * LINE Messaging API for omnicast: a typed client ({@link LineClient}) with one method per
 * operation and retry keys done right, the `Channel` adapter ({@link createLineChannel}), and webhook
 * verification, parsing, dedupe and framework handlers.
 * @module
 */

export {
  convertToLineMessages,
  type LineConversion,
  toLineText,
} from './convert-to-line-messages.js';
export type {
  LineAudienceApi,
  LineCreateAudienceRequest,
  LineListAudiencesQuery,
} from './line-audience-api.js';
export { lineCapabilities, lineRateLimits } from './line-capabilities.js';
export { createLineChannel, type LineChannelOptions } from './line-channel.js';
export type { LineContent } from './line-chat-requests.js';
export {
  createLineClient,
  LineClient,
  type LineClientOptions,
  type LineDeliveryType,
  type LineReplyResult,
} from './line-client.js';
export { type LineLimits, lineLimits } from './line-limits.js';
export { hashLinePhoneNumber, isLinePhoneHash } from './line-phone-hash.js';
export { validatePnpTemplatedRequest } from './line-pnp.js';
export type {
  LinePnpButton,
  LinePnpEmphasizedItem,
  LinePnpItem,
  LinePnpOptions,
  LinePnpPushRequest,
  LinePnpResult,
  LinePnpTemplatedPushRequest,
} from './line-pnp-types.js';
export type { LineCallOptions, LineSendOptions, LineSendResult } from './line-request-context.js';
export { generateLineRetryKey, isUuid, toLineRetryKey } from './line-retry-key.js';
export type { LineRichMenuApi } from './line-rich-menu-api.js';
export {
  type LineAudienceDetail,
  type LineAudienceGroup,
  type LineAudienceJob,
  type LineAudiencePage,
  type LineAudienceStatus,
  type LineBotInfo,
  type LineDeliveryStats,
  type LineErrorResponse,
  type LineFollowersPage,
  type LineNarrowcastProgress,
  type LineProfile,
  type LineQuota,
  type LineQuotaConsumption,
  type LineRichMenu,
  type LineRichMenuAlias,
  type LineSentMessage,
  lineAudienceDetailSchema,
  lineAudienceGroupSchema,
  lineAudienceJobSchema,
  lineAudiencePageSchema,
  lineAudienceStatusSchema,
  lineBotInfoSchema,
  lineDeliveryStatsSchema,
  lineErrorResponseSchema,
  lineFollowersPageSchema,
  lineNarrowcastProgressSchema,
  lineProfileSchema,
  lineQuotaConsumptionSchema,
  lineQuotaSchema,
  lineRichMenuAliasListSchema,
  lineRichMenuAliasSchema,
  lineRichMenuIdSchema,
  lineRichMenuListSchema,
  lineRichMenuSchema,
  lineSentMessageSchema,
  lineSentMessagesResponseSchema,
} from './line-schemas.js';
export type {
  LineAction,
  LineAgeBucket,
  LineAudioMessage,
  LineBroadcastRequest,
  LineCarouselColumn,
  LineCouponMessage,
  LineDemographicFilter,
  LineEmoji,
  LineFlexMessage,
  LineImageCarouselColumn,
  LineImageMessage,
  LineImagemapMessage,
  LineLocationMessage,
  LineMessage,
  LineMessageCommon,
  LineMulticastRequest,
  LineNarrowcastLimit,
  LineNarrowcastRecipient,
  LineNarrowcastRequest,
  LinePushRequest,
  LineQuickReply,
  LineQuickReplyItem,
  LineReplyRequest,
  LineRichMenuArea,
  LineRichMenuRequest,
  LineSender,
  LineStickerMessage,
  LineSubscriptionPeriod,
  LineTemplate,
  LineTemplateMessage,
  LineTextMessage,
  LineTextV2Message,
  LineValidateRequest,
  LineVideoMessage,
} from './line-types.js';
export {
  createLineWebhookDeduper,
  isLineDeliveryEvent,
  isLineEventOfType,
  isValidLineSignature,
  type LineWebhookDeduper,
  type LineWebhookDeduperOptions,
  type LineWebhookDedupeStore,
  lineSignatureHeader,
  parseLineWebhook,
  signLineWebhookBody,
  type VerifyAndParseLineWebhookOptions,
  type VerifyLineSignatureOptions,
  verifyAndParseLineWebhook,
  verifyLineSignature,
} from './line-webhook.js';
export {
  createLineExpressHandler,
  createLineFastifyHandler,
  createLineFetchHandler,
  createLineNodeHandler,
  type ExpressLikeRequest,
  type ExpressLikeResponse,
  type FastifyLikeReply,
  type FastifyLikeRequest,
  handleLineWebhook,
  type LineWebhookHandlerOptions,
  type LineWebhookOutcome,
} from './line-webhook-handlers.js';
export type * from './line-webhook-types.js';
export { lineWebhookEventTypes } from './line-webhook-types.js';
export {
  lineQuotaExceededMessage,
  lineRateLimitMessage,
  mapLineError,
} from './map-line-error.js';
export {
  validateAggregationUnits,
  validateLineMessages,
  validateMulticastRecipients,
} from './validate-line-messages.js';
export { validateNarrowcastTargeting } from './validate-line-narrowcast.js';
