import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.js';

/** Converts zod issues into omnicast validation issues (path + message + rule code). */
export function toValidationIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): ValidationIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')],
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * Parses `input` with `schema`, throwing a {@link ValidationError} that lists every issue.
 * @param what - a noun for the error message, e.g. `message`.
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(`Invalid ${what}`, { issues: toValidationIssues(result.error.issues) });
}
