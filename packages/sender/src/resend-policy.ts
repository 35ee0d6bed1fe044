import { ConfigurationError, type SendLedger } from '@omnicast/core';
import type { ResendPolicy } from './batch-sender-types.js';

const dayMs = 86_400_000;

/** Throws `ConfigurationError` for a policy that cannot be applied. */
export function assertResendPolicy(
  policy: ResendPolicy,
  campaignId: string | undefined,
  hasLedger: boolean,
): void {
  if (policy.type === 'allow-repeats') return;
  if (!campaignId) {
    throw new ConfigurationError(`resendPolicy "${policy.type}" needs batch.campaignId`, {
      option: 'campaignId',
    });
  }
  if (!hasLedger) {
    throw new ConfigurationError(`resendPolicy "${policy.type}" needs a ledger`, { option: 'ledger' });
  }
  if (policy.type === 'not-within' && !(policy.days > 0)) {
    throw new ConfigurationError('resendPolicy.days must be positive', { option: 'resendPolicy.days' });
  }
}

/** Recipient keys the policy excludes from this run, looked up in one ledger call. */
export async function excludedByResendPolicy(
  policy: ResendPolicy,
  ledger: SendLedger,
  campaignId: string | undefined,
  batchId: string,
  recipientKeys: readonly string[],
  now: number,
): Promise<Set<string>> {
  if (policy.type === 'allow-repeats' || campaignId === undefined || recipientKeys.length === 0)
    return new Set();
  const last = await ledger.lastSentAt({ campaignId, recipientKeys, excludeBatchId: batchId });
  const excluded = new Set<string>();
  const since = policy.type === 'not-within' ? now - policy.days * dayMs : Number.NEGATIVE_INFINITY;
  for (const [key, at] of last) if (at > since) excluded.add(key);
  return excluded;
}
