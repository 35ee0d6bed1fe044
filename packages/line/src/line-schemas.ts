import { z } from 'zod';

/**
 * zod schemas of LINE Messaging API responses (wire format). Objects are loose: fields LINE adds
 * later are kept, never rejected. Request shapes are the TypeScript types in `line-types.ts`.
 */

/** A message LINE accepted (`sentMessages[]`). Ids are strings (64-bit range). */
export const lineSentMessageSchema = z.looseObject({
  id: z.string(),
  quoteToken: z.string().optional(),
});
/** A message LINE accepted. */
export type LineSentMessage = z.infer<typeof lineSentMessageSchema>;

/** Response of reply and push. */
export const lineSentMessagesResponseSchema = z.looseObject({
  sentMessages: z.array(lineSentMessageSchema).default([]),
});

/** LINE's error body: `{message, details?, sentMessages?}`. */
export const lineErrorResponseSchema = z.looseObject({
  message: z.string(),
  details: z
    .array(z.looseObject({ message: z.string().optional(), property: z.string().optional() }))
    .optional(),
  sentMessages: z.array(lineSentMessageSchema).optional(),
});
/** LINE's error body. */
export type LineErrorResponse = z.infer<typeof lineErrorResponseSchema>;

/** Narrowcast progress. */
export const lineNarrowcastProgressSchema = z.looseObject({
  phase: z.enum(['waiting', 'sending', 'succeeded', 'failed']),
  successCount: z.number().optional(),
  failureCount: z.number().optional(),
  targetCount: z.number().optional(),
  failedDescription: z.string().optional(),
  errorCode: z.number().optional(),
  acceptedTime: z.string(),
  completedTime: z.string().optional(),
});
/** Narrowcast progress. */
export type LineNarrowcastProgress = z.infer<typeof lineNarrowcastProgressSchema>;

/** Monthly message quota. */
export const lineQuotaSchema = z.looseObject({
  type: z.enum(['none', 'limited']),
  value: z.number().optional(),
});
/** Monthly message quota. */
export type LineQuota = z.infer<typeof lineQuotaSchema>;

/** Messages sent this month (approximate). */
export const lineQuotaConsumptionSchema = z.looseObject({ totalUsage: z.number() });
/** Messages sent this month. */
export type LineQuotaConsumption = z.infer<typeof lineQuotaConsumptionSchema>;

/** Number of messages sent on a day (`/v2/bot/message/delivery/*`). */
export const lineDeliveryStatsSchema = z.looseObject({
  status: z.enum(['ready', 'unready', 'out_of_service']),
  success: z.number().optional(),
});
/** Number of messages sent on a day. */
export type LineDeliveryStats = z.infer<typeof lineDeliveryStatsSchema>;

/** A user profile. */
export const lineProfileSchema = z.looseObject({
  displayName: z.string(),
  userId: z.string(),
  pictureUrl: z.string().optional(),
  statusMessage: z.string().optional(),
  language: z.string().optional(),
});
/** A user profile. */
export type LineProfile = z.infer<typeof lineProfileSchema>;

/** One page of follower ids. */
export const lineFollowersPageSchema = z.looseObject({
  userIds: z.array(z.string()),
  next: z.string().optional(),
});
/** One page of follower ids. */
export type LineFollowersPage = z.infer<typeof lineFollowersPageSchema>;

/** Audience status. */
export const lineAudienceStatusSchema = z.enum([
  'IN_PROGRESS',
  'READY',
  'FAILED',
  'EXPIRED',
  'INACTIVE',
  'ACTIVATING',
]);
/** Audience status. */
export type LineAudienceStatus = z.infer<typeof lineAudienceStatusSchema>;

/** An audience (group of users for narrowcast). */
export const lineAudienceGroupSchema = z.looseObject({
  audienceGroupId: z.number(),
  type: z.string(),
  description: z.string().optional(),
  status: lineAudienceStatusSchema.optional(),
  failedType: z.string().nullable().optional(),
  audienceCount: z.number().optional(),
  created: z.number().optional(),
  requestId: z.string().optional(),
  clickUrl: z.string().optional(),
  isIfaAudience: z.boolean().optional(),
  permission: z.string().optional(),
  createRoute: z.string().optional(),
  expireTimestamp: z.number().optional(),
});
/** An audience. */
export type LineAudienceGroup = z.infer<typeof lineAudienceGroupSchema>;

/** An upload job of an audience. */
export const lineAudienceJobSchema = z.looseObject({
  audienceGroupJobId: z.number(),
  audienceGroupId: z.number().optional(),
  description: z.string().optional(),
  type: z.string().optional(),
  jobStatus: z.enum(['QUEUED', 'WORKING', 'FINISHED', 'FAILED']).optional(),
  failedType: z.string().nullable().optional(),
  audienceCount: z.number().optional(),
  created: z.number().optional(),
});
/** An upload job of an audience. */
export type LineAudienceJob = z.infer<typeof lineAudienceJobSchema>;

/** Response of `GET /v2/bot/audienceGroup/{id}`. */
export const lineAudienceDetailSchema = z.looseObject({
  audienceGroup: lineAudienceGroupSchema,
  jobs: z.array(lineAudienceJobSchema).default([]),
});
/** An audience with its jobs. */
export type LineAudienceDetail = z.infer<typeof lineAudienceDetailSchema>;

/** One page of audiences. */
export const lineAudiencePageSchema = z.looseObject({
  audienceGroups: z.array(lineAudienceGroupSchema).default([]),
  hasNextPage: z.boolean(),
  totalCount: z.number(),
  readWriteAudienceGroupTotalCount: z.number().optional(),
  page: z.number(),
  size: z.number(),
});
/** One page of audiences. */
export type LineAudiencePage = z.infer<typeof lineAudiencePageSchema>;

/** A created rich menu id. */
export const lineRichMenuIdSchema = z.looseObject({ richMenuId: z.string() });

/** A rich menu as stored by LINE. */
export const lineRichMenuSchema = z.looseObject({
  richMenuId: z.string(),
  size: z.looseObject({ width: z.number(), height: z.number() }),
  selected: z.boolean(),
  name: z.string(),
  chatBarText: z.string(),
  areas: z.array(z.looseObject({})),
});
/** A rich menu as stored by LINE. */
export type LineRichMenu = z.infer<typeof lineRichMenuSchema>;

/** Rich menu list. */
export const lineRichMenuListSchema = z.looseObject({ richmenus: z.array(lineRichMenuSchema) });

/** A rich menu alias. */
export const lineRichMenuAliasSchema = z.looseObject({ richMenuAliasId: z.string(), richMenuId: z.string() });
/** A rich menu alias. */
export type LineRichMenuAlias = z.infer<typeof lineRichMenuAliasSchema>;

/** Rich menu alias list. */
export const lineRichMenuAliasListSchema = z.looseObject({ aliases: z.array(lineRichMenuAliasSchema) });

/** Bot information. */
export const lineBotInfoSchema = z.looseObject({
  userId: z.string(),
  basicId: z.string(),
  displayName: z.string(),
  premiumId: z.string().optional(),
  pictureUrl: z.string().optional(),
  chatMode: z.string(),
  markAsReadMode: z.string(),
});
/** Bot information. */
export type LineBotInfo = z.infer<typeof lineBotInfoSchema>;
