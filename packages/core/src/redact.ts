/** Redaction of secrets in URLs, headers and bodies before they reach errors, hooks or logs. */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

const sensitiveHeader = /authorization|cookie|signature|secret|token|api[-_]?key|password|credential/i;
const sensitiveParam =
  /^(access_?token|token|key|api[-_]?key|secret|client_secret|signature|appsecret_proof|password|auth)$/i;
const phoneLike = /^\+?\d{7,15}$/;
const sevenDigits = /\d{7}/;

/** True when a header of this name carries a credential. */
export function isSensitiveHeader(name: string): boolean {
  return sensitiveHeader.test(name);
}

/**
 * Replaces every occurrence of each secret (length ≥ 4) in `text`. A secret that could re-form
 * around an inserted marker is replaced again; if it still shows, the whole text is withheld.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4 || REDACTED.includes(secret)) continue;
    for (let pass = 0; pass < 4 && out.includes(secret); pass++) out = out.split(secret).join(REDACTED);
    if (out.includes(secret)) return REDACTED;
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Redacts a URL: credential query parameters, phone-number-like path segments and query values, and
 * any known secret.
 */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  const known = [...secrets];
  for (const secret of secrets) {
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) known.push(encoded);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url, known);
  }
  parsed.username = parsed.username ? REDACTED : '';
  parsed.password = parsed.password ? REDACTED : '';
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => (phoneLike.test(safeDecode(segment)) ? REDACTED : segment))
    .join('/');
  for (const [name, value] of [...parsed.searchParams]) {
    if (sensitiveParam.test(name) || phoneLike.test(value)) parsed.searchParams.set(name, REDACTED);
  }
  return redactText(parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED), known);
}

/**
 * The values a URL carries that must not be shown: phone-number-like path segments, credential
 * query parameters and phone-number-like query values, and userinfo (decoded and as written).
 */
export function sensitiveUrlValues(url: URL): string[] {
  const out: string[] = [];
  const add = (raw: string) => {
    const decoded = safeDecode(raw);
    if (decoded.length >= 4) out.push(decoded);
    if (raw !== decoded && raw.length >= 4) out.push(raw);
  };
  if (url.username) add(url.username);
  if (url.password) add(url.password);
  // Every phone-like segment holds 7+ consecutive digits: skip the split for ordinary paths.
  if (sevenDigits.test(url.pathname)) {
    for (const segment of url.pathname.split('/')) if (phoneLike.test(safeDecode(segment))) add(segment);
  }
  if (url.search !== '') {
    for (const [name, value] of url.searchParams) {
      if (sensitiveParam.test(name) || phoneLike.test(value)) {
        if (value.length >= 4) out.push(value);
        const encoded = encodeURIComponent(value);
        if (encoded !== value && encoded.length >= 4) out.push(encoded);
      }
    }
  }
  return out;
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
