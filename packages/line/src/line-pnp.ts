import type { ValidationIssue } from '@omnicast/core';
import { lineLimits as L } from './line-limits.js';
import type { LinePnpTemplatedPushRequest } from './line-pnp-types.js';

/**
 * Checks a templated notification against the documented shape: `templateKey` required,
 * emphasised item content ≤ 15, 0–15 items with content ≤ 300, 0–2 buttons with url ≤ 1000.
 */
export function validatePnpTemplatedRequest(request: LinePnpTemplatedPushRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof request.templateKey !== 'string' || request.templateKey === '')
    issues.push({ path: ['templateKey'], message: 'is required', code: 'required' });
  const body = request.body ?? {};
  const emphasized = body.emphasizedItem;
  if (emphasized) {
    if (!emphasized.itemKey)
      issues.push({ path: ['body', 'emphasizedItem', 'itemKey'], message: 'is required', code: 'required' });
    if (typeof emphasized.content !== 'string' || emphasized.content.length > L.maxPnpEmphasizedContent)
      issues.push({
        path: ['body', 'emphasizedItem', 'content'],
        message: `must be a string of at most ${L.maxPnpEmphasizedContent} characters`,
        code: 'max-length',
      });
  }
  const items = body.items ?? [];
  if (items.length > L.maxPnpItems)
    issues.push({
      path: ['body', 'items'],
      message: `has ${items.length} items; the limit is ${L.maxPnpItems}`,
      code: 'max-items',
    });
  items.forEach((item, index) => {
    if (!item.itemKey)
      issues.push({ path: ['body', 'items', index, 'itemKey'], message: 'is required', code: 'required' });
    if (typeof item.content !== 'string' || item.content.length > L.maxPnpItemContent)
      issues.push({
        path: ['body', 'items', index, 'content'],
        message: `must be a string of at most ${L.maxPnpItemContent} characters`,
        code: 'max-length',
      });
  });
  const buttons = body.buttons ?? [];
  if (buttons.length > L.maxPnpButtons)
    issues.push({
      path: ['body', 'buttons'],
      message: `has ${buttons.length} buttons; the limit is ${L.maxPnpButtons}`,
      code: 'max-items',
    });
  buttons.forEach((button, index) => {
    if (!button.buttonKey)
      issues.push({
        path: ['body', 'buttons', index, 'buttonKey'],
        message: 'is required',
        code: 'required',
      });
    if (typeof button.url !== 'string' || button.url.length === 0 || button.url.length > L.maxUri)
      issues.push({
        path: ['body', 'buttons', index, 'url'],
        message: `must be a URL of at most ${L.maxUri} characters`,
        code: 'max-length',
      });
  });
  return issues;
}
