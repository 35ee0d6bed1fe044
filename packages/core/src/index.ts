/**
 * Unified message model, Channel contract, capabilities, validation, errors, HTTP transport and
 * webhook helpers for omnicast.
 * @module
 */

export type {
  Channel,
  SendAccepted,
  SendManyRequest,
  SendOptions,
  SendRequest,
  SendResult,
} from './channel.js';
export type {
  BillingUnit,
  ChannelCapabilities,
  IdentityKind,
  MessageLimits,
  RateLimit,
  RecipientType,
  SendOperations,
  SessionWindowRule,
  TextLimit,
} from './channel-capabilities.js';
export { type Clock, systemClock } from './clock.js';
export {
  countGraphemes,
  countSmsSegments,
  countText,
  isGsm7,
  type SmsSegmentInfo,
  type TextUnit,
} from './count-text.js';
export {
  ApiCallError,
  type ApiCallErrorOptions,
  ConfigurationError,
  type ConfigurationErrorOptions,
  defaultIsRetryable,
  type ErrorReason,
  errorReasons,
  formatIssuePath,
  OmnicastError,
  type OmnicastErrorOptions,
  SignatureError,
  type SignatureErrorOptions,
  UnsupportedFeatureError,
  type UnsupportedFeatureErrorOptions,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './errors.js';
export {
  createHttpTransport,
  type HttpTransport,
  type HttpTransportOptions,
} from './http-transport.js';
export type {
  HttpBody,
  HttpErrorContext,
  HttpErrorMapper,
  HttpEventBase,
  HttpHooks,
  HttpMethod,
  HttpQuery,
  HttpRequest,
  HttpRequestEvent,
  HttpResponse,
  HttpResponseEvent,
  HttpResponseType,
  HttpRetryEvent,
  MappedHttpError,
} from './http-types.js';
export {
  assertDistinctLedgerKeys,
  createInMemorySendLedger,
  type InMemorySendLedger,
} from './in-memory-send-ledger.js';
export { defaultMapHttpError, reasonByStatus } from './map-http-error.js';
export {
  type AudioPart,
  audioPartSchema,
  type Button,
  type ButtonsPart,
  type ButtonType,
  buttonSchema,
  buttonsPartSchema,
  type Card,
  type CarouselPart,
  type ChannelKind,
  cardSchema,
  carouselPartSchema,
  channelKindSchema,
  type FilePart,
  filePartSchema,
  type ImagePart,
  imagePartSchema,
  type LocationPart,
  locationPartSchema,
  type Message,
  type MessageInput,
  type MessageMetadata,
  type MessagePart,
  type MessagePurpose,
  messageMetadataSchema,
  messagePartSchema,
  messagePurposeSchema,
  messageSchema,
  type PartType,
  partTypes,
  phoneButtonSchema,
  postbackButtonSchema,
  replyButtonSchema,
  type StickerPart,
  stickerPartSchema,
  type TemplatePart,
  type TextPart,
  templatePartSchema,
  textPartSchema,
  urlButtonSchema,
  type VideoPart,
  videoPartSchema,
} from './message-schema.js';
export { parseMessage, type SafeParseResult, safeParseMessage } from './parse-message.js';
export {
  maskPhoneNumber,
  type NormalizePhoneNumberOptions,
  type NormalizePhoneNumberResult,
  normalizePhoneNumber,
  type PhoneRegion,
  safeNormalizePhoneNumber,
} from './phone-number.js';
export {
  addFastifyRawBodyParser,
  type FastifyLike,
  type FrameworkRequestLike,
  type RawBodyOptions,
  readFrameworkRawBody,
  readNodeRawBody,
  readWebRawBody,
} from './raw-body.js';
export {
  type Contact,
  type ContactIdentities,
  contactIdentitiesSchema,
  contactSchema,
  type ParseContactOptions,
  parseContact,
  type Recipient,
  recipientForContact,
  recipientKey,
  recipientSchema,
} from './recipient.js';
export {
  credentialOf,
  isSensitiveHeader,
  REDACTED,
  redactHeaders,
  redactText,
  redactUrl,
  redactValue,
} from './redact.js';
export {
  listMessageVariables,
  type MessageVariables,
  type RenderMessageOptions,
  renderMessage,
  renderTemplateString,
} from './render-message.js';
export { computeBackoffMs, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
export {
  type LastSentQuery,
  type ListBatchOptions,
  type SendClaim,
  type SendIntent,
  type SendLedger,
  type SendLedgerEntry,
  type SendLedgerKey,
  type SendLedgerStatus,
  type SendOutcomeRecord,
  sendLedgerKeyString,
} from './send-ledger.js';
export {
  type DegradationWarning,
  type MessageValidationReport,
  validateMessage,
} from './validate-message.js';
export {
  computeHmac,
  constantTimeEqual,
  type HmacAlgorithm,
  isValidHmacSignature,
  type SignatureEncoding,
  twilioSignaturePayload,
  type VerifyHmacSignatureOptions,
  verifyHmacSignature,
} from './webhook-signature.js';
export { parseWithSchema, toValidationIssues } from './zod-issues.js';
