/**
 * Text length counting in the units vendors use: UTF-16 code units (LINE, JavaScript), Unicode code
 * points, user-perceived characters (graphemes), UTF-8 bytes, and SMS GSM-7 septets / UCS-2 units.
 */

/** How a text limit is counted. */
export type TextUnit = 'utf16' | 'codepoint' | 'grapheme' | 'utf8-byte' | 'sms-unit';

const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extension = '\f^{}\\[~]|€';
const gsmBasic = new Set(Array.from(basic));
const gsmExtension = new Set(Array.from(extension));

let segmenter: Intl.Segmenter | undefined;

/** Number of user-perceived characters (extended grapheme clusters). */
export function countGraphemes(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** True when every character of `text` is in the GSM 03.38 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsmBasic.has(char) && !gsmExtension.has(char)) return false;
  return true;
}

/** SMS encoding and segment count of a text. */
export interface SmsSegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7, extension characters count 2) or UTF-16 units (UCS-2). */
  units: number;
  segments: number;
  /** Units per segment for this encoding and length (160/153 or 70/67). */
  unitsPerSegment: number;
}

/**
 * Counts SMS segments: GSM-7 160 single / 153 concatenated; UCS-2 70 / 67. Escape pairs and
 * surrogate pairs are never split across segments.
 */
export function countSmsSegments(text: string): SmsSegmentInfo {
  const gsm = isGsm7(text);
  const sizes: number[] = [];
  for (const char of text) {
    if (gsm) sizes.push(gsmExtension.has(char) ? 2 : 1);
    else sizes.push(char.length);
  }
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  if (units === 0) return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: 0, unitsPerSegment: single };
  if (units <= single)
    return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: 1, unitsPerSegment: single };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments, unitsPerSegment: multi };
}

/** Length of `text` in `unit`. For `sms-unit`: septets or UCS-2 units (see {@link countSmsSegments}). */
export function countText(text: string, unit: TextUnit): number {
  switch (unit) {
    case 'utf16':
      return text.length;
    case 'codepoint': {
      let count = 0;
      for (const _ of text) count++;
      return count;
    }
    case 'grapheme':
      return countGraphemes(text);
    case 'utf8-byte':
      return Buffer.byteLength(text, 'utf8');
    case 'sms-unit':
      return countSmsSegments(text).units;
  }
}
