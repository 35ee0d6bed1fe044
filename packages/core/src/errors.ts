/**
 * The omnicast error hierarchy (HOUSE_STYLE §6). Branch on `reason`, never on status codes, and
 * check with the static `isInstance()` guards: they work across duplicated installs where
 * `instanceof` does not.
 */

const marker = Symbol.for('omnicast.error');
const kindKey = Symbol.for('omnicast.error.kind');

/** Why an API call failed, independent of the channel. Each channel maps its vendor codes onto it. */
export type ErrorReason =
  | 'rate-limited'
  | 'quota-exceeded'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'invalid-request'
  | 'recipient-unreachable'
  | 'outside-window'
  | 'conflict-already-accepted'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unknown';

/** Every reason, as data, e.g. for schemas and exhaustive tests. */
export const errorReasons: readonly ErrorReason[] = [
  'rate-limited',
  'quota-exceeded',
  'unauthorized',
  'forbidden',
  'not-found',
  'invalid-request',
  'recipient-unreachable',
  'outside-window',
  'conflict-already-accepted',
  'server-error',
  'network',
  'timeout',
  'aborted',
  'unknown',
];

type ErrorKind =
  | 'OmnicastError'
  | 'ApiCallError'
  | 'ValidationError'
  | 'UnsupportedFeatureError'
  | 'SignatureError'
  | 'ConfigurationError';

function hasKind(value: unknown, kind: ErrorKind): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<symbol, unknown>;
  if (record[marker] !== true) return false;
  if (kind === 'OmnicastError') return true;
  const kinds = record[kindKey];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/** Options shared by every omnicast error. */
export interface OmnicastErrorOptions {
  cause?: unknown;
}

/** Base class of every error omnicast throws. */
export class OmnicastError extends Error {
  /** @internal */
  readonly [marker] = true;
  /** @internal */
  readonly [kindKey]: readonly ErrorKind[] = ['OmnicastError'];

  constructor(message: string, options: OmnicastErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OmnicastError';
  }

  /** True for any omnicast error, even one from another copy of this package. */
  static isInstance(value: unknown): value is OmnicastError {
    return hasKind(value, 'OmnicastError');
  }

  /** @internal */
  protected tag(kind: ErrorKind): void {
    (this as { [kindKey]: readonly ErrorKind[] })[kindKey] = [...this[kindKey], kind];
    this.name = kind;
  }
}

/** Options of {@link ApiCallError}. */
export interface ApiCallErrorOptions extends OmnicastErrorOptions {
  channel: string;
  operation: string;
  reason: ErrorReason;
  statusCode?: number;
  isRetryable?: boolean;
  retryAfterMs?: number;
  vendorCode?: string | number;
  requestId?: string;
  /** Response body, already redacted. */
  responseBody?: unknown;
}

/** A call to a vendor API failed. */
export class ApiCallError extends OmnicastError {
  readonly channel: string;
  readonly operation: string;
  readonly reason: ErrorReason;
  declare readonly statusCode?: number;
  readonly isRetryable: boolean;
  declare readonly retryAfterMs?: number;
  declare readonly vendorCode?: string | number;
  declare readonly requestId?: string;
  declare readonly responseBody?: unknown;

  constructor(message: string, options: ApiCallErrorOptions) {
    super(message, options);
    this.tag('ApiCallError');
    this.channel = options.channel;
    this.operation = options.operation;
    this.reason = options.reason;
    this.isRetryable = options.isRetryable ?? defaultIsRetryable(options.reason);
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.vendorCode !== undefined) this.vendorCode = options.vendorCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.responseBody !== undefined) this.responseBody = options.responseBody;
  }

  static override isInstance(value: unknown): value is ApiCallError {
    return hasKind(value, 'ApiCallError');
  }
}

/** Whether a failure with this reason may succeed when tried again (absent other knowledge). */
export function defaultIsRetryable(reason: ErrorReason): boolean {
  return (
    reason === 'rate-limited' || reason === 'server-error' || reason === 'network' || reason === 'timeout'
  );
}

/** One problem found by validation: where it is and what rule it broke. */
export interface ValidationIssue {
  /** Path to the offending field, e.g. `['parts', 0, 'text']`. */
  path: readonly (string | number)[];
  message: string;
  /** Machine-readable rule name, e.g. `max-length`, `required`, `unsupported-part`. */
  code?: string;
}

/** Options of {@link ValidationError}. */
export interface ValidationErrorOptions extends OmnicastErrorOptions {
  issues: readonly ValidationIssue[];
}

/** Formats a path like `parts[0].text`. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(root)' : out;
}

/** Bad input: a message, filter or option broke one or more rules. Lists every issue at once. */
export class ValidationError extends OmnicastError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, options: ValidationErrorOptions) {
    const detail = options.issues
      .slice(0, 10)
      .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
      .join('; ');
    const more = options.issues.length > 10 ? ` (+${options.issues.length - 10} more)` : '';
    super(detail ? `${message}: ${detail}${more}` : message, options);
    this.tag('ValidationError');
    this.issues = options.issues;
  }

  static override isInstance(value: unknown): value is ValidationError {
    return hasKind(value, 'ValidationError');
  }
}

/** Options of {@link UnsupportedFeatureError}. */
export interface UnsupportedFeatureErrorOptions extends OmnicastErrorOptions {
  channel: string;
  feature: string;
}

/** A channel cannot render part of a message and `strict` mode forbids degrading it. */
export class UnsupportedFeatureError extends OmnicastError {
  readonly channel: string;
  readonly feature: string;

  constructor(message: string, options: UnsupportedFeatureErrorOptions) {
    super(message, options);
    this.tag('UnsupportedFeatureError');
    this.channel = options.channel;
    this.feature = options.feature;
  }

  static override isInstance(value: unknown): value is UnsupportedFeatureError {
    return hasKind(value, 'UnsupportedFeatureError');
  }
}

/** Options of {@link SignatureError}. */
export interface SignatureErrorOptions extends OmnicastErrorOptions {
  reason: 'missing-signature' | 'invalid-signature' | 'missing-body';
}

/** A webhook signature was missing or did not match. */
export class SignatureError extends OmnicastError {
  readonly reason: SignatureErrorOptions['reason'];

  constructor(message: string, options: SignatureErrorOptions) {
    super(message, options);
    this.tag('SignatureError');
    this.reason = options.reason;
  }

  static override isInstance(value: unknown): value is SignatureError {
    return hasKind(value, 'SignatureError');
  }
}

/** Options of {@link ConfigurationError}. */
export interface ConfigurationErrorOptions extends OmnicastErrorOptions {
  /** The option or credential at fault, e.g. `channelAccessToken`. */
  option?: string;
}

/** A missing credential or a bad option. */
export class ConfigurationError extends OmnicastError {
  declare readonly option?: string;

  constructor(message: string, options: ConfigurationErrorOptions = {}) {
    super(message, options);
    this.tag('ConfigurationError');
    if (options.option !== undefined) this.option = options.option;
  }

  static override isInstance(value: unknown): value is ConfigurationError {
    return hasKind(value, 'ConfigurationError');
  }
}
