import { formatIssuePath, type ValidationIssue } from '@omnicast/core';

/** The body of every 400: each issue with a readable path, message and rule code. */
export function badRequest(message: string, issues: readonly ValidationIssue[]) {
  return {
    error: 'validation-failed' as const,
    message,
    issues: issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      message: issue.message,
      ...(issue.code ? { code: issue.code } : {}),
    })),
  };
}
