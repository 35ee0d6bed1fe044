import { ValidationError } from './errors.js';
import { type Message, messageSchema } from './message-schema.js';
import { toValidationIssues } from './zod-issues.js';

/** The outcome of a safe parse: the value, or the error listing every issue. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: ValidationError };

/** Validates a unified message without throwing; the error lists every issue with its path. */
export function safeParseMessage(input: unknown): SafeParseResult<Message> {
  const result = messageSchema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    error: new ValidationError('Invalid message', { issues: toValidationIssues(result.error.issues) }),
  };
}

/** Validates a unified message, throwing a {@link ValidationError} that lists every issue. */
export function parseMessage(input: unknown): Message {
  const result = safeParseMessage(input);
  if (!result.success) throw result.error;
  return result.data;
}
