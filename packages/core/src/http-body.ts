import type { HttpBody, HttpQuery } from './http-types.js';

export function appendQuery(url: URL, query: HttpQuery | undefined): void {
  if (!query) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.append(key, String(value));
  }
}

export function encodeBody(
  body: HttpBody | undefined,
  headers: Record<string, string>,
): BodyInit | undefined {
  if (!body) return undefined;
  if ('json' in body) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(body.json);
  }
  if ('form' in body) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(body.form)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
      else params.append(key, String(value));
    }
    return params.toString();
  }
  if ('binary' in body) {
    headers['content-type'] ??= body.contentType;
    return body.binary as BodyInit;
  }
  return body.formData;
}

/** A 2xx body that was expected to be JSON but is not. */
export class NotJsonBody {
  constructor(readonly text: string) {}
}

export async function readBody(
  response: Response,
  type: 'json' | 'text' | 'binary' | 'none',
): Promise<unknown> {
  if (type === 'none') {
    // Not awaited: some fetch implementations (msw's interceptor) never settle a cancel.
    response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (type === 'binary') return new Uint8Array(await response.arrayBuffer());
  const text = await response.text();
  if (type === 'text') return text;
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    return new NotJsonBody(text);
  }
}

export async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}
