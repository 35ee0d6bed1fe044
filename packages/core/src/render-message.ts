import { ValidationError, type ValidationIssue } from './errors.js';
import type { Message, MessagePart } from './message-schema.js';

/** Variables available to `{{placeholders}}`; nested objects are reached with dots (`{{order.id}}`). */
export type MessageVariables = Readonly<Record<string, unknown>>;

/** Options of {@link renderMessage}. */
export interface RenderMessageOptions {
  /** What to do with a placeholder that has no value: throw (default) or leave it empty. */
  onMissing?: 'throw' | 'empty';
}

const identifierKeys = new Set(['type', 'channel', 'name', 'language', 'packageId', 'stickerId', 'style']);

const placeholder = /\{\{\s*([A-Za-z_][\w.-]*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

function lookup(variables: MessageVariables, dottedName: string): unknown {
  let current: unknown = variables;
  for (const key of dottedName.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringify(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

/**
 * Renders `{{name}}` and `{{name | fallback}}` placeholders in one string. Missing names are pushed
 * to `missing` as issues at `path`.
 */
export function renderTemplateString(
  template: string,
  variables: MessageVariables,
  path: readonly (string | number)[] = [],
  missing: ValidationIssue[] = [],
  options: RenderMessageOptions = {},
): string {
  if (!template.includes('{{')) return template;
  return template.replace(placeholder, (_match, name: string, fallback: string | undefined) => {
    const value = stringify(lookup(variables, name));
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    if (options.onMissing !== 'empty') {
      missing.push({ path, message: `missing variable "${name}"`, code: 'missing-variable' });
    }
    return '';
  });
}

/** Names of every placeholder in a message, e.g. to check a recipient list before sending. */
export function listMessageVariables(message: Message): string[] {
  const names = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(placeholder)) if (match[2] === undefined) names.add(match[1]!);
    } else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        // Same rule as renderMessage: a part's identifiers are never templated, so never listed.
        if (depth === 1 && identifierKeys.has(key)) continue;
        visit(inner, depth + 1);
      }
    }
  };
  visit(message.parts, 0);
  return [...names].sort();
}

function renderValue(
  value: unknown,
  variables: MessageVariables,
  path: (string | number)[],
  missing: ValidationIssue[],
  options: RenderMessageOptions,
): unknown {
  if (typeof value === 'string') return renderTemplateString(value, variables, path, missing, options);
  if (Array.isArray(value))
    return value.map((item, index) => renderValue(item, variables, [...path, index], missing, options));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // Identifiers at a part's top level select things rather than show them: never templated.
      const isIdentifier = path.length === 2 && identifierKeys.has(key);
      out[key] = isIdentifier ? inner : renderValue(inner, variables, [...path, key], missing, options);
    }
    return out;
  }
  return value;
}

/**
 * Personalises a message for one recipient. Every missing variable is reported at once in a
 * {@link ValidationError} whose issues name the field (`parts[0].text`) and the variable.
 */
export function renderMessage(
  message: Message,
  variables: MessageVariables,
  options: RenderMessageOptions = {},
): Message {
  const missing: ValidationIssue[] = [];
  const parts = message.parts.map(
    (part, index) => renderValue(part, variables, ['parts', index], missing, options) as MessagePart,
  );
  if (missing.length > 0) throw new ValidationError('Cannot personalise message', { issues: missing });
  return { ...message, parts };
}
