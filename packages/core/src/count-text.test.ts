import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countGraphemes, countSmsSegments, countText, isGsm7, type TextUnit } from './count-text.js';

const family = '👨‍👩‍👧‍👦';
const flag = '🇹🇼';
const notice =
  '親愛的會員您好，您訂購的商品已於今日出貨，預計三個工作天內送達，如有任何問題請來電客服專線，謝謝您的支持與愛護，祝您有美好的一天！';

describe('countText', () => {
  it.each<[string, string, Record<TextUnit, number>]>([
    ['ASCII', 'hello', { utf16: 5, codepoint: 5, grapheme: 5, 'utf8-byte': 5, 'sms-unit': 5 }],
    ['GSM accents', 'héllo', { utf16: 5, codepoint: 5, grapheme: 5, 'utf8-byte': 6, 'sms-unit': 5 }],
    ['GSM extension €', '5€', { utf16: 2, codepoint: 2, grapheme: 2, 'utf8-byte': 4, 'sms-unit': 3 }],
    ['Chinese', '你好', { utf16: 2, codepoint: 2, grapheme: 2, 'utf8-byte': 6, 'sms-unit': 2 }],
    ['emoji', '👍', { utf16: 2, codepoint: 1, grapheme: 1, 'utf8-byte': 4, 'sms-unit': 2 }],
    ['ZWJ family', family, { utf16: 11, codepoint: 7, grapheme: 1, 'utf8-byte': 25, 'sms-unit': 11 }],
    ['flag', flag, { utf16: 4, codepoint: 2, grapheme: 1, 'utf8-byte': 8, 'sms-unit': 4 }],
    ['skin tone', '👋🏽', { utf16: 4, codepoint: 2, grapheme: 1, 'utf8-byte': 8, 'sms-unit': 4 }],
    ['combining accent', 'e\u0301', { utf16: 2, codepoint: 2, grapheme: 1, 'utf8-byte': 3, 'sms-unit': 2 }],
    [
      'Japanese with emoji',
      'こんにちは👋',
      { utf16: 7, codepoint: 6, grapheme: 6, 'utf8-byte': 19, 'sms-unit': 7 },
    ],
    ['empty', '', { utf16: 0, codepoint: 0, grapheme: 0, 'utf8-byte': 0, 'sms-unit': 0 }],
  ])('%s', (_name, text, expected) => {
    for (const unit of Object.keys(expected) as TextUnit[]) {
      expect([unit, countText(text, unit)]).toEqual([unit, expected[unit]]);
    }
  });

  it('countGraphemes counts user-perceived characters', () => {
    expect(countGraphemes(`a${family}b${flag}`)).toBe(4);
  });
});

describe('isGsm7', () => {
  it.each([
    ['Hello @ £ $ ¥ è é ù ì ò Ç Ø ø Å å Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ Æ æ ß É ¤ ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü à\n\r', true],
    ['extension ^{}\\[~]|€\f', true],
    ['你好', false],
    ['emoji 👍', false],
    ['curly quote ’', false],
    ['', true],
  ])('%s → %s', (text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });
});

describe('countSmsSegments', () => {
  const a = (count: number) => 'a'.repeat(count);
  it.each([
    ['empty', '', 'GSM-7', 0, 0, 160],
    ['GSM-7 single', a(160), 'GSM-7', 160, 1, 160],
    ['GSM-7 one over', a(161), 'GSM-7', 161, 2, 153],
    ['GSM-7 two full', a(306), 'GSM-7', 306, 2, 153],
    ['GSM-7 three', a(307), 'GSM-7', 307, 3, 153],
    ['extension chars count 2 (80 € = 160)', '€'.repeat(80), 'GSM-7', 160, 1, 160],
    ['extension chars: 81 € never split → 2', '€'.repeat(81), 'GSM-7', 162, 2, 153],
    ['escape pair not split at a boundary', `${a(152)}€${a(152)}`, 'GSM-7', 306, 3, 153],
    ['escape pair fits exactly', `${a(151)}€${a(153)}`, 'GSM-7', 306, 2, 153],
    ['UCS-2 single', '你'.repeat(70), 'UCS-2', 70, 1, 70],
    ['UCS-2 one over', '你'.repeat(71), 'UCS-2', 71, 2, 67],
    ['UCS-2 two full', '你'.repeat(134), 'UCS-2', 134, 2, 67],
    ['UCS-2 three', '你'.repeat(135), 'UCS-2', 135, 3, 67],
    ['one emoji makes GSM text UCS-2', `${a(69)}👍`, 'UCS-2', 71, 2, 67],
    ['surrogate pair not split at a boundary', `${'你'.repeat(66)}😀${'你'.repeat(66)}`, 'UCS-2', 134, 3, 67],
    ['surrogate pair fits exactly', `${'你'.repeat(65)}😀${'你'.repeat(67)}`, 'UCS-2', 134, 2, 67],
    ['Chinese OTP text', '您的驗證碼是 123456，請於 5 分鐘內輸入。', 'UCS-2', 25, 1, 70],
    ['Chinese notice', notice, 'UCS-2', 65, 1, 70],
    ['Chinese notice twice', notice.repeat(2), 'UCS-2', 130, 2, 67],
    ['Chinese notice three times', notice.repeat(3), 'UCS-2', 195, 3, 67],
  ])('%s', (_name, text, encoding, units, segments, unitsPerSegment) => {
    expect(countSmsSegments(text)).toEqual({ encoding, units, segments, unitsPerSegment });
  });

  it('never splits a surrogate pair: n emoji fill 33 per concatenated segment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 36, max: 400 }), (count) => {
        const info = countSmsSegments('😀'.repeat(count));
        return (
          info.encoding === 'UCS-2' && info.units === 2 * count && info.segments === Math.ceil(count / 33)
        );
      }),
    );
  });

  it('never splits an escape pair: n € fill 76 per concatenated segment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 81, max: 800 }), (count) => {
        const info = countSmsSegments('€'.repeat(count));
        return (
          info.encoding === 'GSM-7' && info.units === 2 * count && info.segments === Math.ceil(count / 76)
        );
      }),
    );
  });

  it('segments lie between the unsplit bound and the one-unit-lost-per-segment bound (property)', () => {
    const unit = fc.constantFrom('a', 'é', '€', '{', '你', '😀', ' ', '\n');
    fc.assert(
      fc.property(
        fc.array(unit, { minLength: 1, maxLength: 600 }).map((chars) => chars.join('')),
        (text) => {
          const info = countSmsSegments(text);
          if (info.units !== countText(text, 'sms-unit')) return false;
          if (info.segments === 1) return info.units <= info.unitsPerSegment;
          return (
            info.segments >= Math.ceil(info.units / info.unitsPerSegment) &&
            info.segments <= Math.ceil(info.units / (info.unitsPerSegment - 1))
          );
        },
      ),
    );
  });
});
