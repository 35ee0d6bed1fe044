/**
 * Default exclusions, as an explicit and overridable policy. The seeds exclude unsubscribed and
 * over-quota contacts from every broadcast and count (§2.3, §2.9), and gate e-mail and SMS sends on
 * newsletter / marketing consent (§2.1, §8.2). `countSegment`, `previewSegment`, `compileSegment`,
 * `explainSegment` and `compileSegmentToSql` all apply `defaultExclusionPolicy` unless told otherwise.
 */
import type { ChannelName } from './contact-model.js';
import type { SegmentCondition, SegmentFilter } from './segment-filter-types.js';

/** Which contacts every count and send leaves out. */
export interface ExclusionPolicy {
  /** The channel the audience is for; subscription and consent are checked on it. */
  channel?: ChannelName;
  /** The account (LINE OA, page, number) the audience is for. */
  accountId?: string;
  /** Keep only contacts subscribed on `channel` (on any channel when none is given). Default true. */
  excludeUnsubscribed?: boolean;
  /** Leave out over-quota contacts. Default true. */
  excludeOverQuota?: boolean;
  /** Channels whose sends need marketing consent (applied when `channel` is one of them). */
  requireConsentFor?: readonly ChannelName[];
}

/** The default policy: subscribed only, no over-quota contacts, consent for e-mail and SMS. */
export const defaultExclusionPolicy: Readonly<ExclusionPolicy> = Object.freeze({
  excludeUnsubscribed: true,
  excludeOverQuota: true,
  requireConsentFor: Object.freeze(['email', 'sms'] as ChannelName[]),
});

/** One exclusion rule: a condition a contact must meet to stay in the audience. */
export interface ExclusionRule {
  /** `unsubscribed`, `over-quota` or `no-consent`. */
  reason: 'unsubscribed' | 'over-quota' | 'no-consent';
  keep: SegmentCondition;
}

/** The rules of a policy (`false` means none). */
export function exclusionRules(policy: ExclusionPolicy | false = defaultExclusionPolicy): ExclusionRule[] {
  if (policy === false) return [];
  const merged = { ...defaultExclusionPolicy, ...policy };
  const rules: ExclusionRule[] = [];
  if (merged.excludeUnsubscribed) {
    rules.push({
      reason: 'unsubscribed',
      keep: {
        type: 'subscription',
        status: 'subscribed',
        ...(merged.channel ? { channel: merged.channel } : {}),
        ...(merged.accountId ? { accountId: merged.accountId } : {}),
      },
    });
  }
  if (merged.excludeOverQuota)
    rules.push({ reason: 'over-quota', keep: { type: 'over-quota', isOverQuota: false } });
  if (merged.channel && merged.requireConsentFor?.includes(merged.channel)) {
    rules.push({
      reason: 'no-consent',
      keep: { type: 'consent', channel: merged.channel, hasConsent: true },
    });
  }
  return rules;
}

/** The filter with the policy's rules ANDed in (the filter itself is left unchanged). */
export function withExclusions(
  filter: SegmentFilter,
  policy: ExclusionPolicy | false = defaultExclusionPolicy,
): SegmentFilter {
  const rules = exclusionRules(policy);
  if (rules.length === 0) return filter;
  return { version: 1, where: { and: [filter.where, ...rules.map((rule) => rule.keep)] } };
}
