/**
 * Documented LINE Messaging API limits (developers.line.biz reference, "Message objects",
 * "Action objects", "Text character count"). The OpenAPI spec encodes only a few of them, so the
 * client checks these before sending.
 */
export const lineLimits = {
  /** Message objects per request. */
  maxMessagesPerRequest: 5,
  /** User ids per multicast. */
  maxMulticastRecipients: 500,
  /** Text message length, in UTF-16 code units. */
  maxTextLength: 5000,
  maxEmojisPerText: 20,
  /** Alt text of template, flex and imagemap messages, in UTF-16 code units. */
  maxAltTextLength: 1500,
  maxQuickReplyItems: 13,
  /** Action labels (templates, quick replies), in grapheme clusters. */
  maxActionLabel: 20,
  /** Image carousel action labels, in grapheme clusters. */
  maxImageCarouselLabel: 12,
  maxPostbackData: 300,
  maxActionText: 300,
  maxUri: 1000,
  maxClipboardText: 1000,
  maxUrl: 2000,
  maxLocationTitle: 100,
  maxLocationAddress: 100,
  maxTemplateTitle: 40,
  maxButtonsText: 160,
  maxButtonsTextWithImageOrTitle: 60,
  maxButtonsActions: 4,
  maxConfirmText: 240,
  maxCarouselColumns: 10,
  maxCarouselText: 120,
  maxCarouselTextWithImageOrTitle: 60,
  maxCarouselActions: 3,
  maxImagemapActions: 50,
  /** Bubble JSON size in bytes (30 KB). */
  maxFlexBubbleBytes: 30 * 1024,
  /** Flex carousel JSON size in bytes (50 KB). */
  maxFlexCarouselBytes: 50 * 1024,
  maxFlexCarouselBubbles: 12,
  maxSenderName: 20,
  maxAudienceIdsPerRequest: 10_000,
  maxAudienceDescription: 120,
  maxUploadDescription: 300,
  /** Audience and redelivery recipient objects per narrowcast. */
  maxNarrowcastRecipientObjects: 10,
  maxNarrowcastDemographicObjects: 10,
  /** `X-Line-Delivery-Tag` length range. */
  minDeliveryTag: 16,
  maxDeliveryTag: 100,
  maxPnpEmphasizedContent: 15,
  maxPnpItems: 15,
  maxPnpItemContent: 300,
  maxPnpButtons: 2,
  /** Request body size (2 MB → 413). */
  maxRequestBodyBytes: 2 * 1024 * 1024,
} as const;

/** The documented LINE limits, as data. */
export type LineLimits = typeof lineLimits;
