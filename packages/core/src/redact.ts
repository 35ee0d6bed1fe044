/** Redaction of secrets in URLs, headers and bodies before they reach errors, hooks or logs. */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

const sensitiveHeader = /authorization|cookie|signature|secret|token|api[-_]?key|password|credential/i;
const sensitiveParam =
  /^(access_?token|token|key|api[-_]?key|secret|client_secret|signature|appsecret_proof|password|auth)$/i;
const phoneLike = /^\+?\d{7,15}$/;

/** True when a header of this name carries a credential. */
export function isSensitiveHeader(name: string): boolean {
  return sensitiveHeader.test(name);
}

/** Replaces every occurrence of each secret (length ≥ 4) in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets)
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Redacts a URL: credential query parameters, phone-number-like path segments and query values, and
 * any known secret.
 */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url, secrets);
  }
  parsed.username = parsed.username ? REDACTED : '';
  parsed.password = parsed.password ? REDACTED : '';
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => (phoneLike.test(decodeURIComponent(segment)) ? REDACTED : segment))
    .join('/');
  for (const [name, value] of [...parsed.searchParams]) {
    if (sensitiveParam.test(name) || phoneLike.test(value)) parsed.searchParams.set(name, REDACTED);
  }
  return redactText(parsed.toString(), secrets).replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/** Copies headers into a plain object with credentials and known secrets redacted. */
export function redactHeaders(
  headers: Headers | Readonly<Record<string, string>>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    out[name.toLowerCase()] = isSensitiveHeader(name) ? REDACTED : redactText(value, secrets);
  }
  return out;
}

/** Deep-copies a JSON-like value with every known secret redacted in its strings. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = redactValue(inner, secrets, depth + 1);
  return out;
}

/** Extracts the credential part of an Authorization header value (`Bearer abc` → `abc`). */
export function credentialOf(authorization: string): string[] {
  const [scheme, credential] = authorization.split(/\s+/, 2);
  if (!credential) return [authorization];
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    return [credential, ...decoded.split(':').filter((part) => part.length >= 4)];
  }
  return [credential];
}
